import PorticoModel
import PorticoStore

/// The vendor's answer to one version, with the line answers grouped by line (splits in order).
public struct OrderResponse: Sendable {
    public let record: POResponseRecord
    public let lines: [Int64: [POLineResponseRecord]]
}

/// One version of an order as sent, and the answer to it if any.
public struct OrderVersion: Sendable {
    public let record: POVersionRecord
    public let lines: [POLineRecord]
    public let response: OrderResponse?
    public var version: Int64 { record.version }
}

/// The purchase-order lists of the domain document.
public enum OrderList: String, CaseIterable, Sendable {
    case forReview = "for-review"
    case awaitingCustomer = "awaiting-customer"
    case openConfirmed = "open-confirmed"
    case confirmed
    case history
    case consignment
}

/// What an order waits for.
public enum OrderWaiting: String, Sendable {
    case vendor, company, delivery, invoicing, nothing
}

/// A purchase order with all its versions (never a draft).
public struct PurchaseOrder: Sendable {
    public let record: PurchaseOrderRecord
    /// Oldest first.
    public let versions: [OrderVersion]
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]

    public var number: String { record.number }
    public var current: OrderVersion? { versions.first { $0.version == record.currentVersion } }
    /// The number the vendor sees: `PO-000123-2`.
    public var displayNumber: String { "\(record.number)-\(record.currentVersion)" }
    public var amount: Money { Money(current?.lines.reduce(0) { $0 + $1.lineAmountMinor } ?? 0, record.currency) }

    /// Some line of the current version is not fully received.
    public var isOpen: Bool { current?.lines.contains { $0.receivedQuantity < $0.quantity } ?? false }

    /// The lists this order is on (draft orders are never read, so never listed).
    public var lists: [OrderList] {
        if record.isConsignment { return [.consignment] }
        var lists: [OrderList] = []
        switch record.status {
        case .inExternalReview: lists.append(current?.response == nil ? .forReview : .awaitingCustomer)
        case .confirmed:
            if isOpen { lists.append(.openConfirmed) }
            lists.append(.confirmed)
        case .draft, .cancelled: break
        }
        lists.append(.history)
        return lists
    }

    public var waiting: OrderWaiting {
        switch record.status {
        case .inExternalReview: current?.response == nil ? .vendor : .company
        case .confirmed: isOpen ? .delivery : .invoicing
        case .draft, .cancelled: .nothing
        }
    }

    /// Notes on the order itself (not on lines).
    public var orderNotes: [NoteRecord] { notes.filter { $0.subjectType == .purchaseOrder } }
    public func lineNotes(version: Int64, line: Int64) -> [NoteRecord] {
        notes.filter { $0.subjectType == .poLine && $0.version == version && $0.lineNo == line }
    }
    public var orderAttachments: [AttachmentRecord] { attachments.filter { $0.subjectType == .purchaseOrder } }
    public func lineAttachments(version: Int64, line: Int64) -> [AttachmentRecord] {
        attachments.filter { $0.subjectType == .poLine && $0.version == version && $0.lineNo == line }
    }

    init(record: PurchaseOrderRecord, versions: [POVersionRecord], lines: [POLineRecord], responses: [POResponseRecord],
         lineResponses: [POLineResponseRecord], notes: [NoteRecord], attachments: [AttachmentRecord]) {
        self.record = record
        let linesByVersion = Dictionary(grouping: lines, by: \.version)
        let responseByVersion = Dictionary(responses.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        let lineResponsesByVersion = Dictionary(grouping: lineResponses, by: \.version)
        self.versions = versions.sorted { $0.version < $1.version }.map { v in
            let response = responseByVersion[v.version].map { r in
                OrderResponse(record: r, lines: Dictionary(grouping: (lineResponsesByVersion[v.version] ?? []).sorted { ($0.lineNo, $0.splitSeq) < ($1.lineNo, $1.splitSeq) }, by: \.lineNo))
            }
            return OrderVersion(record: v, lines: (linesByVersion[v.version] ?? []).sorted { $0.lineNo < $1.lineNo }, response: response)
        }
        self.notes = notes
        self.attachments = attachments
    }
}

/// What changed in one line between two versions.
public struct LineChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case added, removed, changed }
    public enum Field: String, Sendable { case item, quantity, price, deliveryDate = "delivery_date" }
    public let lineNo: Int64
    public let kind: Kind
    /// For `changed`: each field with its old and new value (as in the export).
    public let fields: [(field: Field, before: String, after: String)]

    public static func == (a: LineChange, b: LineChange) -> Bool {
        a.lineNo == b.lineNo && a.kind == b.kind && a.fields.map { "\($0.field)|\($0.before)|\($0.after)" } == b.fields.map { "\($0.field)|\($0.before)|\($0.after)" }
    }
}

public enum VersionDiff {
    /// The changes from `old` to `new`, matching lines by line number, in line order.
    public static func changes(from old: [POLineRecord], to new: [POLineRecord]) -> [LineChange] {
        let before = Dictionary(old.map { ($0.lineNo, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.lineNo, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [LineChange] = []
        for lineNo in Set(before.keys).union(after.keys).sorted() {
            switch (before[lineNo], after[lineNo]) {
            case (nil, .some): result.append(LineChange(lineNo: lineNo, kind: .added, fields: []))
            case (.some, nil): result.append(LineChange(lineNo: lineNo, kind: .removed, fields: []))
            case (let a?, let b?):
                var fields: [(LineChange.Field, String, String)] = []
                if a.itemNumber != b.itemNumber { fields.append((.item, a.itemNumber ?? "", b.itemNumber ?? "")) }
                if a.quantity != b.quantity { fields.append((.quantity, a.quantity.text, b.quantity.text)) }
                if a.unitPriceMinor != b.unitPriceMinor { fields.append((.price, String(a.unitPriceMinor), String(b.unitPriceMinor))) }
                if a.deliveryDate != b.deliveryDate { fields.append((.deliveryDate, a.deliveryDate?.description ?? "", b.deliveryDate?.description ?? "")) }
                if !fields.isEmpty { result.append(LineChange(lineNo: lineNo, kind: .changed, fields: fields)) }
            case (nil, nil): break
            }
        }
        return result
    }
}

/// Consignment stock on hand, per item with its total.
public struct ConsignmentItem: Sendable {
    public let itemNumber: String
    public let itemName: String?
    public let rows: [ConsignmentOnHandRecord]
    /// Total per unit (an item is normally held in one unit).
    public var totals: [(unit: String, quantity: Quantity)] {
        let byUnit = Dictionary(grouping: rows, by: \.unit)
        return byUnit.keys.sorted().map { ($0, Quantity.sum(byUnit[$0]!.map(\.quantity))) }
    }
}
