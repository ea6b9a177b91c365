import Foundation
import GRDB
@testable import PorticoStore
import PorticoTestSupport
import Testing

/// The customer tables are read in two parts SQLite merges (accounts that are their own portal, through an index on
/// the account when the export has one, and member accounts): the rows and their order must be those of sorting
/// every row by its portal.
@Suite("Customer rows in portal order")
struct PortalOrderTests {
    /// The member C511's rows fall between C510's own in each table's order; C999 is no customer.
    static let rows = Fixture.small + """
    INSERT INTO customer_invoice VALUES
      ('SI-5100015','C511',NULL,'2026-09-01','2026-10-01','EUR',2000,0,NULL,NULL),
      ('SI-511009','C511',NULL,'2026-11-01','2026-12-01','EUR',3000,0,NULL,NULL),
      ('SI-999001','C999',NULL,'2026-11-01','2026-12-01','EUR',500,0,NULL,NULL);
    INSERT INTO customer_invoice_line VALUES
      ('SI-5100015',2,NULL,'Second',1,1000,1000),('SI-5100015',1,NULL,'First',1,1000,1000),
      ('SI-511009',1,NULL,'Only',1,3000,3000),('SI-999001',1,NULL,'Stray',1,500,500);
    INSERT INTO customer_payment VALUES (901,'C511','2026-09-15',2000,'EUR','bank_transfer',NULL),
                                        (1,'C511','2026-12-01',100,'EUR','card',NULL),
                                        (902,'C999','2026-09-15',500,'EUR','card',NULL);
    INSERT INTO customer_settlement VALUES (901,'SI-5100015',2000),(1,'SI-511009',100),(902,'SI-999001',500);
    INSERT INTO invoice_request VALUES (901,'C511','SI-5100015','2026-11-02T10:00:00Z','sub','pending',NULL),
                                       (3,'C511','SI-511009','2026-09-02T10:00:00Z','sub','completed','2026-09-03T10:00:00Z');
    """

    /// What a portal's rows are, as the straightforward query gives them: every row with its portal, sorted.
    static func expected(_ db: Database, _ account: String) throws -> [String] {
        func portal(_ column: String) -> String { CustomerStream.portal(column) }
        let queries = [
            "SELECT 'invoice ' || number, \(portal("customer_account")) AS p FROM customer_invoice ORDER BY p, number",
            """
            SELECT 'line ' || l.invoice_number || '/' || l.line_no, \(portal("i.customer_account")) AS p
            FROM customer_invoice_line l JOIN customer_invoice i ON i.number = l.invoice_number ORDER BY p, l.invoice_number, l.line_no
            """,
            "SELECT 'payment ' || id, \(portal("customer_account")) AS p FROM customer_payment ORDER BY p, paid_at, id",
            """
            SELECT 'settlement ' || s.payment_id || '/' || s.invoice_number, \(portal("p.customer_account")) AS p
            FROM customer_settlement s JOIN customer_payment p ON p.id = s.payment_id ORDER BY p, s.payment_id, s.invoice_number
            """,
            "SELECT 'request ' || id, \(portal("customer_account")) AS p FROM invoice_request ORDER BY p, requested_at, id",
        ]
        return try queries.flatMap { sql in try Row.fetchAll(db, sql: sql).filter { $0[1] == account }.map { $0[0] as String } }
    }

    static func read(_ records: CustomerRecords) -> [String] {
        records.invoices.map { "invoice \($0.number)" } + records.lines.map { "line \($0.invoiceNumber)/\($0.lineNo)" }
            + records.payments.map { "payment \($0.id)" } + records.settlements.map { "settlement \($0.paymentId)/\($0.invoiceNumber)" }
            + records.requests.map { "request \($0.id)" }
    }

    @Test("members' rows join their invoice account's portal in the order of sorting every row, with and without the export's indexes",
          arguments: [true, false])
    func sameAsSorting(indexes: Bool) throws {
        // The schema comes with the recommended indexes; an export may have none.
        let dropped = indexes ? "" : Schema.indexes.map { "DROP INDEX \($0.split(separator: " ")[2]);" }.joined(separator: "\n")
        let db = try Fixture.database(Self.rows + dropped, constraints: false)
        let export = try ExportDatabase(path: db)
        let (portals, expected) = try export.read { reader -> ([String: [String]], [String: [String]]) in
            var portals: [String: [String]] = [:], expected: [String: [String]] = [:]
            let stream = try reader.customerStream()
            while let pending = try stream.next(wanted: { _ in true }) {
                portals[pending.customer.account] = Self.read(pending.records())
                expected[pending.customer.account] = try Self.expected(reader.db, pending.customer.account)
            }
            return (portals, expected)
        }
        #expect(portals.keys.sorted() == ["C500", "C510", "C520", "C530"], "invoice accounts only: no C511, no C999")
        #expect(portals == expected)
        // The member's rows are there, between the account's own.
        #expect(portals["C510"]?.filter { $0.hasPrefix("invoice") } == ["invoice SI-510001", "invoice SI-5100015", "invoice SI-510002", "invoice SI-511009"])
        #expect(portals["C510"]?.filter { $0.hasPrefix("line SI-5100015") } == ["line SI-5100015/1", "line SI-5100015/2"])
        #expect(portals["C510"]?.contains("payment 1") == true && portals["C510"]?.contains("request 3") == true)
        #expect(portals.values.allSatisfy { rows in !rows.contains { $0.contains("SI-999001") || $0 == "payment 902" } })
    }

    @Test("with the export's indexes, the own rows of the big customer tables are read in order, not sorted")
    func noSortOfOwnRows() throws {
        let db = try Fixture.database(Self.rows, constraints: false)
        let queue = try DatabaseQueue(path: db)
        let sql = CustomerStream.portalOrdered(columns: "i.*", head: "customer_invoice i", account: "i.customer_account", order: "number")
        let plan = try queue.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        #expect(plan.contains { $0.contains("MERGE (UNION ALL)") }, "\(plan)")
        #expect(plan.contains { $0.contains("USING INDEX customer_invoice_customer") }, "\(plan)")
        // One sort only: of the members' rows (the right part).
        #expect(plan.filter { $0.contains("USE TEMP B-TREE FOR ORDER BY") }.count == 1, "\(plan)")
    }
}
