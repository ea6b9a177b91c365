import PorticoModel
import PorticoStore

/// One vendor invoice with everything its page shows, and what the domain rules derive from it.
public struct VendorInvoice: Sendable {
    public let record: VendorInvoiceRecord
    public let lines: [VendorInvoiceLineRecord]
    public let events: [VendorInvoiceEventRecord]
    /// The settlements of this invoice with the payments they come from, in payment order.
    public let settlements: [(settlement: VendorSettlementRecord, payment: VendorPaymentRecord)]
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]

    public var id: Int64 { record.id }
    public var total: Money { Money(record.totalMinor, record.currency) }
    public var tax: Money { Money(record.taxMinor, record.currency) }
    /// Sum of the line amounts (the total before tax).
    public var subtotal: Money { Money(lines.reduce(0) { $0 + $1.amountMinor }, record.currency) }
    /// Sum of the settlements (never above the total in a valid export).
    public var settled: Money {
        var sum: Int64 = 0
        for i in settlements.indices { sum += settlements[i].settlement.amountMinor }
        return Money(sum, record.currency)
    }
    public var open: Money { Money(record.status == .confirmed ? record.totalMinor - settled.minor : 0, record.currency) }
    public var paymentStatus: VendorPaymentStatus { record.status.paymentStatus(settled: settled.minor, total: record.totalMinor) }
    public var tile: VendorInvoiceTile? { record.status.tile(paymentStatus: paymentStatus) }
    /// The statuses the model allows next.
    public var nextSteps: [VendorInvoiceStatus] {
        VendorInvoiceStatusModel.nextSteps(from: record.status, lines: lines.map(\.verificationStatus))
    }
    /// The newest-first order of the invoice list: invoice date, then id.
    static func newestFirst(_ a: VendorInvoiceRecord, _ b: VendorInvoiceRecord) -> Bool {
        a.invoiceDate != b.invoiceDate ? a.invoiceDate > b.invoiceDate : a.id > b.id
    }
}

/// A payment with the invoices it settled.
public struct VendorPayment: Sendable {
    public let record: VendorPaymentRecord
    public let settled: [(invoiceId: Int64, invoiceNumber: String, amount: Money)]
    public var amount: Money { Money(record.amountMinor, record.currency) }
}

/// One line of a vendor's ledger: confirmed invoices raise what the company owes, payments lower it.
public struct LedgerEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case invoice, cancellation, payment }
    public let day: Day
    public let kind: Kind
    /// The invoice id or the payment id.
    public let reference: Int64
    public let label: String
    /// Positive: owed to the vendor; negative: paid or reversed.
    public let amount: Money
    public let balance: Money
}

/// Everything one vendor's portal shows, and the rules over it. Built from one vendor's rows only.
public struct VendorCatalog: Sendable {
    public let vendor: VendorRecord
    /// Newest first.
    public let invoices: [VendorInvoice]
    /// Newest first.
    public let payments: [VendorPayment]
    /// Notes on the vendor itself.
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]
    /// Per currency, oldest first, with running balances.
    public let ledger: [Currency: [LedgerEntry]]
    /// Non-draft purchase orders, newest first (order date, then number).
    public let orders: [PurchaseOrder]
    /// Consignment stock on hand, per item.
    public let onHand: [ConsignmentItem]
    /// Ownership transfers, newest first.
    public let receipts: [ConsignmentReceiptRecord]

    public init(_ r: VendorRecords) {
        vendor = r.vendor
        let linesByInvoice = Dictionary(grouping: r.lines, by: \.invoiceId)
        let eventsByInvoice = Dictionary(grouping: r.events, by: \.invoiceId)
        let paymentsById = Dictionary(r.payments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let settlementsByInvoice = Dictionary(grouping: r.settlements, by: \.invoiceId)
        let invoiceKey = { (n: NoteRecord) in n.subjectType == .vendorInvoice ? n.subjectKey : nil }
        let notesByInvoice = Dictionary(grouping: r.notes.filter { invoiceKey($0) != nil }, by: { $0.subjectKey })
        let attachmentsByInvoice = Dictionary(grouping: r.attachments.filter { $0.subjectType == .vendorInvoice }, by: { $0.subjectKey })

        // The records' positions are sorted, then each invoice is made in that order: sorting the invoices
        // themselves moved large values (about a third of making the catalog).
        let records = r.invoices
        invoices = records.indices.sorted { VendorInvoice.newestFirst(records[$0], records[$1]) }.map { i in
            let inv = records[i]
            let settlements = (settlementsByInvoice[inv.id] ?? []).compactMap { s in paymentsById[s.paymentId].map { (s, $0) } }
                .sorted { ($0.1.paidAt, $0.1.id) < ($1.1.paidAt, $1.1.id) }
            return VendorInvoice(
                record: inv,
                lines: (linesByInvoice[inv.id] ?? []).sorted { $0.lineNo < $1.lineNo },
                events: (eventsByInvoice[inv.id] ?? []).sorted { $0.seq < $1.seq },
                settlements: settlements,
                notes: notesByInvoice[String(inv.id)] ?? [],
                attachments: attachmentsByInvoice[String(inv.id)] ?? [])
        }

        let invoiceNumbers = Dictionary(r.invoices.map { ($0.id, $0.invoiceNumber) }, uniquingKeysWith: { a, _ in a })
        let settlementsByPayment = Dictionary(grouping: r.settlements, by: \.paymentId)
        payments = r.payments.map { p in
            VendorPayment(record: p, settled: (settlementsByPayment[p.id] ?? []).sorted { $0.invoiceId < $1.invoiceId }.compactMap { s in
                invoiceNumbers[s.invoiceId].map { (s.invoiceId, $0, Money(s.amountMinor, p.currency)) }
            })
        }.sorted { ($0.record.paidAt, $0.record.id) > ($1.record.paidAt, $1.record.id) }

        notes = r.notes.filter { $0.subjectType == .vendor }
        attachments = r.attachments
        ledger = Self.ledger(invoices: invoices, payments: payments)

        let versionsByOrder = Dictionary(grouping: r.versions, by: \.poNumber)
        let linesByOrder = Dictionary(grouping: r.orderLines, by: \.poNumber)
        let responsesByOrder = Dictionary(grouping: r.responses, by: \.poNumber)
        let lineResponsesByOrder = Dictionary(grouping: r.lineResponses, by: \.poNumber)
        let orderNotes = Dictionary(grouping: r.notes.filter { $0.subjectType == .purchaseOrder || $0.subjectType == .poLine }, by: \.subjectKey)
        let orderAttachments = Dictionary(grouping: r.attachments.filter { $0.subjectType == .purchaseOrder || $0.subjectType == .poLine }, by: \.subjectKey)
        orders = r.orders.map { o in
            PurchaseOrder(record: o, versions: versionsByOrder[o.number] ?? [], lines: linesByOrder[o.number] ?? [],
                          responses: responsesByOrder[o.number] ?? [], lineResponses: lineResponsesByOrder[o.number] ?? [],
                          notes: orderNotes[o.number] ?? [], attachments: orderAttachments[o.number] ?? [])
        }.sorted { ($0.record.orderDate, $0.number) > ($1.record.orderDate, $1.number) }
        let stockByItem = Dictionary(grouping: r.onHand, by: \.itemNumber)
        onHand = stockByItem.keys.sorted().map { item in
            let rows = stockByItem[item] ?? []
            return ConsignmentItem(itemNumber: item, itemName: rows.first?.itemName, rows: rows)
        }
        receipts = r.receipts
    }

    /// The orders of one list, newest first.
    public func orders(in list: OrderList) -> [PurchaseOrder] { orders.filter { $0.lists.contains(list) } }

    /// Confirmed invoices (on their posting day, else their invoice date) and payments, with a running balance per currency.
    /// A cancelled invoice that had been posted appears twice: posted, then reversed on its cancellation day.
    static func ledger(invoices: [VendorInvoice], payments: [VendorPayment]) -> [Currency: [LedgerEntry]] {
        struct Raw { let day: Day; let order: Int; let kind: LedgerEntry.Kind; let ref: Int64; let label: String; let amount: Money }
        var raw: [Raw] = []
        for inv in invoices {
            let posted = inv.record.postedAt?.day ?? inv.events.first(where: { $0.toStatus == .confirmed })?.at.day
            switch inv.record.status {
            case .confirmed:
                raw.append(Raw(day: posted ?? inv.record.invoiceDate, order: 0, kind: .invoice, ref: inv.id, label: inv.record.invoiceNumber, amount: inv.total))
            case .cancelled:
                guard let posted else { continue }
                raw.append(Raw(day: posted, order: 0, kind: .invoice, ref: inv.id, label: inv.record.invoiceNumber, amount: inv.total))
                let cancelled = inv.events.last(where: { $0.toStatus == .cancelled })?.at.day ?? posted
                raw.append(Raw(day: cancelled, order: 1, kind: .cancellation, ref: inv.id, label: inv.record.invoiceNumber, amount: Money(-inv.total.minor, inv.total.currency)))
            default:
                continue
            }
        }
        for p in payments {
            raw.append(Raw(day: p.record.paidAt, order: 2, kind: .payment, ref: p.record.id, label: p.record.reference ?? "", amount: Money(-p.amount.minor, p.amount.currency)))
        }
        raw.sort { ($0.day, $0.order, $0.ref) < ($1.day, $1.order, $1.ref) }
        var result: [Currency: [LedgerEntry]] = [:]
        var balances: [Currency: Int64] = [:]
        for r in raw {
            let c = r.amount.currency
            balances[c, default: 0] += r.amount.minor
            result[c, default: []].append(LedgerEntry(day: r.day, kind: r.kind, reference: r.ref, label: r.label, amount: r.amount, balance: Money(balances[c]!, c)))
        }
        return result
    }

    /// The invoices of one workspace tile, newest first.
    public func invoices(in tile: VendorInvoiceTile) -> [VendorInvoice] { invoices.filter { $0.tile == tile } }

    /// Count and total per currency of a tile.
    public func summary(of tile: VendorInvoiceTile) -> (count: Int, totals: MoneyTotals) {
        var totals = MoneyTotals()
        var count = 0
        for inv in invoices where inv.tile == tile {
            count += 1
            totals.add(inv.total)
        }
        return (count, totals)
    }

    /// Every identifier of this party that must never appear in another party's folder.
    public var identifiers: [String] { [vendor.account] + invoices.map(\.record.invoiceNumber) + orders.map(\.number) }
}
