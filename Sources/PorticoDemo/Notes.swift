/// Markdown bodies of notes, written like the people who write them (buyers, accounts payable, vendors).
/// They only mention identifiers of their own party.
enum NoteText {
    static let site = "https://www.noordzee-handelsgroep.nl"

    static func vendorWelcome(dutch: Bool) -> String {
        dutch ? """
        Welkom op het **leveranciersportaal** van Noordzee Handelsgroep.

        - Facturen graag *altijd* met ons ordernummer.
        - Leveringen op werkdagen tussen 07:00 en 15:00 uur.
        - Vragen over betalingen? Mail naar [crediteuren@noordzee-handelsgroep.nl](mailto:crediteuren@noordzee-handelsgroep.nl).

        Zie ook onze [leveringsvoorwaarden](\(site)/leveranciers/voorwaarden).
        """ : """
        Welcome to the **supplier portal** of Noordzee Handelsgroep.

        - Please *always* quote our order number on invoices.
        - Deliveries on working days between 07:00 and 15:00.
        - Questions about payments? Write to [accounts.payable@noordzee-handelsgroep.nl](mailto:accounts.payable@noordzee-handelsgroep.nl).

        See our [terms of purchase](\(site)/suppliers/terms).
        """
    }

    static func vendorAgreement(dutch: Bool, rng: inout DemoRandom) -> String {
        let percent = rng.pick(["2", "2.5", "3"])
        return dutch ? """
        Raamovereenkomst 2026 verlengd tot en met 31-12-2027.

        1. Prijsindexering maximaal \(percent) % per jaar.
        2. Levertijd standaardartikelen: **5 werkdagen**.
        3. Retouren binnen 14 dagen, met retournummer.
        """ : """
        Framework agreement 2026 extended until 2027-12-31.

        1. Price indexation capped at \(percent) % per year.
        2. Lead time for stock items: **5 working days**.
        3. Returns within 14 days, with a return number.
        """
    }

    static func purchaseOrder(number: String, dutch: Bool, variant: Int) -> String {
        switch variant % 3 {
        case 0:
            return dutch ? """
            **Leverinstructies** voor \(number):

            - Leveren bij *dock 4–6*, melden bij de portier.
            - Vermeld `\(number)` op de pakbon.
            - Pallets maximaal 1,80 m hoog.
            """ : """
            **Delivery instructions** for \(number):

            - Deliver to *dock 4–6*, report to the gatehouse.
            - Quote `\(number)` on the packing slip.
            - Pallets no higher than 1.80 m.
            """
        case 1:
            return dutch ? """
            Graag de **orderbevestiging** binnen twee werkdagen; bij afwijkende levertijden _per regel_ aangeven.
            """ : """
            Please send your **order confirmation** within two working days; state deviating delivery dates _per line_.
            """
        default:
            return dutch ? """
            Afleveradres gewijzigd, zie hieronder:

            ```
            Noordzee Handelsgroep B.V.
            DC Rotterdam – ingang B
            Waalhaven Z.z. 46
            ```
            """ : """
            The delivery address changed, see below:

            ```
            Noordzee Handelsgroep B.V.
            DC Rotterdam – entrance B
            Waalhaven Z.z. 46
            ```
            """
        }
    }

    static func poLine(lineNo: Int, itemName: String, dutch: Bool) -> String {
        dutch ? """
        Regel \(lineNo) (*\(itemName)*): graag **per 10 stuks** verpakken en elke doos etiketteren met het artikelnummer.
        """ : """
        Line \(lineNo) (*\(itemName)*): please pack **in tens** and label every carton with the item number.
        """
    }

    static func vendorInvoice(number: String, dutch: Bool, variant: Int) -> String {
        switch variant % 3 {
        case 0:
            return dutch ? """
            De prijs op regel 2 wijkt af van de order (`€ 12,50` in plaats van `€ 11,95`).
            Graag een **creditnota** voor factuur \(number) of een schriftelijke bevestiging van de prijs.
            """ : """
            The unit price on line 2 differs from the order (`$12.50` instead of `$11.95`).
            Please send a **credit note** for invoice \(number) or confirm the price in writing.
            """
        case 1:
            return dutch ? """
            Uw EDI-bericht is geweigerd:

                ERR 4012: onbekend GLN 8712345000010

            Stuur de factuur opnieuw in via het portaal.
            """ : """
            Your EDI message was rejected:

            ```text
            ERR 4012: unknown GLN 8712345000010
            UNH+1+INVOIC:D:96A:UN'
            ```

            Please submit the invoice again through the portal.
            """
        default:
            return dutch ? """
            Factuur \(number) is _goedgekeurd_ en wordt betaald in de eerstvolgende betaalrun (dinsdag of vrijdag).
            """ : """
            Invoice \(number) is _approved_ and will be paid in the next payment run (Tuesday or Friday).
            """
        }
    }

    static func customer(dutch: Bool, rng: inout DemoRandom) -> String {
        if rng.chance(50) {
            return dutch ? """
            Welkom in uw **klantportaal**. Hier vindt u uw facturen, betalingen en maandoverzichten.

            - Betalen kan met *iDEAL*, creditcard of overboeking.
            - Een kopie van een factuur vraagt u aan met **Factuur opvragen**.

            Vragen? Bel 010 123 45 67 of mail [debiteuren@noordzee-handelsgroep.nl](mailto:debiteuren@noordzee-handelsgroep.nl).
            """ : """
            Welcome to your **customer portal**. Here you find your invoices, payments and monthly statements.

            - Pay by card or bank transfer.
            - Ask for a copy of an invoice with **Request invoice**.

            Questions? Write to [receivables@noordzee-handelsgroep.nl](mailto:receivables@noordzee-handelsgroep.nl).
            """
        }
        return dutch ? """
        Vanaf 1 januari gelden onze [nieuwe verkoopvoorwaarden](\(site)/verkoopvoorwaarden). De belangrijkste wijziging:
        bestellingen boven **€ 500** worden _franco_ geleverd.
        """ : """
        From January 1 our [new terms of sale](\(site)/terms-of-sale) apply. The main change:
        orders over **$500** ship _free of charge_.
        """
    }

    static func customerInvoice(number: String, dutch: Bool, variant: Int) -> String {
        switch variant % 3 {
        case 0:
            return dutch ? """
            Vermeld bij betaling het factuurnummer `\(number)`. Betaalt u binnen de kortingstermijn, dan mag u de
            **betalingskorting** inhouden.
            """ : """
            Please quote invoice number `\(number)` with your payment. If you pay within the discount period you may
            deduct the **cash discount**.
            """
        case 1:
            return dutch ? """
            Deze factuur vervangt de eerder verstuurde versie (verkeerd afleveradres). Excuses voor het ongemak.
            """ : """
            This invoice replaces the version sent earlier (wrong delivery address). Sorry for the inconvenience.
            """
        default:
            return dutch ? """
            **Herinnering**: deze factuur staat nog open. Heeft u al betaald? Dan kunt u dit bericht negeren.

            1. Controleer het bedrag.
            2. Betaal via de knop *Factuur betalen*.
            """ : """
            **Reminder**: this invoice is still open. Already paid? Then please ignore this message.

            1. Check the amount.
            2. Pay with the *Pay invoice* button.
            """
        }
    }

    /// Text that must never be published: every internal note carries the marker `INTERNAL-ONLY`.
    static func internalNote(variant: Int) -> String {
        switch variant % 4 {
        case 0:
            return """
            INTERNAL-ONLY: credit limit under review by finance. **Do not share** the rating (`B-`) with the party.
            """
        case 1:
            return """
            INTERNAL-ONLY

            Watch list: late deliveries on 3 of the last 10 orders. Consider the alternative supplier for
            _critical_ items. See the [supplier scorecard](https://bi.noordzee.internal/scorecard).
            """
        case 2:
            return """
            INTERNAL-ONLY — margin on this deal is below target:

            ```
            net price   11.95
            cost price  11.20
            margin       6.3 %
            ```
            """
        default:
            return """
            INTERNAL-ONLY: dispute with the carrier about damaged pallets, claim `CLM-2026-118`. Legal is informed;
            - do not mention the claim externally;
            - keep the invoice on hold until legal agrees.
            """
        }
    }

    /// An external note that tries every trick: raw HTML, script, event handlers, `javascript:` and `data:` links.
    static func hostile(dutch: Bool) -> String {
        (dutch ? "Zie de bijgevoegde prijslijst." : "Please check the attached price list.") + """


        <script>alert(1)</script>

        <img src=x onerror=alert(1)>

        [click](javascript:alert(1)) and [preview](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

        <a href="javascript:alert(2)">raw link</a> and <b onmouseover="alert(3)">hover</b> <iframe src="https://evil.example/"></iframe>
        """
    }
}
