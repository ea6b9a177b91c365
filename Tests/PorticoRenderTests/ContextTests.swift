import Mustache
import PorticoPlan
import Testing

@Suite("Typed template contexts")
struct ContextTests {
    struct Outer: TemplateContext {
        var site: String
        var rows: [Inner]
        static let fields: FieldTable<Self> = ["site": { $0.site.templateValue }, "rows": { $0.rows.templateValue }]
    }
    struct Inner: TemplateContext {
        var site: String?
        static let fields: FieldTable<Self> = ["site": { $0.site.templateValue }]
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
        let table: FieldTable<Int> = [b: { .plain(String($0 * 2)) }]
        guard case .plain(let text)? = table[b]?(21) else {
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
}
