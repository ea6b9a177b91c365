import PorticoMarkdown
import Testing

@Suite("Markdown through cmark")
struct MarkdownSafetyTests {
    @Test("renders CommonMark")
    func renders() {
        let html = Markdown.html("Hello *world*\n\n- one\n- two\n\n`code` and [link](https://example.com/a?b=1)")
        #expect(html.contains("<em>world</em>"))
        #expect(html.contains("<li>one</li>"))
        #expect(html.contains("<code>code</code>"))
        #expect(html.contains("<a href=\"https://example.com/a?b=1\">link</a>"))
    }

    @Test("raw HTML never reaches the page", arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "text <b onmouseover=alert(1)>bold</b>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
    ])
    func rawHTML(_ markdown: String) {
        let html = Markdown.html(markdown).lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onload"))
        #expect(!html.contains("onmouseover"))
        #expect(!html.contains("javascript:"))
    }

    @Test("unsafe link schemes lose their URL", arguments: [
        "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](&#106;avascript:alert(1))", "<javascript:alert(1)>",
        "[x](vbscript:msgbox(1))", "[x](data:text/html,<script>alert(1)</script>)", "![x](data:image/png;base64,AAAA)",
        "[x](file:///etc/passwd)", "![x](javascript:alert(1))",
    ])
    func unsafeLinks(_ markdown: String) {
        // The text may still read "javascript:..."; no attribute may carry it.
        let html = Markdown.html(markdown).lowercased()
        for scheme in ["javascript:", "vbscript:", "data:", "file:", "&#106;avascript"] {
            #expect(!html.contains("href=\"\(scheme)"))
            #expect(!html.contains("src=\"\(scheme)"))
        }
        #expect(!html.contains("<img"))
        #expect(html.contains("href=\"\""))
    }

    @Test("images become plain links, so a note never loads anything by itself")
    func images() {
        let html = Markdown.html("![chart](https://example.com/c.png)")
        #expect(!html.contains("<img"))
        #expect(html.contains("<a href=\"https://example.com/c.png\">chart</a>"))
    }

    @Test("safe URLs stay")
    func safeURLs() {
        #expect(Markdown.isSafeURL("https://a.example/x"))
        #expect(Markdown.isSafeURL("mailto:a@b.example"))
        #expect(Markdown.isSafeURL("../relative/path"))
        #expect(Markdown.isSafeURL("#anchor"))
        #expect(!Markdown.isSafeURL("javascript:x"))
        #expect(!Markdown.isSafeURL(" javascript:x"))
    }
}
