import Foundation
import GRDB
import GRDBSQLite
import PorticoModel

/// A rule's SQL can be slow over a whole table (a window over every status event) while the rows it could report
/// are few. A narrowing reads the table once in Swift and names the keys whose rows the rule might report: a
/// superset, decided on SQLite's own values, so the rule's SQL, run on those keys only, finds and words exactly what
/// it finds over the whole table. Where the narrowing cannot tell (a value of an unexpected type), it names nothing
/// and the rule runs over the whole table.
extension ExportReader {
    struct Narrowing: Sendable {
        /// In the rule's SQL, where the condition on the candidate keys goes (`WHERE <column> IN (...)`, or nothing).
        static let marker = "/*candidates*/"
        /// The column the candidate keys are values of.
        let column: String
        /// The candidate keys, or nil: run the rule over the whole table.
        let candidates: @Sendable (ExportReader) throws(StoreError) -> [Int64]?
    }

    /// The rule's SQL for `candidates` (nil: the whole table) and its argument.
    static func narrowed(_ sql: String, column: String, candidates: [Int64]?) -> (sql: String, arguments: StatementArguments) {
        guard let candidates else { return (sql.replacingOccurrences(of: Narrowing.marker, with: ""), []) }
        let list = "[" + candidates.map(String.init).joined(separator: ",") + "]"
        return (sql.replacingOccurrences(of: Narrowing.marker, with: "WHERE \(column) IN (SELECT value FROM json_each(?))"), [list])
    }

    /// The invoices whose status history the history rule might report: numbered other than 1, 2, 3, ...; not
    /// starting as a draft without `from_status`; an event not following the one before, or a transition the status
    /// model does not allow; an event time before the previous one. Nil when an `invoice_id` is not an integer.
    static let historyCandidates: @Sendable (ExportReader) throws(StoreError) -> [Int64]? = { reader throws(StoreError) in
        // Statuses by index; an unknown text or another type is -1, which the status model allows in no transition.
        let cases = VendorInvoiceStatus.allCases
        let statuses = cases.map { Array($0.rawValue.utf8) }
        var allowed = [[Bool]](repeating: [Bool](repeating: false, count: cases.count), count: cases.count)
        for (from, to) in VendorInvoiceStatusModel.transitions { allowed[cases.firstIndex(of: from)!][cases.firstIndex(of: to)!] = true }
        let initial = cases.firstIndex(of: VendorInvoiceStatusModel.initial)!
        return try reader.run("narrowing vendor_invoice_event.seq,from_status,at") { () throws -> [Int64]? in
            let statement = try reader.db.makeStatement(sql: "SELECT invoice_id, seq, from_status, to_status, at FROM vendor_invoice_event ORDER BY invoice_id, seq")
            let cursor = try Row.fetchCursor(statement)
            let s = statement.sqliteStatement
            func status(_ i: Int32) -> Int {
                guard let text = sqliteText(s, i) else { return -1 }
                return statuses.firstIndex { $0.elementsEqual(text) } ?? -1
            }
            var found: [Int64] = []
            var invoice: Int64?
            var n: Int64 = 0
            var previousTo = -1
            /// The previous event's time (its bytes, in one buffer reused for every event), when it was text.
            var previousAt: [UInt8] = []
            var previousAtIsText = false
            var flagged = false
            while try cursor.next() != nil {
                guard sqlite3_column_type(s, 0) == SQLITE_INTEGER else { return nil }
                let id = sqlite3_column_int64(s, 0)
                if id != invoice {
                    invoice = id
                    n = 1
                    flagged = false
                } else {
                    n += 1
                }
                let to = status(3)
                let at = sqliteText(s, 4)
                if !flagged {
                    var suspect = sqlite3_column_type(s, 1) != SQLITE_INTEGER || sqlite3_column_int64(s, 1) != n || at == nil
                    if n == 1 {
                        suspect = suspect || sqlite3_column_type(s, 2) != SQLITE_NULL || to != initial
                    } else {
                        let from = status(2)
                        suspect = suspect || from < 0 || to < 0 || from != previousTo || !allowed[from][to]
                            || !previousAtIsText || at.map { $0.lexicographicallyPrecedes(previousAt) } ?? true
                    }
                    if suspect {
                        found.append(id)
                        flagged = true
                    }
                }
                previousTo = to
                previousAt.removeAll(keepingCapacity: true)
                if let at { previousAt.append(contentsOf: at) }
                previousAtIsText = at != nil
            }
            return found
        }
    }
}
