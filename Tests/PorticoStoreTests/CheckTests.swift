import Foundation
import GRDB
import PorticoModel
@testable import PorticoStore
import PorticoTestSupport
import Testing

@Suite("check: every data error, with its place")
struct CheckTests {
    func problems(_ path: String) throws -> [Problem] {
        try ExportDatabase(path: path).read { try $0.problems() }
    }

    @Test("the fixture export is clean")
    func clean() throws {
        let path = try Fixture.database(Fixture.small)
        #expect(try problems(path) == [])
    }

    /// One error of every kind the domain document names, each in a row of vendor V400 or customer C600 unless it can have no party.
    static let broken = Fixture.small + """
    INSERT INTO vendor VALUES ('V400','Broken Vendor',NULL,'nl-NL','EUR',1),('V401','Bad Currency',NULL,'nl_NL','EURO',1);
    INSERT INTO customer VALUES ('C600','Org',NULL,'en-US','EUR',NULL,NULL,1),('C601','Member',NULL,'en-US','EUR','C600',NULL,1),
                                ('C602','Chained',NULL,'en-US','EUR','C601',NULL,1),('C603','Self',NULL,'en-US','EUR','C603','NOPE',1);
    INSERT INTO vendor_invoice VALUES
      (40,'V400','BR-1',NULL,'2026-02-30','2026-03-30','EUR','draft',100,0,'matched',NULL,NULL),
      (41,'V400','BR-2','PO-404','2026-10-01','2026-10-31','EUR','approved',100,0,'half',NULL,NULL),
      (42,'V400','BR-3',NULL,'2026-10-01','2026-10-31','EUR','confirmed',1000,0,'matched','yesterday',NULL),
      (43,'V400','BR-3',NULL,'2026-10-01','2026-10-31','EUR','draft',100,0,'matched',NULL,NULL),
      (44,'V400','BR-4',NULL,'2026-10-01','2026-10-31','EUR','confirmed',100,0,'matched',NULL,NULL),
      (45,'V400','BR-5',NULL,'2026-10-01','2026-10-31','EUR','in_review',100,0,'matched',NULL,NULL),
      (46,'V999','ORPHAN-1',NULL,'2026-10-01','2026-10-31','EUR','draft',100,0,'matched',NULL,NULL),
      (47,'V400','BR-7',NULL,NULL,'2026-10-31','EUR','draft',100,0,'matched',NULL,NULL);
    INSERT INTO vendor_invoice_line VALUES (40,1,NULL,'ITM-BOLT','x','1,5',100,100,'complete'),(42,1,NULL,'ITM-GHOST','x','1',1000,1000,'complete');
    INSERT INTO vendor_invoice_event VALUES
      (40,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL),
      (42,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL),(42,2,'2026-10-02T08:00:00Z','draft','confirmed',NULL,NULL),
      (43,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL),
      (44,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL),(44,2,'2026-10-02T08:00:00Z','in_review','confirmed',NULL,NULL),
      (45,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL),(45,2,'2026-10-02T08:00:00Z','draft','in_review',NULL,NULL),(45,3,'2026-10-03T08:00:00Z','in_review','on_hold',NULL,NULL),
      (47,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL);
    INSERT INTO vendor_payment VALUES (40,'V400','2026-10-20',5000,'EUR','bank_transfer','P40'),(41,'V400','2026-10-20',100,'USD','bank_transfer','P41');
    INSERT INTO vendor_settlement VALUES (40,42,2000),(41,44,100);
    INSERT INTO note VALUES (40,'vendor_invoice','4040',NULL,NULL,'external','x','2026-10-01T08:00:00Z','ghost'),
                            (41,'planet','V400',NULL,NULL,'external','x','2026-10-01T08:00:00Z','bad subject type');
    INSERT INTO attachment VALUES (40,'purchase_order','PO-404',NULL,NULL,'external','a.pdf','application/pdf',X'00','2026-10-01T08:00:00Z');
    INSERT INTO customer_invoice VALUES ('BAD-1','C600',NULL,'2026-10-01','2026-10-31','EUR',-100,0,NULL,NULL),
                                        ('BAD-2','C600',NULL,'2026-10-01','2026-10-31','EUR',100,0,'2026-11-05',2),
                                        ('BAD-3','C600',NULL,'2026-10-01','2026-10-31','EUR',100,0,NULL,NULL);
    INSERT INTO customer_invoice_line VALUES ('BAD-1',1,NULL,'x','1',100,100),('BAD-1',2,NULL,'y','1',-200,-200),('BAD-2',1,NULL,'x','1',90,90),('BAD-3',1,NULL,'x','1',100,100);
    INSERT INTO customer_payment VALUES (60,'C600','2026-10-10',500,'USD','card','X'),(61,'C600','2026-10-10',50,'EUR','cash','Y');
    INSERT INTO customer_settlement VALUES (60,'BAD-3',100),(61,'BAD-3',50);
    INSERT INTO invoice_request VALUES (60,'C603','BAD-3','2026-10-10T10:00:00Z','x@y.example','pending',NULL);
    INSERT INTO po_line_response VALUES ('PO-000101',1,1,2,'accept','1','2026-10-01',NULL,NULL);
    INSERT INTO consignment_on_hand VALUES ('V777','ITM-BOLT','S','W',NULL,'1','pcs','2026-11-20');
    """

    @Test("reports one error of every kind, each with table, key, column and party")
    func everyKind() throws {
        let path = try Fixture.database(Self.broken, constraints: false)
        let found = try problems(path)
        let v400 = PartyRef(.vendor, "V400")
        func has(_ table: String, _ key: String, _ column: String, _ text: String, party: PartyRef?, sourceLocation: SourceLocation = #_sourceLocation) {
            let hit = found.first { $0.table == table && $0.key == key && $0.column == column && $0.message.contains(text) }
            #expect(hit != nil, "missing \(table) \(key) \(column) '\(text)'", sourceLocation: sourceLocation)
            #expect(hit?.party == party, "party of \(table) \(key) \(column)", sourceLocation: sourceLocation)
        }
        has("vendor_invoice", "40", "invoice_date", "not a date", party: v400)
        has("vendor_invoice", "41", "status", "not one of", party: v400)
        has("vendor_invoice", "41", "matching_status", "not one of", party: v400)
        has("vendor_invoice", "41", "po_number", "does not exist", party: v400)
        has("vendor_invoice", "41", "status", "has no status history", party: v400)
        has("vendor_invoice", "42", "submitted_at", "not a UTC timestamp", party: v400)
        has("vendor_invoice_line", "40/1", "quantity", "not a decimal", party: v400)
        has("vendor_invoice_line", "42/1", "item_number", "does not exist", party: v400)
        has("vendor", "V401", "currency", "not an ISO 4217", party: PartyRef(.vendor, "V401"))
        has("vendor", "V401", "locale", "not a language tag", party: PartyRef(.vendor, "V401"))
        has("vendor_invoice", "43", "vendor_account, invoice_number", "duplicate", party: v400)
        has("vendor_invoice", "42", "total_minor", "above the total", party: v400)
        has("vendor_invoice_event", "42/2", "from_status", "not allowed", party: v400)
        has("vendor_invoice_event", "44/2", "from_status", "does not follow", party: v400)
        has("vendor_invoice", "45", "status", "differs from the last status", party: v400)
        has("vendor_settlement", "41/44", "payment_id", "payment in USD", party: v400)
        has("vendor_invoice", "46", "vendor_account", "does not exist", party: nil)
        has("vendor_invoice", "47", "invoice_date", "missing", party: v400)
        has("customer", "C602", "invoice_account", "chains are not allowed", party: PartyRef(.customer, "C602"))
        has("customer", "C603", "invoice_account", "cycle", party: PartyRef(.customer, "C603"))
        has("customer", "C603", "payment_terms", "does not exist", party: PartyRef(.customer, "C603"))
        has("note", "40", "subject_key", "does not exist", party: nil)
        has("note", "41", "subject_type", "not one of", party: nil)
        has("attachment", "40", "subject_key", "does not exist", party: nil)
        let c600 = PartyRef(.customer, "C600")
        has("customer_invoice", "BAD-1", "total_minor", "not a credit note", party: c600)
        has("customer_invoice", "BAD-2", "discount_date", "after the due date", party: c600)
        has("customer_invoice", "BAD-2", "total_minor", "differs from the lines plus tax", party: c600)
        has("customer_settlement", "60/BAD-3", "payment_id", "payment in USD", party: c600)
        has("customer_invoice", "BAD-3", "total_minor", "above the total", party: c600)
        has("customer_payment", "61", "method", "not one of", party: c600)
        has("invoice_request", "60", "invoice_number", "belongs to another account", party: PartyRef(.customer, "C603"))
        has("po_line_response", "PO-000101/1/1/2", "po_number,version", "does not exist", party: PartyRef(.vendor, "V100"))
        has("po_line_response", "PO-000101/1/1/2", "split_seq", "should be 1", party: PartyRef(.vendor, "V100"))
        has("consignment_on_hand", "row 3", "vendor_account", "does not exist", party: nil)
    }

    @Test("the check's parts, shared by two connections in any order, find exactly what the whole check finds")
    func parts() throws {
        let path = try Fixture.database(Self.broken, constraints: false)
        let whole = try problems(path)
        #expect(whole.count > 30)
        let tasks = CheckTask.all
        let first = try ExportDatabase(path: path), second = try ExportDatabase(path: path)
        // Alternate parts, the last first; the first connection finishes (attributes parties, sorts).
        var found = try second.read { reader in
            try stride(from: tasks.count - 1, through: 0, by: -2).flatMap { try reader.problems(of: tasks[$0]) }
        }
        let shared = try first.read { reader in
            found += try stride(from: tasks.count - 2, through: 0, by: -2).flatMap { try reader.problems(of: tasks[$0]) }
            return try reader.finish(found)
        }
        #expect(shared == whole)
    }

    @Test("a file that is not a schema-version-1 database is refused with the version found")
    func wrongFiles() throws {
        let missing = Fixture.temporaryPath("missing")
        #expect(throws: StoreError.missingFile(path: missing)) { try ExportDatabase(path: missing) }

        let text = Fixture.temporaryPath("text")
        try Data("hello, not a database at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: text))
        do {
            _ = try ExportDatabase(path: text)
            Issue.record("a text file was accepted")
        } catch {
            guard case .notSQLite(let p, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(p == text)
        }

        let v2 = try Fixture.database("INSERT INTO schema_info VALUES ('schema_version','2');")
        #expect(throws: StoreError.wrongSchemaVersion(path: v2, found: "2")) { try ExportDatabase(path: v2) }
        #expect(StoreError.wrongSchemaVersion(path: v2, found: "2").description.contains("version '2' found, version 1 expected"))

        let none = try Fixture.database("")
        #expect(throws: StoreError.wrongSchemaVersion(path: none, found: nil)) { try ExportDatabase(path: none) }
    }

    @Test("the schema has every table of the domain document with its constraints")
    func schema() {
        let ddl = Schema.ddl()
        for table in ["schema_info", "vendor", "customer", "payment_terms", "portal_user", "item", "purchase_order", "po_version", "po_line",
                      "po_response", "po_line_response", "vendor_invoice", "vendor_invoice_line", "vendor_invoice_event", "vendor_payment",
                      "vendor_settlement", "consignment_on_hand", "consignment_receipt", "customer_invoice", "customer_invoice_line",
                      "customer_payment", "customer_settlement", "invoice_request", "note", "attachment"] {
            #expect(ddl.contains("CREATE TABLE \(table) ("), "missing \(table)")
        }
        #expect(ddl.contains("status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'on_hold', 'confirmed', 'cancelled'))"))
        #expect(ddl.contains("UNIQUE (vendor_account, invoice_number)"))
        #expect(ddl.contains("FOREIGN KEY (po_number, version) REFERENCES po_version(po_number, version)"))
        #expect(ddl.contains("vendor_account TEXT NOT NULL REFERENCES vendor(account)"))
    }
}

@Suite("The SQL prefilter of column checks")
struct SuspicionTests {
    /// For every kind, each value that the Swift validation rejects must be selected by the SQL prefilter.
    @Test("selects every value the validation rejects")
    func superset() throws {
        let texts: [String] = [
            "", " ", "0", "12", "12.5", "-1", "1,5", "1.", ".5", "-.5", "1-2", "--1", "1.2.3", "1e5", "99999999999999999999", "9223372036854775807",
            "2026-02-29", "2024-02-29", "2026-02-30", "0000-01-01", "2026-00-10", "2026-04-31", "2026-06-31", "2026-12-32", "2026-11-00", "2026-19-01", "2026-12-31", "2026-01-31", "2026-11-20T23:60:00Z", "2026-11-20T29:00:00Z", "2026-04-31T10:00:00Z", "2024-02-29T10:00:00Z", "0000-01-01T10:00:00Z", "2026-11-31T10:00:00Z", "2026-13-01", "2026-1-01", "2026-11-20T23:30:00Z", "2026-11-20T24:00:00Z",
            "2026-02-30T10:00:00Z", "2026-11-20 23:30:00", "EUR", "eur", "XYZ", "EURO", "nl-NL", "nl", "nl_NL", "NL-nl", "draft", "Draft",
        ]
        let integers: [Int64] = [0, 1, 2, -5]
        var values: [DatabaseValue] = [.null, 1.5.databaseValue, Data([1, 2]).databaseValue]
        values += integers.map(\.databaseValue)
        values += texts.map(\.databaseValue)
        let kinds: [ColumnKind] = [.text, .integer, .money, .bool, .date, .timestamp, .decimal, .currency, .locale, .enumeration(["draft"]), .blob]
        let queue = try DatabaseQueue()
        try queue.read { db in
            for kind in kinds {
                for notNull in [false, true] {
                    let column = ColumnSpec("c", kind, notNull: notNull)
                    for value in values {
                        let selected = try Bool.fetchOne(db, sql: "SELECT \(ExportReader.suspicionSQL(column)) FROM (SELECT ? AS c)", arguments: [value]) ?? false
                        if ExportReader.validate(value, column) != nil {
                            #expect(selected, "\(kind) \(notNull ? "NOT NULL " : "")\(value) is rejected but not selected")
                        }
                    }
                }
            }
        }
    }
}

@Suite("The column check's screen on SQLite's bytes")
struct ColumnScreenTests {
    /// Whether the screen passes `value` in a column of `kind`, and the value as the validation gets it: both read
    /// back from SQLite, as the check reads them.
    static func screen(_ db: Database, _ value: DatabaseValue, _ column: ColumnSpec) throws -> (passes: Bool, read: DatabaseValue) {
        let statement = try db.makeStatement(sql: "SELECT ? AS c")
        statement.arguments = [value]
        let cursor = try Row.fetchCursor(statement)
        let row = try #require(try cursor.next())
        let passes = ColumnScreen(TableSpec(name: "t", columns: [column], primaryKey: [], uniques: [], foreignKeys: [], partySQL: nil))
            .passes(statement.sqliteStatement, 0)
        return (passes, row[0])
    }

    /// The screen passes exactly the values `validate` accepts (an empty BLOB is left to `validate`), on the same
    /// values as the SQL prefilter's test and on random one-byte changes of valid ones.
    @Test("passes exactly what the validation accepts")
    func sameAsValidate() throws {
        var texts: [String] = [
            "", " ", "0", "12", "12.5", "-1", "1,5", "1.", ".5", "-.5", "1-2", "--1", "1.2.3", "1e5", "99999999999999999999", "9223372036854775807",
            "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "2026-02-30", "0000-01-01", "2026-00-10", "2026-04-31", "2026-06-31", "2026-12-32",
            "2026-11-00", "2026-19-01", "2026-12-31", "2026-01-31", "2026-11-20T23:60:00Z", "2026-11-20T29:00:00Z", "2026-04-31T10:00:00Z",
            "2024-02-29T10:00:00Z", "0000-01-01T10:00:00Z", "2026-11-31T10:00:00Z", "2026-13-01", "2026-1-01", "2026-11-20T23:30:00Z",
            "2026-11-20T24:00:00Z", "2026-11-20T23:59:59Z", "2026-02-30T10:00:00Z", "2026-11-20 23:30:00", "EUR", "eur", "XYZ", "EURO", "JPY", "nl-NL", "nl",
            "nl_NL", "NL-nl", "en-us", "draft", "Draft", "in_review", "in_reviewx", "2026-11-20\u{0}", "€UR", "2026-11-2٠",
        ]
        var random = SplitMix64(seed: 7)
        let alphabet = Array("0123456789-.:TZEURnlNL_ \u{0}é".utf8)
        for seed in ["2026-11-20", "2024-02-29T23:59:59Z", "-12.125", "EUR", "nl-NL", "draft"] {
            for _ in 0..<400 {
                var b = Array(seed.utf8)
                b[Int(random.next() % UInt64(b.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                texts.append(String(decoding: b, as: UTF8.self))
            }
        }
        var values: [DatabaseValue] = [.null, 1.5.databaseValue, 1.0.databaseValue, Data([1, 2]).databaseValue, Data().databaseValue]
        values += ([0, 1, 2, -5] as [Int64]).map(\.databaseValue)
        values += texts.map(\.databaseValue)
        let kinds: [ColumnKind] = [.text, .integer, .money, .bool, .date, .timestamp, .decimal, .currency, .locale,
                                   .enumeration(["draft", "in_review"]), .blob]
        let queue = try DatabaseQueue()
        var passed = 0
        try queue.read { db in
            for kind in kinds {
                for notNull in [false, true] {
                    let column = ColumnSpec("c", kind, notNull: notNull)
                    for value in values {
                        let (passes, read) = try Self.screen(db, value, column)
                        let accepted = ExportReader.validate(read, column) == nil
                        if passes { passed += 1 }
                        if value == Data().databaseValue {
                            #expect(!passes, "an empty BLOB is left to the validation")
                        } else {
                            #expect(passes == accepted, "\(kind) \(notNull ? "NOT NULL " : "")\(value): screen \(passes), validation \(accepted)")
                        }
                    }
                }
            }
        }
        #expect(passed > 1000)
    }

    @Test("a clean export passes the screen in every table; a table with a bad value does not, and its problems are still found")
    func tables() throws {
        let clean = try ExportDatabase(path: try Fixture.database(Fixture.small))
        try clean.read { reader throws in
            for table in Schema.tables {
                let passes = try reader.columnsPassScreen(table)
                #expect(passes, "\(table.name)")
            }
        }
        let broken = try ExportDatabase(path: try Fixture.database(CheckTests.broken, constraints: false))
        try broken.read { reader throws in
            let invoice = try #require(Schema.tables.first { $0.name == "vendor_invoice" })
            let invoicePasses = try reader.columnsPassScreen(invoice)
            #expect(!invoicePasses)
            let found = try reader.problems(of: CheckTask(kind: .columns(invoice)))
            #expect(found.contains { $0.key == "40" && $0.column == "invoice_date" })
            let item = try #require(Schema.tables.first { $0.name == "item" })
            let itemPasses = try reader.columnsPassScreen(item)
            #expect(itemPasses)
        }
    }
}

@Suite("Narrowed rules: the status history")
struct NarrowingTests {
    /// Vendor V400's invoices 1000-1599, each with a random status history: mostly well formed, with wrong sequence
    /// numbers (also duplicates, text, reals and NULL), first events that are not a creation, events not following
    /// the one before, transitions the model does not allow, statuses that are not statuses, and event times before
    /// the previous one, missing, numeric, shorter or BLOBs; some histories without an invoice.
    static func histories(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func roll(_ n: UInt64) -> Int { Int(random.next() % n) }
        let statuses = ["draft", "in_review", "on_hold", "confirmed", "cancelled"]
        let odd = ["NULL", "'bogus'", "7", "'draft '", "'DRAFT'"]
        var invoices: [String] = [], events: [String] = []
        for id in 1000..<1600 {
            if id % 50 != 7 {
                invoices.append("(\(id),'V400','N-\(id)',NULL,'2026-10-01','2026-10-31','EUR','draft',100,0,'matched',NULL,NULL)")
            }
            var previous = "draft"
            var minute = 10
            for k in 1...(1 + roll(5)) {
                var seq = "\(k)"
                if roll(12) == 0 { seq = ["\(k - 1)", "\(k + 1)", "'x'", "NULL", "\(k).0", "\(k).5"][roll(6)] }
                var from = k == 1 ? "NULL" : "'\(previous)'"
                if roll(10) == 0 { from = roll(2) == 0 ? "'\(statuses[roll(5)])'" : odd[roll(5)] }
                var to: String
                if k == 1 {
                    to = roll(10) == 0 ? statuses[roll(5)] : "draft"
                } else {
                    let allowed = VendorInvoiceStatusModel.allowed(from: VendorInvoiceStatus(rawValue: previous) ?? .draft).map(\.rawValue)
                    to = allowed.isEmpty || roll(8) == 0 ? statuses[roll(5)] : allowed[roll(UInt64(allowed.count))]
                }
                var toSQL = "'\(to)'"
                if roll(30) == 0 { toSQL = odd[roll(5)] }
                previous = to
                minute += roll(8) == 0 ? -3 : 1 + roll(30)
                var at = String(format: "'2026-10-02T%02d:%02d:00Z'", 8 + minute / 60, minute % 60)
                if roll(25) == 0 { at = ["NULL", "5", "'2026-10-02'", "X'41'", "'2026-10-02T08:00:00Z '"][roll(5)] }
                events.append("(\(id),\(seq),\(at),\(from),\(toSQL),NULL,NULL)")
            }
        }
        return "INSERT INTO vendor VALUES ('V400','History Vendor',NULL,'nl-NL','EUR',1);\n"
            + "INSERT INTO vendor_invoice VALUES \(invoices.joined(separator: ",\n"));\n"
            + "INSERT INTO vendor_invoice_event VALUES \(events.joined(separator: ",\n"));\n"
    }

    @Test("finds and words exactly what the rule finds over the whole table, on random histories")
    func sameAsWhole() throws {
        let rule = try #require(ExportReader.domainRules.first { $0.narrowing != nil && $0.table == "vendor_invoice_event" })
        var reported = 0
        for seed: UInt64 in [1, 2, 3] {
            let db = try ExportDatabase(path: try Fixture.database(Fixture.small + Self.histories(seed: seed), constraints: false))
            try db.read { reader throws in
                let candidates = try #require(try rule.narrowing?.candidates(reader))
                let narrowed = try reader.domainProblems(rule)
                let whole = try reader.domainProblems(rule, narrow: false)
                #expect(narrowed.sorted() == whole.sorted())
                // Every reported key is of a named invoice (a key is "?" where seq is NULL).
                #expect(Set(whole.map { $0.key.split(separator: "/")[0] }.filter { $0 != "?" }).isSubset(of: Set(candidates.map { "\($0)" })))
                // The random histories are neither all good nor all bad: the narrowing leaves invoices out.
                #expect(whole.count > 50)
                #expect(candidates.count < 500)
                reported += whole.count
            }
        }
        #expect(reported > 150)
    }

    @Test("a clean export names no invoice; an invoice_id that is not an integer makes the rule read the whole table")
    func cleanAndUnknown() throws {
        let rule = try #require(ExportReader.domainRules.first { $0.narrowing != nil && $0.table == "vendor_invoice_event" })
        try ExportDatabase(path: try Fixture.database(Fixture.small)).read { reader throws in
            #expect(try rule.narrowing?.candidates(reader) == [])
            #expect(try reader.domainProblems(rule) == [])
        }
        let odd = Fixture.small + "INSERT INTO vendor_invoice_event VALUES ('x',1,'2026-10-01T08:00:00Z','draft','draft',NULL,NULL);\n"
        try ExportDatabase(path: try Fixture.database(odd, constraints: false)).read { reader throws in
            #expect(try rule.narrowing?.candidates(reader) == nil)
            #expect(try reader.domainProblems(rule).sorted() == reader.domainProblems(rule, narrow: false).sorted())
        }
    }
}

@Suite("Key checks: groups the file's own schema keeps unique")
struct UniquenessTests {
    /// A file with one table `t` made by `ddl`, and rows `rows` (SQL values lists).
    func file(_ ddl: String, _ rows: String = "") throws -> String {
        let path = Fixture.temporaryPath("unique") + ".sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE schema_info (key TEXT PRIMARY KEY, value TEXT); INSERT INTO schema_info VALUES ('schema_version', '1')")
            try db.execute(sql: ddl)
            if !rows.isEmpty { try db.execute(sql: "INSERT INTO t VALUES \(rows)") }
        }
        try queue.close()
        return path
    }

    func guaranteed(_ ddl: String, _ columns: [String]) throws -> Bool {
        try ExportDatabase(path: try file(ddl)).read { try $0.uniqueColumnSets("t").contains(Set(columns)) }
    }

    @Test("a primary key, a unique constraint, a unique index and the rowid are proof; only for exactly their columns")
    func proof() throws {
        #expect(try guaranteed("CREATE TABLE t (a TEXT PRIMARY KEY, b TEXT)", ["a"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT, b INTEGER, PRIMARY KEY (a, b))", ["a", "b"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT, b INTEGER, PRIMARY KEY (a, b))", ["b", "a"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT, b TEXT, UNIQUE (b, a))", ["a", "b"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX tu ON t(b)", ["b"]))
        #expect(try guaranteed("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)", ["a"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT PRIMARY KEY, b TEXT) WITHOUT ROWID", ["a"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT COLLATE NOCASE PRIMARY KEY, b TEXT)", ["a"]))
        // Not proof: no constraint, another set of columns, a plain index, a partial one, an expression.
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b TEXT)", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b INTEGER, PRIMARY KEY (a, b))", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a TEXT PRIMARY KEY, b TEXT)", ["a", "b"]))
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b TEXT); CREATE INDEX ti ON t(a)", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX tu ON t(a) WHERE b IS NOT NULL", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX tu ON t(lower(a))", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a INTEGER, b TEXT, PRIMARY KEY (a, b))", ["a"]))
        // `INT PRIMARY KEY` is not the rowid: its own index is the proof.
        #expect(try guaranteed("CREATE TABLE t (a INT PRIMARY KEY, b TEXT)", ["a"]))
        #expect(try !guaranteed("CREATE TABLE t (a INT, b TEXT)", ["a"]))
    }

    @Test("an index that compares with another collation than the column is not proof, in either direction")
    func collations() throws {
        // The column compares without case (so does the check's GROUP BY); the index with case: 'a' and 'A' may both be stored.
        let looser = "CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT); CREATE UNIQUE INDEX tu ON t(a COLLATE BINARY)"
        #expect(try !guaranteed(looser, ["a"]))
        let path = try file(looser, "('a', '1'), ('A', '2')")
        let table = TableSpec(name: "t", columns: [ColumnSpec("a", .text, notNull: true), ColumnSpec("b", .text, notNull: true)],
                              primaryKey: ["a"], uniques: [], foreignKeys: [], partySQL: nil)
        let found = try ExportDatabase(path: path).read { try $0.keyProblems(table) }
        #expect(found.map(\.key).sorted() == ["A", "a"])
        #expect(try !guaranteed("CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX tu ON t(a COLLATE NOCASE)", ["a"]))
        #expect(try guaranteed("CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT); CREATE UNIQUE INDEX tu ON t(a)", ["a"]))
        // A primary key with a collation of its own: its index takes it, so 'a' and 'A' may both be stored.
        #expect(try !guaranteed("CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT, PRIMARY KEY (a COLLATE BINARY))", ["a"]))
        let withoutRowid = "CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT, PRIMARY KEY (a COLLATE BINARY)) WITHOUT ROWID"
        #expect(try !guaranteed(withoutRowid, ["a"]))
        let stored = try ExportDatabase(path: try file(withoutRowid, "('a', '1'), ('A', '2')")).read { try $0.keyProblems(table) }
        #expect(stored.map(\.key).sorted() == ["A", "a"])
    }

    @Test("an export with constraints skips every key group of the schema; one without finds its duplicates")
    func exports() throws {
        try ExportDatabase(path: try Fixture.database(Fixture.small)).read { reader throws in
            for table in Schema.tables {
                var groups = table.uniques
                if !table.primaryKey.isEmpty { groups.insert(table.primaryKey, at: 0) }
                let kept = try reader.uniqueColumnSets(table.name)
                for group in groups { #expect(kept.contains(Set(group)), "\(table.name) \(group)") }
            }
        }
        try ExportDatabase(path: try Fixture.database(Fixture.small, constraints: false)).read { reader throws in
            for table in Schema.tables where !table.primaryKey.isEmpty {
                #expect(try !reader.uniqueColumnSets(table.name).contains(Set(table.primaryKey)), "\(table.name)")
            }
        }
    }
}
