import GRDB
import PorticoModel

/// A cursor over one table's rows sorted by party account, from which each party's rows are taken in turn.
/// All of a build's cursors advance together through the parties in account order (a merge join), so
/// each table is read once, memory holds one party at a time, and no index on the export is required.
final class PartyCursor<Record> {
    private let cursor: RowCursor
    private let decode: (Row) -> Record
    private var peeked: (party: String, record: Record)?
    private var finished = false

    /// `sql` must select a `_party` column and order by it (`ORDER BY _party` uses SQLite's BINARY collation).
    init(_ db: Database, sql: String, decode: @escaping (Row) -> Record) throws {
        cursor = try Row.fetchCursor(db, sql: sql)
        self.decode = decode
    }

    private func advance() throws {
        if let row = try cursor.next() {
            peeked = (row["_party"] ?? "", decode(row))
        } else {
            peeked = nil
            finished = true
        }
    }

    /// The rows of `account`, skipping rows of parties before it (parties that are not being built).
    func take(_ account: String) throws -> [Record] {
        if peeked == nil && !finished { try advance() }
        var records: [Record] = []
        while let p = peeked {
            if p.party == account {
                records.append(p.record)
            } else if p.party.utf8.lexicographicallyPrecedes(account.utf8) {
                // another party's rows, before this one in account order: not ours, skip
            } else {
                break
            }
            try advance()
        }
        return records
    }
}
