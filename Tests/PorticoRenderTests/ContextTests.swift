import Mustache
import PorticoPlan
import Testing

@Suite("Typed template contexts")
struct ContextTests {
    struct Outer: TemplateContext {
        var site: String
        var rows: [Inner]
        static let fields: [FieldKey: @Sendable (Self) -> TemplateValue] = ["site": { $0.site.templateValue }, "rows": { $0.rows.templateValue }]
    }
    struct Inner: TemplateContext {
        var site: String?
        static let fields: [FieldKey: @Sendable (Self) -> TemplateValue] = ["site": { $0.site.templateValue }]
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
}
