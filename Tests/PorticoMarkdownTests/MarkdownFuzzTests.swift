import Foundation
import PorticoModel
import PorticoMarkdown
import Testing

/// Random Markdown built from hostile pieces, rendered, and checked for the safety properties of a page:
/// no element or attribute that could run script, no link to an unsafe scheme, only cmark's own tags.
@Suite("Markdown fuzzing")
struct MarkdownFuzzTests {
    static let pieces = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<a href=\"javascript:alert(1)\">j</a>",
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x]( javascript:alert(1))", "[x](java\tscript:alert(1))", "[x](&#106;avascript:alert(1))", "[x](%6Aavascript:alert(1))",
        "![i](javascript:alert(1))", "![i](x \"onerror=alert(1)\")", "<iframe src=//evil>", "<style>*{}</style>", "<object data=x>",
        "[ref]: javascript:alert(1)\n\n[ref]", "<https://ok.example/a>", "<javascript:alert(1)>", "`<script>`", "```\n<script>\n```",
        "- a\n  - b\n    - c", "> quote <b>x</b>", "**bold** _em_", "# head", "&lt;script&gt;", "\"quotes\" 'single'", "[ok](https://example.com)",
        "<!-- comment -->", "<![CDATA[x]]>", "<div onclick=alert(1)>d</div>", "\u{0}", "\u{202E}rtl", "[x](mailto:a@example.com)",
        "<a href='x' onmouseover='alert(1)'>", "[x](\"onclick=alert(1))", "[a](<javascript:alert(1)>)", "\\<script\\>",
    ]
    static let allowedTags: Set<String> = [
        "p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br",
    ]

    static func problems(_ rendered: String) -> [String] {
        // cmark's safe mode leaves a marker where it dropped raw HTML.
        let html = rendered.replacingOccurrences(of: "<!-- raw HTML omitted -->", with: "")
        var found: [String] = []
        let lower = html.lowercased()
        for bad in ["javascript:", "vbscript:", "data:", "<script", "<img", "<iframe", "<svg", "<style", "<object", "<div", "<!--"] where lower.contains(bad) {
            // `javascript:` may appear as text (escaped context), never inside an attribute.
            if bad.hasSuffix(":") {
                if lower.contains("href=\"\(bad)") || lower.contains("src=\"\(bad)") { found.append("unsafe URL \(bad)") }
            } else {
                found.append("element \(bad)")
            }
        }
        // Every tag is one of cmark's, and every attribute one cmark writes.
        var i = html.startIndex
        while let open = html[i...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = html[html.index(after: open)..<close]
            let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            if !allowedTags.contains(name) { found.append("tag <\(tag)>") }
            let attributes = tag.split(separator: " ").dropFirst().map { $0.split(separator: "=").first.map(String.init) ?? "" }
            for a in attributes where !["href", "title", "class", "start"].contains(a.lowercased()) && !a.isEmpty && a != "/" {
                found.append("attribute \(a) in <\(tag)>")
            }
            i = html.index(after: close)
        }
        return found
    }

    @Test("random hostile Markdown renders to safe HTML (bounded in time)")
    func fuzz() {
        let seed = UInt64(ProcessInfo.processInfo.environment["PORTICO_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix64(seed: seed)
        let deadline = Date().addingTimeInterval(2)
        var runs = 0
        while runs < 200 || (Date() < deadline && runs < 20_000) {
            var doc = ""
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                doc += Self.pieces.randomElement(using: &rng)!
                doc += ["", " ", "\n", "\n\n", "  \n", "\t"].randomElement(using: &rng)!
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    doc += String(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
                }
            }
            let problems = Self.problems(Markdown.html(doc))
            #expect(problems.isEmpty, "seed \(seed), run \(runs): \(doc.debugDescription) -> \(problems)")
            if !problems.isEmpty { break }
            runs += 1
        }
    }

    @Test("a megabyte-long note and deeply nested lists render, safely")
    func large() {
        let long = String(repeating: "word <b>x</b> ", count: 80_000)
        let html = Markdown.html(long)
        #expect(html.utf8.count > 1_000_000)
        #expect(Self.problems(html).isEmpty)
        let nested = (0..<2_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let deep = Markdown.html(nested)
        #expect(deep.contains("<li>"))
        #expect(Self.problems(deep).isEmpty)
        let quotes = String(repeating: ">", count: 5_000) + " deep"
        #expect(Self.problems(Markdown.html(quotes)).isEmpty)
    }
}
