import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CommonMark to HTML through cmark, safe for text written by people:
/// raw HTML is dropped, and links or images whose URL is not http(s), mailto, relative or a fragment lose their URL.
/// Images become links (a note never makes the reader's browser fetch something on its own).
public enum Markdown {
    /// Schemes a link may use.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The HTML of `markdown`. Invalid UTF-8 is replaced, never passed through.
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        let bytes = Array(markdown.utf8)
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        sanitize(document)
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Whether a link destination may reach a page.
    public static func isSafeURL(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { return allowedSchemes.contains(scheme.lowercased()) }
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            let v = scalar.value
            let plain = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || scalar == "+" || scalar == "-" || scalar == "."
            guard plain else { return false }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }

    private static func sanitize(_ document: OpaquePointer) {
        // Collect first: replacing nodes while iterating would confuse the iterator.
        var links: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK: links.append(node)
            case CMARK_NODE_IMAGE: images.append(node)
            default: break
            }
        }
        for image in images {
            guard let link = cmark_node_new(CMARK_NODE_LINK) else { continue }
            cmark_node_set_url(link, cmark_node_get_url(image))
            cmark_node_set_title(link, cmark_node_get_title(image))
            while let child = cmark_node_first_child(image) {
                cmark_node_unlink(child)
                cmark_node_append_child(link, child)
            }
            cmark_node_replace(image, link)
            cmark_node_free(image)
            links.append(link)
        }
        for link in links {
            let url = cmark_node_get_url(link).map { String(cString: $0) } ?? ""
            if !isSafeURL(url) { cmark_node_set_url(link, "") }
        }
    }
}
