import Foundation
import PorticoCatalog
import PorticoModel
import PorticoStore

/// The purchase-order, consignment and feed files of a vendor's portal.
extension VendorPlanner {
    var ordersFolder: String { base + "purchase-orders/" }
    func listFolder(_ list: OrderList) -> String { ordersFolder + list.rawValue + "/" }
    func orderFolder(_ number: String) -> String { ordersFolder + Paths.segment(number) + "/" }
    func versionPath(_ number: String, _ version: Int64) -> String { orderFolder(number) + "v\(version).html" }
    var consignmentFolder: String { base + "consignment/" }

    func orderStatusLabel(_ s: PurchaseOrderStatus) -> String { t.label("po_status_", s.rawValue) }
    func responseLabel(_ r: POResponseKind) -> String { t.label("response_", r.rawValue) }
    func listLabel(_ l: OrderList) -> String { t.label("po_list_", l.rawValue, dashesAsUnderscores: true) }

    func orderFiles() -> [PlannedFile] {
        var files: [PlannedFile] = []
        for list in OrderList.allCases { files += orderList(list) }
        for order in catalog.orders {
            files.append(orderPage(order, version: nil))
            for v in order.versions { files.append(orderPage(order, version: v.version)) }
        }
        files.append(orderDataFile())
        files.append(orderCSV())
        files.append(consignmentPage(stock: true))
        files.append(consignmentPage(stock: false))
        files.append(feed())
        return files
    }

    func orderRow(_ o: PurchaseOrder, version: OrderVersion? = nil, from path: String) -> OrderRow {
        let v = version ?? o.current
        let sent = v?.record.sentAt
        let response = v?.response?.record.response
        let href = version.map { versionPath(o.number, $0.version) } ?? orderFolder(o.number)
        return OrderRow(
            number: o.number, displayNumber: "\(o.number)-\(v?.version ?? o.record.currentVersion)", href: Paths.relative(from: path, to: href),
            orderDate: f.date(o.record.orderDate), orderDateISO: o.record.orderDate.description,
            sentAt: sent.map { f.date($0.day) } ?? "—", sentAtISO: sent?.description ?? "", total: f.money(o.amount), amount: o.amount.plainDecimal,
            currency: o.record.currency.code, status: orderStatusLabel(o.record.status), statusKey: o.record.status.rawValue,
            waiting: t.label("waiting_", o.waiting.rawValue), waitingKey: o.waiting.rawValue, lists: o.lists.map(\.rawValue),
            response: response.map(responseLabel), responseKey: response?.rawValue)
    }

    func orderList(_ list: OrderList) -> [PlannedFile] {
        let folder = listFolder(list)
        let orders = catalog.orders(in: list)
        // The history shows every version of every order; the other lists one row per order.
        let entries: [(PurchaseOrder, OrderVersion?)] = list == .history
            ? orders.flatMap { o in o.versions.reversed().map { (o, Optional($0)) } }
            : orders.map { ($0, nil) }
        let statusOptions = PurchaseOrderStatus.allCases.filter { $0 != .draft }.map { FilterOption(value: $0.rawValue, label: orderStatusLabel($0)) }
        return PartyPages.pages(entries, folder: folder, size: env.config.pageSize, labels: t).map { p in
            let path = p.path
            let tabs = OrderList.allCases.map { Link(label: listLabel($0), href: Paths.relative(from: path, to: listFolder($0)), current: $0 == list) }
            let context = OrderListPage(
                heading: listLabel(list), intro: t.label("po_list_", list.rawValue, "_intro", dashesAsUnderscores: true), tabs: tabs,
                rows: p.items.map { orderRow($0.0, version: $0.1, from: path) }, pagination: p.pagination,
                dataHref: Paths.relative(from: path, to: ordersFolder + "purchase-orders.json"),
                csvHref: Paths.relative(from: path, to: ordersFolder + "purchase-orders.csv"), list: list.rawValue,
                base: Paths.relative(from: path, to: base), pageSize: env.config.pageSize, statusOptions: statusOptions, isHistory: list == .history)
            let title = p.isOnly ? listLabel(list) : t.format("title_paged", ["title": listLabel(list), "page": String(p.number)])
            return page(path, title: title, section: .orders, template: "vendor/orders", context)
        }
    }

    func lineRows(_ order: PurchaseOrder, _ version: OrderVersion, from path: String) -> [OrderLineRow] {
        let currency = order.record.currency
        return version.lines.map { l in
            let splits = (version.response?.lines[l.lineNo] ?? []).map { s in
                SplitRow(seq: s.splitSeq, decision: t.label("decision_", s.decision.rawValue), decisionKey: s.decision.rawValue,
                         confirmedQuantity: s.confirmedQuantity.map(f.quantity), confirmedDate: s.confirmedDeliveryDate.map(f.date),
                         confirmedDateISO: s.confirmedDeliveryDate?.description, substitute: s.substituteExternalItem,
                         substituteDescription: s.substituteDescription)
            }
            return OrderLineRow(
                lineNo: l.lineNo, item: l.itemNumber.map { n in l.itemName.map { "\(n) · \($0)" } ?? n }, description: l.description,
                quantity: f.quantity(l.quantity), unit: l.unit, unitPrice: f.money(Money(l.unitPriceMinor, currency)),
                amount: f.money(Money(l.lineAmountMinor, currency)), deliveryDate: l.deliveryDate.map(f.date), deliveryDateISO: l.deliveryDate?.description,
                received: f.quantity(l.receivedQuantity), site: l.site, warehouse: l.warehouse, color: l.color, size: l.size, style: l.style,
                configuration: l.configuration, splits: splits, notes: notes(order.lineNotes(version: version.version, line: l.lineNo)),
                attachments: attachments(order.lineAttachments(version: version.version, line: l.lineNo), from: path))
        }
    }

    /// The order's page (`version` nil: the current version) or one version's page with its differences.
    func orderPage(_ order: PurchaseOrder, version number: Int64?) -> PlannedFile {
        let path = number.map { versionPath(order.number, $0) } ?? orderFolder(order.number) + "index.html"
        let shown = number.flatMap { n in order.versions.first { $0.version == n } } ?? order.current
        let r = order.record
        var header = [
            Field(label: t["col_order_number"], value: "\(r.number)-\(shown?.version ?? r.currentVersion)"),
            Field(label: t["col_status"], value: orderStatusLabel(r.status)),
            Field(label: t["col_waiting"], value: t.label("waiting_", order.waiting.rawValue)),
            Field(label: t["col_order_date"], value: f.date(r.orderDate), machine: r.orderDate.description),
        ]
        if let sent = shown?.record.sentAt { header.append(Field(label: t["col_sent_at"], value: f.timestamp(sent), machine: sent.description)) }
        header += [
            Field(label: t["col_currency"], value: r.currency.code),
            Field(label: t["col_buyer"], value: r.buyerName ?? "—"),
            Field(label: t["col_delivery_address"], value: r.deliveryAddress ?? "—"),
        ]
        if r.isConsignment { header.append(Field(label: t["col_kind"], value: t["po_consignment_order"])) }
        let response = shown?.response.map { resp in
            ResponseContext(kind: responseLabel(resp.record.response), kindKey: resp.record.response.rawValue, respondedAt: f.timestamp(resp.record.respondedAt),
                            respondedAtISO: resp.record.respondedAt.description, responder: resp.record.responder, hasLineAnswers: !resp.lines.isEmpty)
        }
        let versions = order.versions.reversed().map { v in
            VersionLink(label: "\(r.number)-\(v.version)", href: Paths.relative(from: path, to: versionPath(r.number, v.version)),
                        sentAt: f.timestamp(v.record.sentAt), sentAtISO: v.record.sentAt.description,
                        answer: v.response.map { responseLabel($0.record.response) }, answerKey: v.response?.record.response.rawValue,
                        current: v.version == r.currentVersion)
        }
        var changes: [ChangeRow] = []
        var previous: String?
        if let number, let index = order.versions.firstIndex(where: { $0.version == number }), index > 0 {
            let before = order.versions[index - 1]
            previous = Paths.relative(from: path, to: versionPath(r.number, before.version))
            let after = order.versions[index]
            let afterLines = Dictionary(after.lines.map { ($0.lineNo, $0) }, uniquingKeysWith: { a, _ in a })
            let beforeLines = Dictionary(before.lines.map { ($0.lineNo, $0) }, uniquingKeysWith: { a, _ in a })
            changes = VersionDiff.changes(from: before.lines, to: after.lines).map { c in
                let line = afterLines[c.lineNo] ?? beforeLines[c.lineNo]
                let describe = line.map { l in [l.itemNumber, l.description].compactMap { $0 }.joined(separator: " · ") } ?? ""
                return ChangeRow(lineNo: c.lineNo, kind: t.label("change_", c.kind.rawValue), kindKey: c.kind.rawValue, line: describe,
                                 changes: c.fields.map { field in
                                     FieldChange(label: t.label("change_field_", field.field.rawValue), before: present(field.field, field.before, r.currency),
                                                 after: present(field.field, field.after, r.currency))
                                 })
            }
        }
        let context = OrderPage(
            displayNumber: "\(r.number)-\(shown?.version ?? r.currentVersion)", status: orderStatusLabel(r.status), statusKey: r.status.rawValue,
            waiting: t.label("waiting_", order.waiting.rawValue), header: header, lines: shown.map { lineRows(order, $0, from: path) } ?? [],
            total: f.money(Money(shown?.lines.reduce(0) { $0 + $1.lineAmountMinor } ?? 0, r.currency)), response: response,
            versions: versions, notes: notes(order.orderNotes), attachments: attachments(order.orderAttachments, from: path),
            backHref: Paths.relative(from: path, to: listFolder(r.isConsignment ? .consignment : .history)),
            isVersionPage: number != nil, changes: changes, previous: previous,
            orderHref: Paths.relative(from: path, to: orderFolder(r.number)), isFirstVersion: previous == nil,
            responseForm: number == nil && order.waiting == .vendor && !r.isConsignment ? actionForm(order, action: "po_response") : nil,
            invoiceForm: number == nil && r.status == .confirmed && !r.isConsignment ? actionForm(order, action: "po_invoice") : nil)
        let title = number == nil
            ? t.format("order_title", ["number": "\(r.number)-\(r.currentVersion)"])
            : t.format("version_title", ["number": "\(r.number)-\(shown?.version ?? 0)"])
        return page(path, title: title, section: .orders, template: "vendor/order", context)
    }

    /// A form for an action on the order's current version; nil when actions are off (`actions.mode` none).
    func actionForm(_ order: PurchaseOrder, action: String) -> ActionForm? {
        let config = env.config.actions
        guard config.mode != .none, let current = order.current else { return nil }
        let r = order.record
        let isEmail = config.mode == .email
        let target: String
        if isEmail {
            let subject = t.format(action == "po_response" ? "respond_mail_subject" : "invoice_mail_subject", ["number": "\(r.number)-\(current.version)"])
            target = "mailto:" + (config.email ?? "") + "?subject=" + URLTemplate.encode(subject)
        } else {
            target = config.path + base
        }
        let digits = r.currency.minorDigits
        let step = digits == 0 ? "1" : "0." + String(repeating: "0", count: digits - 1) + "1"
        return ActionForm(
            action: target, isEmail: isEmail,
            hidden: [HiddenField(name: "action", value: action), HiddenField(name: "party_kind", value: "vendor"),
                     HiddenField(name: "account", value: catalog.vendor.account), HiddenField(name: "document", value: r.number),
                     HiddenField(name: "version", value: String(current.version))],
            lines: current.lines.map { l in
                ActionFormLine(lineNo: l.lineNo, label: [l.itemNumber, l.description].compactMap { $0 }.joined(separator: " · "),
                               quantity: l.quantity.text, unit: l.unit, deliveryDate: l.deliveryDate?.description,
                               unitPrice: f.money(Money(l.unitPriceMinor, r.currency)), unitPricePlain: Money(l.unitPriceMinor, r.currency).plainDecimal,
                               priceStep: step)
            },
            invoiceDate: env.exportedAt.day.description, currency: r.currency.code)
    }

    /// A changed value as the reader reads it.
    func present(_ field: LineChange.Field, _ value: String, _ currency: Currency) -> String {
        guard !value.isEmpty else { return "—" }
        switch field {
        case .item: return value
        case .quantity: return Quantity(value).map(f.quantity) ?? value
        case .price: return Int64(value).map { f.money(Money($0, currency)) } ?? value
        case .deliveryDate: return Day(value).map(f.date) ?? value
        }
    }

    func orderDataFile() -> PlannedFile {
        // One row per order, plus one per earlier version for the history list; hrefs relative to the vendor's folder.
        var rows: [OrderRow] = []
        for o in catalog.orders {
            rows.append(orderRow(o, from: base + "index.html"))
            if !o.record.isConsignment {
                for v in o.versions.reversed() {
                    var row = orderRow(o, version: v, from: base + "index.html")
                    row.lists = ["history-version"]
                    rows.append(row)
                }
            }
        }
        return PlannedFile(path: ordersFolder + "purchase-orders.json", content: .bytes(PartyPages.json(rows)))
    }

    func orderCSV() -> PlannedFile {
        let header = ["order_number", "version", "order_date", "sent_at", "currency", "amount", "status", "consignment", "waiting_for", "response_to_current"]
        let rows = catalog.orders.map { o -> [String] in
            [o.number, String(o.record.currentVersion), o.record.orderDate.description, o.current?.record.sentAt.description ?? "",
             o.record.currency.code, o.amount.plainDecimal, o.record.status.rawValue, o.record.isConsignment ? "1" : "0",
             o.waiting.rawValue, o.current?.response?.record.response.rawValue ?? ""]
        }
        return PlannedFile(path: ordersFolder + "purchase-orders.csv", content: .bytes(CSV.encode(header: header, rows: rows)))
    }

    func consignmentPage(stock: Bool) -> PlannedFile {
        let path = consignmentFolder + (stock ? "on-hand/index.html" : "receipts/index.html")
        let tabs = [Link(label: t["consignment_on_hand"], href: Paths.relative(from: path, to: consignmentFolder + "on-hand/"), current: stock),
                    Link(label: t["consignment_receipts"], href: Paths.relative(from: path, to: consignmentFolder + "receipts/"), current: !stock)]
        let items = catalog.onHand.map { item in
            StockItem(item: item.itemNumber, name: item.itemName, rows: item.rows.map { r in
                StockRow(site: r.site, warehouse: r.warehouse, batch: r.batch, quantity: f.quantity(r.quantity), unit: r.unit,
                         asOf: f.date(r.asOf), asOfISO: r.asOf.description)
            }, totals: item.totals.map { "\(f.quantity($0.quantity)) \($0.unit)" })
        }
        let visibleOrders = Set(catalog.orders.map(\.number))
        let receipts = catalog.receipts.map { r in
            let order = r.poNumber.flatMap { visibleOrders.contains($0) ? $0 : nil }
            return ReceiptRow(id: r.id, item: r.itemNumber, name: r.itemName, quantity: f.quantity(r.quantity), unit: r.unit,
                              receivedAt: f.timestamp(r.receivedAt), receivedAtISO: r.receivedAt.description, site: r.site, warehouse: r.warehouse,
                              order: order, orderHref: order.map { Paths.relative(from: path, to: orderFolder($0)) })
        }
        let context = ConsignmentPage(tabs: tabs, items: stock ? items : [], receipts: stock ? [] : receipts, showStock: stock)
        return page(path, title: stock ? t["consignment_on_hand"] : t["consignment_receipts"], section: .consignment, template: "vendor/consignment", context)
    }

    var consignmentSummary: ConsignmentSummary {
        let path = base + "index.html"
        var byUnit: [String: [Quantity]] = [:]
        for item in catalog.onHand { for total in item.totals { byUnit[total.unit, default: []].append(total.quantity) } }
        let totals = byUnit.keys.sorted().map { "\(f.quantity(Quantity.sum(byUnit[$0]!))) \($0)" }
        return ConsignmentSummary(items: catalog.onHand.count, totals: totals, receipts: catalog.receipts.count,
                                  onHandHref: Paths.relative(from: path, to: consignmentFolder + "on-hand/"),
                                  receiptsHref: Paths.relative(from: path, to: consignmentFolder + "receipts/"))
    }

    func orderSummaries(from path: String) -> [OrderListSummary] {
        [OrderList.forReview, .awaitingCustomer, .openConfirmed].map { list in
            let orders = catalog.orders(in: list)
            return OrderListSummary(key: list.rawValue, heading: listLabel(list), count: orders.count,
                                    rows: orders.prefix(5).map { orderRow($0, from: path) }, href: Paths.relative(from: path, to: listFolder(list)))
        }
    }

    /// `feed.xml`: orders awaiting the vendor's response and invoice status changes, newest first (at most 200 entries).
    func feed() -> PlannedFile {
        let root = env.config.baseURL.hasSuffix("/") ? env.config.baseURL : env.config.baseURL + "/"
        let account = catalog.vendor.account
        let tag = "tag:portico,2026:vendor:\(Paths.segment(account))"
        var entries: [(Timestamp, FeedEntry)] = []
        for o in catalog.orders(in: .forReview) {
            guard let v = o.current else { continue }
            entries.append((v.record.sentAt, FeedEntry(
                id: "\(tag):order:\(Paths.segment(o.number)):v\(v.version)", title: t.format("feed_order", ["number": o.displayNumber]),
                updated: v.record.sentAt.description, href: root + orderFolder(o.number), summary: t["waiting_vendor"])))
        }
        for inv in catalog.invoices {
            for e in inv.events {
                entries.append((e.at, FeedEntry(
                    id: "\(tag):invoice:\(inv.id):event:\(e.seq)",
                    title: t.format("feed_invoice", ["number": inv.record.invoiceNumber, "status": statusLabel(e.toStatus)]),
                    updated: e.at.description, href: root + invoicePath(inv.id), summary: e.comment ?? statusLabel(e.toStatus))))
            }
        }
        entries.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1.id < $1.1.id }
        let context = FeedContext(
            title: t.format("feed_title", ["name": catalog.vendor.name]), id: tag, updated: env.exportedAt.description,
            selfHref: root + base + "feed.xml", alternateHref: root + base, author: env.site.companyName,
            entries: entries.prefix(200).map(\.1))
        return PlannedFile(path: base + "feed.xml", content: .page(template: "feed", context: env.page(
            path: base + "feed.xml", locale: locale, formats: f, title: context.title, party: nil, nav: [], page: context)))
    }
}
