import Foundation
import GRDB
import GRDBSQLite
import PorticoModel

/// One party's rows of one table, kept as bytes and decoded into records only when asked.
struct PartyRows<Record>: Sendable {
    let raw: RawRows
    let decode: @Sendable (RowReader) -> Record
    func records() -> [Record] { raw.decode(decode) }
}

/// A cursor over one table's rows sorted by party account, from which each party's rows are taken in turn.
/// All of a build's cursors advance together through the parties in account order (a merge join), so
/// each table is read once, memory holds one party at a time, and no index on the export is required.
/// Rows are copied as SQLite's bytes and hashed as such; nothing is decoded while reading.
final class PartyCursor<Record> {
    private let statement: Statement
    private let cursor: RowCursor
    private let columns: ColumnIndexes
    private let partyColumn: Int32
    private let decode: @Sendable (RowReader) -> Record
    /// The statement stands on a row no `take` has consumed yet.
    private var onRow = false
    private var finished = false

    /// `sql` must select a `_party` column and order by it (`ORDER BY _party` uses SQLite's BINARY collation).
    init(_ db: Database, sql: String, decode: @escaping @Sendable (RowReader) -> Record) throws {
        statement = try db.makeStatement(sql: sql)
        columns = ColumnIndexes(statement.columnNames)
        partyColumn = Int32(columns.position("_party") ?? 0)
        cursor = try Row.fetchCursor(statement)
        self.decode = decode
    }

    /// The rows of `account`, skipping rows of parties before it (parties that are not being built).
    /// The rows' bytes and their count are fed into `hash`, so a party's fingerprint covers all its rows.
    func take(_ account: String, hash: inout SHA256) throws -> PartyRows<Record> {
        var raw = RawRows(columns: columns)
        var key = account
        try key.withUTF8 { key in
            while true {
                if !onRow {
                    if finished { break }
                    guard try cursor.next() != nil else {
                        finished = true
                        break
                    }
                    onRow = true
                }
                let order = compareParty(with: key)
                if order > 0 { break }
                // Equal: ours. Before: another party's rows (one not being built), skipped.
                if order == 0 { raw.append(statement.sqliteStatement) }
                onRow = false
            }
        }
        var count = UInt64(raw.count).littleEndian
        hash.update(withUnsafeBytes(of: &count) { Array($0) })
        if raw.count > 0 { hash.update(raw.bytes) }
        return PartyRows(raw: raw, decode: decode)
    }

    /// The current row's `_party` compared with `key` in SQLite's BINARY order (bytes, then length).
    private func compareParty(with key: UnsafeBufferPointer<UInt8>) -> Int {
        let s = statement.sqliteStatement
        let n = Int(sqlite3_column_bytes(s, partyColumn))
        guard n > 0, let p = sqlite3_column_text(s, partyColumn) else { return key.isEmpty ? 0 : -1 }
        let common = min(n, key.count)
        if common > 0, let k = key.baseAddress {
            let c = memcmp(p, k, common)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return n == key.count ? 0 : (n < key.count ? -1 : 1)
    }
}

/// A cursor over the parties themselves (vendors, or invoice accounts), each row captured as bytes.
final class HeadCursor {
    private let statement: Statement
    private let cursor: RowCursor
    private let columns: ColumnIndexes

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        columns = ColumnIndexes(statement.columnNames)
        cursor = try Row.fetchCursor(statement)
    }

    /// The next row as bytes, or nil after the last.
    func next() throws -> RawRows? {
        guard try cursor.next() != nil else { return nil }
        var raw = RawRows(columns: columns)
        raw.append(statement.sqliteStatement)
        return raw
    }
}
