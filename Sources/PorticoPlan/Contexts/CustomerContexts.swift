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
        "number": { $0.pointee.number.templateValue }, "href": { $0.pointee.href.templateValue }, "orderNumber": { $0.pointee.orderNumber.templateValue }, "invoiceDate": { $0.pointee.invoiceDate.templateValue },
        "invoiceDateISO": { $0.pointee.invoiceDateISO.templateValue }, "dueDate": { $0.pointee.dueDate.templateValue }, "dueDateISO": { $0.pointee.dueDateISO.templateValue }, "total": { $0.pointee.total.templateValue },
        "open": { $0.pointee.open.templateValue }, "openAmount": { $0.pointee.openAmount.templateValue }, "currency": { $0.pointee.currency.templateValue }, "status": { $0.pointee.status.templateValue },
        "statusKey": { $0.pointee.statusKey.templateValue }, "overdue": { $0.pointee.overdue.templateValue }, "daysOverdue": { $0.pointee.daysOverdue.templateValue }, "discount": { $0.pointee.discount.templateValue },
        "discountDate": { $0.pointee.discountDate.templateValue }, "discountDateISO": { $0.pointee.discountDateISO.templateValue },
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
        "heading": { $0.pointee.heading.templateValue }, "intro": { $0.pointee.intro.templateValue }, "tabs": { $0.pointee.tabs.templateValue }, "rows": { $0.pointee.rows.templateValue }, "isEmpty": { $0.pointee.rows.isEmpty.templateValue },
        "pagination": { $0.pointee.pagination.templateValue }, "dataHref": { $0.pointee.dataHref.templateValue }, "csvHref": { $0.pointee.csvHref.templateValue }, "list": { $0.pointee.list.templateValue }, "base": { $0.pointee.base.templateValue },
        "pageSize": { $0.pointee.pageSize.templateValue }, "statusOptions": { $0.pointee.statusOptions.templateValue },
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
        "label": { $0.pointee.label.templateValue }, "amount": { $0.pointee.amount.templateValue }, "x": { $0.pointee.x.templateValue }, "y": { $0.pointee.y.templateValue }, "width": { $0.pointee.width.templateValue }, "height": { $0.pointee.height.templateValue },
        "labelX": { $0.pointee.labelX.templateValue }, "key": { $0.pointee.key.templateValue },
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
        "currency": { $0.pointee.currency.templateValue }, "id": { $0.pointee.id.templateValue }, "title": { $0.pointee.title.templateValue }, "description": { $0.pointee.description.templateValue }, "bars": { $0.pointee.bars.templateValue },
        "total": { $0.pointee.total.templateValue },
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
        "invoice": { $0.pointee.invoice.templateValue }, "href": { $0.pointee.href.templateValue }, "requestedAt": { $0.pointee.requestedAt.templateValue }, "requestedAtISO": { $0.pointee.requestedAtISO.templateValue },
        "requestedBy": { $0.pointee.requestedBy.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue }, "completedAt": { $0.pointee.completedAt.templateValue },
        "completedAtISO": { $0.pointee.completedAtISO.templateValue },
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
        "balances": { $0.pointee.balances.templateValue }, "hasBalances": { (!$0.pointee.balances.isEmpty).templateValue }, "overdue": { $0.pointee.overdue.templateValue }, "hasOverdue": { (!$0.pointee.overdue.isEmpty).templateValue },
        "nextDue": { $0.pointee.nextDue.templateValue }, "nextDueISO": { $0.pointee.nextDueISO.templateValue }, "terms": { $0.pointee.terms.templateValue }, "charts": { $0.pointee.charts.templateValue }, "hasCharts": { (!$0.pointee.charts.isEmpty).templateValue },
        "latest": { $0.pointee.latest.templateValue }, "hasLatest": { (!$0.pointee.latest.isEmpty).templateValue }, "pending": { $0.pointee.pending.templateValue }, "hasPending": { (!$0.pointee.pending.isEmpty).templateValue },
        "statements": { $0.pointee.statements.templateValue }, "hasStatements": { (!$0.pointee.statements.isEmpty).templateValue }, "invoicesHref": { $0.pointee.invoicesHref.templateValue },
        "overdueHref": { $0.pointee.overdueHref.templateValue }, "requestsHref": { $0.pointee.requestsHref.templateValue }, "statementsHref": { $0.pointee.statementsHref.templateValue },
        "notes": { $0.pointee.notes.templateValue }, "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue }, "attachments": { $0.pointee.attachments.templateValue }, "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue },
    ]
}

public struct HiddenField: TemplateContext {
    public var name: String
    public var value: String
    public static let fields: FieldTable<Self> = ["name": { $0.pointee.name.templateValue }, "value": { $0.pointee.value.templateValue }]
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
        "action": { $0.pointee.action.templateValue }, "hidden": { $0.pointee.hidden.templateValue }, "amountName": { $0.pointee.amountName.templateValue }, "template": { $0.pointee.template.templateValue },
        "minimum": { $0.pointee.minimum.templateValue }, "maximum": { $0.pointee.maximum.templateValue }, "step": { $0.pointee.step.templateValue }, "fullHref": { $0.pointee.fullHref.templateValue }, "currency": { $0.pointee.currency.templateValue },
        "openAmount": { $0.pointee.openAmount.templateValue },
    ]
}

public struct RequestAction: TemplateContext {
    public var href: String
    public var isEmail: Bool
    /// `requests.mode` `actions`: a form posted to the actions path, with these hidden fields and the address to send to.
    public var form: RequestForm?
    public static let fields: FieldTable<Self> = ["href": { $0.pointee.href.templateValue }, "isEmail": { $0.pointee.isEmail.templateValue }, "form": { $0.pointee.form.templateValue }]
}

public struct RequestForm: TemplateContext {
    public var action: String
    public var hidden: [HiddenField]
    public var email: String
    public static let fields: FieldTable<Self> = ["action": { $0.pointee.action.templateValue }, "hidden": { $0.pointee.hidden.templateValue }, "email": { $0.pointee.email.templateValue }]
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
        "lineNo": { $0.pointee.lineNo.templateValue }, "item": { $0.pointee.item.templateValue }, "description": { $0.pointee.description.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue },
        "unitPrice": { $0.pointee.unitPrice.templateValue }, "amount": { $0.pointee.amount.templateValue },
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
        "number": { $0.pointee.number.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue }, "overdueText": { $0.pointee.overdueText.templateValue },
        "header": { $0.pointee.header.templateValue }, "lines": { $0.pointee.lines.templateValue }, "subtotal": { $0.pointee.subtotal.templateValue }, "tax": { $0.pointee.tax.templateValue }, "total": { $0.pointee.total.templateValue },
        "settled": { $0.pointee.settled.templateValue }, "open": { $0.pointee.open.templateValue }, "discountText": { $0.pointee.discountText.templateValue }, "settlements": { $0.pointee.settlements.templateValue },
        "hasSettlements": { (!$0.pointee.settlements.isEmpty).templateValue }, "pay": { $0.pointee.pay.templateValue }, "request": { $0.pointee.request.templateValue }, "notes": { $0.pointee.notes.templateValue },
        "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue }, "attachments": { $0.pointee.attachments.templateValue }, "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue },
        "backHref": { $0.pointee.backHref.templateValue },
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
        "date": { $0.pointee.date.templateValue }, "dateISO": { $0.pointee.dateISO.templateValue }, "description": { $0.pointee.description.templateValue }, "href": { $0.pointee.href.templateValue }, "debit": { $0.pointee.debit.templateValue },
        "credit": { $0.pointee.credit.templateValue }, "balance": { $0.pointee.balance.templateValue },
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
        "currency": { $0.pointee.currency.templateValue }, "caption": { $0.pointee.caption.templateValue }, "opening": { $0.pointee.opening.templateValue }, "rows": { $0.pointee.rows.templateValue }, "closing": { $0.pointee.closing.templateValue },
        "aging": { $0.pointee.aging.templateValue },
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
        "heading": { $0.pointee.heading.templateValue }, "period": { $0.pointee.period.templateValue }, "sections": { $0.pointee.sections.templateValue }, "isEmpty": { $0.pointee.sections.isEmpty.templateValue },
        "previous": { $0.pointee.previous.templateValue }, "next": { $0.pointee.next.templateValue }, "indexHref": { $0.pointee.indexHref.templateValue },
    ]
}

public struct StatementsIndexPage: TemplateContext {
    public var months: [Link]
    public static let fields: FieldTable<Self> = ["months": { $0.pointee.months.templateValue }, "isEmpty": { $0.pointee.months.isEmpty.templateValue }]
}

public struct RequestsPage: TemplateContext {
    public var pending: [RequestRow]
    public var completed: [RequestRow]
    public static let fields: FieldTable<Self> = [
        "pending": { $0.pointee.pending.templateValue }, "hasPending": { (!$0.pointee.pending.isEmpty).templateValue }, "completed": { $0.pointee.completed.templateValue }, "hasCompleted": { (!$0.pointee.completed.isEmpty).templateValue },
    ]
}
