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
        "number": { $0.pointee.number.templateValue }, "displayNumber": { $0.pointee.displayNumber.templateValue }, "href": { $0.pointee.href.templateValue }, "orderDate": { $0.pointee.orderDate.templateValue },
        "orderDateISO": { $0.pointee.orderDateISO.templateValue }, "sentAt": { $0.pointee.sentAt.templateValue }, "sentAtISO": { $0.pointee.sentAtISO.templateValue }, "total": { $0.pointee.total.templateValue },
        "amount": { $0.pointee.amount.templateValue }, "currency": { $0.pointee.currency.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue },
        "waiting": { $0.pointee.waiting.templateValue }, "waitingKey": { $0.pointee.waitingKey.templateValue }, "response": { $0.pointee.response.templateValue }, "responseKey": { $0.pointee.responseKey.templateValue },
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
        "heading": { $0.pointee.heading.templateValue }, "intro": { $0.pointee.intro.templateValue }, "tabs": { $0.pointee.tabs.templateValue }, "rows": { $0.pointee.rows.templateValue }, "isEmpty": { $0.pointee.rows.isEmpty.templateValue },
        "pagination": { $0.pointee.pagination.templateValue }, "dataHref": { $0.pointee.dataHref.templateValue }, "csvHref": { $0.pointee.csvHref.templateValue }, "list": { $0.pointee.list.templateValue }, "base": { $0.pointee.base.templateValue },
        "pageSize": { $0.pointee.pageSize.templateValue }, "statusOptions": { $0.pointee.statusOptions.templateValue }, "isHistory": { $0.pointee.isHistory.templateValue },
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
        "key": { $0.pointee.key.templateValue }, "heading": { $0.pointee.heading.templateValue }, "count": { $0.pointee.count.templateValue }, "rows": { $0.pointee.rows.templateValue }, "hasRows": { (!$0.pointee.rows.isEmpty).templateValue }, "href": { $0.pointee.href.templateValue },
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
        "seq": { $0.pointee.seq.templateValue }, "decision": { $0.pointee.decision.templateValue }, "decisionKey": { $0.pointee.decisionKey.templateValue }, "confirmedQuantity": { $0.pointee.confirmedQuantity.templateValue },
        "confirmedDate": { $0.pointee.confirmedDate.templateValue }, "confirmedDateISO": { $0.pointee.confirmedDateISO.templateValue }, "substitute": { $0.pointee.substitute.templateValue },
        "substituteDescription": { $0.pointee.substituteDescription.templateValue },
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
        "lineNo": { $0.pointee.lineNo.templateValue }, "item": { $0.pointee.item.templateValue }, "description": { $0.pointee.description.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue },
        "unitPrice": { $0.pointee.unitPrice.templateValue }, "amount": { $0.pointee.amount.templateValue }, "deliveryDate": { $0.pointee.deliveryDate.templateValue }, "deliveryDateISO": { $0.pointee.deliveryDateISO.templateValue },
        "received": { $0.pointee.received.templateValue }, "site": { $0.pointee.site.templateValue }, "warehouse": { $0.pointee.warehouse.templateValue }, "color": { $0.pointee.color.templateValue }, "size": { $0.pointee.size.templateValue },
        "style": { $0.pointee.style.templateValue }, "configuration": { $0.pointee.configuration.templateValue }, "splits": { $0.pointee.splits.templateValue }, "hasSplits": { (!$0.pointee.splits.isEmpty).templateValue },
        "notes": { $0.pointee.notes.templateValue }, "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue }, "attachments": { $0.pointee.attachments.templateValue }, "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue },
        "hasExtras": { (!$0.pointee.notes.isEmpty || !$0.pointee.attachments.isEmpty).templateValue },
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
        "kind": { $0.pointee.kind.templateValue }, "kindKey": { $0.pointee.kindKey.templateValue }, "respondedAt": { $0.pointee.respondedAt.templateValue }, "respondedAtISO": { $0.pointee.respondedAtISO.templateValue },
        "responder": { $0.pointee.responder.templateValue }, "hasLineAnswers": { $0.pointee.hasLineAnswers.templateValue },
    ]
}

public struct FieldChange: TemplateContext {
    public var label: String
    public var before: String
    public var after: String
    public static let fields: FieldTable<Self> = ["label": { $0.pointee.label.templateValue }, "before": { $0.pointee.before.templateValue }, "after": { $0.pointee.after.templateValue }]
}

public struct ChangeRow: TemplateContext {
    public var lineNo: Int64
    public var kind: String
    public var kindKey: String
    public var line: String
    public var changes: [FieldChange]
    public static let fields: FieldTable<Self> = [
        "lineNo": { $0.pointee.lineNo.templateValue }, "kind": { $0.pointee.kind.templateValue }, "kindKey": { $0.pointee.kindKey.templateValue }, "line": { $0.pointee.line.templateValue }, "changes": { $0.pointee.changes.templateValue },
        "hasChanges": { (!$0.pointee.changes.isEmpty).templateValue },
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
        "label": { $0.pointee.label.templateValue }, "href": { $0.pointee.href.templateValue }, "sentAt": { $0.pointee.sentAt.templateValue }, "sentAtISO": { $0.pointee.sentAtISO.templateValue }, "answer": { $0.pointee.answer.templateValue },
        "answerKey": { $0.pointee.answerKey.templateValue }, "current": { $0.pointee.current.templateValue },
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
        "displayNumber": { $0.pointee.displayNumber.templateValue }, "status": { $0.pointee.status.templateValue }, "statusKey": { $0.pointee.statusKey.templateValue }, "waiting": { $0.pointee.waiting.templateValue },
        "header": { $0.pointee.header.templateValue }, "lines": { $0.pointee.lines.templateValue }, "total": { $0.pointee.total.templateValue }, "response": { $0.pointee.response.templateValue }, "versions": { $0.pointee.versions.templateValue },
        "notes": { $0.pointee.notes.templateValue }, "hasNotes": { (!$0.pointee.notes.isEmpty).templateValue }, "attachments": { $0.pointee.attachments.templateValue }, "hasAttachments": { (!$0.pointee.attachments.isEmpty).templateValue },
        "backHref": { $0.pointee.backHref.templateValue }, "isVersionPage": { $0.pointee.isVersionPage.templateValue }, "changes": { $0.pointee.changes.templateValue }, "hasChanges": { (!$0.pointee.changes.isEmpty).templateValue },
        "previous": { $0.pointee.previous.templateValue }, "orderHref": { $0.pointee.orderHref.templateValue }, "isFirstVersion": { $0.pointee.isFirstVersion.templateValue },
        "responseForm": { $0.pointee.responseForm.templateValue }, "invoiceForm": { $0.pointee.invoiceForm.templateValue },
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
        "site": { $0.pointee.site.templateValue }, "warehouse": { $0.pointee.warehouse.templateValue }, "batch": { $0.pointee.batch.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue },
        "asOf": { $0.pointee.asOf.templateValue }, "asOfISO": { $0.pointee.asOfISO.templateValue },
    ]
}

public struct StockItem: TemplateContext {
    public var item: String
    public var name: String?
    public var rows: [StockRow]
    public var totals: [String]
    public static let fields: FieldTable<Self> = [
        "item": { $0.pointee.item.templateValue }, "name": { $0.pointee.name.templateValue }, "rows": { $0.pointee.rows.templateValue }, "totals": { $0.pointee.totals.templateValue },
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
        "id": { $0.pointee.id.templateValue }, "item": { $0.pointee.item.templateValue }, "name": { $0.pointee.name.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue },
        "receivedAt": { $0.pointee.receivedAt.templateValue }, "receivedAtISO": { $0.pointee.receivedAtISO.templateValue }, "site": { $0.pointee.site.templateValue }, "warehouse": { $0.pointee.warehouse.templateValue },
        "order": { $0.pointee.order.templateValue }, "orderHref": { $0.pointee.orderHref.templateValue },
    ]
}

public struct ConsignmentPage: TemplateContext {
    public var tabs: [Link]
    public var items: [StockItem]
    public var receipts: [ReceiptRow]
    public var showStock: Bool
    public static let fields: FieldTable<Self> = [
        "tabs": { $0.pointee.tabs.templateValue }, "items": { $0.pointee.items.templateValue }, "receipts": { $0.pointee.receipts.templateValue }, "showStock": { $0.pointee.showStock.templateValue },
        "isEmpty": { ($0.pointee.showStock ? $0.pointee.items.isEmpty : $0.pointee.receipts.isEmpty).templateValue },
    ]
}

public struct ConsignmentSummary: TemplateContext {
    public var items: Int
    public var totals: [String]
    public var receipts: Int
    public var onHandHref: String
    public var receiptsHref: String
    public static let fields: FieldTable<Self> = [
        "items": { $0.pointee.items.templateValue }, "totals": { $0.pointee.totals.templateValue }, "hasTotals": { (!$0.pointee.totals.isEmpty).templateValue }, "receipts": { $0.pointee.receipts.templateValue },
        "onHandHref": { $0.pointee.onHandHref.templateValue }, "receiptsHref": { $0.pointee.receiptsHref.templateValue },
    ]
}

public struct FeedEntry: TemplateContext {
    public var id: String
    public var title: String
    public var updated: String
    public var href: String
    public var summary: String
    public static let fields: FieldTable<Self> = [
        "id": { $0.pointee.id.templateValue }, "title": { $0.pointee.title.templateValue }, "updated": { $0.pointee.updated.templateValue }, "href": { $0.pointee.href.templateValue }, "summary": { $0.pointee.summary.templateValue },
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
        "title": { $0.pointee.title.templateValue }, "id": { $0.pointee.id.templateValue }, "updated": { $0.pointee.updated.templateValue }, "selfHref": { $0.pointee.selfHref.templateValue },
        "alternateHref": { $0.pointee.alternateHref.templateValue }, "author": { $0.pointee.author.templateValue }, "entries": { $0.pointee.entries.templateValue },
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
        "action": { $0.pointee.action.templateValue }, "isEmail": { $0.pointee.isEmail.templateValue }, "hidden": { $0.pointee.hidden.templateValue }, "lines": { $0.pointee.lines.templateValue },
        "invoiceDate": { $0.pointee.invoiceDate.templateValue }, "currency": { $0.pointee.currency.templateValue },
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
        "lineNo": { $0.pointee.lineNo.templateValue }, "label": { $0.pointee.label.templateValue }, "quantity": { $0.pointee.quantity.templateValue }, "unit": { $0.pointee.unit.templateValue }, "deliveryDate": { $0.pointee.deliveryDate.templateValue },
        "unitPrice": { $0.pointee.unitPrice.templateValue }, "unitPricePlain": { $0.pointee.unitPricePlain.templateValue }, "priceStep": { $0.pointee.priceStep.templateValue },
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
        "accepted": { $0.pointee.accepted.templateValue }, "messages": { $0.pointee.messages.templateValue }, "backHref": { $0.pointee.backHref.templateValue },
    ]
}
