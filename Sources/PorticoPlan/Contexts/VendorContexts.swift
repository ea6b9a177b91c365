/// Contexts of a vendor's invoicing pages.

public struct Tile: TemplateContext {
    public var key: String
    public var label: String
    public var count: Int
    public var totals: [String]
    public var href: String
    public static let fields: FieldTable<Self> = [
        "key": { $0.key.templateValue }, "label": { $0.label.templateValue }, "count": { $0.count.templateValue }, "totals": { $0.totals.templateValue },
        "hasTotals": { (!$0.totals.isEmpty).templateValue }, "href": { $0.href.templateValue },
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
        "orderLists": { $0.orderLists.templateValue }, "consignment": { $0.consignment.templateValue }, "feedHref": { $0.feedHref.templateValue }, "attachments": { $0.attachments.templateValue }, "hasAttachments": { (!$0.attachments.isEmpty).templateValue }, "tiles": { $0.tiles.templateValue }, "latest": { $0.latest.templateValue }, "hasLatest": { (!$0.latest.isEmpty).templateValue }, "allInvoices": { $0.allInvoices.templateValue },
        "payments": { $0.payments.templateValue }, "transactions": { $0.transactions.templateValue }, "notes": { $0.notes.templateValue }, "hasNotes": { (!$0.notes.isEmpty).templateValue },
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
        "tile": { $0.tile.templateValue }, "id": { $0.id.templateValue }, "href": { $0.href.templateValue }, "number": { $0.number.templateValue }, "po": { $0.po.templateValue }, "invoiceDate": { $0.invoiceDate.templateValue },
        "invoiceDateISO": { $0.invoiceDateISO.templateValue }, "dueDate": { $0.dueDate.templateValue }, "dueDateISO": { $0.dueDateISO.templateValue }, "total": { $0.total.templateValue },
        "amount": { $0.amount.templateValue }, "currency": { $0.currency.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue },
        "paymentStatus": { $0.paymentStatus.templateValue }, "paymentStatusKey": { $0.paymentStatusKey.templateValue }, "matching": { $0.matching.templateValue },
        "matchingKey": { $0.matchingKey.templateValue },
    ]
}

public struct FilterOption: TemplateContext {
    public var value: String
    public var label: String
    public static let fields: FieldTable<Self> = ["value": { $0.value.templateValue }, "label": { $0.label.templateValue }]
}

public struct Pagination: TemplateContext {
    public var pages: [Link]
    public var previous: String?
    public var next: String?
    /// "1–50 of 120"
    public var summary: String
    public static let fields: FieldTable<Self> = [
        "pages": { $0.pages.templateValue }, "previous": { $0.previous.templateValue }, "next": { $0.next.templateValue }, "summary": { $0.summary.templateValue },
        "several": { ($0.pages.count > 1).templateValue },
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
        "tile": { $0.tile.templateValue }, "base": { $0.base.templateValue },
        "heading": { $0.heading.templateValue }, "intro": { $0.intro.templateValue }, "tabs": { $0.tabs.templateValue }, "rows": { $0.rows.templateValue }, "isEmpty": { $0.rows.isEmpty.templateValue },
        "pagination": { $0.pagination.templateValue }, "dataHref": { $0.dataHref.templateValue }, "csvHref": { $0.csvHref.templateValue },
        "statusOptions": { $0.statusOptions.templateValue }, "paymentOptions": { $0.paymentOptions.templateValue }, "pageSize": { $0.pageSize.templateValue },
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
        "lineNo": { $0.lineNo.templateValue }, "item": { $0.item.templateValue }, "description": { $0.description.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue },
        "unitPrice": { $0.unitPrice.templateValue }, "amount": { $0.amount.templateValue }, "verification": { $0.verification.templateValue }, "verificationKey": { $0.verificationKey.templateValue },
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
        "at": { $0.at.templateValue }, "atISO": { $0.atISO.templateValue }, "from": { $0.from.templateValue }, "to": { $0.to.templateValue }, "toKey": { $0.toKey.templateValue },
        "actor": { $0.actor.templateValue }, "comment": { $0.comment.templateValue },
    ]
}

public struct StepRow: TemplateContext {
    public var status: String
    public var statusKey: String
    public var explanation: String
    public static let fields: FieldTable<Self> = ["status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue }, "explanation": { $0.explanation.templateValue }]
}

public struct SettlementRow: TemplateContext {
    public var paidAt: String
    public var paidAtISO: String
    public var reference: String?
    public var method: String?
    public var amount: String
    public var href: String
    public static let fields: FieldTable<Self> = [
        "paidAt": { $0.paidAt.templateValue }, "paidAtISO": { $0.paidAtISO.templateValue }, "reference": { $0.reference.templateValue }, "method": { $0.method.templateValue },
        "amount": { $0.amount.templateValue }, "href": { $0.href.templateValue },
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
        "number": { $0.number.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue }, "paymentStatus": { $0.paymentStatus.templateValue },
        "paymentStatusKey": { $0.paymentStatusKey.templateValue }, "header": { $0.header.templateValue }, "lines": { $0.lines.templateValue }, "subtotal": { $0.subtotal.templateValue },
        "tax": { $0.tax.templateValue }, "total": { $0.total.templateValue }, "settled": { $0.settled.templateValue }, "open": { $0.open.templateValue }, "events": { $0.events.templateValue },
        "nextSteps": { $0.nextSteps.templateValue }, "hasNextSteps": { (!$0.nextSteps.isEmpty).templateValue }, "stepsNote": { $0.stepsNote.templateValue },
        "settlements": { $0.settlements.templateValue }, "hasSettlements": { (!$0.settlements.isEmpty).templateValue },
        "notes": { $0.notes.templateValue }, "hasNotes": { (!$0.notes.isEmpty).templateValue }, "attachments": { $0.attachments.templateValue },
        "hasAttachments": { (!$0.attachments.isEmpty).templateValue }, "backHref": { $0.backHref.templateValue },
    ]
}

/// An invoice a payment settled, and how much of it.
public struct SettledInvoice: TemplateContext {
    public var number: String
    public var href: String
    public var amount: String
    public static let fields: FieldTable<Self> = ["number": { $0.number.templateValue }, "href": { $0.href.templateValue }, "amount": { $0.amount.templateValue }]
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
        "id": { $0.id.templateValue }, "anchor": { ("payment-\($0.id)").templateValue }, "paidAt": { $0.paidAt.templateValue }, "paidAtISO": { $0.paidAtISO.templateValue }, "amount": { $0.amount.templateValue },
        "method": { $0.method.templateValue }, "reference": { $0.reference.templateValue }, "settled": { $0.settled.templateValue }, "hasSettled": { (!$0.settled.isEmpty).templateValue },
    ]
}

public struct PaymentsPage: TemplateContext {
    public var payments: [PaymentRow]
    public static let fields: FieldTable<Self> = ["payments": { $0.payments.templateValue }, "isEmpty": { $0.payments.isEmpty.templateValue }]
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
        "date": { $0.date.templateValue }, "dateISO": { $0.dateISO.templateValue }, "kind": { $0.kind.templateValue }, "label": { $0.label.templateValue }, "href": { $0.href.templateValue },
        "debit": { $0.debit.templateValue }, "credit": { $0.credit.templateValue }, "balance": { $0.balance.templateValue },
    ]
}

public struct Ledger: TemplateContext {
    public var currency: String
    public var caption: String
    public var rows: [LedgerRow]
    public var closing: String
    public static let fields: FieldTable<Self> = [
        "currency": { $0.currency.templateValue }, "caption": { $0.caption.templateValue }, "rows": { $0.rows.templateValue }, "closing": { $0.closing.templateValue },
    ]
}

public struct TransactionsPage: TemplateContext {
    public var ledgers: [Ledger]
    public static let fields: FieldTable<Self> = ["ledgers": { $0.ledgers.templateValue }, "isEmpty": { $0.ledgers.isEmpty.templateValue }]
}
