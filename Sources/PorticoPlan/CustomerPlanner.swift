import Foundation
import PorticoCatalog
import PorticoMarkdown
import PorticoModel
import PorticoStore

/// Plans every file of one invoice account's portal. Everything is as of the export's day.
public struct CustomerPlanner {
    let env: PlanEnvironment
    let catalog: CustomerCatalog
    let locale: SupportedLocale
    let f: LocaleFormats
    let t: Labels
    let base: String
    var asOf: Day { catalog.asOf }
    /// Each invoice's page, by invoice number (pages, lists, statements and requests link to it).
    private(set) var invoicePaths: [String: String] = [:]
    /// Each invoice's list row (in `catalog.invoices`' order), made once: an invoice is on two or three lists and
    /// in the data file, and a row formats ten values. Its `href` is relative to the portal's folder, as in the data
    /// file; `row(_:from:)` makes it relative to a page.
    private(set) var rows: [CustomerInvoiceRow] = []

    public init(env: PlanEnvironment, catalog: CustomerCatalog, formats: Formats) {
        self.env = env
        self.catalog = catalog
        locale = env.locale(for: catalog.customer.locale)
        f = formats(locale)
        t = env.labels[locale] ?? Labels(language: locale.language, values: [:])
        base = Paths.customer(catalog.customer.account)
        var paths: [String: String] = [:]
        for inv in catalog.invoices where paths[inv.number] == nil {
            paths[inv.number] = base + "invoices/" + Paths.segment(inv.number) + ".html"
        }
        invoicePaths = paths
        rows = catalog.invoices.map { makeRow($0) }
    }

    enum Section { case overview, invoices, statements, requests }
    /// The invoice lists: all, and one per payment state.
    enum List: String, CaseIterable { case all = "", unpaid, partiallyPaid = "partially-paid", paid, overdue }

    var invoicesFolder: String { base + "invoices/" }
    func listFolder(_ list: List) -> String { list == .all ? invoicesFolder : invoicesFolder + list.rawValue + "/" }
    func invoicePath(_ number: String) -> String { invoicePaths[number] ?? invoicesFolder + Paths.segment(number) + ".html" }
    var statementsFolder: String { base + "statements/" }
    func statementPath(_ month: String) -> String { statementsFolder + month + ".html" }

    public func plan() -> [PlannedFile] {
        var files: [PlannedFile] = [overview()]
        for list in List.allCases { files += invoiceList(list) }
        files += catalog.invoices.map(invoicePage)
        files.append(dataFile())
        files.append(csvFile())
        files.append(statementsIndex())
        let months = catalog.statementMonths
        for (i, month) in months.enumerated() {
            files.append(statementPage(month, previous: i > 0 ? months[i - 1] : nil, next: i + 1 < months.count ? months[i + 1] : nil))
        }
        files.append(requestsPage())
        files += publishedAttachments.map { PlannedFile(path: attachmentPath($0), content: .bytes($0.content)) }
        return files
    }

    // MARK: Shared pieces

    func page(_ path: String, title: String, section: Section, template: String, _ context: any TemplateContext) -> PlannedFile {
        let link = { (target: String) in Paths.relative(from: path, to: target) }
        let party = PartyContext(name: catalog.customer.name, account: catalog.customer.account, home: link(base))
        let nav = [
            NavItem(label: t["nav_overview"], href: link(base), current: section == .overview),
            NavItem(label: t["nav_invoices"], href: link(invoicesFolder), current: section == .invoices),
            NavItem(label: t["nav_statements"], href: link(statementsFolder), current: section == .statements),
            NavItem(label: t["nav_requests"], href: link(base + "requests/"), current: section == .requests),
        ]
        let root = env.page(path: path, locale: locale, formats: f, title: title, party: party, nav: nav, page: context)
        return PlannedFile(path: path, content: .page(template: template, context: root))
    }

    func listLabel(_ list: List) -> String {
        list == .all ? t["invoices_all"] : t.label("cust_list_", list.rawValue, dashesAsUnderscores: true)
    }
    func statusLabel(_ s: CustomerPaymentStatus) -> String { t.label("cust_status_", s.rawValue) }

    func notes(_ records: [NoteRecord]) -> [NoteContext] { PartyPages.notes(records, f) }

    var publishedAttachments: [AttachmentRecord] {
        let invoices = Set(catalog.invoices.map(\.number))
        let accounts = Set([catalog.customer.account] + catalog.members.map(\.account))
        return catalog.attachments.filter {
            ($0.subjectType == .customerInvoice && invoices.contains($0.subjectKey)) || ($0.subjectType == .customer && accounts.contains($0.subjectKey))
        }
    }

    func attachmentPath(_ a: AttachmentRecord) -> String { PartyPages.attachmentPath(base: base, a) }

    func attachments(_ records: [AttachmentRecord], from path: String) -> [AttachmentLink] { PartyPages.attachments(records, base: base, from: path) }

    func lists(_ inv: CustomerInvoice) -> [String] {
        var lists = [inv.paymentStatus(asOf: asOf) == .partiallyPaid ? List.partiallyPaid.rawValue : inv.paymentStatus(asOf: asOf).rawValue]
        if inv.isOverdue(asOf: asOf) { lists.append(List.overdue.rawValue) }
        return lists
    }

    /// Row `index` of `rows`, its link relative to the page at `path`.
    func row(_ index: Int, from path: String) -> CustomerInvoiceRow {
        var row = rows[index]
        row.href = Paths.relative(from: path, to: invoicePath(row.number))
        return row
    }

    private func makeRow(_ inv: CustomerInvoice) -> CustomerInvoiceRow {
        let path = base + "index.html"
        let r = inv.record
        let status = inv.paymentStatus(asOf: asOf)
        let overdue = inv.isOverdue(asOf: asOf)
        let discount = inv.discountAvailable(asOf: asOf) ? r.discountMinor.map { f.money(Money($0, r.currency)) } : nil
        return CustomerInvoiceRow(
            number: r.number, href: Paths.relative(from: path, to: invoicePath(r.number)), orderNumber: r.orderNumber,
            invoiceDate: f.date(r.invoiceDate), invoiceDateISO: r.invoiceDate.description, dueDate: f.date(r.dueDate), dueDateISO: r.dueDate.description,
            total: f.money(inv.total), open: f.money(inv.open(asOf: asOf)), openAmount: inv.open(asOf: asOf).plainDecimal, currency: r.currency.code,
            status: inv.isCreditNote ? t["cust_credit_note"] : statusLabel(status), statusKey: status.rawValue, overdue: overdue,
            daysOverdue: overdue ? t.format("days_overdue", ["days": String(inv.daysPastDue(asOf: asOf))]) : nil,
            discount: discount, discountDate: discount == nil ? nil : r.discountDate.map(f.date), discountDateISO: discount == nil ? nil : r.discountDate?.description,
            lists: lists(inv))
    }

    // MARK: Pages

    func overview() -> PlannedFile {
        let path = base + "index.html"
        let aging = catalog.aging(asOf: asOf)
        let charts = aging.currencies.map { currency in chart(aging, currency) }
        let months = catalog.statementMonths.reversed()
        let context = CustomerOverviewPage(
            balances: catalog.openBalance.amounts.map(f.money), overdue: catalog.overdueAmount.amounts.map(f.money),
            nextDue: catalog.nextDueDate.map(f.date), nextDueISO: catalog.nextDueDate?.description, terms: catalog.customer.terms.map(termsText), charts: charts,
            latest: rows.indices.prefix(5).map { row($0, from: path) },
            pending: catalog.requests.filter { $0.status == .pending }.map { requestRow($0, from: path) },
            statements: months.prefix(12).map { Link(label: f.month(Day($0 + "-01")!), href: Paths.relative(from: path, to: statementPath($0))) },
            invoicesHref: Paths.relative(from: path, to: invoicesFolder), overdueHref: Paths.relative(from: path, to: listFolder(.overdue)),
            requestsHref: Paths.relative(from: path, to: base + "requests/"), statementsHref: Paths.relative(from: path, to: statementsFolder),
            notes: notes(catalog.notes), attachments: attachments(catalog.attachments.filter { $0.subjectType == .customer }, from: path))
        return page(path, title: t["overview_title"], section: .overview, template: "customer/overview", context)
    }

    /// "Net 30 days · 2% cash discount if paid within 10 days", in the reader's language.
    func termsText(_ terms: PaymentTermsRecord) -> String {
        var parts = [terms.netDays == 0 ? t["terms_on_receipt"] : t.format("terms_net", ["days": String(terms.netDays)])]
        if let days = terms.discountDays, let percent = terms.discountPercent, percent.units > 0 {
            parts.append(t.format("terms_discount", ["percent": f.percent(percent), "days": String(days)]))
        }
        return parts.joined(separator: " · ")
    }

    /// Bars scaled to the largest bucket, in a 600 × 200 box (labels below the bars).
    func chart(_ aging: Aging, _ currency: Currency) -> AgingChart {
        let amounts = AgingBucket.allCases.map { aging.amount(currency, $0) }
        let largest = max(1, amounts.map(\.minor).max() ?? 1)
        let bars = AgingBucket.allCases.enumerated().map { i, bucket -> AgingBar in
            let height = Int((Double(amounts[i].minor) / Double(largest) * 140).rounded())
            return AgingBar(label: t.label("aging_", bucket.rawValue, dashesAsUnderscores: true), amount: f.money(amounts[i]),
                            x: 20 + i * 116, y: 160 - height, width: 96, height: height, labelX: 68 + i * 116, key: bucket.rawValue)
        }
        let description = bars.map { "\($0.label): \($0.amount)" }.joined(separator: "; ")
        let total = Money(amounts.reduce(0) { $0 + $1.minor }, currency)
        return AgingChart(currency: currency.code, id: "aging-\(currency.code.lowercased())", title: t.format("aging_caption", ["currency": currency.code]),
                          description: description, bars: bars, total: f.money(total))
    }

    func invoiceList(_ list: List) -> [PlannedFile] {
        let folder = listFolder(list)
        let invoices = rows.indices.filter { list == .all || rows[$0].lists.contains(list.rawValue) }
        let statusOptions = CustomerPaymentStatus.allCases.map { FilterOption(value: $0.rawValue, label: statusLabel($0)) }
        return PartyPages.pages(invoices, folder: folder, size: env.config.pageSize, labels: t).map { p in
            let path = p.path
            let tabs = List.allCases.map { Link(label: listLabel($0), href: Paths.relative(from: path, to: listFolder($0)), current: $0 == list) }
            let context = CustomerInvoiceListPage(
                heading: listLabel(list), intro: t.label("cust_list_", list == .all ? "all" : list.rawValue, "_intro", dashesAsUnderscores: true),
                tabs: tabs, rows: p.items.map { row($0, from: path) }, pagination: p.pagination,
                dataHref: Paths.relative(from: path, to: invoicesFolder + "invoices.json"), csvHref: Paths.relative(from: path, to: invoicesFolder + "invoices.csv"),
                list: list.rawValue, base: Paths.relative(from: path, to: base), pageSize: env.config.pageSize, statusOptions: statusOptions)
            let title = p.isOnly ? listLabel(list) : t.format("title_paged", ["title": listLabel(list), "page": String(p.number)])
            return page(path, title: title, section: .invoices, template: "customer/invoices", context)
        }
    }

    func invoicePage(_ inv: CustomerInvoice) -> PlannedFile {
        let path = invoicePath(inv.number)
        let r = inv.record
        let status = inv.paymentStatus(asOf: asOf)
        let open = inv.open(asOf: asOf)
        var header = [
            Field(label: t["col_invoice_number"], value: r.number),
            Field(label: t["col_order_reference"], value: r.orderNumber ?? "—"),
            Field(label: t["col_invoice_date"], value: f.date(r.invoiceDate), machine: r.invoiceDate.description),
            Field(label: t["col_due_date"], value: f.date(r.dueDate), machine: r.dueDate.description),
            Field(label: t["col_currency"], value: r.currency.code),
            Field(label: t["col_payment_status"], value: inv.isCreditNote ? t["cust_credit_note"] : statusLabel(status)),
        ]
        if r.customerAccount != catalog.customer.account {
            header.append(Field(label: t["col_billed_account"], value: r.customerAccount))
        }
        var discountText: String?
        if let d = r.discountMinor, d > 0, let last = r.discountDate {
            let key = inv.discountTaken(asOf: asOf) ? "discount_taken" : (inv.discountAvailable(asOf: asOf) ? "discount_available" : "discount_expired")
            discountText = t.format(key, ["amount": f.money(Money(d, r.currency)), "date": f.date(last), "pay": f.money(Money(r.totalMinor - d - inv.settled(asOf: asOf), r.currency))])
        }
        let settlements = inv.settlements.filter { $0.payment.paidAt <= asOf }.map { s, p in
            SettlementRow(paidAt: f.date(p.paidAt), paidAtISO: p.paidAt.description, reference: p.reference, method: t.label("method_", p.method.rawValue),
                          amount: f.money(Money(s.amountMinor, r.currency)), href: "")
        }
        let context = CustomerInvoicePage(
            number: r.number, status: inv.isCreditNote ? t["cust_credit_note"] : statusLabel(status), statusKey: status.rawValue,
            overdueText: inv.isOverdue(asOf: asOf) ? t.format("days_overdue", ["days": String(inv.daysPastDue(asOf: asOf))]) : nil,
            header: header,
            lines: inv.lines.map { l in
                CustomerLineRow(lineNo: l.lineNo, item: l.itemNumber.map { n in l.itemName.map { "\(n) · \($0)" } ?? n }, description: l.description,
                                quantity: f.quantity(l.quantity), unit: l.unit, unitPrice: f.money(Money(l.unitPriceMinor, r.currency)),
                                amount: f.money(Money(l.amountMinor, r.currency)))
            },
            subtotal: f.money(inv.subtotal), tax: f.money(inv.tax), total: f.money(inv.total), settled: f.money(Money(inv.settled(asOf: asOf), r.currency)),
            open: f.money(open), discountText: discountText, settlements: settlements,
            pay: open.minor > 0 ? payForm(inv, open: open) : nil, request: requestAction(inv),
            notes: notes(inv.notes), attachments: attachments(inv.attachments, from: path), backHref: Paths.relative(from: path, to: invoicesFolder))
        return page(path, title: t.format("invoice_title", ["number": r.number]), section: .invoices, template: "customer/invoice", context)
    }

    /// The payment hand-off: the configured URL template with account, invoice, amount and currency filled in.
    func payForm(_ inv: CustomerInvoice, open: Money) -> PayForm? {
        guard let payment = env.config.payment else { return nil }
        let values = ["account": catalog.customer.account, "invoice": inv.number, "amount": open.plainDecimal, "currency": open.currency.code]
        let step = open.currency.minorDigits == 0 ? "1" : "0." + String(repeating: "0", count: open.currency.minorDigits - 1) + "1"
        let minimum = min(Double(payment.minimum) ?? 1, open.approximateMajor)
        let minimumText = open.currency.minorDigits == 0 ? String(Int(minimum.rounded(.up))) : String(format: "%.\(open.currency.minorDigits)f", minimum)
        var action: String?
        var hidden: [HiddenField] = []
        var amountName = ""
        if let parts = URLTemplate.formParts(payment.urlTemplate) {
            action = parts.action
            for field in parts.fields {
                if field.value == "{amount}" {
                    amountName = field.name
                } else if field.value.hasPrefix("{"), let value = values[String(field.value.dropFirst().dropLast())] {
                    hidden.append(HiddenField(name: field.name, value: value))
                } else {
                    hidden.append(HiddenField(name: field.name, value: field.value.removingPercentEncodingLoosely))
                }
            }
            if amountName.isEmpty { action = nil; hidden = [] }
        }
        return PayForm(action: action, hidden: hidden, amountName: amountName.isEmpty ? "amount" : amountName,
                       template: URLTemplate.fill(payment.urlTemplate, values.filter { $0.key != "amount" }),
                       minimum: minimumText, maximum: open.plainDecimal, step: step, fullHref: URLTemplate.fill(payment.urlTemplate, values),
                       currency: open.currency.code, openAmount: f.money(open))
    }

    func requestAction(_ inv: CustomerInvoice) -> RequestAction? {
        let requests = env.config.requests
        let email = catalog.customer.email ?? ""
        switch requests.mode {
        case .none: return nil
        case .actions:
            let hidden = [HiddenField(name: "action", value: "invoice_request"), HiddenField(name: "party_kind", value: "customer"),
                          HiddenField(name: "account", value: catalog.customer.account), HiddenField(name: "document", value: inv.number),
                          HiddenField(name: "version", value: "1")]
            return RequestAction(href: "", isEmail: false, form: RequestForm(action: env.config.actions.path + base, hidden: hidden, email: email))
        case .endpoint:
            guard let template = requests.urlTemplate else { return nil }
            return RequestAction(href: URLTemplate.fill(template, ["account": catalog.customer.account, "invoice": inv.number, "email": email]), isEmail: false, form: nil)
        case .email:
            guard let to = requests.email else { return nil }
            let subject = t.format("request_mail_subject", ["number": inv.number])
            let body = t.format("request_mail_body", ["number": inv.number, "account": catalog.customer.account, "name": catalog.customer.name])
            return RequestAction(href: "mailto:\(URLTemplate.encode(to).replacingAll("%40", with: "@"))?subject=\(URLTemplate.encode(subject))&body=\(URLTemplate.encode(body))", isEmail: true, form: nil)
        }
    }

    func requestRow(_ r: InvoiceRequestRecord, from path: String) -> RequestRow {
        let known = invoicePaths[r.invoiceNumber] != nil
        return RequestRow(invoice: r.invoiceNumber, href: known ? Paths.relative(from: path, to: invoicePath(r.invoiceNumber)) : nil,
                          requestedAt: f.timestamp(r.requestedAt), requestedAtISO: r.requestedAt.description, requestedBy: r.requestedBy,
                          status: t.label("request_", r.status.rawValue), statusKey: r.status.rawValue, completedAt: r.completedAt.map(f.timestamp),
                          completedAtISO: r.completedAt?.description)
    }

    func requestsPage() -> PlannedFile {
        let path = base + "requests/index.html"
        let context = RequestsPage(pending: catalog.requests.filter { $0.status == .pending }.map { requestRow($0, from: path) },
                                   completed: catalog.requests.filter { $0.status == .completed }.map { requestRow($0, from: path) })
        return page(path, title: t["requests_title"], section: .requests, template: "customer/requests", context)
    }

    func statementsIndex() -> PlannedFile {
        let path = statementsFolder + "index.html"
        let months = catalog.statementMonths.reversed().map { Link(label: f.month(Day($0 + "-01")!), href: Paths.relative(from: path, to: statementPath($0))) }
        return page(path, title: t["statements_title"], section: .statements, template: "customer/statements", StatementsIndexPage(months: months))
    }

    func statementPage(_ month: String, previous: String?, next: String?) -> PlannedFile {
        let path = statementPath(month)
        let statement = catalog.statement(month: month)
        let sections = (statement?.sections ?? []).map { s in
            var balance = s.opening.minor
            let rows = s.entries.map { e -> StatementRow in
                balance += e.amount
                switch e {
                case .invoice(let i):
                    return StatementRow(date: f.date(i.invoiceDate), dateISO: i.invoiceDate.description, description: t.format("ledger_invoice", ["number": i.number]),
                                        href: Paths.relative(from: path, to: invoicePath(i.number)),
                                        debit: i.totalMinor >= 0 ? f.money(Money(i.totalMinor, s.currency)) : nil,
                                        credit: i.totalMinor < 0 ? f.money(Money(-i.totalMinor, s.currency)) : nil, balance: f.money(Money(balance, s.currency)))
                case .payment(let p):
                    return StatementRow(date: f.date(p.paidAt), dateISO: p.paidAt.description,
                                        description: t.format("statement_payment", ["method": t.label("method_", p.method.rawValue), "reference": p.reference ?? ""]),
                                        href: nil, debit: nil, credit: f.money(Money(p.amountMinor, s.currency)), balance: f.money(Money(balance, s.currency)))
                }
            }
            let aging = AgingBucket.allCases.map { b in
                Field(label: t.label("aging_", b.rawValue, dashesAsUnderscores: true), value: f.money(Money(s.aging[b], s.currency)), numeric: true)
            }
            return StatementSectionContext(currency: s.currency.code, caption: t.format("statement_caption", ["currency": s.currency.code]),
                                           opening: f.money(s.opening), rows: rows, closing: f.money(s.closing), aging: aging)
        }
        let day = Day(month + "-01")!
        let context = StatementPage(
            heading: t.format("statement_title", ["month": f.month(day)]),
            period: t.format("statement_period", ["start": f.date(statement?.start ?? day), "end": f.date(statement?.end ?? day.endOfMonth)]),
            sections: sections, previous: previous.map { Paths.relative(from: path, to: statementPath($0)) },
            next: next.map { Paths.relative(from: path, to: statementPath($0)) }, indexHref: Paths.relative(from: path, to: statementsFolder))
        return page(path, title: t.format("statement_title", ["month": f.month(day)]), section: .statements, template: "customer/statement", context)
    }

    // MARK: Data files

    func dataFile() -> PlannedFile {
        PlannedFile(path: invoicesFolder + "invoices.json", content: .bytes(PartyPages.json(rows)))
    }

    func csvFile() -> PlannedFile {
        let header = ["invoice_number", "order_number", "invoice_date", "due_date", "currency", "total", "tax", "paid", "open", "status",
                      "overdue", "days_overdue", "discount", "discount_date"]
        let rows = catalog.invoices.map { inv -> [String] in
            let r = inv.record
            let overdue = inv.isOverdue(asOf: asOf)
            return [r.number, r.orderNumber ?? "", r.invoiceDate.description, r.dueDate.description, r.currency.code, inv.total.plainDecimal,
                    inv.tax.plainDecimal, Money(inv.settled(asOf: asOf), r.currency).plainDecimal, inv.open(asOf: asOf).plainDecimal,
                    inv.isCreditNote ? "credit_note" : inv.paymentStatus(asOf: asOf).rawValue, overdue ? "1" : "0",
                    overdue ? String(inv.daysPastDue(asOf: asOf)) : "", r.discountMinor.map { Money($0, r.currency).plainDecimal } ?? "",
                    r.discountDate?.description ?? ""]
        }
        return PlannedFile(path: invoicesFolder + "invoices.csv", content: .bytes(CSV.encode(header: header, rows: rows)))
    }
}

extension Money {
    /// The amount in major units as a Double (for form limits only, never for sums).
    var approximateMajor: Double {
        var d = Double(minor)
        for _ in 0..<currency.minorDigits { d /= 10 }
        return d
    }
}
