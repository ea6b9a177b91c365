/// Contexts of a vendor's invoicing pages.

public struct Tile: TemplateContext {
    public var key: String
    public var label: String
    public var count: Int
    public var totals: [String]
    public var href: String
    public static let fields: FieldTable<Self> = [
        "key": { $0.pointee.key.templateValue }, "label": { $0.pointee.label.templateValue }, "count": { $0.pointee.count.templateValue }, "totals": { $0.pointee.totals.templateValue },
        "hasTotals": { (!$0.pointee.totals.isEmpty).templateValue }, "href": { $0.pointee.href.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "orderLists": { $0.pointee.orderLists.templateValue }, "consignment": { $0.pointee.consignment.templateValue }, "feedHref": { $0.pointee.feedHref.templateValue }, "attachments": { $0.pointee.attachments.templateValue }, "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue }, "tiles": { $0.pointee.tiles.templateValue }, "latest": { $0.pointee.latest.templateValue }, "hasLatest": { (!$0.pointee.latest.isEmpty).templateValue }, "allInvoices": { $0.pointee.allInvoices.templateValue },
        "payments": { $0.pointee.payments.templateValue }, "transactions": { $0.pointee.transactions.templateValue }, "notes": { $0.pointee.notes.templateValue }, "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue },
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
    public static let fields: FieldTable<Self> = [
        "tile": { $0.pointee.tile.templateValue }, "id": { $0.pointee.id.templateValue }, "href": { $0.pointee.href.templateValue }, "number": { $0.pointee.number.templateValue }, "po": { $0.pointee.po.templateValue }, "invoiceDate": { $0.pointee.invoiceDate.templateValue },
        "invoiceDateISO": { $0.pointee.invoiceDateISO.templateValue }, "dueDate": { $0.pointee.dueDate.templateValue }, "dueDateISO": { $0.pointee.dueDateISO.templateValue }, "total": { $0.pointee.total.templateValue },
        "amount": { $0.pointee.amount.templateValue }, "currency": { $0.pointee.currency.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue },
        "paymentStatus": { $0.pointee.paymentStatus.templateValue }, "paymentStatusKey": { $0.pointee.paymentStatusKey.templateValue }, "matching": { $0.pointee.matching.templateValue },
        "matchingKey": { $0.pointee.matchingKey.templateValue },
    ]
}

public struct FilterOption: TemplateContext {
    public var value: String
    public var label: String
    public static let fields: FieldTable<Self> = ["value": { $0.pointee.value.templateValue }, "label": { $0.pointee.label.templateValue }]
}

public struct Pagination: TemplateContext {
    public var pages: [Link]
    public var previous: String?
    public var next: String?
    /// "1–50 of 120"
    public var summary: String
    public static let fields: FieldTable<Self> = [
        "pages": { $0.pointee.pages.templateValue }, "previous": { $0.pointee.previous.templateValue }, "next": { $0.pointee.next.templateValue }, "summary": { $0.pointee.summary.templateValue },
        "several": { ($0.pointee.pages.count > 1).templateValue },
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
    public static let fields: FieldTable<Self> = [
        "tile": { $0.pointee.tile.templateValue }, "base": { $0.pointee.base.templateValue },
        "heading": { $0.pointee.heading.templateValue }, "intro": { $0.pointee.intro.templateValue }, "tabs": { $0.pointee.tabs.templateValue }, "rows": { $0.pointee.rows.templateValue }, "isEmpty": { $0.pointee.rows.isEmpty.templateValue },
        "pagination": { $0.pointee.pagination.templateValue }, "dataHref": { $0.pointee.dataHref.templateValue }, "csvHref": { $0.pointee.csvHref.templateValue },
        "statusOptions": { $0.pointee.statusOptions.templateValue }, "paymentOptions": { $0.pointee.paymentOptions.templateValue }, "pageSize": { $0.pointee.pageSize.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.pointee.lineNo.templateValue }, "item": { $0.pointee.item.templateValue }, "description": { $0.pointee.description.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue },
        "unitPrice": { $0.pointee.unitPrice.templateValue }, "amount": { $0.pointee.amount.templateValue }, "verification": { $0.pointee.verification.templateValue }, "verificationKey": { $0.pointee.verificationKey.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "at": { $0.pointee.at.templateValue }, "atISO": { $0.pointee.atISO.templateValue }, "from": { $0.pointee.from.templateValue }, "to": { $0.pointee.to.templateValue }, "toKey": { $0.pointee.toKey.templateValue },
        "actor": { $0.pointee.actor.templateValue }, "comment": { $0.pointee.comment.templateValue },
    ]
}

public struct StepRow: TemplateContext {
    public var status: String
    public var statusKey: String
    public var explanation: String
    public static let fields: FieldTable<Self> = ["status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue }, "explanation": { $0.pointee.explanation.templateValue }]
}

public struct SettlementRow: TemplateContext {
    public var paidAt: String
    public var paidAtISO: String
    public var reference: String?
    public var method: String?
    public var amount: String
    public var href: String
    public static let fields: FieldTable<Self> = [
        "paidAt": { $0.pointee.paidAt.templateValue }, "paidAtISO": { $0.pointee.paidAtISO.templateValue }, "reference": { $0.pointee.reference.templateValue }, "method": { $0.pointee.method.templateValue },
        "amount": { $0.pointee.amount.templateValue }, "href": { $0.pointee.href.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "number": { $0.pointee.number.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue }, "paymentStatus": { $0.pointee.paymentStatus.templateValue },
        "paymentStatusKey": { $0.pointee.paymentStatusKey.templateValue }, "header": { $0.pointee.header.templateValue }, "lines": { $0.pointee.lines.templateValue }, "subtotal": { $0.pointee.subtotal.templateValue },
        "tax": { $0.pointee.tax.templateValue }, "total": { $0.pointee.total.templateValue }, "settled": { $0.pointee.settled.templateValue }, "open": { $0.pointee.open.templateValue }, "events": { $0.pointee.events.templateValue },
        "nextSteps": { $0.pointee.nextSteps.templateValue }, "hasNextSteps": { (!$0.pointee.nextSteps.isEmpty).templateValue }, "stepsNote": { $0.pointee.stepsNote.templateValue },
        "settlements": { $0.pointee.settlements.templateValue }, "hasSettlements": { (!$0.pointee.settlements.isEmpty).templateValue },
        "notes": { $0.pointee.notes.templateValue }, "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue }, "attachments": { $0.pointee.attachments.templateValue },
        "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue }, "backHref": { $0.pointee.backHref.templateValue },
    ]
}

/// An invoice a payment settled, and how much of it.
public struct SettledInvoice: TemplateContext {
    public var number: String
    public var href: String
    public var amount: String
    public static let fields: FieldTable<Self> = ["number": { $0.pointee.number.templateValue }, "href": { $0.pointee.href.templateValue }, "amount": { $0.pointee.amount.templateValue }]
}

public struct PaymentRow: TemplateContext {
    public var id: Int64
    public var paidAt: String
    public var paidAtISO: String
    public var amount: String
    public var method: String?
    public var reference: String?
    public var settled: [SettledInvoice]
    public static let fields: FieldTable<Self> = [
        "id": { $0.pointee.id.templateValue }, "anchor": { ("payment-\($0.pointee.id)").templateValue }, "paidAt": { $0.pointee.paidAt.templateValue }, "paidAtISO": { $0.pointee.paidAtISO.templateValue }, "amount": { $0.pointee.amount.templateValue },
        "method": { $0.pointee.method.templateValue }, "reference": { $0.pointee.reference.templateValue }, "settled": { $0.pointee.settled.templateValue }, "hasSettled": { (!$0.pointee.settled.isEmpty).templateValue },
    ]
}

public struct PaymentsPage: TemplateContext {
    public var payments: [PaymentRow]
    public static let fields: FieldTable<Self> = ["payments": { $0.pointee.payments.templateValue }, "isEmpty": { $0.pointee.payments.isEmpty.templateValue }]
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
    public static let fields: FieldTable<Self> = [
        "date": { $0.pointee.date.templateValue }, "dateISO": { $0.pointee.dateISO.templateValue }, "kind": { $0.pointee.kind.templateValue }, "label": { $0.pointee.label.templateValue }, "href": { $0.pointee.href.templateValue },
        "debit": { $0.pointee.debit.templateValue }, "credit": { $0.pointee.credit.templateValue }, "balance": { $0.pointee.balance.templateValue },
    ]
}

public struct Ledger: TemplateContext {
    public var currency: String
    public var caption: String
    public var rows: [LedgerRow]
    public var closing: String
    public static let fields: FieldTable<Self> = [
        "currency": { $0.pointee.currency.templateValue }, "caption": { $0.pointee.caption.templateValue }, "rows": { $0.pointee.rows.templateValue }, "closing": { $0.pointee.closing.templateValue },
    ]
}

public struct TransactionsPage: TemplateContext {
    public var ledgers: [Ledger]
    public static let fields: FieldTable<Self> = ["ledgers": { $0.pointee.ledgers.templateValue }, "isEmpty": { $0.pointee.ledgers.isEmpty.templateValue }]
}
