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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "number": { $0.number }, "displayNumber": { $0.displayNumber }, "href": { $0.href }, "orderDate": { $0.orderDate },
        "orderDateISO": { $0.orderDateISO }, "sentAt": { $0.sentAt }, "sentAtISO": { $0.sentAtISO }, "total": { $0.total },
        "amount": { $0.amount }, "currency": { $0.currency }, "status": { $0.status }, "statusKey": { $0.statusKey },
        "waiting": { $0.waiting }, "waitingKey": { $0.waitingKey }, "response": { $0.response }, "responseKey": { $0.responseKey },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "heading": { $0.heading }, "intro": { $0.intro }, "tabs": { $0.tabs }, "rows": { $0.rows }, "isEmpty": { $0.rows.isEmpty },
        "pagination": { $0.pagination }, "dataHref": { $0.dataHref }, "csvHref": { $0.csvHref }, "list": { $0.list }, "base": { $0.base },
        "pageSize": { $0.pageSize }, "statusOptions": { $0.statusOptions }, "isHistory": { $0.isHistory },
    ]
}

/// A summary of one order list on the workspace.
public struct OrderListSummary: TemplateContext {
    public var key: String
    public var heading: String
    public var count: Int
    public var rows: [OrderRow]
    public var href: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "key": { $0.key }, "heading": { $0.heading }, "count": { $0.count }, "rows": { $0.rows }, "hasRows": { !$0.rows.isEmpty }, "href": { $0.href },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "seq": { $0.seq }, "decision": { $0.decision }, "decisionKey": { $0.decisionKey }, "confirmedQuantity": { $0.confirmedQuantity },
        "confirmedDate": { $0.confirmedDate }, "confirmedDateISO": { $0.confirmedDateISO }, "substitute": { $0.substitute },
        "substituteDescription": { $0.substituteDescription },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "lineNo": { $0.lineNo }, "item": { $0.item }, "description": { $0.description }, "quantity": { $0.quantity }, "unit": { $0.unit },
        "unitPrice": { $0.unitPrice }, "amount": { $0.amount }, "deliveryDate": { $0.deliveryDate }, "deliveryDateISO": { $0.deliveryDateISO },
        "received": { $0.received }, "site": { $0.site }, "warehouse": { $0.warehouse }, "color": { $0.color }, "size": { $0.size },
        "style": { $0.style }, "configuration": { $0.configuration }, "splits": { $0.splits }, "hasSplits": { !$0.splits.isEmpty },
        "notes": { $0.notes }, "hasNotes": { !$0.notes.isEmpty }, "attachments": { $0.attachments }, "hasAttachments": { !$0.attachments.isEmpty },
        "hasExtras": { !$0.notes.isEmpty || !$0.attachments.isEmpty },
    ]
}

public struct ResponseContext: TemplateContext {
    public var kind: String
    public var kindKey: String
    public var respondedAt: String
    public var respondedAtISO: String
    public var responder: String?
    public var hasLineAnswers: Bool
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "kind": { $0.kind }, "kindKey": { $0.kindKey }, "respondedAt": { $0.respondedAt }, "respondedAtISO": { $0.respondedAtISO },
        "responder": { $0.responder }, "hasLineAnswers": { $0.hasLineAnswers },
    ]
}

public struct FieldChange: TemplateContext {
    public var label: String
    public var before: String
    public var after: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = ["label": { $0.label }, "before": { $0.before }, "after": { $0.after }]
}

public struct ChangeRow: TemplateContext {
    public var lineNo: Int64
    public var kind: String
    public var kindKey: String
    public var line: String
    public var changes: [FieldChange]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "lineNo": { $0.lineNo }, "kind": { $0.kind }, "kindKey": { $0.kindKey }, "line": { $0.line }, "changes": { $0.changes },
        "hasChanges": { !$0.changes.isEmpty },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "label": { $0.label }, "href": { $0.href }, "sentAt": { $0.sentAt }, "sentAtISO": { $0.sentAtISO }, "answer": { $0.answer },
        "answerKey": { $0.answerKey }, "current": { $0.current },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "displayNumber": { $0.displayNumber }, "status": { $0.status }, "statusKey": { $0.statusKey }, "waiting": { $0.waiting },
        "header": { $0.header }, "lines": { $0.lines }, "total": { $0.total }, "response": { $0.response }, "versions": { $0.versions },
        "notes": { $0.notes }, "hasNotes": { !$0.notes.isEmpty }, "attachments": { $0.attachments }, "hasAttachments": { !$0.attachments.isEmpty },
        "backHref": { $0.backHref }, "isVersionPage": { $0.isVersionPage }, "changes": { $0.changes }, "hasChanges": { !$0.changes.isEmpty },
        "previous": { $0.previous }, "orderHref": { $0.orderHref }, "isFirstVersion": { $0.isFirstVersion },
        "responseForm": { $0.responseForm }, "invoiceForm": { $0.invoiceForm },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "site": { $0.site }, "warehouse": { $0.warehouse }, "batch": { $0.batch }, "quantity": { $0.quantity }, "unit": { $0.unit },
        "asOf": { $0.asOf }, "asOfISO": { $0.asOfISO },
    ]
}

public struct StockItem: TemplateContext {
    public var item: String
    public var name: String?
    public var rows: [StockRow]
    public var totals: [String]
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "item": { $0.item }, "name": { $0.name }, "rows": { $0.rows }, "totals": { $0.totals },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "id": { $0.id }, "item": { $0.item }, "name": { $0.name }, "quantity": { $0.quantity }, "unit": { $0.unit },
        "receivedAt": { $0.receivedAt }, "receivedAtISO": { $0.receivedAtISO }, "site": { $0.site }, "warehouse": { $0.warehouse },
        "order": { $0.order }, "orderHref": { $0.orderHref },
    ]
}

public struct ConsignmentPage: TemplateContext {
    public var tabs: [Link]
    public var items: [StockItem]
    public var receipts: [ReceiptRow]
    public var showStock: Bool
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "tabs": { $0.tabs }, "items": { $0.items }, "receipts": { $0.receipts }, "showStock": { $0.showStock },
        "isEmpty": { $0.showStock ? $0.items.isEmpty : $0.receipts.isEmpty },
    ]
}

public struct ConsignmentSummary: TemplateContext {
    public var items: Int
    public var totals: [String]
    public var receipts: Int
    public var onHandHref: String
    public var receiptsHref: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "items": { $0.items }, "totals": { $0.totals }, "hasTotals": { !$0.totals.isEmpty }, "receipts": { $0.receipts },
        "onHandHref": { $0.onHandHref }, "receiptsHref": { $0.receiptsHref },
    ]
}

public struct FeedEntry: TemplateContext {
    public var id: String
    public var title: String
    public var updated: String
    public var href: String
    public var summary: String
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "id": { $0.id }, "title": { $0.title }, "updated": { $0.updated }, "href": { $0.href }, "summary": { $0.summary },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "title": { $0.title }, "id": { $0.id }, "updated": { $0.updated }, "selfHref": { $0.selfHref },
        "alternateHref": { $0.alternateHref }, "author": { $0.author }, "entries": { $0.entries },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "action": { $0.action }, "isEmail": { $0.isEmail }, "hidden": { $0.hidden }, "lines": { $0.lines },
        "invoiceDate": { $0.invoiceDate }, "currency": { $0.currency },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "lineNo": { $0.lineNo }, "label": { $0.label }, "quantity": { $0.quantity }, "unit": { $0.unit }, "deliveryDate": { $0.deliveryDate },
        "unitPrice": { $0.unitPrice }, "unitPricePlain": { $0.unitPricePlain }, "priceStep": { $0.priceStep },
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
    public static let fields: [FieldKey: @Sendable (Self) -> any TemplateRepresentable] = [
        "accepted": { $0.accepted }, "messages": { $0.messages }, "backHref": { $0.backHref },
    ]
}
