/// Contexts of a vendor's invoicing pages.

public struct Tile: TemplateContext {
    public var key: String
    public var label: String
    public var count: Int
    public var totals: [String]
    public var href: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "key": { $0.key }, "label": { $0.label }, "count": { $0.count }, "totals": { $0.totals },
        "hasTotals": { !$0.totals.isEmpty }, "href": { $0.href },
    ]
}

public struct WorkspacePage: TemplateContext {
    public var tiles: [Tile]
    public var latest: [InvoiceRow]
    public var allInvoices: String
    public var payments: String
    public var transactions: String
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public var orderLists: [OrderListSummary]
    public var consignment: ConsignmentSummary
    public var feedHref: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "orderLists": { $0.orderLists }, "consignment": { $0.consignment }, "feedHref": { $0.feedHref }, "attachments": { $0.attachments }, "hasAttachments": { !$0.attachments.isEmpty }, "tiles": { $0.tiles }, "latest": { $0.latest }, "hasLatest": { !$0.latest.isEmpty }, "allInvoices": { $0.allInvoices },
        "payments": { $0.payments }, "transactions": { $0.transactions }, "notes": { $0.notes }, "hasNotes": { !$0.notes.isEmpty },
    ]
}

/// One row of an invoice list; the same fields go into the list's data file.
public struct InvoiceRow: TemplateContext, Encodable {
    public var id: Int64
    public var href: String
    public var number: String
    public var po: String?
    public var invoiceDate: String
    public var invoiceDateISO: String
    public var dueDate: String
    public var dueDateISO: String
    public var total: String
    /// The amount in major units, for sorting.
    public var amount: String
    public var currency: String
    public var status: String
    public var statusKey: String
    public var paymentStatus: String
    public var paymentStatusKey: String
    public var matching: String
    public var matchingKey: String
    /// The workspace tile, or empty (cancelled).
    public var tile: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "tile": { $0.tile }, "id": { $0.id }, "href": { $0.href }, "number": { $0.number }, "po": { $0.po }, "invoiceDate": { $0.invoiceDate },
        "invoiceDateISO": { $0.invoiceDateISO }, "dueDate": { $0.dueDate }, "dueDateISO": { $0.dueDateISO }, "total": { $0.total },
        "amount": { $0.amount }, "currency": { $0.currency }, "status": { $0.status }, "statusKey": { $0.statusKey },
        "paymentStatus": { $0.paymentStatus }, "paymentStatusKey": { $0.paymentStatusKey }, "matching": { $0.matching },
        "matchingKey": { $0.matchingKey },
    ]
}

public struct FilterOption: TemplateContext {
    public var value: String
    public var label: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["value": { $0.value }, "label": { $0.label }]
}

public struct Pagination: TemplateContext {
    public var pages: [Link]
    public var previous: String?
    public var next: String?
    /// "1–50 of 120"
    public var summary: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "pages": { $0.pages }, "previous": { $0.previous }, "next": { $0.next }, "summary": { $0.summary },
        "several": { $0.pages.count > 1 },
    ]
}

public struct InvoiceListPage: TemplateContext {
    public var heading: String
    public var intro: String
    public var tabs: [Link]
    public var rows: [InvoiceRow]
    public var pagination: Pagination
    public var dataHref: String
    public var csvHref: String
    public var statusOptions: [FilterOption]
    public var paymentOptions: [FilterOption]
    public var pageSize: Int
    /// The tile this list shows, or empty for all invoices (the script filters the data file by it).
    public var tile: String
    /// Relative path from this page to the vendor's folder (the data file's hrefs are relative to it).
    public var base: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "tile": { $0.tile }, "base": { $0.base },
        "heading": { $0.heading }, "intro": { $0.intro }, "tabs": { $0.tabs }, "rows": { $0.rows }, "isEmpty": { $0.rows.isEmpty },
        "pagination": { $0.pagination }, "dataHref": { $0.dataHref }, "csvHref": { $0.csvHref },
        "statusOptions": { $0.statusOptions }, "paymentOptions": { $0.paymentOptions }, "pageSize": { $0.pageSize },
    ]
}

public struct InvoiceLineRow: TemplateContext {
    public var lineNo: Int64
    public var item: String?
    public var description: String?
    public var quantity: String
    public var unit: String?
    public var unitPrice: String
    public var amount: String
    public var verification: String
    public var verificationKey: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "lineNo": { $0.lineNo }, "item": { $0.item }, "description": { $0.description }, "quantity": { $0.quantity }, "unit": { $0.unit },
        "unitPrice": { $0.unitPrice }, "amount": { $0.amount }, "verification": { $0.verification }, "verificationKey": { $0.verificationKey },
    ]
}

public struct EventRow: TemplateContext {
    public var at: String
    public var atISO: String
    public var from: String?
    public var to: String
    public var toKey: String
    public var actor: String?
    public var comment: String?
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "at": { $0.at }, "atISO": { $0.atISO }, "from": { $0.from }, "to": { $0.to }, "toKey": { $0.toKey },
        "actor": { $0.actor }, "comment": { $0.comment },
    ]
}

public struct StepRow: TemplateContext {
    public var status: String
    public var statusKey: String
    public var explanation: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["status": { $0.status }, "statusKey": { $0.statusKey }, "explanation": { $0.explanation }]
}

public struct SettlementRow: TemplateContext {
    public var paidAt: String
    public var paidAtISO: String
    public var reference: String?
    public var method: String?
    public var amount: String
    public var href: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "paidAt": { $0.paidAt }, "paidAtISO": { $0.paidAtISO }, "reference": { $0.reference }, "method": { $0.method },
        "amount": { $0.amount }, "href": { $0.href },
    ]
}

public struct InvoicePage: TemplateContext {
    public var number: String
    public var status: String
    public var statusKey: String
    public var paymentStatus: String
    public var paymentStatusKey: String
    public var header: [Field]
    public var lines: [InvoiceLineRow]
    public var subtotal: String
    public var tax: String
    public var total: String
    public var settled: String
    public var open: String
    public var events: [EventRow]
    public var nextSteps: [StepRow]
    public var stepsNote: String
    public var settlements: [SettlementRow]
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public var backHref: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "number": { $0.number }, "status": { $0.status }, "statusKey": { $0.statusKey }, "paymentStatus": { $0.paymentStatus },
        "paymentStatusKey": { $0.paymentStatusKey }, "header": { $0.header }, "lines": { $0.lines }, "subtotal": { $0.subtotal },
        "tax": { $0.tax }, "total": { $0.total }, "settled": { $0.settled }, "open": { $0.open }, "events": { $0.events },
        "nextSteps": { $0.nextSteps }, "hasNextSteps": { !$0.nextSteps.isEmpty }, "stepsNote": { $0.stepsNote },
        "settlements": { $0.settlements }, "hasSettlements": { !$0.settlements.isEmpty },
        "notes": { $0.notes }, "hasNotes": { !$0.notes.isEmpty }, "attachments": { $0.attachments },
        "hasAttachments": { !$0.attachments.isEmpty }, "backHref": { $0.backHref },
    ]
}

/// An invoice a payment settled, and how much of it.
public struct SettledInvoice: TemplateContext {
    public var number: String
    public var href: String
    public var amount: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["number": { $0.number }, "href": { $0.href }, "amount": { $0.amount }]
}

public struct PaymentRow: TemplateContext {
    public var id: Int64
    public var paidAt: String
    public var paidAtISO: String
    public var amount: String
    public var method: String?
    public var reference: String?
    public var settled: [SettledInvoice]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "id": { $0.id }, "anchor": { "payment-\($0.id)" }, "paidAt": { $0.paidAt }, "paidAtISO": { $0.paidAtISO }, "amount": { $0.amount },
        "method": { $0.method }, "reference": { $0.reference }, "settled": { $0.settled }, "hasSettled": { !$0.settled.isEmpty },
    ]
}

public struct PaymentsPage: TemplateContext {
    public var payments: [PaymentRow]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["payments": { $0.payments }, "isEmpty": { $0.payments.isEmpty }]
}

public struct LedgerRow: TemplateContext {
    public var date: String
    public var dateISO: String
    public var kind: String
    public var label: String
    public var href: String
    public var debit: String?
    public var credit: String?
    public var balance: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "date": { $0.date }, "dateISO": { $0.dateISO }, "kind": { $0.kind }, "label": { $0.label }, "href": { $0.href },
        "debit": { $0.debit }, "credit": { $0.credit }, "balance": { $0.balance },
    ]
}

public struct Ledger: TemplateContext {
    public var currency: String
    public var caption: String
    public var rows: [LedgerRow]
    public var closing: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "currency": { $0.currency }, "caption": { $0.caption }, "rows": { $0.rows }, "closing": { $0.closing },
    ]
}

public struct TransactionsPage: TemplateContext {
    public var ledgers: [Ledger]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["ledgers": { $0.ledgers }, "isEmpty": { $0.ledgers.isEmpty }]
}
