/// Contexts of a customer's portal.

/// One row of a customer's invoice list; the same fields go into the list's data file.
public struct CustomerInvoiceRow: TemplateContext, Encodable {
    public var number: String
    public var href: String
    public var orderNumber: String?
    public var invoiceDate: String
    public var invoiceDateISO: String
    public var dueDate: String
    public var dueDateISO: String
    public var total: String
    public var open: String
    /// The open amount in major units, for sorting.
    public var openAmount: String
    public var currency: String
    public var status: String
    public var statusKey: String
    public var overdue: Bool
    public var daysOverdue: String?
    public var discount: String?
    public var discountDate: String?
    public var discountDateISO: String?
    public var lists: [String]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "number": { $0.number }, "href": { $0.href }, "orderNumber": { $0.orderNumber }, "invoiceDate": { $0.invoiceDate },
        "invoiceDateISO": { $0.invoiceDateISO }, "dueDate": { $0.dueDate }, "dueDateISO": { $0.dueDateISO }, "total": { $0.total },
        "open": { $0.open }, "openAmount": { $0.openAmount }, "currency": { $0.currency }, "status": { $0.status },
        "statusKey": { $0.statusKey }, "overdue": { $0.overdue }, "daysOverdue": { $0.daysOverdue }, "discount": { $0.discount },
        "discountDate": { $0.discountDate }, "discountDateISO": { $0.discountDateISO },
    ]
}

public struct CustomerInvoiceListPage: TemplateContext {
    public var heading: String
    public var intro: String
    public var tabs: [Link]
    public var rows: [CustomerInvoiceRow]
    public var pagination: Pagination
    public var dataHref: String
    public var csvHref: String
    public var list: String
    public var base: String
    public var pageSize: Int
    public var statusOptions: [FilterOption]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "heading": { $0.heading }, "intro": { $0.intro }, "tabs": { $0.tabs }, "rows": { $0.rows }, "isEmpty": { $0.rows.isEmpty },
        "pagination": { $0.pagination }, "dataHref": { $0.dataHref }, "csvHref": { $0.csvHref }, "list": { $0.list }, "base": { $0.base },
        "pageSize": { $0.pageSize }, "statusOptions": { $0.statusOptions },
    ]
}

/// One bar of the aging chart, with its geometry in the chart's 0..600 × 0..200 box.
public struct AgingBar: TemplateContext {
    public var label: String
    public var amount: String
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public var labelX: Int
    public var key: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "label": { $0.label }, "amount": { $0.amount }, "x": { $0.x }, "y": { $0.y }, "width": { $0.width }, "height": { $0.height },
        "labelX": { $0.labelX }, "key": { $0.key },
    ]
}

public struct AgingChart: TemplateContext {
    public var currency: String
    public var id: String
    public var title: String
    public var description: String
    public var bars: [AgingBar]
    public var total: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "currency": { $0.currency }, "id": { $0.id }, "title": { $0.title }, "description": { $0.description }, "bars": { $0.bars },
        "total": { $0.total },
    ]
}

public struct RequestRow: TemplateContext {
    public var invoice: String
    public var href: String?
    public var requestedAt: String
    public var requestedAtISO: String
    public var requestedBy: String?
    public var status: String
    public var statusKey: String
    public var completedAt: String?
    public var completedAtISO: String?
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "invoice": { $0.invoice }, "href": { $0.href }, "requestedAt": { $0.requestedAt }, "requestedAtISO": { $0.requestedAtISO },
        "requestedBy": { $0.requestedBy }, "status": { $0.status }, "statusKey": { $0.statusKey }, "completedAt": { $0.completedAt },
        "completedAtISO": { $0.completedAtISO },
    ]
}

public struct CustomerOverviewPage: TemplateContext {
    public var balances: [String]
    public var overdue: [String]
    public var nextDue: String?
    public var nextDueISO: String?
    /// The account's payment terms in the reader's language ("Net 30 days · 2% cash discount if paid within 10 days").
    public var terms: String?
    public var charts: [AgingChart]
    public var latest: [CustomerInvoiceRow]
    public var pending: [RequestRow]
    public var statements: [Link]
    public var invoicesHref: String
    public var overdueHref: String
    public var requestsHref: String
    public var statementsHref: String
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "balances": { $0.balances }, "hasBalances": { !$0.balances.isEmpty }, "overdue": { $0.overdue }, "hasOverdue": { !$0.overdue.isEmpty },
        "nextDue": { $0.nextDue }, "nextDueISO": { $0.nextDueISO }, "terms": { $0.terms }, "charts": { $0.charts }, "hasCharts": { !$0.charts.isEmpty },
        "latest": { $0.latest }, "hasLatest": { !$0.latest.isEmpty }, "pending": { $0.pending }, "hasPending": { !$0.pending.isEmpty },
        "statements": { $0.statements }, "hasStatements": { !$0.statements.isEmpty }, "invoicesHref": { $0.invoicesHref },
        "overdueHref": { $0.overdueHref }, "requestsHref": { $0.requestsHref }, "statementsHref": { $0.statementsHref },
        "notes": { $0.notes }, "hasNotes": { !$0.notes.isEmpty }, "attachments": { $0.attachments }, "hasAttachments": { !$0.attachments.isEmpty },
    ]
}

public struct HiddenField: TemplateContext {
    public var name: String
    public var value: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["name": { $0.name }, "value": { $0.value }]
}

/// "Pay invoice": a GET form when the template allows one, else a script fills the template; a full-amount link always works.
public struct PayForm: TemplateContext {
    public var action: String?
    public var hidden: [HiddenField]
    public var amountName: String
    public var template: String
    public var minimum: String
    public var maximum: String
    public var step: String
    public var fullHref: String
    public var currency: String
    public var openAmount: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "action": { $0.action }, "hidden": { $0.hidden }, "amountName": { $0.amountName }, "template": { $0.template },
        "minimum": { $0.minimum }, "maximum": { $0.maximum }, "step": { $0.step }, "fullHref": { $0.fullHref }, "currency": { $0.currency },
        "openAmount": { $0.openAmount },
    ]
}

public struct RequestAction: TemplateContext {
    public var href: String
    public var isEmail: Bool
    /// `requests.mode` `actions`: a form posted to the actions path, with these hidden fields and the address to send to.
    public var form: RequestForm?
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["href": { $0.href }, "isEmail": { $0.isEmail }, "form": { $0.form }]
}

public struct RequestForm: TemplateContext {
    public var action: String
    public var hidden: [HiddenField]
    public var email: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["action": { $0.action }, "hidden": { $0.hidden }, "email": { $0.email }]
}

public struct CustomerLineRow: TemplateContext {
    public var lineNo: Int64
    public var item: String?
    public var description: String?
    public var quantity: String
    public var unit: String?
    public var unitPrice: String
    public var amount: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "lineNo": { $0.lineNo }, "item": { $0.item }, "description": { $0.description }, "quantity": { $0.quantity }, "unit": { $0.unit },
        "unitPrice": { $0.unitPrice }, "amount": { $0.amount },
    ]
}

public struct CustomerInvoicePage: TemplateContext {
    public var number: String
    public var status: String
    public var statusKey: String
    public var overdueText: String?
    public var header: [Field]
    public var lines: [CustomerLineRow]
    public var subtotal: String
    public var tax: String
    public var total: String
    public var settled: String
    public var open: String
    public var discountText: String?
    public var settlements: [SettlementRow]
    public var pay: PayForm?
    public var request: RequestAction?
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public var backHref: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "number": { $0.number }, "status": { $0.status }, "statusKey": { $0.statusKey }, "overdueText": { $0.overdueText },
        "header": { $0.header }, "lines": { $0.lines }, "subtotal": { $0.subtotal }, "tax": { $0.tax }, "total": { $0.total },
        "settled": { $0.settled }, "open": { $0.open }, "discountText": { $0.discountText }, "settlements": { $0.settlements },
        "hasSettlements": { !$0.settlements.isEmpty }, "pay": { $0.pay }, "request": { $0.request }, "notes": { $0.notes },
        "hasNotes": { !$0.notes.isEmpty }, "attachments": { $0.attachments }, "hasAttachments": { !$0.attachments.isEmpty },
        "backHref": { $0.backHref },
    ]
}

public struct StatementRow: TemplateContext {
    public var date: String
    public var dateISO: String
    public var description: String
    public var href: String?
    public var debit: String?
    public var credit: String?
    public var balance: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "date": { $0.date }, "dateISO": { $0.dateISO }, "description": { $0.description }, "href": { $0.href }, "debit": { $0.debit },
        "credit": { $0.credit }, "balance": { $0.balance },
    ]
}

public struct StatementSectionContext: TemplateContext {
    public var currency: String
    public var caption: String
    public var opening: String
    public var rows: [StatementRow]
    public var closing: String
    public var aging: [Field]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "currency": { $0.currency }, "caption": { $0.caption }, "opening": { $0.opening }, "rows": { $0.rows }, "closing": { $0.closing },
        "aging": { $0.aging },
    ]
}

public struct StatementPage: TemplateContext {
    public var heading: String
    public var period: String
    public var sections: [StatementSectionContext]
    public var previous: String?
    public var next: String?
    public var indexHref: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "heading": { $0.heading }, "period": { $0.period }, "sections": { $0.sections }, "isEmpty": { $0.sections.isEmpty },
        "previous": { $0.previous }, "next": { $0.next }, "indexHref": { $0.indexHref },
    ]
}

public struct StatementsIndexPage: TemplateContext {
    public var months: [Link]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["months": { $0.months }, "isEmpty": { $0.months.isEmpty }]
}

public struct RequestsPage: TemplateContext {
    public var pending: [RequestRow]
    public var completed: [RequestRow]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "pending": { $0.pending }, "hasPending": { !$0.pending.isEmpty }, "completed": { $0.completed }, "hasCompleted": { !$0.completed.isEmpty },
    ]
}
