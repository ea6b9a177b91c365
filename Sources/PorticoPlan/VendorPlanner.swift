import Foundation
import PorticoCatalog
import PorticoMarkdown
import PorticoModel
import PorticoStore

/// Plans every file of one vendor's portal from its catalog.
public struct VendorPlanner {
    let env: PlanEnvironment
    let catalog: VendorCatalog
    let locale: SupportedLocale
    let f: LocaleFormats
    let t: Labels
    let base: String
    /// Each invoice's list row by invoice id, made once: an invoice is on two lists and in the data file, and a row
    /// formats a dozen values. `row(_:from:)` makes its `href` relative to a page.
    private(set) var rows: [Int64: InvoiceRow] = [:]

    public init(env: PlanEnvironment, catalog: VendorCatalog, formats: Formats) {
        self.env = env
        self.catalog = catalog
        locale = env.locale(for: catalog.vendor.locale)
        f = formats(locale)
        t = env.labels[locale] ?? Labels(language: locale.language, values: [:])
        base = Paths.vendor(catalog.vendor.account)
        var rows: [Int64: InvoiceRow] = [:]
        rows.reserveCapacity(catalog.invoices.count)
        for inv in catalog.invoices { rows[inv.record.id] = makeRow(inv) }
        self.rows = rows
    }

    enum Section { case workspace, invoices, orders, consignment, payments, transactions }

    var invoicesFolder: String { base + "invoices/" }
    func invoicePath(_ id: Int64) -> String { base + "invoices/\(id).html" }
    func tileFolder(_ tile: VendorInvoiceTile) -> String { base + "invoices/\(tile.rawValue)/" }

    /// Every file of the portal.
    public func plan() -> [PlannedFile] {
        var files: [PlannedFile] = []
        files.append(workspace())
        files += invoiceList(tile: nil)
        for tile in VendorInvoiceTile.allCases { files += invoiceList(tile: tile) }
        files += catalog.invoices.map(invoicePage)
        files.append(payments())
        files.append(transactions())
        files.append(dataFile())
        files.append(csvFile())
        files += orderFiles()
        files += publishedAttachments.map { PlannedFile(path: attachmentPath($0), content: .bytes($0.content)) }
        return files
    }

    // MARK: Shared pieces

    func page(_ path: String, title: String, section: Section, template: String, _ context: any TemplateContext) -> PlannedFile {
        let link = { (target: String) in Paths.relative(from: path, to: target) }
        let p = PartyContext(name: catalog.vendor.name, account: catalog.vendor.account, home: link(base))
        let nav = [
            NavItem(label: t["nav_workspace"], href: link(base), current: section == .workspace),
            NavItem(label: t["nav_invoices"], href: link(invoicesFolder), current: section == .invoices),
            NavItem(label: t["nav_orders"], href: link(listFolder(.forReview)), current: section == .orders),
            NavItem(label: t["nav_consignment"], href: link(consignmentFolder + "on-hand/"), current: section == .consignment),
            NavItem(label: t["nav_payments"], href: link(base + "payments/"), current: section == .payments),
            NavItem(label: t["nav_transactions"], href: link(base + "transactions/"), current: section == .transactions),
        ]
        let root = env.page(path: path, locale: locale, formats: f, title: title, party: p, nav: nav, page: context)
        return PlannedFile(path: path, content: .page(template: template, context: root))
    }

    func statusLabel(_ s: VendorInvoiceStatus) -> String { t.label("status_", s.rawValue) }
    func paymentLabel(_ s: VendorPaymentStatus) -> String { t.label("payment_", s.rawValue) }
    func matchingLabel(_ s: MatchingStatus) -> String { t.label("matching_", s.rawValue) }
    func tileLabel(_ tile: VendorInvoiceTile) -> String { t.label("tile_", tile.rawValue, dashesAsUnderscores: true) }

    func notes(_ records: [NoteRecord]) -> [NoteContext] { PartyPages.notes(records, f) }

    /// Attachments linked from this portal's pages: the vendor's own, its invoices' and its (non-draft) orders'.
    var publishedAttachments: [AttachmentRecord] {
        let invoices = Set(catalog.invoices.map { String($0.id) })
        let orders = Set(catalog.orders.map(\.number))
        return catalog.attachments.filter {
            switch $0.subjectType {
            case .vendor: true
            case .vendorInvoice: invoices.contains($0.subjectKey)
            case .purchaseOrder, .poLine: orders.contains($0.subjectKey)
            case .customer, .customerInvoice: false
            }
        }
    }

    func attachmentPath(_ a: AttachmentRecord) -> String { PartyPages.attachmentPath(base: base, a) }

    func attachments(_ records: [AttachmentRecord], from path: String) -> [AttachmentLink] { PartyPages.attachments(records, base: base, from: path) }

    /// The invoice's list row, its link relative to the page at `path`.
    func row(_ inv: VendorInvoice, from path: String) -> InvoiceRow {
        var row = rows[inv.record.id] ?? makeRow(inv)
        row.href = Paths.relative(from: path, to: invoicePath(inv.record.id))
        return row
    }

    /// The row with an empty `href` (`row(_:from:)` sets it).
    private func makeRow(_ inv: VendorInvoice) -> InvoiceRow {
        let r = inv.record
        return InvoiceRow(
            id: r.id, href: "", number: r.invoiceNumber, po: r.poNumber,
            invoiceDate: f.date(r.invoiceDate), invoiceDateISO: r.invoiceDate.description, dueDate: f.date(r.dueDate),
            dueDateISO: r.dueDate.description, total: f.money(inv.total), amount: inv.total.plainDecimal, currency: r.currency.code,
            status: statusLabel(r.status), statusKey: r.status.rawValue, paymentStatus: paymentLabel(inv.paymentStatus),
            paymentStatusKey: inv.paymentStatus.rawValue, matching: matchingLabel(r.matchingStatus), matchingKey: r.matchingStatus.rawValue,
            tile: inv.tile?.rawValue ?? "")
    }

    // MARK: Pages

    func workspace() -> PlannedFile {
        let path = base + "index.html"
        let tiles = VendorInvoiceTile.allCases.map { tile in
            let s = catalog.summary(of: tile)
            return Tile(key: tile.rawValue, label: tileLabel(tile), count: s.count, totals: s.totals.amounts.map(f.money),
                        href: Paths.relative(from: path, to: tileFolder(tile)))
        }
        let latest = catalog.invoices.prefix(5).map { row($0, from: path) }
        let context = WorkspacePage(
            tiles: tiles, latest: Array(latest), allInvoices: Paths.relative(from: path, to: invoicesFolder),
            payments: Paths.relative(from: path, to: base + "payments/"), transactions: Paths.relative(from: path, to: base + "transactions/"),
            notes: notes(catalog.notes), attachments: attachments(catalog.attachments.filter { $0.subjectType == .vendor }, from: path),
            orderLists: orderSummaries(from: path), consignment: consignmentSummary, feedHref: Paths.relative(from: path, to: base + "feed.xml"))
        return page(path, title: t["workspace_title"], section: .workspace, template: "vendor/workspace", context)
    }

    func invoiceList(tile: VendorInvoiceTile?) -> [PlannedFile] {
        let folder = tile.map(tileFolder) ?? invoicesFolder
        let invoices = tile.map(catalog.invoices(in:)) ?? catalog.invoices
        let heading = tile.map(tileLabel) ?? t["invoices_all"]
        let intro = tile.map { t.label("tile_", $0.rawValue, "_intro", dashesAsUnderscores: true) } ?? t["invoices_all_intro"]
        let statusOptions = VendorInvoiceStatus.allCases.map { FilterOption(value: $0.rawValue, label: statusLabel($0)) }
        let paymentOptions = VendorPaymentStatus.allCases.map { FilterOption(value: $0.rawValue, label: paymentLabel($0)) }
        return PartyPages.pages(invoices, folder: folder, size: env.config.pageSize, labels: t).map { p in
            let path = p.path
            let tabs = [Link(label: t["invoices_all"], href: Paths.relative(from: path, to: invoicesFolder), current: tile == nil)]
                + VendorInvoiceTile.allCases.map { Link(label: tileLabel($0), href: Paths.relative(from: path, to: tileFolder($0)), current: tile == $0) }
            let context = InvoiceListPage(
                heading: heading, intro: intro, tabs: tabs, rows: p.items.map { row($0, from: path) }, pagination: p.pagination,
                dataHref: Paths.relative(from: path, to: invoicesFolder + "invoices.json"),
                csvHref: Paths.relative(from: path, to: invoicesFolder + "invoices.csv"),
                statusOptions: statusOptions, paymentOptions: paymentOptions, pageSize: env.config.pageSize, tile: tile?.rawValue ?? "",
                base: Paths.relative(from: path, to: base))
            let title = p.isOnly ? heading : t.format("title_paged", ["title": heading, "page": String(p.number)])
            return page(path, title: title, section: .invoices, template: "vendor/invoices", context)
        }
    }

    func invoicePage(_ inv: VendorInvoice) -> PlannedFile {
        let path = invoicePath(inv.id)
        let r = inv.record
        var header = [
            Field(label: t["col_invoice_number"], value: r.invoiceNumber),
            Field(label: t["col_purchase_order"], value: r.poNumber ?? "—"),
            Field(label: t["col_invoice_date"], value: f.date(r.invoiceDate), machine: r.invoiceDate.description),
            Field(label: t["col_due_date"], value: f.date(r.dueDate), machine: r.dueDate.description),
            Field(label: t["col_currency"], value: r.currency.code),
            Field(label: t["col_status"], value: statusLabel(r.status)),
            Field(label: t["col_payment_status"], value: paymentLabel(inv.paymentStatus)),
            Field(label: t["col_matching"], value: matchingLabel(r.matchingStatus)),
        ]
        if let s = r.submittedAt { header.append(Field(label: t["col_submitted_at"], value: f.timestamp(s), machine: s.description)) }
        if let p = r.postedAt { header.append(Field(label: t["col_posted_at"], value: f.timestamp(p), machine: p.description)) }
        let lines = inv.lines.map { l in
            InvoiceLineRow(
                lineNo: l.lineNo, item: l.itemNumber.map { n in l.itemName.map { "\(n) · \($0)" } ?? n }, description: l.description,
                quantity: f.quantity(l.quantity), unit: l.unit, unitPrice: f.money(Money(l.unitPriceMinor, r.currency)),
                amount: f.money(Money(l.amountMinor, r.currency)), verification: t.label("verification_", l.verificationStatus.rawValue),
                verificationKey: l.verificationStatus.rawValue)
        }
        let events = inv.events.map { e in
            EventRow(at: f.timestamp(e.at), atISO: e.at.description, from: e.fromStatus.map(statusLabel), to: statusLabel(e.toStatus),
                     toKey: e.toStatus.rawValue, actor: e.actor, comment: e.comment)
        }
        let steps = inv.nextSteps.map { StepRow(status: statusLabel($0), statusKey: $0.rawValue, explanation: t["next_\(r.status.rawValue)_\($0.rawValue)"]) }
        let settlements = inv.settlements.map { s, p in
            SettlementRow(paidAt: f.date(p.paidAt), paidAtISO: p.paidAt.description, reference: p.reference, method: p.method,
                          amount: f.money(Money(s.amountMinor, r.currency)),
                          href: Paths.relative(from: path, to: base + "payments/") + "#payment-\(p.id)")
        }
        let context = InvoicePage(
            number: r.invoiceNumber, status: statusLabel(r.status), statusKey: r.status.rawValue, paymentStatus: paymentLabel(inv.paymentStatus),
            paymentStatusKey: inv.paymentStatus.rawValue, header: header, lines: lines, subtotal: f.money(inv.subtotal), tax: f.money(inv.tax),
            total: f.money(inv.total), settled: f.money(inv.settled), open: f.money(inv.open), events: events, nextSteps: steps,
            stepsNote: t.label("rule_", r.status.rawValue), settlements: settlements, notes: notes(inv.notes),
            attachments: attachments(inv.attachments, from: path), backHref: Paths.relative(from: path, to: invoicesFolder))
        return page(path, title: t.format("invoice_title", ["number": r.invoiceNumber]), section: .invoices, template: "vendor/invoice", context)
    }

    func payments() -> PlannedFile {
        let path = base + "payments/index.html"
        let rows = catalog.payments.map { p in
            PaymentRow(
                id: p.record.id, paidAt: f.date(p.record.paidAt), paidAtISO: p.record.paidAt.description, amount: f.money(p.amount),
                method: p.record.method, reference: p.record.reference,
                settled: p.settled.map { s in
                    SettledInvoice(number: s.invoiceNumber, href: Paths.relative(from: path, to: invoicePath(s.invoiceId)), amount: f.money(s.amount))
                })
        }
        return page(path, title: t["payments_title"], section: .payments, template: "vendor/payments", PaymentsPage(payments: rows))
    }

    func transactions() -> PlannedFile {
        let path = base + "transactions/index.html"
        let ledgers = catalog.ledger.keys.sorted().map { currency in
            let entries = catalog.ledger[currency] ?? []
            let rows = entries.map { e in
                let label: String
                let href: String
                switch e.kind {
                case .invoice:
                    label = t.format("ledger_invoice", ["number": e.label])
                    href = Paths.relative(from: path, to: invoicePath(e.reference))
                case .cancellation:
                    label = t.format("ledger_cancellation", ["number": e.label])
                    href = Paths.relative(from: path, to: invoicePath(e.reference))
                case .payment:
                    label = t.format("ledger_payment", ["reference": e.label])
                    href = Paths.relative(from: path, to: base + "payments/") + "#payment-\(e.reference)"
                }
                let magnitude = Money(abs(e.amount.minor), e.amount.currency)
                return LedgerRow(date: f.date(e.day), dateISO: e.day.description, kind: e.kind.rawValue, label: label, href: href,
                                 debit: e.amount.minor < 0 ? f.money(magnitude) : nil, credit: e.amount.minor >= 0 ? f.money(magnitude) : nil,
                                 balance: f.money(e.balance))
            }
            return Ledger(currency: currency.code, caption: t.format("ledger_caption", ["currency": currency.code]), rows: rows,
                          closing: entries.last.map { f.money($0.balance) } ?? f.money(Money(0, currency)))
        }
        return page(path, title: t["transactions_title"], section: .transactions, template: "vendor/transactions", TransactionsPage(ledgers: ledgers))
    }

    // MARK: Data files

    /// The data the invoice lists filter, sort and search in the browser; hrefs relative to the vendor's folder.
    func dataFile() -> PlannedFile {
        let rows = catalog.invoices.map { row($0, from: base + "index.html") }
        return PlannedFile(path: invoicesFolder + "invoices.json", content: .bytes(PartyPages.json(rows)))
    }

    func csvFile() -> PlannedFile {
        let header = ["invoice_number", "purchase_order", "invoice_date", "due_date", "currency", "total", "tax", "settled", "open",
                      "status", "payment_status", "matching_status"]
        let rows = catalog.invoices.map { inv -> [String] in
            let r = inv.record
            return [r.invoiceNumber, r.poNumber ?? "", r.invoiceDate.description, r.dueDate.description, r.currency.code,
                    inv.total.plainDecimal, inv.tax.plainDecimal, inv.settled.plainDecimal, inv.open.plainDecimal,
                    r.status.rawValue, inv.paymentStatus.rawValue, r.matchingStatus.rawValue]
        }
        return PlannedFile(path: invoicesFolder + "invoices.csv", content: .bytes(CSV.encode(header: header, rows: rows)))
    }
}
