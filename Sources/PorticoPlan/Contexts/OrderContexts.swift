/// Contexts of a vendor's purchase-order, consignment and feed pages.

/// One row of an order list; the same fields go into the list's data file.
public struct OrderRow: TemplateContext, Encodable {
    public var number: String
    public var displayNumber: String
    public var href: String
    public var orderDate: String
    public var orderDateISO: String
    public var sentAt: String
    public var sentAtISO: String
    public var total: String
    public var amount: String
    public var currency: String
    public var status: String
    public var statusKey: String
    public var waiting: String
    public var waitingKey: String
    /// The lists this order is on (the script filters the data file by them).
    public var lists: [String]
    public var response: String?
    public var responseKey: String?
    public static let fields: FieldTable<Self> = [
        "number": { $0.number.templateValue }, "displayNumber": { $0.displayNumber.templateValue }, "href": { $0.href.templateValue }, "orderDate": { $0.orderDate.templateValue },
        "orderDateISO": { $0.orderDateISO.templateValue }, "sentAt": { $0.sentAt.templateValue }, "sentAtISO": { $0.sentAtISO.templateValue }, "total": { $0.total.templateValue },
        "amount": { $0.amount.templateValue }, "currency": { $0.currency.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue },
        "waiting": { $0.waiting.templateValue }, "waitingKey": { $0.waitingKey.templateValue }, "response": { $0.response.templateValue }, "responseKey": { $0.responseKey.templateValue },
    ]
}

public struct OrderListPage: TemplateContext {
    public var heading: String
    public var intro: String
    public var tabs: [Link]
    public var rows: [OrderRow]
    public var pagination: Pagination
    public var dataHref: String
    public var csvHref: String
    public var list: String
    public var base: String
    public var pageSize: Int
    public var statusOptions: [FilterOption]
    public var isHistory: Bool
    public static let fields: FieldTable<Self> = [
        "heading": { $0.heading.templateValue }, "intro": { $0.intro.templateValue }, "tabs": { $0.tabs.templateValue }, "rows": { $0.rows.templateValue }, "isEmpty": { $0.rows.isEmpty.templateValue },
        "pagination": { $0.pagination.templateValue }, "dataHref": { $0.dataHref.templateValue }, "csvHref": { $0.csvHref.templateValue }, "list": { $0.list.templateValue }, "base": { $0.base.templateValue },
        "pageSize": { $0.pageSize.templateValue }, "statusOptions": { $0.statusOptions.templateValue }, "isHistory": { $0.isHistory.templateValue },
    ]
}

/// A summary of one order list on the workspace.
public struct OrderListSummary: TemplateContext {
    public var key: String
    public var heading: String
    public var count: Int
    public var rows: [OrderRow]
    public var href: String
    public static let fields: FieldTable<Self> = [
        "key": { $0.key.templateValue }, "heading": { $0.heading.templateValue }, "count": { $0.count.templateValue }, "rows": { $0.rows.templateValue }, "hasRows": { (!$0.rows.isEmpty).templateValue }, "href": { $0.href.templateValue },
    ]
}

public struct SplitRow: TemplateContext {
    public var seq: Int64
    public var decision: String
    public var decisionKey: String
    public var confirmedQuantity: String?
    public var confirmedDate: String?
    public var confirmedDateISO: String?
    public var substitute: String?
    public var substituteDescription: String?
    public static let fields: FieldTable<Self> = [
        "seq": { $0.seq.templateValue }, "decision": { $0.decision.templateValue }, "decisionKey": { $0.decisionKey.templateValue }, "confirmedQuantity": { $0.confirmedQuantity.templateValue },
        "confirmedDate": { $0.confirmedDate.templateValue }, "confirmedDateISO": { $0.confirmedDateISO.templateValue }, "substitute": { $0.substitute.templateValue },
        "substituteDescription": { $0.substituteDescription.templateValue },
    ]
}

public struct OrderLineRow: TemplateContext {
    public var lineNo: Int64
    public var item: String?
    public var description: String?
    public var quantity: String
    public var unit: String
    public var unitPrice: String
    public var amount: String
    public var deliveryDate: String?
    public var deliveryDateISO: String?
    public var received: String
    public var site: String?
    public var warehouse: String?
    public var color: String?
    public var size: String?
    public var style: String?
    public var configuration: String?
    /// The vendor's answers to this line (splits in order); empty without an `accepted_with_changes` response.
    public var splits: [SplitRow]
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.lineNo.templateValue }, "item": { $0.item.templateValue }, "description": { $0.description.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue },
        "unitPrice": { $0.unitPrice.templateValue }, "amount": { $0.amount.templateValue }, "deliveryDate": { $0.deliveryDate.templateValue }, "deliveryDateISO": { $0.deliveryDateISO.templateValue },
        "received": { $0.received.templateValue }, "site": { $0.site.templateValue }, "warehouse": { $0.warehouse.templateValue }, "color": { $0.color.templateValue }, "size": { $0.size.templateValue },
        "style": { $0.style.templateValue }, "configuration": { $0.configuration.templateValue }, "splits": { $0.splits.templateValue }, "hasSplits": { (!$0.splits.isEmpty).templateValue },
        "notes": { $0.notes.templateValue }, "hasNotes": { (!$0.notes.isEmpty).templateValue }, "attachments": { $0.attachments.templateValue }, "hasAttachments": { (!$0.attachments.isEmpty).templateValue },
        "hasExtras": { (!$0.notes.isEmpty || !$0.attachments.isEmpty).templateValue },
    ]
}

public struct ResponseContext: TemplateContext {
    public var kind: String
    public var kindKey: String
    public var respondedAt: String
    public var respondedAtISO: String
    public var responder: String?
    public var hasLineAnswers: Bool
    public static let fields: FieldTable<Self> = [
        "kind": { $0.kind.templateValue }, "kindKey": { $0.kindKey.templateValue }, "respondedAt": { $0.respondedAt.templateValue }, "respondedAtISO": { $0.respondedAtISO.templateValue },
        "responder": { $0.responder.templateValue }, "hasLineAnswers": { $0.hasLineAnswers.templateValue },
    ]
}

public struct FieldChange: TemplateContext {
    public var label: String
    public var before: String
    public var after: String
    public static let fields: FieldTable<Self> = ["label": { $0.label.templateValue }, "before": { $0.before.templateValue }, "after": { $0.after.templateValue }]
}

public struct ChangeRow: TemplateContext {
    public var lineNo: Int64
    public var kind: String
    public var kindKey: String
    public var line: String
    public var changes: [FieldChange]
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.lineNo.templateValue }, "kind": { $0.kind.templateValue }, "kindKey": { $0.kindKey.templateValue }, "line": { $0.line.templateValue }, "changes": { $0.changes.templateValue },
        "hasChanges": { (!$0.changes.isEmpty).templateValue },
    ]
}

public struct VersionLink: TemplateContext {
    public var label: String
    public var href: String
    public var sentAt: String
    public var sentAtISO: String
    public var answer: String?
    public var answerKey: String?
    public var current: Bool
    public static let fields: FieldTable<Self> = [
        "label": { $0.label.templateValue }, "href": { $0.href.templateValue }, "sentAt": { $0.sentAt.templateValue }, "sentAtISO": { $0.sentAtISO.templateValue }, "answer": { $0.answer.templateValue },
        "answerKey": { $0.answerKey.templateValue }, "current": { $0.current.templateValue },
    ]
}

/// An order's page, and (with `changes`) one version's page.
public struct OrderPage: TemplateContext {
    public var displayNumber: String
    public var status: String
    public var statusKey: String
    public var waiting: String
    public var header: [Field]
    public var lines: [OrderLineRow]
    public var total: String
    public var response: ResponseContext?
    public var versions: [VersionLink]
    public var notes: [NoteContext]
    public var attachments: [AttachmentLink]
    public var backHref: String
    public var isVersionPage: Bool
    public var changes: [ChangeRow]
    public var previous: String?
    public var orderHref: String
    public var isFirstVersion: Bool
    /// The response form (an order awaiting the vendor's answer to its current version).
    public var responseForm: ActionForm?
    /// "Create invoice" (a confirmed order).
    public var invoiceForm: ActionForm?
    public static let fields: FieldTable<Self> = [
        "displayNumber": { $0.displayNumber.templateValue }, "status": { $0.status.templateValue }, "statusKey": { $0.statusKey.templateValue }, "waiting": { $0.waiting.templateValue },
        "header": { $0.header.templateValue }, "lines": { $0.lines.templateValue }, "total": { $0.total.templateValue }, "response": { $0.response.templateValue }, "versions": { $0.versions.templateValue },
        "notes": { $0.notes.templateValue }, "hasNotes": { (!$0.notes.isEmpty).templateValue }, "attachments": { $0.attachments.templateValue }, "hasAttachments": { (!$0.attachments.isEmpty).templateValue },
        "backHref": { $0.backHref.templateValue }, "isVersionPage": { $0.isVersionPage.templateValue }, "changes": { $0.changes.templateValue }, "hasChanges": { (!$0.changes.isEmpty).templateValue },
        "previous": { $0.previous.templateValue }, "orderHref": { $0.orderHref.templateValue }, "isFirstVersion": { $0.isFirstVersion.templateValue },
        "responseForm": { $0.responseForm.templateValue }, "invoiceForm": { $0.invoiceForm.templateValue },
    ]
}

public struct StockRow: TemplateContext {
    public var site: String?
    public var warehouse: String?
    public var batch: String?
    public var quantity: String
    public var unit: String
    public var asOf: String
    public var asOfISO: String
    public static let fields: FieldTable<Self> = [
        "site": { $0.site.templateValue }, "warehouse": { $0.warehouse.templateValue }, "batch": { $0.batch.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue },
        "asOf": { $0.asOf.templateValue }, "asOfISO": { $0.asOfISO.templateValue },
    ]
}

public struct StockItem: TemplateContext {
    public var item: String
    public var name: String?
    public var rows: [StockRow]
    public var totals: [String]
    public static let fields: FieldTable<Self> = [
        "item": { $0.item.templateValue }, "name": { $0.name.templateValue }, "rows": { $0.rows.templateValue }, "totals": { $0.totals.templateValue },
    ]
}

public struct ReceiptRow: TemplateContext {
    public var id: Int64
    public var item: String
    public var name: String?
    public var quantity: String
    public var unit: String
    public var receivedAt: String
    public var receivedAtISO: String
    public var site: String?
    public var warehouse: String?
    public var order: String?
    public var orderHref: String?
    public static let fields: FieldTable<Self> = [
        "id": { $0.id.templateValue }, "item": { $0.item.templateValue }, "name": { $0.name.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue },
        "receivedAt": { $0.receivedAt.templateValue }, "receivedAtISO": { $0.receivedAtISO.templateValue }, "site": { $0.site.templateValue }, "warehouse": { $0.warehouse.templateValue },
        "order": { $0.order.templateValue }, "orderHref": { $0.orderHref.templateValue },
    ]
}

public struct ConsignmentPage: TemplateContext {
    public var tabs: [Link]
    public var items: [StockItem]
    public var receipts: [ReceiptRow]
    public var showStock: Bool
    public static let fields: FieldTable<Self> = [
        "tabs": { $0.tabs.templateValue }, "items": { $0.items.templateValue }, "receipts": { $0.receipts.templateValue }, "showStock": { $0.showStock.templateValue },
        "isEmpty": { ($0.showStock ? $0.items.isEmpty : $0.receipts.isEmpty).templateValue },
    ]
}

public struct ConsignmentSummary: TemplateContext {
    public var items: Int
    public var totals: [String]
    public var receipts: Int
    public var onHandHref: String
    public var receiptsHref: String
    public static let fields: FieldTable<Self> = [
        "items": { $0.items.templateValue }, "totals": { $0.totals.templateValue }, "hasTotals": { (!$0.totals.isEmpty).templateValue }, "receipts": { $0.receipts.templateValue },
        "onHandHref": { $0.onHandHref.templateValue }, "receiptsHref": { $0.receiptsHref.templateValue },
    ]
}

public struct FeedEntry: TemplateContext {
    public var id: String
    public var title: String
    public var updated: String
    public var href: String
    public var summary: String
    public static let fields: FieldTable<Self> = [
        "id": { $0.id.templateValue }, "title": { $0.title.templateValue }, "updated": { $0.updated.templateValue }, "href": { $0.href.templateValue }, "summary": { $0.summary.templateValue },
    ]
}

/// An Atom feed (rendered without the page layout).
public struct FeedContext: TemplateContext {
    public var title: String
    public var id: String
    public var updated: String
    public var selfHref: String
    public var alternateHref: String
    public var author: String
    public var entries: [FeedEntry]
    public static let fields: FieldTable<Self> = [
        "title": { $0.title.templateValue }, "id": { $0.id.templateValue }, "updated": { $0.updated.templateValue }, "selfHref": { $0.selfHref.templateValue },
        "alternateHref": { $0.alternateHref.templateValue }, "author": { $0.author.templateValue }, "entries": { $0.entries.templateValue },
    ]
}

/// A form that sends a vendor's action (see `docs/actions.md`): posted to the configured path, or a pre-filled e-mail.
public struct ActionForm: TemplateContext {
    /// The form's `action`: `/actions/vendors/V10001/` or `mailto:...`.
    public var action: String
    public var isEmail: Bool
    public var hidden: [HiddenField]
    public var lines: [ActionFormLine]
    /// For the invoice form: the export's day, the default invoice date.
    public var invoiceDate: String
    public var currency: String
    public static let fields: FieldTable<Self> = [
        "action": { $0.action.templateValue }, "isEmail": { $0.isEmail.templateValue }, "hidden": { $0.hidden.templateValue }, "lines": { $0.lines.templateValue },
        "invoiceDate": { $0.invoiceDate.templateValue }, "currency": { $0.currency.templateValue },
    ]
}

/// One order line in an action form, with the values the inputs start from (plain decimals, ISO dates).
public struct ActionFormLine: TemplateContext {
    public var lineNo: Int64
    /// Item and description, as the lines table shows them.
    public var label: String
    public var quantity: String
    public var unit: String
    public var deliveryDate: String?
    /// The price as text (a response cannot change it).
    public var unitPrice: String
    /// The price as a plain decimal in major units (the invoice form's input) and the input's step.
    public var unitPricePlain: String
    public var priceStep: String
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.lineNo.templateValue }, "label": { $0.label.templateValue }, "quantity": { $0.quantity.templateValue }, "unit": { $0.unit.templateValue }, "deliveryDate": { $0.deliveryDate.templateValue },
        "unitPrice": { $0.unitPrice.templateValue }, "unitPricePlain": { $0.unitPricePlain.templateValue }, "priceStep": { $0.priceStep.templateValue },
    ]
}

/// The page `portico receive` answers a posted action with.
public struct ReceiptPage: TemplateContext {
    public var accepted: Bool
    public var messages: [String]
    /// Back to the page the form was on (the order), when known.
    public var backHref: String?
    public init(accepted: Bool, messages: [String], backHref: String?) {
        self.accepted = accepted
        self.messages = messages
        self.backHref = backHref
    }
    public static let fields: FieldTable<Self> = [
        "accepted": { $0.accepted.templateValue }, "messages": { $0.messages.templateValue }, "backHref": { $0.backHref.templateValue },
    ]
}
