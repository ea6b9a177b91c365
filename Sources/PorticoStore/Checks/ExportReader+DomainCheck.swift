import GRDB
import PorticoModel

/// The rules of the domain document that span rows: settlements, currencies, status histories,
/// invoice accounts, note and attachment subjects, order versions and responses.
extension ExportReader {
    struct Rule: Sendable {
        let table: String
        /// The columns the rule checks; with one column the SQL selects `_message`, with several `_message_<column>`
        /// for each (NULL when that column is fine), so one scan can check several columns.
        let columns: [String]
        /// Selects `_key`, `_party_kind`, `_party_account` and the message columns.
        let sql: String
        /// Names the keys the rule might report on, so its SQL runs on those only (`Narrowing.marker` in `sql`).
        let narrowing: Narrowing?

        init(table: String, column: String, sql: String) {
            self.table = table
            columns = [column]
            self.sql = sql
            narrowing = nil
        }

        init(table: String, columns: [String], sql: String, narrowing: Narrowing? = nil) {
            self.table = table
            self.columns = columns
            self.sql = sql
            self.narrowing = narrowing
        }
    }

    static let domainRules: [Rule] = {
        let allowed = VendorInvoiceStatusModel.transitions.map { "('\($0.0.rawValue)','\($0.1.rawValue)')" }.joined(separator: ", ")
        let vendorOfInvoice = "'vendor' AS _party_kind, i.vendor_account AS _party_account"
        return [
            // Settlements never above the invoice's total.
            Rule(table: "vendor_invoice", column: "total_minor", sql: """
                SELECT CAST(i.id AS TEXT) AS _key, \(vendorOfInvoice),
                       'settled ' || s.settled || ' is above the total ' || i.total_minor AS _message
                FROM vendor_invoice i JOIN (SELECT invoice_id, sum(amount_minor) AS settled FROM vendor_settlement GROUP BY invoice_id) s ON s.invoice_id = i.id
                WHERE s.settled > i.total_minor
                """),
            // Customer invoices with a negative total are credit notes; their settlements are negative too.
            Rule(table: "customer_invoice", column: "total_minor", sql: """
                SELECT i.number AS _key, 'customer' AS _party_kind, i.customer_account AS _party_account,
                       'settled ' || s.settled || ' is above the total ' || i.total_minor AS _message
                FROM customer_invoice i JOIN (SELECT invoice_number, sum(amount_minor) AS settled FROM customer_settlement GROUP BY invoice_number) s ON s.invoice_number = i.number
                WHERE abs(s.settled) > abs(i.total_minor)
                """),
            Rule(table: "customer_invoice", column: "total_minor", sql: """
                SELECT i.number AS _key, 'customer' AS _party_kind, i.customer_account AS _party_account,
                       'negative total ' || i.total_minor || ', but not a credit note (a credit note has no positive line or tax)' AS _message
                FROM customer_invoice i
                WHERE i.total_minor < 0 AND (i.tax_minor > 0 OR EXISTS (SELECT 1 FROM customer_invoice_line l WHERE l.invoice_number = i.number AND l.amount_minor > 0))
                """),
            Rule(table: "customer_invoice", column: "total_minor", sql: """
                SELECT i.number AS _key, 'customer' AS _party_kind, i.customer_account AS _party_account,
                       'total ' || i.total_minor || ' differs from the lines plus tax, ' || (l.amount + i.tax_minor) AS _message
                FROM customer_invoice i JOIN (SELECT invoice_number, sum(amount_minor) AS amount FROM customer_invoice_line GROUP BY invoice_number) l ON l.invoice_number = i.number
                WHERE l.amount + i.tax_minor <> i.total_minor
                """),
            Rule(table: "vendor_invoice", column: "total_minor", sql: """
                SELECT CAST(i.id AS TEXT) AS _key, \(vendorOfInvoice),
                       'total ' || i.total_minor || ' differs from the lines plus tax, ' || (l.amount + i.tax_minor) AS _message
                FROM vendor_invoice i JOIN (SELECT invoice_id, sum(amount_minor) AS amount FROM vendor_invoice_line GROUP BY invoice_id) l ON l.invoice_id = i.id
                WHERE l.amount + i.tax_minor <> i.total_minor
                """),
            // A payment settles invoices of its own currency and its own party only.
            Rule(table: "vendor_settlement", column: "payment_id", sql: """
                SELECT s.payment_id || '/' || s.invoice_id AS _key, 'vendor' AS _party_kind, p.vendor_account AS _party_account,
                       CASE WHEN p.vendor_account IS NOT i.vendor_account
                            THEN 'payment of vendor ' || p.vendor_account || ' settles invoice ' || i.id || ' of vendor ' || i.vendor_account
                            ELSE 'payment in ' || p.currency || ' settles an invoice in ' || i.currency END AS _message
                FROM vendor_settlement s JOIN vendor_payment p ON p.id = s.payment_id JOIN vendor_invoice i ON i.id = s.invoice_id
                WHERE p.currency IS NOT i.currency OR p.vendor_account IS NOT i.vendor_account
                """),
            Rule(table: "vendor_settlement", column: "invoice_id", sql: """
                SELECT s.payment_id || '/' || s.invoice_id AS _key, \(vendorOfInvoice),
                       'invoice ' || i.id || ' of vendor ' || i.vendor_account || ' is settled by a payment of vendor ' || p.vendor_account AS _message
                FROM vendor_settlement s JOIN vendor_payment p ON p.id = s.payment_id JOIN vendor_invoice i ON i.id = s.invoice_id
                WHERE p.vendor_account IS NOT i.vendor_account
                """),
            Rule(table: "customer_settlement", column: "payment_id", sql: """
                SELECT s.payment_id || '/' || s.invoice_number AS _key, 'customer' AS _party_kind, p.customer_account AS _party_account,
                       CASE WHEN p.customer_account IS NOT i.customer_account
                            THEN 'payment of customer ' || p.customer_account || ' settles invoice ' || i.number || ' of customer ' || i.customer_account
                            ELSE 'payment in ' || p.currency || ' settles an invoice in ' || i.currency END AS _message
                FROM customer_settlement s JOIN customer_payment p ON p.id = s.payment_id JOIN customer_invoice i ON i.number = s.invoice_number
                WHERE p.currency IS NOT i.currency OR p.customer_account IS NOT i.customer_account
                """),
            // Settlements are positive, and a payment settles no more than its amount.
            Rule(table: "vendor_settlement", column: "amount_minor", sql: """
                SELECT s.payment_id || '/' || s.invoice_id AS _key, 'vendor' AS _party_kind, p.vendor_account AS _party_account,
                       'settlement amount ' || s.amount_minor || ' is not positive' AS _message
                FROM vendor_settlement s JOIN vendor_payment p ON p.id = s.payment_id WHERE s.amount_minor <= 0
                """),
            Rule(table: "vendor_payment", column: "amount_minor", sql: """
                SELECT CAST(p.id AS TEXT) AS _key, 'vendor' AS _party_kind, p.vendor_account AS _party_account,
                       'settlements ' || t.settled || ' are above the payment amount ' || p.amount_minor AS _message
                FROM vendor_payment p JOIN (SELECT payment_id, sum(amount_minor) AS settled FROM vendor_settlement GROUP BY payment_id) t ON t.payment_id = p.id
                WHERE t.settled > p.amount_minor
                """),
            Rule(table: "customer_settlement", column: "amount_minor", sql: """
                SELECT s.payment_id || '/' || s.invoice_number AS _key, 'customer' AS _party_kind, p.customer_account AS _party_account,
                       CASE WHEN s.amount_minor = 0 THEN 'settlement amount is zero'
                            WHEN i.total_minor < 0 THEN 'settlement ' || s.amount_minor || ' of a credit note must be negative'
                            ELSE 'settlement amount ' || s.amount_minor || ' is not positive' END AS _message
                FROM customer_settlement s JOIN customer_payment p ON p.id = s.payment_id JOIN customer_invoice i ON i.number = s.invoice_number
                WHERE s.amount_minor = 0 OR (s.amount_minor < 0) <> (i.total_minor < 0)
                """),
            Rule(table: "customer_payment", column: "amount_minor", sql: """
                SELECT CAST(p.id AS TEXT) AS _key, 'customer' AS _party_kind, p.customer_account AS _party_account,
                       'settlements ' || t.settled || ' are above the payment amount ' || p.amount_minor AS _message
                FROM customer_payment p JOIN (SELECT payment_id, sum(amount_minor) AS settled FROM customer_settlement GROUP BY payment_id) t ON t.payment_id = p.id
                WHERE abs(t.settled) > abs(p.amount_minor)
                """),
            // The status history: present, numbered 1..n, starting in draft, chaining, allowed, ending in the status.
            Rule(table: "vendor_invoice", column: "status", sql: """
                SELECT CAST(i.id AS TEXT) AS _key, \(vendorOfInvoice), 'has no status history (vendor_invoice_event)' AS _message
                FROM vendor_invoice i WHERE NOT EXISTS (SELECT 1 FROM vendor_invoice_event e WHERE e.invoice_id = i.id)
                """),
            // Invoices first (`CROSS JOIN`): each invoice's last event is found through the key (invoice_id, seq),
            // where scanning every event looked the last one up again for each.
            Rule(table: "vendor_invoice", column: "status", sql: """
                SELECT CAST(i.id AS TEXT) AS _key, \(vendorOfInvoice),
                       'status ' || i.status || ' differs from the last status of its history, ' || e.to_status AS _message
                FROM vendor_invoice i
                CROSS JOIN vendor_invoice_event e ON e.invoice_id = i.id AND e.seq = (SELECT max(seq) FROM vendor_invoice_event x WHERE x.invoice_id = i.id)
                WHERE e.to_status IS NOT i.status
                """),
            // One pass over the history, numbered and paired with the previous event, checks seq, from_status and at.
            // The window over every event is the check's slowest query: it runs on the invoices a pass in Swift names.
            Rule(table: "vendor_invoice_event", columns: ["seq", "from_status", "at"], sql: """
                SELECT e.invoice_id || '/' || e.seq AS _key, \(vendorOfInvoice),
                       CASE WHEN e.seq IS NOT e.n THEN 'sequence number ' || e.seq || ' should be ' || e.n || ' (the history is numbered 1, 2, 3, ...)' END AS _message_seq,
                       CASE WHEN e.n = 1 AND e.from_status IS NOT NULL THEN 'the first event must have no from_status (creation), found ' || e.from_status
                            WHEN e.n = 1 AND e.to_status IS NOT '\(VendorInvoiceStatusModel.initial.rawValue)' THEN 'the first event must create the invoice as draft, found ' || e.to_status
                            WHEN e.n > 1 AND e.from_status IS NOT e.prev THEN 'from_status ' || COALESCE(e.from_status, 'NULL') || ' does not follow the previous to_status ' || e.prev
                            WHEN e.n > 1 AND (e.from_status, e.to_status) NOT IN (VALUES \(allowed)) THEN 'transition ' || e.from_status || ' -> ' || e.to_status || ' is not allowed by the status model'
                       END AS _message_from_status,
                       CASE WHEN e.at < e.prev_at THEN 'event time ' || e.at || ' is before the previous event''s ' || e.prev_at END AS _message_at
                FROM (SELECT *, row_number() OVER w AS n, lag(to_status) OVER w AS prev, lag(at) OVER w AS prev_at
                      FROM vendor_invoice_event \(Narrowing.marker) WINDOW w AS (PARTITION BY invoice_id ORDER BY seq)) e
                JOIN vendor_invoice i ON i.id = e.invoice_id
                WHERE _message_seq IS NOT NULL OR _message_from_status IS NOT NULL OR _message_at IS NOT NULL
                """, narrowing: Narrowing(column: "invoice_id", candidates: historyCandidates)),
            // Reopening from on_hold: to draft only when no line verification has started, else to in_review.
            // Only the latest event can be compared with the lines' current verification status.
            Rule(table: "vendor_invoice_event", column: "to_status", sql: """
                SELECT e.invoice_id || '/' || e.seq AS _key, \(vendorOfInvoice),
                       CASE e.to_status WHEN 'draft' THEN 'reopened from on_hold to draft although some line verification has started'
                            ELSE 'reopened from on_hold to in_review although no line verification has started' END AS _message
                FROM vendor_invoice_event e JOIN vendor_invoice i ON i.id = e.invoice_id
                WHERE e.from_status = 'on_hold' AND e.seq = (SELECT max(seq) FROM vendor_invoice_event x WHERE x.invoice_id = e.invoice_id)
                  AND ((e.to_status = 'draft' AND EXISTS (SELECT 1 FROM vendor_invoice_line l WHERE l.invoice_id = e.invoice_id AND l.verification_status <> 'not_started'))
                    OR (e.to_status = 'in_review' AND NOT EXISTS (SELECT 1 FROM vendor_invoice_line l WHERE l.invoice_id = e.invoice_id AND l.verification_status <> 'not_started')))
                """),
            // Invoice accounts: no chains, no cycles.
            Rule(table: "customer", column: "invoice_account", sql: """
                SELECT c.account AS _key, 'customer' AS _party_kind, c.account AS _party_account,
                       CASE WHEN c.invoice_account = c.account THEN 'names itself as its invoice account (a cycle)'
                            ELSE 'invoice account ' || c.invoice_account || ' has an invoice account itself (' || o.invoice_account || '): chains are not allowed' END AS _message
                FROM customer c JOIN customer o ON o.account = c.invoice_account
                WHERE c.invoice_account = c.account OR o.invoice_account IS NOT NULL
                """),
            // Customer invoices: cash discount no later than the due date, requests for the account's own invoices.
            Rule(table: "customer_invoice", column: "discount_date", sql: """
                SELECT number AS _key, 'customer' AS _party_kind, customer_account AS _party_account,
                       'discount date ' || discount_date || ' is after the due date ' || due_date AS _message
                FROM customer_invoice WHERE discount_date IS NOT NULL AND discount_date > due_date
                """),
            Rule(table: "customer_invoice", column: "discount_minor", sql: """
                SELECT number AS _key, 'customer' AS _party_kind, customer_account AS _party_account,
                       CASE WHEN discount_date IS NULL THEN 'a cash discount needs a discount_date'
                            ELSE 'cash discount ' || discount_minor || ' is negative or above the total ' || total_minor END AS _message
                FROM customer_invoice WHERE discount_minor IS NOT NULL AND (discount_date IS NULL OR discount_minor < 0 OR discount_minor > total_minor)
                """),
            Rule(table: "invoice_request", column: "invoice_number", sql: """
                SELECT CAST(r.id AS TEXT) AS _key, 'customer' AS _party_kind, r.customer_account AS _party_account,
                       'asks for invoice ' || r.invoice_number || ', which belongs to another account' AS _message
                FROM invoice_request r JOIN customer_invoice i ON i.number = r.invoice_number
                WHERE i.customer_account IS NOT r.customer_account
                  AND i.customer_account IS NOT (SELECT invoice_account FROM customer c WHERE c.account = r.customer_account)
                """),
            Rule(table: "invoice_request", column: "completed_at", sql: """
                SELECT CAST(id AS TEXT) AS _key, 'customer' AS _party_kind, customer_account AS _party_account,
                       CASE WHEN status = 'completed' THEN 'a completed request needs completed_at' ELSE 'a pending request has completed_at' END AS _message
                FROM invoice_request WHERE (status = 'completed' AND completed_at IS NULL) OR (status = 'pending' AND completed_at IS NOT NULL)
                """),
            // Purchase orders: the current version exists; responses and line responses fit their versions.
            Rule(table: "purchase_order", column: "current_version", sql: """
                SELECT o.number AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'current version ' || o.current_version || ' has no po_version row' AS _message
                FROM purchase_order o WHERE NOT EXISTS (SELECT 1 FROM po_version v WHERE v.po_number = o.number AND v.version = o.current_version)
                """),
            Rule(table: "po_version", column: "version", sql: """
                SELECT v.po_number || '/' || v.version AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'version ' || v.version || ' has no lines (po_line)' AS _message
                FROM po_version v JOIN purchase_order o ON o.number = v.po_number
                WHERE NOT EXISTS (SELECT 1 FROM po_line l WHERE l.po_number = v.po_number AND l.version = v.version)
                """),
            Rule(table: "po_version", column: "version", sql: """
                SELECT v.po_number || '/' || v.version AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'version ' || v.version || ' is above the order''s current version ' || o.current_version AS _message
                FROM po_version v JOIN purchase_order o ON o.number = v.po_number WHERE v.version > o.current_version
                """),
            Rule(table: "po_line_response", column: "split_seq", sql: """
                SELECT r.po_number || '/' || r.version || '/' || r.line_no || '/' || r.split_seq AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'split sequence ' || r.split_seq || ' should be ' || r.n || ' (splits are numbered from 1)' AS _message
                FROM (SELECT *, row_number() OVER (PARTITION BY po_number, version, line_no ORDER BY split_seq) AS n FROM po_line_response) r
                JOIN purchase_order o ON o.number = r.po_number WHERE r.split_seq IS NOT r.n
                """),
            Rule(table: "po_line_response", column: "po_number,version", sql: """
                SELECT r.po_number || '/' || r.version || '/' || r.line_no || '/' || r.split_seq AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'line responses belong to an accepted_with_changes response, the response is ' || p.response AS _message
                FROM po_line_response r JOIN po_response p ON p.po_number = r.po_number AND p.version = r.version
                JOIN purchase_order o ON o.number = r.po_number WHERE p.response <> 'accepted_with_changes'
                """),
            Rule(table: "po_line", column: "received_quantity", sql: """
                SELECT l.po_number || '/' || l.version || '/' || l.line_no AS _key, 'vendor' AS _party_kind, o.vendor_account AS _party_account,
                       'received quantity ' || l.received_quantity || ' is above the ordered ' || l.quantity AS _message
                FROM po_line l JOIN purchase_order o ON o.number = l.po_number
                WHERE l.version = o.current_version AND CAST(l.received_quantity AS NUMERIC) > CAST(l.quantity AS NUMERIC)
                """),
            Rule(table: "consignment_receipt", column: "po_number", sql: """
                SELECT CAST(r.id AS TEXT) AS _key, 'vendor' AS _party_kind, r.vendor_account AS _party_account,
                       'order ' || r.po_number || ' belongs to vendor ' || o.vendor_account AS _message
                FROM consignment_receipt r JOIN purchase_order o ON o.number = r.po_number WHERE o.vendor_account IS NOT r.vendor_account
                """),
            // Portal users become lines of the web server's configuration and password file: only safe logins and real bcrypt hashes.
            Rule(table: "portal_user", column: "login", sql: """
                SELECT login AS _key, party_kind AS _party_kind, account AS _party_account,
                       'login may only hold letters, digits and . _ @ + - (at most 128), so that it is safe in the web server''s rules' AS _message
                FROM portal_user WHERE login = '' OR length(login) > 128 OR login GLOB '*[^A-Za-z0-9._@+-]*'
                """),
            Rule(table: "portal_user", column: "password_hash", sql: """
                SELECT login AS _key, party_kind AS _party_kind, account AS _party_account,
                       'is not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)' AS _message
                FROM portal_user WHERE password_hash IS NOT NULL
                  AND NOT (length(password_hash) = 60 AND password_hash GLOB '$2[aby]$[0-9][0-9]$*' AND NOT substr(password_hash, 8) GLOB '*[^./A-Za-z0-9]*')
                """),
        ] + subjectRules(table: "note") + subjectRules(table: "attachment")
    }()

    /// A note or attachment names a subject that exists, with the columns its subject type needs.
    static func subjectRules(table: String) -> [Rule] {
        let party = "\(Schema.subjectParty.kind) AS _party_kind, \(Schema.subjectParty.account) AS _party_account"
        return [
            Rule(table: table, column: "subject_key", sql: """
                SELECT CAST(id AS TEXT) AS _key, \(party), subject_type || ' ''' || subject_key || ''' does not exist' AS _message
                FROM \(table) WHERE subject_type IN ('vendor','customer','purchase_order','vendor_invoice','customer_invoice')
                  AND \(Schema.subjectParty.account) IS NULL
                """),
            Rule(table: table, column: "line_no", sql: """
                SELECT CAST(id AS TEXT) AS _key, \(party),
                       CASE WHEN line_no IS NULL OR version IS NULL THEN 'a po_line subject needs version and line_no'
                            ELSE 'order line ' || subject_key || ' version ' || version || ' line ' || line_no || ' does not exist' END AS _message
                FROM \(table) WHERE subject_type = 'po_line'
                  AND NOT EXISTS (SELECT 1 FROM po_line l WHERE l.po_number = subject_key AND l.version = \(table).version AND l.line_no = \(table).line_no)
                """),
        ]
    }

    /// `narrow`: false runs a narrowed rule over the whole table (to test that narrowing changes nothing).
    func domainProblems(_ rule: Rule, narrow: Bool = true) throws(StoreError) -> [Problem] {
        var sql = rule.sql, arguments = StatementArguments()
        if let narrowing = rule.narrowing {
            let candidates = narrow ? try narrowing.candidates(self) : nil
            if candidates?.isEmpty == true { return [] }
            (sql, arguments) = Self.narrowed(rule.sql, column: narrowing.column, candidates: candidates)
        }
        return try run("checking \(rule.table).\(rule.columns.joined(separator: ","))") {
                var found: [Problem] = []
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    for column in rule.columns {
                        let message: String? = rule.columns.count == 1 ? (row["_message"] ?? "invalid") : row["_message_\(column)"]
                        guard let message else { continue }
                        found.append(Problem(table: rule.table, key: row["_key"] ?? "?", column: column, message: message, party: Self.party(row)))
                    }
                }
                return found
            }
    }
}
