import Mustache
@testable import PorticoPlan
import Testing

@Suite("Typed template contexts")
struct ContextTests {
    struct Outer: TemplateContext {
        var site: String
        var rows: [Inner]
        static let fields: FieldTable<Self> = ["site": { $0.pointee.site.templateValue }, "rows": { $0.pointee.rows.templateValue }]
    }
    struct Inner: TemplateContext {
        var site: String?
        static let fields: FieldTable<Self> = ["site": { $0.pointee.site.templateValue }]
    }

    @Test("a nil value of a declared key never shows an outer context's value of the same name")
    func nilDoesNotClimb() throws {
        let template = try MustacheTemplate(string: "{{#rows}}[{{site}}|{{#site}}yes{{/site}}{{^site}}no{{/site}}]{{/rows}}")
        let text = template.render(Outer(site: "OUTER", rows: [Inner(site: "a"), Inner(site: nil)]))
        #expect(text == "[a|yes][|no]")
    }

    @Test("undeclared keys still come from outer contexts")
    func climbs() throws {
        let template = try MustacheTemplate(string: "{{#rows}}{{nothere}}{{/rows}}|{{#rows}}x{{/rows}}")
        #expect(template.render(Outer(site: "S", rows: [Inner(site: nil)])) == "|x")
    }

    @Test("field keys: one number per name; a table answers its own keys only, whatever numbers others got")
    func fieldKeys() {
        let a = FieldKey("context-tests-a"), b = FieldKey("context-tests-b")
        #expect(FieldKey("context-tests-a") == a && FieldKey("context-tests-a").id == a.id && a != b)
        #expect(FieldKey(existing: "context-tests-a") == a)
        #expect(FieldKey(existing: "context-tests-never-made-\(UInt64.random(in: 0...UInt64.max))") == nil)
        let table: FieldTable<Int> = [b: { .plain(String($0.pointee * 2)) }]
        guard case .plain(let text)? = withUnsafePointer(to: 21, { table[b]?($0) }) else {
            Issue.record("b not found")
            return
        }
        #expect(text == "42")
        // `a` has a lower number than `b` (inside the table's range), the later key a higher one (outside it).
        let later = FieldKey("context-tests-later")
        #expect(table[a] == nil && table[later] == nil)
        #expect(table.keys == [b])
        // A context answers its declared keys; an undeclared name is nil, however it is asked.
        let inner = Inner(site: nil)
        #expect(inner.value(named: "nothere") == nil)
        if case .null? = inner.value(named: "site") {} else { Issue.record("a declared nil key must answer .null") }
    }

    /// The text a level answers for `site`: "nil" for `.null`, "-" when undeclared.
    private func site(_ level: TemplateValue) -> String {
        guard case .context(let context) = level else { return "not a context" }
        switch context.value(for: FieldKey("site")) {
        case .text(let text)?: return text
        case .null?: return "nil"
        case nil: return "-"
        default: return "other"
        }
    }

    @Test("a list of contexts: each element is asked in place in its array, keeps it alive, and answers as a boxed copy would")
    func elementsInPlace() {
        // Texts made at run time (heap strings): an element read after its array was freed would not show them.
        var levels: [TemplateValue] = []
        do {
            let rows = (0..<3).map { Inner(site: $0 == 1 ? nil : "row-\($0)-" + String(repeating: "x", count: 20 + $0)) }
            guard case .list(let list)? = Outer(site: "S", rows: rows).value(named: "rows") else {
                Issue.record("rows is not a list")
                return
            }
            #expect(list.count == 3)
            levels = (0..<list.count).map { list.element(at: $0) }
        }
        // The outer context, its array and the list value are gone; the levels still hold their elements.
        #expect(levels.map(site) == ["row-0-" + String(repeating: "x", count: 20), "nil", "row-2-" + String(repeating: "x", count: 22)])
        // The same list reached through the protocol (an optional list) is boxed element by element: same answers.
        let optional: [Inner]? = [Inner(site: "a"), Inner(site: nil)]
        guard case .list(let boxed) = optional.templateValue, case .list(let inPlace) = optional!.templateValue else {
            Issue.record("not lists")
            return
        }
        #expect(inPlace is ContextList<Inner> && !(boxed is ContextList<Inner>))
        #expect((0..<2).map { site(boxed.element(at: $0)) } == ["a", "nil"])
        #expect((0..<2).map { site(inPlace.element(at: $0)) } == ["a", "nil"])
        // An element answers no key its type does not declare, so names climb past it.
        if case .context(let context) = inPlace.element(at: 0) { #expect(context.value(for: FieldKey("rows")) == nil) }
    }
}
