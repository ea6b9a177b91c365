import Foundation
import GRDB
import PorticoDemo
import PorticoModel
import PorticoStore
import Testing

/// A unique path under the temporary directory.
func temporaryPath(_ tag: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("portico-demo-\(tag)-\(UUID().uuidString).sqlite").path
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-journal", ".tmp"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// A `small` database written for one test and removed after it.
enum SmallFixture {
    static let seed: UInt64 = 42

    /// Seeds the coverage tests run with: the cases of `small` do not depend on luck.
    /// `PORTICO_DEMO_SEEDS=N` runs them with seeds 0..<N instead.
    static let seeds: [UInt64] = {
        if let n = ProcessInfo.processInfo.environment["PORTICO_DEMO_SEEDS"].flatMap({ UInt64($0) }) { return Array(0..<n) }
        return [42, 1, 7, 2026, .max]
    }()

    static func read<T>(seed: UInt64 = seed, _ body: (Database, DemoSummary) throws -> T) throws -> T {
        let path = temporaryPath("small")
        defer { removeDatabase(path) }
        let summary = try DemoGenerator.write(path: path, scale: .small, seed: seed)
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        return try queue.read { try body($0, summary) }
    }

    static func read<T>(seed: UInt64 = seed, _ body: (Database) throws -> T) throws -> T { try read(seed: seed) { db, _ in try body(db) } }
}

@Suite("Demo database")
struct DemoGeneratorTests {
    // MARK: Determinism and files

    @Test func sameSeedGivesSameBytes() throws {
        let a = temporaryPath("same-a"), b = temporaryPath("same-b")
        defer { removeDatabase(a); removeDatabase(b) }
        _ = try DemoGenerator.write(path: a, scale: .small, seed: 7)
        _ = try DemoGenerator.write(path: b, scale: .small, seed: 7)
        let dataA = try Data(contentsOf: URL(fileURLWithPath: a))
        let dataB = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(dataA.count > 0)
        #expect(dataA == dataB)
    }

    @Test func differentSeedGivesDifferentBytes() throws {
        let a = temporaryPath("seed-a"), b = temporaryPath("seed-b")
        defer { removeDatabase(a); removeDatabase(b) }
        _ = try DemoGenerator.write(path: a, scale: .small, seed: 1)
        _ = try DemoGenerator.write(path: b, scale: .small, seed: 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) != Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test func replacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let path = temporaryPath("replace")
        defer { removeDatabase(path) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        let summary = try DemoGenerator.write(path: path, scale: .small, seed: 3)
        #expect(summary.vendors > 0)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(16)
        #expect(header == Data("SQLite format 3\0".utf8))
    }

    /// `medium` keeps the same rules; opt in with `PORTICO_DEMO_MEDIUM=1` (it takes a while in a debug build).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PORTICO_DEMO_MEDIUM"] == "1"))
    func mediumKeepsTheInvariants() throws {
        let path = temporaryPath("medium")
        defer { removeDatabase(path) }
        let summary = try DemoGenerator.write(path: path, scale: .medium, seed: 11)
        #expect(summary.vendors == 200 && summary.customers == 1000)
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in try DemoChecks.all(db) }
    }

    /// The benchmark size, timed. Opt in with `PORTICO_DEMO_LARGE=1`, in a release build:
    /// `PORTICO_DEMO_LARGE=1 swift test -c release --filter PorticoDemoTests.DemoGeneratorTests/largeIsBigEnough`
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PORTICO_DEMO_LARGE"] == "1"))
    func largeIsBigEnough() throws {
        let path = temporaryPath("large")
        defer { removeDatabase(path) }
        let clock = ContinuousClock()
        var summary: DemoSummary?
        let elapsed = try clock.measure { summary = try DemoGenerator.write(path: path, scale: .large, seed: 42) }
        let rows = Dictionary(uniqueKeysWithValues: summary!.rowsPerTable.map { ($0.table, $0.rows) })
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("large: \(elapsed), \(size / 1_000_000) MB, \(rows.values.reduce(0, +)) rows")
        #expect(rows["vendor"]! >= 2000 && rows["customer"]! >= 10_000)
        #expect(rows["vendor_invoice"]! >= 300_000 && rows["customer_invoice"]! >= 300_000 && rows["purchase_order"]! >= 100_000)
        #expect(elapsed < .seconds(120))
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in try DemoChecks.all(db) }
    }

    @Test func refusesToReplaceADirectory() throws {
        let path = temporaryPath("dir")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DemoError.self) { try DemoGenerator.write(path: path, scale: .small, seed: 1) }
    }

    @Test func differentSeedsAllKeepTheInvariants() throws {
        for seed: UInt64 in [0, 5, 123_456_789, .max] {
            let path = temporaryPath("seed\(seed)")
            defer { removeDatabase(path) }
            _ = try DemoGenerator.write(path: path, scale: .small, seed: seed)
            let queue = try DatabaseQueue(path: path)
            try queue.read { db in
                try DemoChecks.all(db)
            }
        }
    }

    // MARK: Contents of `small`

    @Test func schemaInfo() throws {
        let info = try SmallFixture.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM schema_info ORDER BY key").map { ($0[0] as String, $0[1] as String) }
        }
        let map = Dictionary(uniqueKeysWithValues: info)
        #expect(map["schema_version"] == "1")
        #expect(map["exported_at"] == "2026-11-20T23:30:00Z")
        #expect(map["company_name"] == "Noordzee Handelsgroep B.V.")
        #expect(map["company_currency"] == "EUR")
    }

    @Test func everyTableHasRowsAndTheSummaryCountsThem() throws {
        try SmallFixture.read { db, summary in
            #expect(summary.rowsPerTable.map(\.table) == Schema.tables.map(\.name))
            #expect(summary.vendors >= 8 && summary.vendors <= 12)
            #expect(summary.customers >= 15 && summary.customers <= 25)
            for (table, rows) in summary.rowsPerTable {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")!
                #expect(count == rows, "\(table)")
                #expect(count > 0, "\(table) is empty")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor") == summary.vendors)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer") == summary.customers)
        }
    }

    /// Every value of every enumeration column appears in `small`, except where the domain makes it impossible.
    @Test(arguments: SmallFixture.seeds)
    func everyEnumerationValueAppears(seed: UInt64) throws {
        // A history never leaves `cancelled` (it has no allowed transition), so it is never a `from_status`.
        let impossible: Set<String> = ["vendor_invoice_event.from_status=cancelled"]
        try SmallFixture.read(seed: seed) { db in
            for table in Schema.tables {
                for column in table.columns {
                    guard case .enumeration(let values) = column.kind else { continue }
                    let present = try Set(String.fetchAll(db, sql: "SELECT DISTINCT \(column.name) FROM \(table.name) WHERE \(column.name) IS NOT NULL"))
                    for value in values where !impossible.contains("\(table.name).\(column.name)=\(value)") {
                        #expect(present.contains(value), "\(table.name).\(column.name) never has '\(value)'")
                    }
                    #expect(present.isSubset(of: Set(values)), "\(table.name).\(column.name) has unknown values")
                }
            }
        }
    }

    @Test func smallKeepsTheInvariants() throws {
        try SmallFixture.read { db in try DemoChecks.all(db) }
    }

    @Test(arguments: SmallFixture.seeds)
    func purchaseOrderCases(seed: UInt64) throws {
        try SmallFixture.read(seed: seed) { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_order WHERE status = 'draft'") == 1)
            // For review (no response to the current version) and awaiting the customer (a response exists).
            let forReview = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM purchase_order p WHERE status = 'in_external_review'
                AND NOT EXISTS (SELECT 1 FROM po_response r WHERE r.po_number = p.number AND r.version = p.current_version)
                """)!
            let awaiting = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM purchase_order p WHERE status = 'in_external_review'
                AND EXISTS (SELECT 1 FROM po_response r WHERE r.po_number = p.number AND r.version = p.current_version)
                """)!
            #expect(forReview > 0 && awaiting > 0)
            let forReviewWithHistory = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM purchase_order p WHERE status = 'in_external_review' AND current_version > 1
                AND NOT EXISTS (SELECT 1 FROM po_response r WHERE r.po_number = p.number AND r.version = p.current_version)
                """)!
            #expect(forReviewWithHistory > 0)
            // Confirmed: fully received and partly received (open).
            let open = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM purchase_order p WHERE status = 'confirmed' AND is_consignment = 0 AND EXISTS (
                  SELECT 1 FROM po_line l WHERE l.po_number = p.number AND l.version = p.current_version
                  AND CAST(l.received_quantity AS REAL) < CAST(l.quantity AS REAL))
                """)!
            let received = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM purchase_order p WHERE status = 'confirmed' AND is_consignment = 0 AND NOT EXISTS (
                  SELECT 1 FROM po_line l WHERE l.po_number = p.number AND l.version = p.current_version
                  AND l.received_quantity <> l.quantity)
                """)!
            #expect(open > 0 && received > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_order WHERE is_consignment = 1 AND status = 'confirmed'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_order WHERE is_consignment = 1 AND status <> 'confirmed'") == 0)
            // Versions that change quantity, price, date; add and remove lines.
            #expect(try Int.fetchOne(db, sql: "SELECT MAX(current_version) FROM purchase_order")! >= 3)
            let changes = try Row.fetchOne(db, sql: """
                SELECT SUM(a.quantity <> b.quantity), SUM(a.unit_price_minor <> b.unit_price_minor), SUM(a.delivery_date <> b.delivery_date)
                FROM po_line a JOIN po_line b ON b.po_number = a.po_number AND b.version = a.version + 1 AND b.line_no = a.line_no
                """)!
            #expect((changes[0] as Int?) ?? 0 > 0)
            #expect((changes[1] as Int?) ?? 0 > 0)
            #expect((changes[2] as Int?) ?? 0 > 0)
            let added = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM po_line b WHERE b.version > 1 AND NOT EXISTS
                (SELECT 1 FROM po_line a WHERE a.po_number = b.po_number AND a.version = b.version - 1 AND a.line_no = b.line_no)
                """)!
            let removed = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM po_line a JOIN purchase_order p ON p.number = a.po_number WHERE a.version < p.current_version
                AND NOT EXISTS (SELECT 1 FROM po_line b WHERE b.po_number = a.po_number AND b.version = a.version + 1 AND b.line_no = a.line_no)
                """)!
            #expect(added > 0 && removed > 0)
            // Split deliveries and substitutes.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM po_line_response WHERE split_seq = 3")! > 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM po_line_response WHERE substitute_external_item IS NOT NULL AND substitute_description IS NOT NULL
                """)! > 0)
            // Consignment: on hand with and without batch; receipts of consignment orders of the same vendor.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consignment_on_hand WHERE batch IS NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consignment_on_hand WHERE batch IS NOT NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM consignment_receipt r JOIN purchase_order p ON p.number = r.po_number
                WHERE p.is_consignment = 1 AND p.vendor_account = r.vendor_account
                """)! > 0)
        }
    }

    @Test(arguments: SmallFixture.seeds)
    func vendorInvoiceCases(seed: UInt64) throws {
        try SmallFixture.read(seed: seed) { db in
            // Payment status of confirmed invoices: unpaid, partially and fully paid; a payment settling several invoices.
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.total_minor, COALESCE((SELECT SUM(amount_minor) FROM vendor_settlement s WHERE s.invoice_id = i.id), 0)
                FROM vendor_invoice i WHERE status = 'confirmed'
                """)
            let statuses = Set(rows.map { VendorInvoiceStatus.confirmed.paymentStatus(settled: $0[1], total: $0[0]) })
            #expect(statuses == [.unpaid, .partiallyPaid, .fullyPaid])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT payment_id FROM vendor_settlement GROUP BY payment_id HAVING COUNT(*) > 1)")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT invoice_id FROM vendor_settlement GROUP BY invoice_id HAVING COUNT(*) > 1)")! > 0)
            // Reopening in both directions.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice_event WHERE from_status = 'on_hold' AND to_status = 'draft'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice_event WHERE from_status = 'on_hold' AND to_status = 'in_review'")! > 0)
            // Some due dates in the future, invoices over about fourteen months.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice WHERE due_date > '2026-11-20'")! > 0)
            #expect(try String.fetchOne(db, sql: "SELECT MIN(invoice_date) FROM vendor_invoice")! >= "2025-09-01")
            #expect(try String.fetchOne(db, sql: "SELECT MAX(invoice_date) FROM vendor_invoice")! <= "2026-11-20")
            // Invoice numbers of different formats; in another currency than the vendor's.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice WHERE invoice_number LIKE 'INV-%'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice WHERE invoice_number LIKE '%/INV/%'")! > 0)
            #expect(try Set(String.fetchAll(db, sql: "SELECT DISTINCT currency FROM vendor_invoice")) == ["EUR", "USD"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice i JOIN vendor v ON v.account = i.vendor_account WHERE i.currency <> v.currency")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice_line WHERE item_number IS NULL")! > 0)
        }
    }

    @Test(arguments: SmallFixture.seeds)
    func partiesAndUsers(seed: UInt64) throws {
        try SmallFixture.read(seed: seed) { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE currency = 'JPY'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_invoice WHERE currency = 'JPY'")! > 0)
            #expect(try Set(String.fetchAll(db, sql: "SELECT DISTINCT currency FROM customer")) == ["EUR", "USD", "JPY"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor WHERE locale IS NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor WHERE locale = 'nl-NL' AND currency = 'EUR'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor WHERE locale = 'en-US' AND currency = 'USD'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE locale = 'nl-NL'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE locale = 'en-US'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor WHERE portal_enabled = 0")! >= 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE portal_enabled = 0")! >= 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE payment_terms IS NOT NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payment_terms WHERE code = '2/10 NET30' AND discount_days = 10 AND discount_percent = '2'") == 1)
            // An organisation with members; no chains; members have no invoices of their own.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE invoice_account IS NOT NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM customer m JOIN customer o ON o.account = m.invoice_account WHERE o.invoice_account IS NOT NULL
                """) == 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM customer_invoice i JOIN customer c ON c.account = i.customer_account WHERE c.invoice_account IS NOT NULL
                """) == 0)
            // Users: several per party, vendors and customers, a member's user, one inactive, only the demo hashes.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT account FROM portal_user GROUP BY account HAVING COUNT(*) > 1)")! > 1)
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM portal_user u JOIN customer c ON c.account = u.account
                WHERE u.party_kind = 'customer' AND c.invoice_account IS NOT NULL
                """)! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM portal_user WHERE active = 0")! >= 1)
            let hashes = try Set(String.fetchAll(db, sql: "SELECT DISTINCT password_hash FROM portal_user"))
            #expect(hashes.allSatisfy { $0.hasPrefix("$2b$10$Portico") && $0.count == 60 })
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM portal_user u WHERE NOT EXISTS (
                  SELECT 1 FROM vendor v WHERE u.party_kind = 'vendor' AND v.account = u.account
                  UNION ALL SELECT 1 FROM customer c WHERE u.party_kind = 'customer' AND c.account = u.account)
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE kind = 'service'")! > 5)
        }
    }

    @Test(arguments: SmallFixture.seeds)
    func customerInvoiceCases(seed: UInt64) throws {
        try SmallFixture.read(seed: seed) { db in
            let asOf = Day("2026-11-20")!
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.due_date, i.total_minor, COALESCE((SELECT SUM(amount_minor) FROM customer_settlement s WHERE s.invoice_number = i.number), 0)
                FROM customer_invoice i
                """)
            var buckets: Set<String> = []
            var paid = 0, partial = 0, unpaidFuture = 0
            for row in rows {
                let due = Day(row[0] as String)!
                let total: Int = row[1], settled: Int = row[2]
                if settled >= total { paid += 1; continue }
                if settled > 0 { partial += 1 }
                let overdue = asOf.days(since: due)
                switch overdue {
                case ...0: if settled == 0 { unpaidFuture += 1 }
                case 1...30: buckets.insert("1-30")
                case 31...60: buckets.insert("31-60")
                case 61...90: buckets.insert("61-90")
                default: buckets.insert(">90")
                }
            }
            #expect(paid > 0 && partial > 0 && unpaidFuture > 0)
            #expect(buckets == ["1-30", "31-60", "61-90", ">90"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_invoice WHERE discount_date IS NOT NULL AND discount_minor > 0 AND discount_date <= due_date")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_invoice WHERE discount_date > due_date") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer_invoice WHERE (discount_date IS NULL) <> (discount_minor IS NULL)") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT payment_id FROM customer_settlement GROUP BY payment_id HAVING COUNT(*) > 1)")! > 0)
            // A JPY invoice has whole yen; nothing to check on integers but its lines sum up like the others (see the invariants).
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice_request WHERE status = 'pending' AND completed_at IS NULL")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice_request WHERE status = 'completed' AND completed_at > requested_at")! > 0)
        }
    }

    @Test(arguments: SmallFixture.seeds)
    func notesAndAttachments(seed: UInt64) throws {
        try SmallFixture.read(seed: seed) { db in
            for table in ["note", "attachment"] {
                for type in SubjectType.allCases {
                    for visibility in Visibility.allCases {
                        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE subject_type = ? AND visibility = ?",
                                                 arguments: [type.rawValue, visibility.rawValue])! > 0,
                                "\(table) has no \(visibility.rawValue) row on \(type.rawValue)")
                    }
                }
            }
            let hostile = try String.fetchAll(db, sql: "SELECT body_markdown FROM note WHERE visibility = 'external'")
            #expect(hostile.contains { $0.contains("<script>alert(1)</script>") && $0.contains("<img src=x onerror=alert(1)>")
                    && $0.contains("[click](javascript:alert(1))") && $0.contains("](data:") })
            #expect(hostile.contains { $0.contains("```") })
            #expect(hostile.contains { $0.contains("](https://") })
            #expect(hostile.allSatisfy { !$0.contains("INTERNAL-ONLY") })
            let internals = try String.fetchAll(db, sql: "SELECT body_markdown FROM note WHERE visibility = 'internal'")
            #expect(internals.allSatisfy { $0.contains("INTERNAL-ONLY") })
            #expect(try String.fetchAll(db, sql: "SELECT file_name FROM attachment WHERE visibility = 'internal'").allSatisfy { $0.contains("internal") })
            #expect(try String.fetchAll(db, sql: "SELECT file_name FROM attachment WHERE visibility = 'external'").allSatisfy { !$0.contains("internal") })
            // The files are real.
            var pdfs = 0, pngs = 0
            for row in try Row.fetchAll(db, sql: "SELECT media_type, content, file_name FROM attachment") {
                let bytes = [UInt8]((row[1] as Data))
                switch row[0] as String {
                case "application/pdf":
                    pdfs += 1
                    #expect(FileChecks.isValidPDF(bytes), "\(row[2] as String)")
                case "image/png":
                    pngs += 1
                    #expect(FileChecks.isValidPNG(bytes), "\(row[2] as String)")
                default:
                    Issue.record("unexpected media type")
                }
            }
            #expect(pdfs > 0 && pngs > 0)
        }
    }

    /// No identifier of one party is part of another identifier (the leak test searches pages for them).
    @Test func identifiersAreDistinctAndNotPartsOfEachOther() throws {
        try SmallFixture.read { db in
            let ids = try String.fetchAll(db, sql: """
                SELECT account FROM vendor UNION ALL SELECT account FROM customer UNION ALL SELECT number FROM purchase_order
                UNION ALL SELECT invoice_number FROM vendor_invoice UNION ALL SELECT number FROM customer_invoice
                UNION ALL SELECT DISTINCT order_number FROM customer_invoice WHERE order_number IS NOT NULL
                """)
            #expect(Set(ids).count == ids.count)
            for a in ids {
                for b in ids where a != b {
                    #expect(!b.contains(a), "\(a) is part of \(b)")
                }
            }
        }
    }
}

extension DemoGeneratorTests {
    /// What the site's leak test looks for: no row that belongs to one party (by `TableSpec.partySQL`) contains an identifier
    /// (account, order number, invoice number) of another party. An organisation and its members count as one party.
    @Test func noPartyDataContainsAnotherPartysIdentifiers() throws {
        let path = temporaryPath("leak")
        defer { removeDatabase(path) }
        _ = try DemoGenerator.write(path: path, scale: .small, seed: SmallFixture.seed)
        let queue = try DatabaseQueue(path: path)
        let leaks = try queue.write { db -> [Row] in
            try db.execute(sql: "CREATE TEMP TABLE hay(kind TEXT, account TEXT, source TEXT, text TEXT)")
            for table in Schema.tables {
                guard let party = table.partySQL else { continue }
                let text = table.columns.map { "COALESCE(CAST(\($0.name) AS TEXT), '')" }.joined(separator: " || ' | ' || ")
                try db.execute(sql: "INSERT INTO temp.hay SELECT \(party.kind), \(party.account), '\(table.name)', \(text) FROM main.\(table.name)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.hay WHERE account IS NULL") == 0)
            try db.execute(sql: """
                CREATE TEMP TABLE ids AS
                SELECT 'vendor' AS kind, account, account AS id FROM vendor
                UNION ALL SELECT 'customer', account, account FROM customer
                UNION ALL SELECT 'vendor', vendor_account, number FROM purchase_order
                UNION ALL SELECT 'vendor', vendor_account, invoice_number FROM vendor_invoice
                UNION ALL SELECT 'customer', customer_account, number FROM customer_invoice
                UNION ALL SELECT DISTINCT 'customer', customer_account, order_number FROM customer_invoice WHERE order_number IS NOT NULL
                """)
            return try Row.fetchAll(db, sql: """
                SELECT h.kind, h.account, h.source, i.kind, i.account, i.id FROM temp.hay h JOIN temp.ids i
                ON NOT (h.kind = i.kind AND h.account = i.account) AND instr(h.text, i.id) > 0
                WHERE NOT (h.kind = 'customer' AND i.kind = 'customer' AND (
                  i.account = (SELECT invoice_account FROM customer WHERE account = h.account)
                  OR h.account = (SELECT invoice_account FROM customer WHERE account = i.account)
                  OR (SELECT invoice_account FROM customer WHERE account = h.account)
                     = (SELECT invoice_account FROM customer WHERE account = i.account)))
                LIMIT 20
                """)
        }
        #expect(leaks.isEmpty, "\(leaks)")
    }

    @Test func nothingInternalIsInExternalRows() throws {
        try SmallFixture.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM note WHERE visibility = 'external' AND body_markdown LIKE '%INTERNAL-ONLY%'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment WHERE visibility = 'external' AND instr(content, CAST('INTERNAL-ONLY' AS BLOB)) > 0") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment WHERE visibility = 'internal' AND file_name NOT LIKE '%internal%'") == 0)
        }
    }
}

/// Rules every demo database keeps, whatever the seed and scale.
enum DemoChecks {
    static func all(_ db: Database) throws {
        try integrity(db)
        try statusHistories(db)
        try totals(db)
        try settlements(db)
        try purchaseOrders(db)
        try momentsAndDates(db)
        try subjects(db)
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_order WHERE status = 'draft'") == 1)
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE currency = 'JPY'") == 1)
    }

    static func integrity(_ db: Database) throws {
        #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        let problems = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // The recommended indexes exist.
        for statement in Schema.indexes {
            let name = statement.split(separator: " ")[2]
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [String(name)]) == 1)
        }
    }

    /// Walks every history with the status model.
    static func statusHistories(_ db: Database) throws {
        var lines: [Int: [VerificationStatus]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT invoice_id, verification_status FROM vendor_invoice_line") {
            lines[row[0], default: []].append(VerificationStatus(rawValue: row[1])!)
        }
        var events: [Int: [Row]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT invoice_id, seq, at, from_status, to_status FROM vendor_invoice_event ORDER BY invoice_id, seq") {
            events[row[0], default: []].append(row)
        }
        for invoice in try Row.fetchAll(db, sql: "SELECT id, status, submitted_at, posted_at FROM vendor_invoice") {
            let id: Int = invoice[0]
            let status = VendorInvoiceStatus(rawValue: invoice[1])!
            let history = events[id] ?? []
            let verification = lines[id] ?? []
            #expect(!verification.isEmpty, "invoice \(id) has no lines")
            guard let first = history.first else { Issue.record("invoice \(id) has no history"); continue }
            #expect(first[1] as Int == 1)
            #expect((first[3] as String?) == nil)
            #expect(VendorInvoiceStatus(rawValue: first[4]) == VendorInvoiceStatusModel.initial)
            var previous: (status: VendorInvoiceStatus, at: String) = (.draft, first[2])
            for (k, event) in history.enumerated().dropFirst() {
                #expect(event[1] as Int == k + 1, "invoice \(id): seq")
                let from = VendorInvoiceStatus(rawValue: event[3] as String? ?? "")
                let to = VendorInvoiceStatus(rawValue: event[4])!
                #expect(from == previous.status, "invoice \(id): history does not chain")
                #expect(VendorInvoiceStatusModel.nextSteps(from: previous.status, lines: verification).contains(to),
                        "invoice \(id): \(previous.status) -> \(to) not allowed")
                #expect((event[2] as String) > previous.at, "invoice \(id): time goes back")
                previous = (to, event[2])
            }
            #expect(previous.status == status, "invoice \(id): history ends in \(previous.status), status \(status)")
            let statuses = history.map { VendorInvoiceStatus(rawValue: $0[4])! }
            #expect(((invoice[2] as String?) != nil) == statuses.contains(.inReview), "invoice \(id): submitted_at")
            #expect(((invoice[3] as String?) != nil) == statuses.contains(.confirmed), "invoice \(id): posted_at")
            if status == .confirmed || status == .cancelled { #expect(verification.allSatisfy { $0 == .complete }) }
            if status == .draft { #expect(verification.allSatisfy { $0 == .notStarted }) }
        }
    }

    static func totals(_ db: Database) throws {
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM vendor_invoice i
            WHERE total_minor <> tax_minor + (SELECT SUM(amount_minor) FROM vendor_invoice_line l WHERE l.invoice_id = i.id)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM customer_invoice i
            WHERE total_minor <> tax_minor + (SELECT SUM(amount_minor) FROM customer_invoice_line l WHERE l.invoice_number = i.number)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice WHERE total_minor <= 0 OR tax_minor < 0") == 0)
        // Line amounts are quantity times price, rounded to a minor unit.
        for table in ["vendor_invoice_line", "customer_invoice_line"] {
            for row in try Row.fetchAll(db, sql: "SELECT quantity, unit_price_minor, amount_minor FROM \(table)") {
                let q = Quantity(row[0] as String)!
                let exact = q.approximate * Double(row[1] as Int)
                #expect(abs(exact - Double(row[2] as Int)) <= 0.5 + 1e-6, "\(table): \(row)")
            }
        }
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vendor_invoice GROUP BY vendor_account, invoice_number HAVING COUNT(*) > 1") == nil)
    }

    static func settlements(_ db: Database) throws {
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM vendor_invoice i WHERE total_minor < (SELECT COALESCE(SUM(amount_minor), 0) FROM vendor_settlement s WHERE s.invoice_id = i.id)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM vendor_settlement s JOIN vendor_payment p ON p.id = s.payment_id JOIN vendor_invoice i ON i.id = s.invoice_id
            WHERE p.currency <> i.currency OR p.vendor_account <> i.vendor_account OR i.status <> 'confirmed' OR s.amount_minor <= 0
            OR p.paid_at < substr(i.posted_at, 1, 10)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM vendor_payment p WHERE amount_minor <> (SELECT SUM(amount_minor) FROM vendor_settlement s WHERE s.payment_id = p.id)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM customer_invoice i WHERE total_minor < (SELECT COALESCE(SUM(amount_minor), 0) FROM customer_settlement s WHERE s.invoice_number = i.number)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM customer_settlement s JOIN customer_payment p ON p.id = s.payment_id JOIN customer_invoice i ON i.number = s.invoice_number
            WHERE p.currency <> i.currency OR p.customer_account <> i.customer_account OR s.amount_minor <= 0 OR p.paid_at < i.invoice_date
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM customer_payment p WHERE amount_minor <> (SELECT SUM(amount_minor) FROM customer_settlement s WHERE s.payment_id = p.id)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM invoice_request r JOIN customer_invoice i ON i.number = r.invoice_number
            WHERE r.customer_account <> i.customer_account OR (r.status = 'completed') <> (r.completed_at IS NOT NULL)
            OR r.completed_at <= r.requested_at OR r.requested_at < i.invoice_date
            """) == 0)
    }

    static func purchaseOrders(_ db: Database) throws {
        // Versions 1..current, sent in order; responses after their version was sent and before the next one.
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM purchase_order p WHERE current_version <> (SELECT COUNT(*) FROM po_version v WHERE v.po_number = p.number)
            OR current_version <> (SELECT MAX(version) FROM po_version v WHERE v.po_number = p.number)
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM po_version a JOIN po_version b ON b.po_number = a.po_number AND b.version = a.version + 1 WHERE b.sent_at <= a.sent_at
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM po_response r JOIN po_version v ON v.po_number = r.po_number AND v.version = r.version
            LEFT JOIN po_version n ON n.po_number = r.po_number AND n.version = r.version + 1
            WHERE r.responded_at <= v.sent_at OR r.responded_at >= n.sent_at
            """) == 0)
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM purchase_order p WHERE NOT EXISTS (SELECT 1 FROM po_line l WHERE l.po_number = p.number AND l.version = p.current_version)") == 0)
        // A line number keeps its item across versions (a removed line's number is not reused).
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM po_line a JOIN po_line b ON b.po_number = a.po_number AND b.line_no = a.line_no AND b.version > a.version
            WHERE a.item_number <> b.item_number
            """) == 0)
        // Line answers belong to accepted_with_changes responses; splits count 1..k.
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM po_line_response l JOIN po_response r ON r.po_number = l.po_number AND r.version = l.version
            WHERE r.response <> 'accepted_with_changes'
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (SELECT po_number, version, line_no, MAX(split_seq) AS k, COUNT(*) AS n FROM po_line_response
            GROUP BY po_number, version, line_no) WHERE k <> n
            """) == 0)
        // Received never above ordered; only on the current version of confirmed orders.
        for row in try Row.fetchAll(db, sql: """
            SELECT l.quantity, l.received_quantity, l.version = p.current_version AND p.status = 'confirmed'
            FROM po_line l JOIN purchase_order p ON p.number = l.po_number
            """) {
            let ordered = Quantity(row[0] as String)!, received = Quantity(row[1] as String)!
            #expect(!(ordered < received), "received \(received) of \(ordered)")
            if !(row[2] as Bool) { #expect(received.isZero) }
        }
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM po_line WHERE line_amount_minor <> CAST(ROUND(CAST(quantity AS REAL) * unit_price_minor) AS INTEGER)
            AND ABS(CAST(quantity AS REAL) * unit_price_minor - line_amount_minor) > 0.5
            """) == 0)
        // Invoices and receipts point at orders of their own vendor.
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM vendor_invoice i JOIN purchase_order p ON p.number = i.po_number
            WHERE p.vendor_account <> i.vendor_account OR p.status <> 'confirmed' OR p.currency <> i.currency
            """) == 0)
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM consignment_receipt r JOIN purchase_order p ON p.number = r.po_number
            WHERE p.vendor_account <> r.vendor_account OR p.is_consignment = 0
            """) == 0)
    }

    static func momentsAndDates(_ db: Database) throws {
        let exportedAt = "2026-11-20T23:30:00Z"
        let timestamps: [(String, String)] = [
            ("po_version", "sent_at"), ("po_response", "responded_at"), ("vendor_invoice", "submitted_at"),
            ("vendor_invoice", "posted_at"), ("vendor_invoice_event", "at"), ("consignment_receipt", "received_at"),
            ("invoice_request", "requested_at"), ("invoice_request", "completed_at"), ("note", "created_at"), ("attachment", "created_at"),
        ]
        for (table, column) in timestamps {
            for value in try String.fetchAll(db, sql: "SELECT \(column) FROM \(table) WHERE \(column) IS NOT NULL") {
                #expect(Timestamp(value) != nil, "\(table).\(column) \(value)")
                #expect(value <= exportedAt, "\(table).\(column) \(value) is after the export")
            }
        }
        let dates: [(String, String)] = [
            ("purchase_order", "order_date"), ("po_line", "delivery_date"), ("po_line_response", "confirmed_delivery_date"),
            ("vendor_invoice", "invoice_date"), ("vendor_invoice", "due_date"), ("vendor_payment", "paid_at"),
            ("consignment_on_hand", "as_of"), ("customer_invoice", "invoice_date"), ("customer_invoice", "due_date"),
            ("customer_invoice", "discount_date"), ("customer_payment", "paid_at"),
        ]
        for (table, column) in dates {
            for value in try String.fetchAll(db, sql: "SELECT \(column) FROM \(table) WHERE \(column) IS NOT NULL") {
                #expect(Day(value) != nil, "\(table).\(column) \(value)")
            }
        }
        for (table, column) in [("vendor_payment", "paid_at"), ("customer_payment", "paid_at"), ("vendor_invoice", "invoice_date"),
                                ("customer_invoice", "invoice_date"), ("purchase_order", "order_date")] {
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) > '2026-11-20' OR \(column) < '2025-09-01'") == 0,
                    "\(table).\(column)")
        }
        for (table, column) in [("po_line", "quantity"), ("po_line", "received_quantity"), ("vendor_invoice_line", "quantity"),
                                ("customer_invoice_line", "quantity"), ("consignment_on_hand", "quantity"), ("consignment_receipt", "quantity")] {
            for value in try String.fetchAll(db, sql: "SELECT \(column) FROM \(table)") {
                #expect(Quantity(value) != nil, "\(table).\(column) \(value)")
            }
        }
    }

    /// Notes and attachments name subjects that exist.
    static func subjects(_ db: Database) throws {
        for table in ["note", "attachment"] {
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM \(table) n WHERE NOT CASE subject_type
                  WHEN 'vendor' THEN EXISTS (SELECT 1 FROM vendor WHERE account = subject_key)
                  WHEN 'customer' THEN EXISTS (SELECT 1 FROM customer WHERE account = subject_key)
                  WHEN 'purchase_order' THEN EXISTS (SELECT 1 FROM purchase_order WHERE number = subject_key)
                  WHEN 'po_line' THEN EXISTS (SELECT 1 FROM po_line WHERE po_number = subject_key AND version = n.version AND line_no = n.line_no)
                  WHEN 'vendor_invoice' THEN EXISTS (SELECT 1 FROM vendor_invoice WHERE id = CAST(subject_key AS INTEGER) AND CAST(id AS TEXT) = subject_key)
                  WHEN 'customer_invoice' THEN EXISTS (SELECT 1 FROM customer_invoice WHERE number = subject_key)
                END
                """) == 0, "\(table) with a missing subject")
            #expect(try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM \(table) WHERE (subject_type = 'po_line') <> (line_no IS NOT NULL AND version IS NOT NULL)
                """) == 0)
        }
        #expect(try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM note n JOIN purchase_order p ON p.number = n.subject_key
            WHERE n.subject_type IN ('purchase_order', 'po_line') AND p.status = 'draft'
            """) == 0)
    }
}

/// Independent checks of the generated files.
enum FileChecks {
    /// The header, `%%EOF`, and every cross-reference offset pointing at its `n 0 obj`.
    static func isValidPDF(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("%PDF-1."), text.hasSuffix("%%EOF\n"),
              let startxrefRange = text.range(of: "startxref\n", options: .backwards) else { return false }
        let afterStart = text[startxrefRange.upperBound...]
        guard let xrefOffset = Int(afterStart.prefix { $0.isNumber }) else { return false }
        let tail = Array(bytes[xrefOffset...])
        guard String(decoding: tail.prefix(5), as: UTF8.self) == "xref\n" else { return false }
        let lines = String(decoding: tail, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[1].split(separator: " ")
        guard header.count == 2, let count = Int(header[1]) else { return false }
        for object in 1..<count {
            let entry = lines[2 + object]
            guard entry.count == 19, let offset = Int(entry.prefix(10)) else { return false }
            let found = String(decoding: bytes[offset..<min(bytes.count, offset + 12)], as: UTF8.self)
            if !found.hasPrefix("\(object) 0 obj") { return false }
        }
        return true
    }

    static func crc32(_ data: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func be32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3]) }

    /// Signature, chunk CRCs, and the IDAT stream inflated (stored blocks) with its Adler-32 to width x height rows.
    static func isValidPNG(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 8, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return false }
        var i = 8
        var width = 0, height = 0
        var idat: [UInt8] = []
        var sawEnd = false
        while i + 12 <= bytes.count {
            let length = Int(be32(bytes, i))
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            guard i + 12 + length <= bytes.count else { return false }
            if crc32(bytes[(i + 4)..<(i + 8 + length)]) != be32(bytes, i + 8 + length) { return false }
            let data = Array(bytes[(i + 8)..<(i + 8 + length)])
            switch type {
            case "IHDR": width = Int(be32(data, 0)); height = Int(be32(data, 4))
            case "IDAT": idat += data
            case "IEND": sawEnd = true
            default: break
            }
            i += 12 + length
        }
        guard sawEnd, i == bytes.count, idat.count > 6, idat[0] == 0x78, (UInt16(idat[0]) << 8 | UInt16(idat[1])) % 31 == 0 else { return false }
        var raw: [UInt8] = []
        var p = 2
        while true {
            let header = idat[p]
            guard header & 0b110 == 0 else { return false } // stored blocks only
            let len = Int(idat[p + 1]) | Int(idat[p + 2]) << 8
            let nlen = Int(idat[p + 3]) | Int(idat[p + 4]) << 8
            guard len ^ nlen == 0xFFFF else { return false }
            raw += idat[(p + 5)..<(p + 5 + len)]
            p += 5 + len
            if header & 1 == 1 { break }
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        guard be32(idat, p) == (b << 16 | a), p + 4 == idat.count else { return false }
        return raw.count == height * (1 + width * 3)
    }
}
