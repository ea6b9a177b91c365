import GRDB
import PorticoModel

/// What the leak guard needs to know: whose each identifier is, and what is internal.
extension ExportReader {
    /// How many identifiers `partyIdentifiers` gives (to size the guard's table once).
    public func identifierCount() throws(StoreError) -> Int {
        try run("counting identifiers") {
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM vendor) + (SELECT count(*) FROM customer) + (SELECT count(*) FROM purchase_order)
                     + (SELECT count(*) FROM vendor_invoice) + (SELECT count(*) FROM customer_invoice)
                """) ?? 0
        }
    }

    /// Every identifier a page may show and the party whose portal it belongs to: vendor and customer accounts,
    /// order numbers, invoice numbers. Customers' rows belong to their portal (the invoice account); draft
    /// orders belong to no one (nil): they are internal.
    public func partyIdentifiers(_ body: (String, PartyRef?) -> Void) throws(StoreError) {
        let portal = CustomerStream.portal
        let queries = [
            "SELECT account, 'vendor', account FROM vendor",
            // Aliased: in the portal's subquery an unqualified `account` would be the subquery's own column.
            "SELECT m.account, 'customer', \(portal("m.account")) FROM customer m",
            "SELECT number, CASE WHEN status = 'draft' THEN NULL ELSE 'vendor' END, vendor_account FROM purchase_order",
            "SELECT invoice_number, 'vendor', vendor_account FROM vendor_invoice",
            "SELECT number, 'customer', \(portal("customer_account")) FROM customer_invoice",
        ]
        for sql in queries {
            try run("reading identifiers") {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    guard let identifier: String = row[0] else { continue }
                    let kind: String? = row[1]
                    let account: String? = row[2]
                    if let kind, let k = PartyKind(rawValue: kind), let account {
                        body(identifier, PartyRef(k, account))
                    } else if kind == nil {
                        body(identifier, nil)
                    }
                }
            }
        }
    }

    /// Internal notes and attachments per party (customers' per portal): `snippet` picks the text of an internal
    /// note that must not appear on the party's pages; snippets that one of the party's external notes contains
    /// (text shown on purpose) are dropped. Attachments by id.
    public func internalContent(snippet: (String) -> [UInt8]?) throws(StoreError) -> [PartyRef: InternalContent] {
        let kind = Schema.subjectParty.kind
        let account = "CASE WHEN \(kind) = 'customer' THEN \(CustomerStream.portal("(\(Schema.subjectParty.account))")) ELSE \(Schema.subjectParty.account) END"
        var content: [PartyRef: InternalContent] = [:]
        try run("reading internal notes") {
            let rows = try Row.fetchCursor(db, sql: "SELECT body_markdown, \(kind), \(account) FROM note WHERE visibility IS NOT 'external'")
            while let row = try rows.next() {
                guard let body: String = row[0], let k: String = row[1], let kind = PartyKind(rawValue: k), let a: String = row[2],
                      let text = snippet(body) else { continue }
                content[PartyRef(kind, a), default: InternalContent()].noteSnippets.append(text)
            }
        }
        if !content.isEmpty {
            try run("reading external notes") {
                let rows = try Row.fetchCursor(db, sql: "SELECT body_markdown, \(kind), \(account) FROM note WHERE visibility = 'external'")
                while let row = try rows.next() {
                    guard let k: String = row[1], let kind = PartyKind(rawValue: k), let a: String = row[2] else { continue }
                    let party = PartyRef(kind, a)
                    guard let snippets = content[party]?.noteSnippets, !snippets.isEmpty, let body: String = row[0] else { continue }
                    let shown = Array(body.utf8)
                    content[party]?.noteSnippets = snippets.filter { !shown.contains(bytes: $0) }
                }
            }
        }
        try run("reading internal attachments") {
            let rows = try Row.fetchCursor(db, sql: "SELECT id, \(kind), \(account) FROM attachment WHERE visibility IS NOT 'external'")
            while let row = try rows.next() {
                guard let id: Int64 = row[0], let k: String = row[1], let kind = PartyKind(rawValue: k), let a: String = row[2] else { continue }
                content[PartyRef(kind, a), default: InternalContent()].attachments.append(id)
            }
        }
        return content.filter { !$0.value.noteSnippets.isEmpty || !$0.value.attachments.isEmpty }
    }
}

/// What of one party is internal: texts of internal notes (as bytes) and ids of internal attachments.
public struct InternalContent: Sendable {
    public var noteSnippets: [[UInt8]] = []
    public var attachments: [Int64] = []
}
