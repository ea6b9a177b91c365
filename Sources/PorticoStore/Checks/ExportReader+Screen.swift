import GRDB
import GRDBSQLite
import PorticoModel

/// The column check's fast path. A clean export is the common case: each table's values are first screened on
/// SQLite's bytes, without making values or evaluating SQL functions, and only a table with a value the screen does
/// not pass goes through `columnProblems`' SQL filter and `validate`, which word the problems.
///
/// The screen passes a value only when `validate` accepts it: each case applies the rule `validate` applies (the same
/// parsers, `Day(utf8:)`, `Timestamp(utf8:)`, `Quantity.parse`), or a stricter one. So a table the screen passes has
/// no column problem, and one it does not pass gets exactly the problems the SQL path finds.
struct ColumnScreen {
    enum Rule {
        case integer, bool, blob, text, date, timestamp, decimal, currency, locale
        case enumeration([[UInt8]])
    }
    let rules: [(rule: Rule, notNull: Bool)]

    init(_ table: TableSpec) {
        rules = table.columns.map { col in
            let rule: Rule = switch col.kind {
            case .integer, .money: .integer
            case .bool: .bool
            case .blob: .blob
            case .text: .text
            case .date: .date
            case .timestamp: .timestamp
            case .decimal: .decimal
            case .currency: .currency
            case .locale: .locale
            case .enumeration(let values): .enumeration(values.map { Array($0.utf8) })
            }
            return (rule, col.notNull)
        }
    }

    /// Whether column `i` of the statement's current row passes.
    func passes(_ s: SQLiteStatement, _ i: Int32) -> Bool {
        let (rule, notNull) = rules[Int(i)]
        let type = sqlite3_column_type(s, i)
        if type == SQLITE_NULL { return !notNull }
        switch rule {
        case .integer:
            return type == SQLITE_INTEGER
        case .bool:
            guard type == SQLITE_INTEGER else { return false }
            let v = sqlite3_column_int64(s, i)
            return v == 0 || v == 1
        case .blob:
            // An empty BLOB is left to `validate`.
            return type == SQLITE_BLOB && sqlite3_column_bytes(s, i) > 0
        case .text:
            return type == SQLITE_TEXT || type == SQLITE_INTEGER
        default:
            guard let bytes = sqliteText(s, i) else { return false }
            return Self.passes(rule, bytes)
        }
    }

    /// The rules on a text value's bytes.
    static func passes(_ rule: Rule, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch rule {
        case .date: Day(utf8: b) != nil
        case .timestamp: Timestamp(utf8: b) != nil
        case .decimal: Quantity.parse(b) != nil
        case .currency: b.count == 3 && b.allSatisfy { $0 >= 65 && $0 <= 90 } && Currency(code: String(decoding: b, as: UTF8.self)) != nil
        case .locale: ExportReader.isLocaleTag(b)
        case .enumeration(let values): values.contains { $0.elementsEqual(b) }
        case .integer, .bool, .blob, .text: false
        }
    }
}

extension ExportReader {
    /// True when every value of `table` passes the screen (then `validate` accepts every value: no column problem).
    func columnsPassScreen(_ table: TableSpec) throws(StoreError) -> Bool {
        let screen = ColumnScreen(table)
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return try run("screening \(table.name)") {
            let statement = try db.makeStatement(sql: "SELECT \(columns) FROM \(table.name)")
            let cursor = try Row.fetchCursor(statement)
            let s = statement.sqliteStatement
            let count = Int32(table.columns.count)
            while try cursor.next() != nil {
                for i in 0..<count where !screen.passes(s, i) { return false }
            }
            return true
        }
    }
}
