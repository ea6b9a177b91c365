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
    public static let fields: FieldTable<Self> = [
        "number": { $0.number.templateValue }, "href": { $0.href.templateValue }, "orderNumber": { $0.orderNumber.templateValue }, "invoiceDate": { $0.invoiceDate.templateValue },
        "invoiceDateISO": { $0.invoiceDateISO.templateValue }, "dueDate": { $0.dueDate.templateValue }, "dueDateISO": { $0.dueDateISO.templateValue }, "total": { $0.total.templateValue },
        "open": { $0.open.templateValue }, "openAmount": { $0.openAmount.templateValue }, "currency": { $0.currency.templateValue }, "status": { $0.status.templateValue },
        "statusKey": { $0.statusKey.templateValue }, "overdue": { $0.overdue.templateValue }, "daysOverdue": { $0.daysOverdue.templateValue }, "discount": { $0.discount.templateValue },
        "discountDate": { $0.discountDate.templateValue }, "discountDateISO": { $0.discountDateISO.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "heading": { $0.heading.templateValue }, "intro": { $0.intro.templateValue }, "tabs": { $0.tabs.templateValue }, "rows": { $0.rows.templateValue }, "isEmpty": { $0.rows.isEmpty.templateValue },
        "pagination": { $0.pagination.templateValue }, "dataHref": { $0.dataHref.templateValue }, "csvHref": { $0.csvHref.templateValue }, "list": { $0.list.templateValue }, "base": { $0.base.templateValue },
        "pageSize": { $0.pageSize.templateValue }, "statusOptions": { $0.statusOptions.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "label": { $0.label.templateValue }, "amount": { $0.amount.templateValue }, "x": { $0.x.templateValue }, "y": { $0.y.templateValue }, "width": { $0.width.templateValue }, "height": { $0.height.templateValue },
        "labelX": { $0.labelX.templateValue }, "key": { $0.key.templateValue },
    ]
}

public struct AgingChart: TemplateContext {
    public var currency: String
    public var id: String
    public var title: String
    public var description: String
    public var bars: [AgingBar]
    public var total: String
    public static let fields: FieldTable<Self> = [
        "currency": { $0.currency.templateValue }, "id": { $0.id.templateValue }, "title": { $0.title.templateValue }, "description": { $0.description.templateValue }, "bars": { $0.bars.templateValue },
        "total": { $0.total.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "invoice": { $0.invoice.templateValue }, "href": { $0.href.templateValue }, "requestedAt": { $0.requestedAt.templateValue }, "requestedAtISO": { $0.requestedAtISO.templateValue },
        "requestedBy": { $0.requestedBy.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue }, "completedAt": { $0.completedAt.templateValue },
        "completedAtISO": { $0.completedAtISO.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "balances": { $0.balances.templateValue }, "hasBalances": { (!$0.balances.isEmpty).templateValue }, "overdue": { $0.overdue.templateValue }, "hasOverdue": { (!$0.overdue.isEmpty).templateValue },
        "nextDue": { $0.nextDue.templateValue }, "nextDueISO": { $0.nextDueISO.templateValue }, "terms": { $0.terms.templateValue }, "charts": { $0.charts.templateValue }, "hasCharts": { (!$0.charts.isEmpty).templateValue },
        "latest": { $0.latest.templateValue }, "hasLatest": { (!$0.latest.isEmpty).templateValue }, "pending": { $0.pending.templateValue }, "hasPending": { (!$0.pending.isEmpty).templateValue },
        "statements": { $0.statements.templateValue }, "hasStatements": { (!$0.statements.isEmpty).templateValue }, "invoicesHref": { $0.invoicesHref.templateValue },
        "overdueHref": { $0.overdueHref.templateValue }, "requestsHref": { $0.requestsHref.templateValue }, "statementsHref": { $0.statementsHref.templateValue },
        "notes": { $0.notes.templateValue }, "hasNotes": { (!$0.notes.isEmpty).templateValue }, "attachments": { $0.attachments.templateValue }, "hasAttachments": { (!$0.attachments.isEmpty).templateValue },
    ]
}

public struct HiddenField: TemplateContext {
    public var name: String
    public var value: String
    public static let fields: FieldTable<Self> = ["name": { $0.name.templateValue }, "value": { $0.value.templateValue }]
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
    public static let fields: FieldTable<Self> = [
        "action": { $0.action.templateValue }, "hidden": { $0.hidden.templateValue }, "amountName": { $0.amountName.templateValue }, "template": { $0.template.templateValue },
        "minimum": { $0.minimum.templateValue }, "maximum": { $0.maximum.templateValue }, "step": { $0.step.templateValue }, "fullHref": { $0.fullHref.templateValue }, "currency": { $0.currency.templateValue },
        "openAmount": { $0.openAmount.templateValue },
    ]
}

public struct RequestAction: TemplateContext {
    public var href: String
    public var isEmail: Bool
    /// `requests.mode` `actions`: a form posted to the actions path, with these hidden fields and the address to send to.
    public var form: RequestForm?
    public static let fields: FieldTable<Self> = ["href": { $0.href.templateValue }, "isEmail": { $0.isEmail.templateValue }, "form": { $0.form.templateValue }]
}

public struct RequestForm: TemplateContext {
    public var action: String
    public var hidden: [HiddenField]
    public var email: String
    public static let fields: FieldTable<Self> = ["action": { $0.action.templateValue }, "hidden": { $0.hidden.templateValue }, "email": { $0.email.templateValue }]
}

public struct CustomerLineRow: TemplateContext {
    public var lineNo: Int64
    public var item: String?
    public var description: String?
    public var quantity: String
    public var unit: String?
    public var unitPrice: String
    public var amount: String
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.lineNo.templateValue }, "item": { $0.item.templateValue }, "description": { $0.description.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue },
        "unitPrice": { $0.unitPrice.templateValue }, "amount": { $0.amount.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "number": { $0.number.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue }, "overdueText": { $0.overdueText.templateValue },
        "header": { $0.header.templateValue }, "lines": { $0.lines.templateValue }, "subtotal": { $0.subtotal.templateValue }, "tax": { $0.tax.templateValue }, "total": { $0.total.templateValue },
        "settled": { $0.settled.templateValue }, "open": { $0.open.templateValue }, "discountText": { $0.discountText.templateValue }, "settlements": { $0.settlements.templateValue },
        "hasSettlements": { (!$0.settlements.isEmpty).templateValue }, "pay": { $0.pay.templateValue }, "request": { $0.request.templateValue }, "notes": { $0.notes.templateValue },
        "hasNotes": { (!$0.notes.isEmpty).templateValue }, "attachments": { $0.attachments.templateValue }, "hasAttachments": { (!$0.attachments.isEmpty).templateValue },
        "backHref": { $0.backHref.templateValue },
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
    public static let fields: FieldTable<Self> = [
        "date": { $0.date.templateValue }, "dateISO": { $0.dateISO.templateValue }, "description": { $0.description.templateValue }, "href": { $0.href.templateValue }, "debit": { $0.debit.templateValue },
        "credit": { $0.credit.templateValue }, "balance": { $0.balance.templateValue },
    ]
}

public struct StatementSectionContext: TemplateContext {
    public var currency: String
    public var caption: String
    public var opening: String
    public var rows: [StatementRow]
    public var closing: String
    public var aging: [Field]
    public static let fields: FieldTable<Self> = [
        "currency": { $0.currency.templateValue }, "caption": { $0.caption.templateValue }, "opening": { $0.opening.templateValue }, "rows": { $0.rows.templateValue }, "closing": { $0.closing.templateValue },
        "aging": { $0.aging.templateValue },
    ]
}

public struct StatementPage: TemplateContext {
    public var heading: String
    public var period: String
    public var sections: [StatementSectionContext]
    public var previous: String?
    public var next: String?
    public var indexHref: String
    public static let fields: FieldTable<Self> = [
        "heading": { $0.heading.templateValue }, "period": { $0.period.templateValue }, "sections": { $0.sections.templateValue }, "isEmpty": { $0.sections.isEmpty.templateValue },
        "previous": { $0.previous.templateValue }, "next": { $0.next.templateValue }, "indexHref": { $0.indexHref.templateValue },
    ]
}

public struct StatementsIndexPage: TemplateContext {
    public var months: [Link]
    public static let fields: FieldTable<Self> = ["months": { $0.months.templateValue }, "isEmpty": { $0.months.isEmpty.templateValue }]
}

public struct RequestsPage: TemplateContext {
    public var pending: [RequestRow]
    public var completed: [RequestRow]
    public static let fields: FieldTable<Self> = [
        "pending": { $0.pending.templateValue }, "hasPending": { (!$0.pending.isEmpty).templateValue }, "completed": { $0.completed.templateValue }, "hasCompleted": { (!$0.completed.isEmpty).templateValue },
    ]
}
