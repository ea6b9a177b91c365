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
    static func json<Row: Encodable>(_ rows: [Row]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8]((try? encoder.encode(rows)) ?? Data("[]".utf8))
    }
}
