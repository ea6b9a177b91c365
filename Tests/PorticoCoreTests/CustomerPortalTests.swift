import Foundation
import PorticoCore
import PorticoModel
import PorticoPlan
import PorticoTestSupport
import Testing

@Suite("The customer portal")
struct CustomerPortalTests {
    func config(_ json: String) throws -> String {
        let path = Fixture.temporaryPath("config") + ".json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("one portal per enabled invoice account; a member's users get the organisation's, with its invoices and requests")
    func portals() throws {
        let built = try Built(Fixture.small)
        let files = try built.files()
        let customers = Set(files.filter { $0.hasPrefix("customers/") }.map { $0.split(separator: "/")[1] })
        #expect(customers == ["C500", "C510", "C520"], "no portal for the member C511 nor the disabled C530")
        let org = try built.text("customers/C510/index.html")
        #expect(org.contains("SI-510002"))
        #expect(try built.text("customers/C510/requests/index.html").contains("sub@holding.example"), "the member's request")
        #expect(try built.text("customers/C510/index.html").contains("Subsidiary note"))
        for path in files where !path.hasPrefix("customers/C510/") {
            let text = String(decoding: try built.bytes(path), as: UTF8.self)
            #expect(!text.contains("SI-510"), "\(path) shows the organisation's invoice")
            #expect(!text.contains("C511"), "\(path) names the member")
        }
        let map = try String(contentsOfFile: built.out + "/access/customer-portals.json", encoding: .utf8)
        #expect(map.contains("\"C511\" : \"C510\""))
        #expect(!map.contains("C530"))
    }

    @Test("a member's invoice is in its invoice account's portal, naming the member as the billed account, and in no other")
    func memberInvoice() throws {
        // Before the leak guard's data mapped each member account to its portal, the member's account on this page
        // stopped the whole build ("holds 'C511', which belongs to customer C511").
        let built = try Built(Fixture.small + """
            INSERT INTO customer_invoice VALUES ('SI-511001','C511','SUB-9','2026-10-20','2026-11-19','EUR',2420,420,NULL,NULL);
            INSERT INTO customer_invoice_line VALUES ('SI-511001',1,NULL,'Member line','1',2000,2000);
            """)
        let page = try built.text("customers/C510/invoices/SI-511001.html")
        #expect(page.contains("Member line"))
        #expect(page.contains("C511"), "the billed account")
        #expect(try built.text("customers/C510/index.html").contains("SI-511001"))
        for path in try built.files() where !path.hasPrefix("customers/C510/") {
            #expect(!String(decoding: try built.bytes(path), as: UTF8.self).contains("SI-511001"), "\(path) shows the member's invoice")
        }
    }

    @Test("payment terms in the reader's language, percentages per locale; changed terms render the account again")
    func paymentTerms() throws {
        let out = Fixture.temporaryPath("out")
        let first = try Built(Fixture.small, out: out)
        #expect(try first.text("customers/C500/index.html").contains("Betalingsvoorwaarden:</span> Netto 30 dagen</p>"))
        let second = try Built(Fixture.small + """
            UPDATE payment_terms SET net_days = 45, discount_days = 14, discount_percent = '1.5' WHERE code = 'NET30';
            UPDATE customer SET locale = 'en-US' WHERE account = 'C510';
            """, out: out)
        #expect(try second.text("customers/C500/index.html").contains("Netto 45 dagen · 1,5% betalingskorting bij betaling binnen 14 dagen</p>"))
        #expect(try second.text("customers/C510/index.html").contains("Payment terms:</span> Net 45 days · 1.5% cash discount if paid within 14 days</p>"))
        #expect(second.summary.partiesRendered.contains(PartyRef(.customer, "C500")), "the terms are part of the account's rows")
        #expect(second.summary.partiesReused.contains(PartyRef(.vendor, "V100")))
    }

    @Test("no customer's folder holds another customer's invoices, and nothing internal")
    func noLeaks() throws {
        let built = try Built(Fixture.small)
        let own = ["C500": "SI-500", "C510": "SI-510", "C520": "SI-520"]
        for path in try built.files() where path.hasPrefix("customers/") {
            let account = String(path.split(separator: "/")[1])
            let text = String(decoding: try built.bytes(path), as: UTF8.self)
            for (other, prefix) in own where other != account { #expect(!text.contains(prefix), "\(path) shows \(other)'s invoices") }
            #expect(!text.contains("SI-530"))
            #expect(!text.contains("INTERNAL-ONLY"))
            #expect(!text.contains("VD-2026"), "\(path) shows a vendor's invoice")
        }
    }

    @Test("statuses, overdue days, discount and credit notes on the pages; JPY without decimals")
    func pages() throws {
        let built = try Built(Fixture.small)
        let partly = try built.text("customers/C500/invoices/SI-500002.html")
        #expect(partly.contains("Gedeeltelijk betaald"))
        #expect(partly.contains("20 dagen vervallen"))
        #expect(partly.contains("Please pay the <strong>rest</strong> soon."))
        let discount = try built.text("customers/C500/invoices/SI-500003.html")
        #expect(discount.contains("1,21 bij volledige betaling uiterlijk 20 nov 2026: betaal"))
        #expect(discount.contains("59,29."), "the total less the discount")
        let credit = try built.text("customers/C500/invoices/SI-500004.html")
        #expect(credit.contains("Creditnota"))
        let jpy = try built.text("customers/C520/invoices/SI-520001.html")
        #expect(jpy.contains("¥1,234,567"))
        #expect(jpy.contains("¥734,567"), "open amount")
        #expect(!jpy.contains("¥1,234,567."), "no decimals for JPY")
        let overdue = try built.text("customers/C500/invoices/overdue/index.html")
        #expect(overdue.contains("SI-500002") && !overdue.contains("SI-500003") && !overdue.contains("SI-500001"))
        let overview = try built.text("customers/C500/index.html")
        #expect(overview.contains("<svg class=\"aging-chart\""))
        #expect(overview.contains("<title id=\"aging-eur-title\">"))
        #expect(overview.contains("<desc id=\"aging-eur-desc\">"))
        let csv = try built.text("customers/C500/invoices/invoices.csv")
        #expect(csv.contains("SI-500002,,2026-10-01,2026-10-31,EUR,242.00,42.00,100.00,142.00,partially_paid,1,20,,"))
    }

    @Test("the payment hand-off fills the operator's URL, percent-encoded, in nl and en, for amounts with many digits")
    func paymentHandOff() throws {
        let path = try config("""
        {"payment": {"url_template": "https://pay.example.com/checkout?acct={account}&inv={invoice}&amount={amount}&cur={currency}&merchant=Noordzee%20B.V.", "minimum": "1.00"},
         "requests": {"mode": "email", "email": "ar@noordzee.example"}}
        """)
        let built = try Built(Fixture.small, config: path)
        let big = try built.text("customers/C510/invoices/SI-510002.html")
        #expect(big.contains("href=\"https://pay.example.com/checkout?acct=C510&amp;inv=SI-510002&amp;amount=1234567890.12&amp;cur=EUR&amp;merchant=Noordzee%20B.V.\""))
        #expect(big.contains("<form class=\"pay-form\" method=\"get\" action=\"https://pay.example.com/checkout\""))
        #expect(big.contains("<input type=\"hidden\" name=\"merchant\" value=\"Noordzee B.V.\">"))
        #expect(big.contains("<input type=\"hidden\" name=\"inv\" value=\"SI-510002\">"))
        #expect(big.contains("name=\"amount\" type=\"number\" inputmode=\"decimal\" required min=\"1.00\" max=\"1234567890.12\" step=\"0.01\""))
        let jpy = try built.text("customers/C520/invoices/SI-520001.html")
        #expect(jpy.contains("amount=734567&amp;cur=JPY"))
        #expect(jpy.contains("step=\"1\""))
        #expect(jpy.contains("max=\"734567\""))
        let paid = try built.text("customers/C500/invoices/SI-500001.html")
        #expect(!paid.contains("pay-form"), "nothing to pay on a paid invoice")
        let mail = try built.text("customers/C500/invoices/SI-500002.html")
        #expect(mail.contains("href=\"mailto:ar@noordzee.example?subject=Kopie%20van%20factuur%20SI-500002&amp;body=Graag%20een%20kopie"))
        let english = try built.text("customers/C520/invoices/SI-520001.html")
        #expect(english.contains("subject=Copy%20of%20invoice%20SI-520001"))
    }

    @Test("without a payment URL there is no pay form; a template outside the query needs the script, and the full-amount link works")
    func paymentModes() throws {
        let none = try Built(Fixture.small)
        #expect(!(try none.text("customers/C500/invoices/SI-500002.html")).contains("pay-form"))
        #expect(!(try none.text("customers/C500/invoices/SI-500002.html")).contains("request-link"))
        let path = try config(#"{"payment": {"url_template": "https://pay.example.com/{account}/{invoice}/{amount}/{currency}"}, "requests": {"mode": "endpoint", "url_template": "/actions/request?invoice={invoice}&email={email}"}}"#)
        let built = try Built(Fixture.small, config: path)
        let page = try built.text("customers/C500/invoices/SI-500002.html")
        #expect(page.contains("hidden data-needs-script"))
        #expect(page.contains("href=\"https://pay.example.com/C500/SI-500002/142.00/EUR\""))
        #expect(page.contains("data-template=\"https://pay.example.com/C500/SI-500002/{amount}/EUR\""))
        #expect(page.contains("href=\"/actions/request?invoice=SI-500002&amp;email=inkoop%40jansen.example\""))
    }

    @Test("URL values are percent-encoded byte by byte")
    func encoding() {
        #expect(URLTemplate.encode("A/1 ë&=?") == "A%2F1%20%C3%AB%26%3D%3F")
        #expect(URLTemplate.fill("x?a={account}&n={amount}", ["account": "A B", "amount": "12345678901234.56"]) == "x?a=A%20B&n=12345678901234.56")
    }

    @Test("monthly statements for every month with activity, printable")
    func statements() throws {
        let built = try Built(Fixture.small)
        let files = try built.files().filter { $0.hasPrefix("customers/C500/statements/") }
        #expect(files == ["customers/C500/statements/2026-07.html", "customers/C500/statements/2026-08.html", "customers/C500/statements/2026-10.html",
                          "customers/C500/statements/2026-11.html", "customers/C500/statements/index.html"])
        let october = try built.text("customers/C500/statements/2026-10.html")
        #expect(october.contains("Afschrift oktober 2026"))
        #expect(october.contains("Beginsaldo</th><td></td><td></td><td class=\"num\">€\u{A0}-12,10</td>"), "opening: 121,00 invoiced - 121,00 paid - 12,10 credit")
        #expect(october.contains("Eindsaldo</th><td class=\"num\">€\u{A0}129,90</td>"), "closing: -12,10 + 242,00 - 100,00")
        #expect(october.contains("print-button"))
    }
}
