import Foundation
import PorticoModel
import PorticoPlan
import PorticoRender
import Testing

/// The compiled templates against swift-mustache, the reference: the same bytes for every construct Portico's
/// templates use, and swift-mustache itself for templates the compiler leaves alone.
@Suite("Compiled templates")
struct CompiledTemplateTests {
    struct Root: TemplateContext {
        var title = "A <b> & \"c\" 'd'"
        var html = "<em>safe</em>"
        var count = 42
        var flag = true
        var off = false
        var rows: [Row] = [Row(name: "r1", title: "T1", n: 1), Row(name: "r<2>", title: nil, n: 2)]
        var empty: [Row] = []
        var tags = ["x&y", "z"]
        var missing: String? = nil
        var child: Row? = Row(name: "kid", title: "KT", n: 7)
        var noChild: Row? = nil
        static let fields: FieldTable<Self> = [
            "title": { $0.pointee.title.templateValue }, "html": { .html($0.pointee.html) }, "count": { $0.pointee.count.templateValue }, "flag": { $0.pointee.flag.templateValue }, "off": { $0.pointee.off.templateValue },
            "rows": { $0.pointee.rows.templateValue }, "empty": { $0.pointee.empty.templateValue }, "tags": { $0.pointee.tags.templateValue }, "missing": { $0.pointee.missing.templateValue }, "child": { $0.pointee.child.templateValue },
            "noChild": { $0.pointee.noChild.templateValue },
        ]
    }

    struct Row: TemplateContext {
        var name: String
        var title: String?
        var n: Int64
        static let fields: FieldTable<Self> = [
            "name": { $0.pointee.name.templateValue }, "title": { $0.pointee.title.templateValue }, "n": { $0.pointee.n.templateValue },
        ]
    }

    /// Writes `templates` to a fresh folder and loads it with both engines.
    func renderers(_ templates: [String: String]) throws -> (compiled: Renderer, reference: Renderer) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("compiled-\(UUID().uuidString)").path
        for (name, text) in templates {
            let path = dir + "/" + name + ".mustache"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (try Renderer(directory: dir), try Renderer(directory: dir, engine: .swiftMustache))
    }

    /// Renders `name` with both engines, requires the same bytes, and returns them.
    func render(_ templates: [String: String], _ name: String = "page", _ root: any TemplateContext = Root()) throws -> String {
        let (compiled, reference) = try renderers(templates)
        #expect(compiled.engine == .compiled, "\(compiled.notCompiled ?? "")")
        #expect(reference.engine == .swiftMustache)
        let a = String(decoding: try compiled.render(template: name, context: root), as: UTF8.self)
        let b = String(decoding: try reference.render(template: name, context: root), as: UTF8.self)
        #expect(a == b, "compiled and swift-mustache differ:\n\(a)\n\(b)")
        return a
    }

    @Test("values: text escaped once, HTML as it is, numbers, booleans, triple braces")
    func values() throws {
        let text = try render(["page": "{{title}}|{{{title}}}|{{&title}}|{{html}}|{{{html}}}|{{count}}|{{flag}}|{{off}}|{{missing}}|{{nothing}}"])
        #expect(text == "A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|<em>safe</em>|<em>safe</em>|42|true|false||")
    }

    @Test("text of any length and any characters is escaped as a byte-by-byte escape does, by both engines and HTML.escape")
    func escapingRandomText() throws {
        func naive(_ text: String) -> String {
            var out = ""
            for c in text.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
        let (compiled, reference) = try renderers(["page": "{{title}}|{{#tags}}{{.}};{{/tags}}"])
        var rng = SplitMix64(seed: 5)
        let pieces = ["&", "<", ">", "\"", "'", "#", "=", "?", "%", "a", "Z", "0", " ", "é", "€", "😀", "\u{0301}", "abcdefgh", "\n"]
        for _ in 0..<400 {
            func text() -> String { (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
            var root = Root()
            root.title = text()
            root.tags = (0..<3).map { _ in text() }
            let expected = naive(root.title) + "|" + root.tags.map { naive($0) + ";" }.joined()
            #expect(String(decoding: try compiled.render(template: "page", context: root), as: UTF8.self) == expected)
            #expect(String(decoding: try reference.render(template: "page", context: root), as: UTF8.self) == expected)
            #expect(HTML.escape(root.title) == naive(root.title))
        }
    }

    @Test("a page far larger than the first buffer (it grows several times) is the same as swift-mustache's")
    func largePage() throws {
        var root = Root()
        root.rows = (0..<4_000).map { Row(name: "row <\($0)> & more text to fill the page", title: $0 % 3 == 0 ? nil : "T\($0)", n: Int64($0)) }
        let text = try render(["page": "{{title}}{{#rows}}<li>{{name}}|{{title}}|{{n}}</li>\n{{/rows}}end"], "page", root)
        #expect(text.utf8.count > 200_000)
        #expect(text.hasSuffix("end"))
    }

    @Test("sections over lists, booleans, nil, missing keys and single contexts; inverted sections")
    func sections() throws {
        let text = try render(["page": """
            {{#rows}}[{{name}}:{{title}}:{{n}}:{{count}}{{#title}}t{{/title}}{{^title}}-{{/title}}]{{/rows}}|\
            {{#empty}}E{{/empty}}{{^empty}}none{{/empty}}|{{#flag}}F{{/flag}}{{^flag}}nf{{/flag}}|{{#off}}O{{/off}}{{^off}}no{{/off}}|\
            {{#missing}}M{{/missing}}{{^missing}}nm{{/missing}}|{{#nothing}}N{{/nothing}}{{^nothing}}nn{{/nothing}}|\
            {{#child}}<{{name}} {{n}} {{count}}>{{/child}}{{^child}}nc{{/child}}|{{#noChild}}C{{/noChild}}{{^noChild}}none{{/noChild}}|\
            {{#title}}{{text}}{{/title}}|{{#html}}{{html}}{{/html}}|{{#count}}{{count}}{{/count}}
            """])
        #expect(text == "[r1:T1:1:42t][r&lt;2&gt;::2:42-]|none|F|no|nm|nn|<kid 7 42>|none|A <b> & \"c\" 'd'|<em>safe</em>|42")
    }

    @Test("names: dotted, anchored to the current context, the current item, and nil never climbs")
    func names() throws {
        let text = try render(["page": """
            {{child.name}}|{{child.nothing}}|{{noChild.name}}|{{#child}}{{.name}}{{.count}}{{count}}{{/child}}|\
            {{#tags}}<{{.}}>{{/tags}}|{{#rows}}{{title}}{{.title}}/{{/rows}}|{{#empty}}{{/empty}}{{^empty}}{{.}}{{/empty}}
            """])
        #expect(text == "kid|||kid42|<x&amp;y><z>|T1T1//|[]")
    }

    @Test("inside a list's rows: their keys, keys that climb out, dotted and anchored names, nested sections, the row itself")
    func rowLevels() throws {
        var root = Root()
        root.rows = [Row(name: "a", title: "TA", n: 1), Row(name: "b", title: nil, n: 2), Row(name: "c&", title: "TC", n: 3)]
        let text = try render(["page": """
            {{#rows}}[{{name}}|{{.name}}|{{title}}|{{count}}|{{child.name}}|{{.child.name}}|\
            {{#title}}<{{.}}|{{name}}>{{/title}}{{^title}}no title{{/title}}|{{#tags}}{{.}}{{text}}{{/tags}}|{{n}}]{{/rows}}\
            {{#tags}}({{.}}|{{text}}|{{.text}}|{{title}}){{/tags}}{{#rows}}{{#rows}}{{name}}{{/rows}};{{/rows}}
            """], "page", root)
        #expect(text.hasPrefix("[a|a|TA|42|kid||<TA|a>|x&amp;yx&yzz|1][b|b||42|kid||no title|"))
        #expect(text.contains("[c&amp;|c&amp;|TC|42|kid||<TC|c&amp;>|"))
        #expect(text.hasSuffix("abc&amp;;abc&amp;;abc&amp;;"))
    }

    @Test("the HTML content type escapes again, as swift-mustache does")
    func htmlContentType() throws {
        let text = try render(["page": "{{title}}|{{% CONTENT_TYPE: HTML}}{{title}}|{{{title}}}|{{html}}|{{{html}}}|{{count}}"])
        #expect(text == "A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|A &amp;lt;b&amp;gt; &amp;amp; &amp;quot;c&amp;quot; &amp;#39;d&amp;#39;|A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|&lt;em&gt;safe&lt;/em&gt;|<em>safe</em>|42")
    }

    @Test("partials, parents and blocks: a page's blocks override its layout's, an outer parent's win")
    func inheritance() throws {
        let templates = [
            "layout": "<{{$main}}default{{/main}}>{{$side}}S{{/side}}{{#rows}}{{>row}}{{/rows}}",
            "row": "({{name}})",
            "page": "{{<layout}}{{$main}}M {{title}}{{/main}}{{/layout}}",
            "mid": "{{<layout}}{{$main}}mid{{/main}}{{$side}}midside{{/side}}{{/layout}}",
            "top": "{{<mid}}{{$main}}top{{/main}}{{/mid}}",
            "plain": "{{<layout}}{{/layout}}",
        ]
        #expect(try render(templates, "page") == "<M A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;>S(r1)(r&lt;2&gt;)")
        #expect(try render(templates, "top") == "<top>midside(r1)(r&lt;2&gt;)")
        #expect(try render(templates, "plain") == "<default>S(r1)(r&lt;2&gt;)")
    }

    @Test("standalone tags, comments and line breaks as swift-mustache parses them")
    func whitespace() throws {
        let text = try render(["page": "a\n{{#flag}}\nb\n{{/flag}}\n{{! a comment }}\nc {{! inline }}d\n{{#rows}}\n- {{name}}\n{{/rows}}\n{{^flag}}\nx\n{{/flag}}\nend\n"])
        #expect(text == "a\nb\nc d\n- r1\n- r&lt;2&gt;\nend\n")
    }

    @Test("Portico's own templates compile, and an unknown template is an error")
    func ownTemplates() throws {
        let renderer = try Renderer(directory: TemplateTests.templates)
        #expect(renderer.engine == .compiled, "\(renderer.notCompiled ?? "")")
        #expect(throws: RenderError.unknownTemplate(name: "nope")) { try renderer.render(template: "nope", context: Root()) }
    }

    @Test("a template with what the compiler leaves alone renders through swift-mustache, and says why")
    func fallback() throws {
        for (templates, reason) in [
            (["page": "{{#rows}}{{index()}}{{/rows}}"], "page.mustache: transforms (index)"),
            (["page": "{{#rows}}\n  {{>row}}\n{{/rows}}", "row": "({{name}})\n"], "page.mustache: an indented partial or block"),
        ] {
            let (compiled, reference) = try renderers(templates)
            #expect(compiled.engine == .swiftMustache)
            #expect(compiled.notCompiled == reason)
            #expect(reference.notCompiled == nil, "only asked-for compilation reports")
            let a = try compiled.render(template: "page", context: Root())
            #expect(a == (try reference.render(template: "page", context: Root())))
            #expect(!a.isEmpty)
        }
    }
}
