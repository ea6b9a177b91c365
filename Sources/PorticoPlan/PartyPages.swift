import Foundation
import PorticoMarkdown
import PorticoModel
import PorticoStore

/// Pieces every party's planner shares: notes, attachments, data files.
enum PartyPages {
    static func notes(_ records: [NoteRecord], _ f: LocaleFormats) -> [NoteContext] {
        records.map { NoteContext(author: $0.author, createdAt: f.timestamp($0.createdAt), createdAtISO: $0.createdAt.description, html: Markdown.html($0.bodyMarkdown)) }
    }

    /// Where an attachment is published inside the party's folder (`base` ends in `/`).
    static func attachmentPath(base: String, _ a: AttachmentRecord) -> String { base + "attachments/\(a.id)/\(Paths.fileName(a.fileName))" }

    static func attachments(_ records: [AttachmentRecord], base: String, from path: String) -> [AttachmentLink] {
        records.map {
            let size = $0.content.count < 1024 ? "\($0.content.count) B" : "\(($0.content.count + 1023) / 1024) KB"
            return AttachmentLink(fileName: $0.fileName, href: Paths.relative(from: path, to: attachmentPath(base: base, $0)), mediaType: $0.mediaType, size: size)
        }
    }

    /// A list's data file: the rows as JSON, keys sorted, so the same rows give the same bytes.
    static func json<Row: DataRow>(_ rows: [Row]) -> [UInt8] { DataJSON.encode(rows: rows) }

    /// The same for rows that only have `Encodable`.
    static func json<Row: Encodable>(_ rows: [Row]) -> [UInt8] {
        if let bytes = DataJSON.encode(rows) { return bytes }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8]((try? encoder.encode(rows)) ?? Data("[]".utf8))
    }
}

/// One page of a list that is split into pages that work without JavaScript.
struct ListPage<Item> {
    let number: Int
    /// `folder/index.html`, then `folder/page-2.html`, ...
    let path: String
    let items: ArraySlice<Item>
    let pagination: Pagination
    let isOnly: Bool
}

extension PartyPages {
    /// Splits `items` into pages of `size` under `folder`, each with links to every page and "from–to of count".
    static func pages<Item>(_ items: [Item], folder: String, size: Int, labels t: Labels) -> [ListPage<Item>] {
        let count = max(1, (items.count + size - 1) / size)
        func path(_ n: Int) -> String { folder + (n == 1 ? "index.html" : "page-\(n).html") }
        return (1...count).map { n in
            let here = path(n)
            let slice = items.dropFirst((n - 1) * size).prefix(size)
            let links = (1...count).map { Link(label: String($0), href: Paths.relative(from: here, to: $0 == 1 ? folder : path($0)), current: $0 == n) }
            let summary = t.format("list_summary", ["from": String(items.isEmpty ? 0 : (n - 1) * size + 1),
                                                    "to": String((n - 1) * size + slice.count), "count": String(items.count)])
            return ListPage(number: n, path: here, items: slice, pagination: Pagination(
                pages: links, previous: n > 1 ? links[n - 2].href : nil, next: n < count ? links[n].href : nil, summary: summary), isOnly: count == 1)
        }
    }
}
