import Mustache
import PorticoModel
import Synchronization

/// A typed template context: the keys a template may use are exactly the keys of `fields`.
/// Templates read values through `value(named:)` (Portico's compiled templates) or `child(named:)` (swift-mustache),
/// never by reflection.
public protocol TemplateContext: MustacheParent, TemplateRepresentable {
    /// Each key's value (a closure per key, giving the template form directly: returning `any TemplateRepresentable`
    /// boxed every value on its way out).
    static var fields: FieldTable<Self> { get }
    /// The value of a key; nil for a key the context does not declare (Mustache then looks in outer contexts).
    func value(for key: FieldKey) -> TemplateValue?
    /// `pointee.value(for: key)` without copying the context: how a list's element is asked, in place in its array.
    static func value(at pointer: UnsafePointer<Self>, for key: FieldKey) -> TemplateValue?
}

extension TemplateContext {
    /// A declared key whose value is nil answers with `.null`, so Mustache does not climb to an outer
    /// context that happens to have a key of the same name (a nil `site` column must not show the page's `site`).
    public func value(for key: FieldKey) -> TemplateValue? { declaredValue(for: key) }

    /// The value of a key of `fields` (what `value(for:)` is unless a context answers itself).
    public func declaredValue(for key: FieldKey) -> TemplateValue? {
        guard let field = Self.fields[key] else { return nil }
        return withUnsafePointer(to: self) { field($0) }
    }

    /// The declared value, read through the pointer (a type that answers `value(for:)` itself answers here the same).
    public static func value(at pointer: UnsafePointer<Self>, for key: FieldKey) -> TemplateValue? {
        guard let field = fields[key] else { return nil }
        return field(pointer)
    }

    public func value(named name: String) -> TemplateValue? {
        // The type's keys are made with its table, a static made on first use: make it first, so they are known.
        _ = Self.fields
        return FieldKey(existing: name).flatMap { value(for: $0) }
    }

    public var templateValue: TemplateValue { .context(BoxedContext(self)) }

    /// The same values for swift-mustache. Text leaves here HTML-escaped (`EscapedText`): templates are rendered as
    /// plain text (the renderer sets `CONTENT_TYPE: TEXT`), so escaping happens once, here, on bytes, instead of per
    /// character in Mustache.
    public func child(named name: String) -> Any? { value(named: name)?.mustacheValue }
}

/// A key of a context's `fields`: a small number the process gives each distinct name once (made at
/// load, by compiled templates, labels and each context type's `fields`). A lookup while rendering compares and
/// indexes by that number: no string is hashed or compared.
public struct FieldKey: Hashable, Sendable, ExpressibleByStringLiteral, Comparable, CustomStringConvertible {
    /// Dense from 0, in the order names were first seen; the same name always gets the same number. The key is only
    /// this number: copying it retains nothing (a lookup copies keys while it climbs the context stack).
    public let id: Int32

    public init(_ name: String) {
        id = FieldKey.registry.withLock { registry in
            if let id = registry.ids[name] { return id }
            let id = Int32(registry.names.count)
            registry.ids[name] = id
            registry.names.append(name)
            return id
        }
    }

    /// The key of a name some context or template has made, or nil (then no context declares it). Lookups by an
    /// arbitrary name (swift-mustache's) do not grow the registry.
    public init?(existing name: String) {
        guard let id = FieldKey.registry.withLock({ $0.ids[name] }) else { return nil }
        self.id = id
    }

    /// The name (from the registry: for messages and tests, not for rendering).
    public var name: String { FieldKey.registry.withLock { $0.names[Int(id)] } }

    private static let registry = Mutex<(ids: [String: Int32], names: [String])>(([:], []))

    public init(stringLiteral value: String) { self.init(value) }

    public static func == (a: FieldKey, b: FieldKey) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public static func < (a: FieldKey, b: FieldKey) -> Bool { a.name < b.name }
    public var description: String { name }

    /// The stored property of `EscapedText` and of `RawHTML`, as swift-mustache's reflection would find it.
    public static let text = FieldKey("text")
    public static let html = FieldKey("html")
}

/// A context type's keys and the closure that gives each one's value, indexed by `FieldKey.id`: a lookup is two
/// array reads, where a `Dictionary` hashed the key and compared names (a template looks up a few hundred keys per
/// page, most of them misses while climbing out). Written as a dictionary literal.
public final class FieldTable<Context>: Sendable, ExpressibleByDictionaryLiteral {
    /// The context is passed by pointer: a list's element is read in place in its array, and each field's closure
    /// copies only the field it reads (a closure taking the context by value had each element copied out of its
    /// array first, retaining every field, and released after).
    public typealias Field = @Sendable (UnsafePointer<Context>) -> TemplateValue
    /// By key id: the position of its closure in `closures`, or -1.
    private let positions: [Int32]
    private let closures: [Field]
    public let keys: [FieldKey]

    public init(dictionaryLiteral elements: (FieldKey, Field)...) {
        var positions = [Int32](repeating: -1, count: Int(elements.map(\.0.id).max() ?? -1) + 1)
        for (n, (key, _)) in elements.enumerated() {
            precondition(positions[Int(key.id)] < 0, "field '\(key.name)' declared twice")
            positions[Int(key.id)] = Int32(n)
        }
        self.positions = positions
        closures = elements.map(\.1)
        keys = elements.map(\.0)
    }

    @inline(__always)
    public subscript(key: FieldKey) -> Field? {
        let id = Int(key.id)
        guard id < positions.count else { return nil }
        let position = positions[id]
        return position < 0 ? nil : closures[Int(position)]
    }
}

/// What a template can show or iterate: the typed form of every context value.
public enum TemplateValue: Sendable {
    /// A declared key without a value: renders as nothing; sections over it are skipped.
    case null
    /// Text, HTML-escaped when it is written.
    case text(String)
    /// HTML that is safe as it is (cmark's safe output).
    case html(String)
    case bool(Bool)
    /// A number (or other scalar) written as it is: `String(describing:)` of the value.
    case plain(String)
    case context(ContextRef)
    case list(ListRef)

    /// The value as swift-mustache expects it (its reference rendering must give the same bytes).
    public var mustacheValue: Any {
        switch self {
        case .null: MustacheNull()
        case .text(let text): EscapedText(text)
        case .html(let html): RawHTML(html)
        case .bool(let value): value
        case .plain(let text): text
        case .context(let context): context.context
        case .list(let list): (0..<list.count).map { list.element(at: $0).mustacheValue }
        }
    }
}

/// A context as a template value. A reference: a template's names climb the context stack, and copying a level
/// is then one retain (an `any TemplateContext` is copied through its type, retaining every field of a struct held
/// in place). Made by `TemplateContext.templateValue`.
public class ContextRef: @unchecked Sendable {
    /// The context itself.
    public var context: any TemplateContext { fatalError("ContextRef is abstract") }
    /// `context.value(for: key)`.
    public func value(for key: FieldKey) -> TemplateValue? { fatalError("ContextRef is abstract") }
}

final class BoxedContext<Context: TemplateContext>: ContextRef, @unchecked Sendable {
    let wrapped: Context
    init(_ wrapped: Context) { self.wrapped = wrapped }
    override var context: any TemplateContext { wrapped }
    override func value(for key: FieldKey) -> TemplateValue? { wrapped.value(for: key) }
}

/// A list as a template value; a reference, as `ContextRef`.
public class ListRef: @unchecked Sendable {
    public var count: Int { fatalError("ListRef is abstract") }
    public func element(at index: Int) -> TemplateValue { fatalError("ListRef is abstract") }
}

final class BoxedList<List: TemplateList>: ListRef, @unchecked Sendable {
    let wrapped: List
    init(_ wrapped: List) { self.wrapped = wrapped }
    override var count: Int { wrapped.count }
    override func element(at index: Int) -> TemplateValue { wrapped.element(at: index) }
}

/// A list of contexts: each element is asked in place, through `ElementRef` (a reference to the list and the
/// element's address), never copied out of the array.
class ContextListBase: ListRef, @unchecked Sendable {
    /// `value(for: key)` of the element at `element` (an address in this list's storage).
    func value(at element: UnsafeRawPointer, for key: FieldKey) -> TemplateValue? { fatalError("ContextListBase is abstract") }
    func context(at element: UnsafeRawPointer) -> any TemplateContext { fatalError("ContextListBase is abstract") }
}

final class ContextList<Element: TemplateContext>: ContextListBase, @unchecked Sendable {
    let items: [Element]
    /// The elements' storage: `items` is never changed and lives as long as the list, so its buffer stays where it is.
    let base: UnsafePointer<Element>?
    init(_ items: [Element]) {
        self.items = items
        base = items.withUnsafeBufferPointer { $0.baseAddress }
    }
    override var count: Int { items.count }
    override func element(at index: Int) -> TemplateValue {
        precondition(index >= 0 && index < items.count, "list element \(index) of \(items.count)")
        return .context(ElementRef(self, UnsafeRawPointer(base! + index)))
    }
    override func value(at element: UnsafeRawPointer, for key: FieldKey) -> TemplateValue? {
        Element.value(at: element.assumingMemoryBound(to: Element.self), for: key)
    }
    override func context(at element: UnsafeRawPointer) -> any TemplateContext {
        element.assumingMemoryBound(to: Element.self).pointee
    }
}

/// One element of a `ContextList` as a context level (it keeps the list, and so the element, alive). Not generic:
/// making an instance of a generic class looked its type up in the runtime's cache for every element.
final class ElementRef: ContextRef, @unchecked Sendable {
    let list: ContextListBase
    let element: UnsafeRawPointer
    init(_ list: ContextListBase, _ element: UnsafeRawPointer) {
        self.list = list
        self.element = element
    }
    override var context: any TemplateContext { list.context(at: element) }
    override func value(for key: FieldKey) -> TemplateValue? { list.value(at: element, for: key) }
}

/// A value that has a template form.
public protocol TemplateRepresentable: Sendable {
    var templateValue: TemplateValue { get }
}

/// A list a section iterates.
public protocol TemplateList: Sendable {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .plain(String(self)) }
}

extension Int64: TemplateRepresentable {
    public var templateValue: TemplateValue { .plain(String(self)) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    public var templateValue: TemplateValue {
        switch self {
        case .some(let value): value.templateValue
        case .none: .null
        }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(BoxedList(self)) }
}

extension Array where Element: TemplateContext {
    /// A list of contexts whose elements are asked in place (`ContextList`). The context types' fields call this one
    /// (the more constrained); a list reached through the protocol (an optional list) is boxed as any other.
    public var templateValue: TemplateValue { .list(ContextList(self)) }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    public func element(at index: Int) -> TemplateValue { self[index].templateValue }
}

/// Text for a page, HTML-escaped when rendered (`&`, `<`, `>`, `"`, `'`, as Mustache's own escaping).
public struct EscapedText: MustacheCustomRenderable, TemplateRepresentable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var templateValue: TemplateValue { .text(text) }
    public var renderText: String { HTML.escape(text) }
    public var isNull: Bool { false }
}

/// HTML that is safe as it is (cmark's safe output): rendered without escaping.
public struct RawHTML: MustacheCustomRenderable, TemplateRepresentable {
    public let html: String
    public init(_ html: String) { self.html = html }
    public var templateValue: TemplateValue { .html(html) }
    public var renderText: String { html }
    public var isNull: Bool { false }
}

public enum HTML {
    /// `&`, `<`, `>`, `"` and `'` escaped, working on UTF-8 bytes; text without them is returned as it is.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes -> String? in
            var next = HTMLSpecials.first(in: bytes, from: 0)
            if next == bytes.count { return nil }
            var special = 0
            for b in bytes where HTMLSpecials.contains(b) { special += 1 }
            return String(unsafeUninitializedCapacity: bytes.count + special * 5) { out in
                var n = 0
                var start = 0
                func copy(_ end: Int) {
                    for k in start..<end { out[n] = bytes[k]; n += 1 }
                }
                while next < bytes.count {
                    copy(next)
                    let replacement = HTMLSpecials.replacement(for: bytes[next])
                    replacement.withUTF8Buffer { for c in $0 { out[n] = c; n += 1 } }
                    start = next + 1
                    next = HTMLSpecials.first(in: bytes, from: start)
                }
                copy(bytes.count)
                return n
            }
        }
        // Text without them is the same string (no copy).
        return escaped ?? text
    }
}

/// An absent value: renders as nothing, and sections over it are skipped.
public struct MustacheNull: MustacheCustomRenderable, TemplateRepresentable {
    public init() {}
    public var templateValue: TemplateValue { .null }
    public var renderText: String { "" }
    public var isNull: Bool { true }
}

/// Every context type, for the test that templates use only keys that exist.
public enum ContextRegistry {
    public static let allFieldNames: [String: [String]] = {
        func names<T: TemplateContext>(_ t: T.Type) -> (String, [String]) { (String(describing: t), T.fields.keys.sorted().map(\.name)) }
        return Dictionary(uniqueKeysWithValues: [
            names(PageContext.self), names(SiteContext.self), names(PartyContext.self), names(NavItem.self), names(Link.self),
            names(Field.self), names(NoteContext.self), names(AttachmentLink.self),
            names(ContentPage.self), names(LanguageLink.self), names(UnavailablePage.self), names(LanguageText.self), names(WorkspacePage.self), names(Tile.self),
            names(InvoiceListPage.self), names(InvoiceRow.self), names(Pagination.self), names(FilterOption.self),
            names(InvoicePage.self), names(InvoiceLineRow.self), names(EventRow.self), names(StepRow.self), names(SettlementRow.self),
            names(PaymentsPage.self), names(PaymentRow.self), names(SettledInvoice.self), names(TransactionsPage.self), names(Ledger.self), names(LedgerRow.self),
            names(OrderRow.self), names(OrderListPage.self), names(OrderListSummary.self), names(SplitRow.self), names(OrderLineRow.self),
            names(ResponseContext.self), names(ActionForm.self), names(ActionFormLine.self), names(ReceiptPage.self), names(RequestForm.self), names(FieldChange.self), names(ChangeRow.self), names(VersionLink.self), names(OrderPage.self),
            names(StockRow.self), names(StockItem.self), names(ReceiptRow.self), names(ConsignmentPage.self), names(ConsignmentSummary.self),
            names(FeedEntry.self), names(FeedContext.self),
            names(CustomerInvoiceRow.self), names(CustomerInvoiceListPage.self), names(AgingBar.self), names(AgingChart.self),
            names(RequestRow.self), names(CustomerOverviewPage.self), names(HiddenField.self), names(PayForm.self), names(RequestAction.self),
            names(CustomerLineRow.self), names(CustomerInvoicePage.self), names(StatementRow.self), names(StatementSectionContext.self),
            names(StatementPage.self), names(StatementsIndexPage.self), names(RequestsPage.self),
        ])
    }()
}

/// A link with its text.
public struct Link: TemplateContext {
    public var label: String
    public var href: String
    public var current: Bool = false
    public static let fields: FieldTable<Self> = ["label": { $0.pointee.label.templateValue }, "href": { $0.pointee.href.templateValue }, "current": { $0.pointee.current.templateValue }]
}

/// A labelled value of a header or summary.
public struct Field: TemplateContext {
    public var label: String
    public var value: String
    /// Machine form, e.g. an ISO date for `<time datetime>`; nil when there is none.
    public var machine: String? = nil
    public var numeric: Bool = false
    public static let fields: FieldTable<Self> = [
        "label": { $0.pointee.label.templateValue }, "value": { $0.pointee.value.templateValue }, "machine": { $0.pointee.machine.templateValue }, "numeric": { $0.pointee.numeric.templateValue },
    ]
}

/// A note rendered from Markdown (safe HTML).
public struct NoteContext: TemplateContext {
    public var author: String?
    public var createdAt: String
    public var createdAtISO: String
    public var html: String
    public static let fields: FieldTable<Self> = [
        "author": { $0.pointee.author.templateValue }, "createdAt": { $0.pointee.createdAt.templateValue }, "createdAtISO": { $0.pointee.createdAtISO.templateValue }, "html": { .html($0.pointee.html) },
    ]
}

/// A published attachment.
public struct AttachmentLink: TemplateContext {
    public var fileName: String
    public var href: String
    public var mediaType: String
    public var size: String
    public static let fields: FieldTable<Self> = [
        "fileName": { $0.pointee.fileName.templateValue }, "href": { $0.pointee.href.templateValue }, "mediaType": { $0.pointee.mediaType.templateValue }, "size": { $0.pointee.size.templateValue },
    ]
}

/// The site-wide facts.
/// A class, made once per build: every page refers to it (a reference in a `TemplateValue`, not a copy).
public final class SiteContext: ContextRef, TemplateContext {
    public let title: String
    public let companyName: String
    public let companyAddress: String?
    public let companyEmail: String?
    public let companyPhone: String?
    public init(title: String, companyName: String, companyAddress: String?, companyEmail: String?, companyPhone: String?) {
        self.title = title
        self.companyName = companyName
        self.companyAddress = companyAddress
        self.companyEmail = companyEmail
        self.companyPhone = companyPhone
    }
    public override var context: any TemplateContext { self }
    public var templateValue: TemplateValue { .context(self) }
    public override func value(for key: FieldKey) -> TemplateValue? { declaredValue(for: key) }
    public static let fields: FieldTable<SiteContext> = [
        "title": { $0.pointee.title.templateValue }, "companyName": { $0.pointee.companyName.templateValue }, "companyAddress": { $0.pointee.companyAddress.templateValue },
        "companyEmail": { $0.pointee.companyEmail.templateValue }, "companyPhone": { $0.pointee.companyPhone.templateValue },
    ]
}

/// The party whose portal a page belongs to.
/// A class: a page's templates look it up several times (a reference in a `TemplateValue`, not a copy).
public final class PartyContext: ContextRef, TemplateContext {
    public let name: String
    public let account: String
    public let home: String
    public init(name: String, account: String, home: String) {
        self.name = name
        self.account = account
        self.home = home
    }
    public override var context: any TemplateContext { self }
    public var templateValue: TemplateValue { .context(self) }
    public override func value(for key: FieldKey) -> TemplateValue? { declaredValue(for: key) }
    public static let fields: FieldTable<PartyContext> = ["name": { $0.pointee.name.templateValue }, "account": { $0.pointee.account.templateValue }, "home": { $0.pointee.home.templateValue }]
}

public struct NavItem: TemplateContext {
    public var label: String
    public var href: String
    public var current: Bool
    public static let fields: FieldTable<Self> = ["label": { $0.pointee.label.templateValue }, "href": { $0.pointee.href.templateValue }, "current": { $0.pointee.current.templateValue }]
}

/// The root of every page: what the layout needs, and the page's own context under `page`.
public struct PageContext: TemplateContext {
    public var lang: String
    public var title: String
    public var t: Labels
    public var site: SiteContext
    public var asOf: String
    public var asOfISO: String
    /// Relative prefix to the release root, e.g. `../../`.
    public var root: String
    public var stylesheet: String
    public var script: String
    public var party: PartyContext?
    public var nav: [NavItem]
    /// Adds `<meta name="robots" content="noindex">` (private pages).
    public var noindex: Bool
    public var page: any TemplateContext
    public static let fields: FieldTable<Self> = [
        "lang": { $0.pointee.lang.templateValue }, "title": { $0.pointee.title.templateValue }, "t": { $0.pointee.t.templateValue }, "site": { $0.pointee.site.templateValue }, "asOf": { $0.pointee.asOf.templateValue }, "asOfISO": { $0.pointee.asOfISO.templateValue },
        "root": { $0.pointee.root.templateValue }, "stylesheet": { $0.pointee.stylesheet.templateValue }, "script": { $0.pointee.script.templateValue }, "party": { $0.pointee.party.templateValue }, "nav": { $0.pointee.nav.templateValue },
        "hasNav": { (!$0.pointee.nav.isEmpty).templateValue }, "noindex": { $0.pointee.noindex.templateValue }, "page": { $0.pointee.page.templateValue },
    ]
}

/// A page from `Content/` (landing, help).
public struct ContentPage: TemplateContext {
    public var html: String
    /// The same page in the site's other languages.
    public var alternates: [LanguageLink]
    public var hasAlternates: Bool { !alternates.isEmpty }
    public static let fields: FieldTable<Self> = [
        "html": { .html($0.pointee.html) }, "alternates": { $0.pointee.alternates.templateValue }, "hasAlternates": { $0.pointee.hasAlternates.templateValue },
    ]
}

/// The page nginx shows when `portico receive` is down: the same message in every language.
public struct UnavailablePage: TemplateContext {
    public var messages: [LanguageText]
    public static let fields: FieldTable<Self> = ["messages": { $0.pointee.messages.templateValue }]
}

public struct LanguageText: TemplateContext {
    public var lang: String
    public var title: String
    public var text: String
    /// The site's language comes first, with the page's one heading.
    public var isFirst: Bool
    public static let fields: FieldTable<Self> = ["lang": { $0.pointee.lang.templateValue }, "title": { $0.pointee.title.templateValue }, "text": { $0.pointee.text.templateValue }, "isFirst": { $0.pointee.isFirst.templateValue }]
}

/// A link to a page in another language, named in that language.
public struct LanguageLink: TemplateContext {
    public var label: String
    public var href: String
    public var lang: String
    public static let fields: FieldTable<Self> = ["label": { $0.pointee.label.templateValue }, "href": { $0.pointee.href.templateValue }, "lang": { $0.pointee.lang.templateValue }]
}
