import GRDB
import PorticoModel

/// A cursor over one table's rows sorted by party account, from which each party's rows are taken in turn.
/// All of a build's cursors advance together through the parties in account order (a merge join), so
/// each table is read once, memory holds one party at a time, and no index on the export is required.
final class PartyCursor<Record> {
    private let cursor: RowCursor
    private let columns: ColumnIndexes
    private let decode: (RowReader) -> Record
    private var peeked: (party: String, record: Record, digest: [UInt8])?
    private var finished = false

    /// `sql` must select a `_party` column and order by it (`ORDER BY _party` uses SQLite's BINARY collation).
    init(_ db: Database, sql: String, decode: @escaping (RowReader) -> Record) throws {
        let statement = try db.makeStatement(sql: sql)
        columns = ColumnIndexes(statement.columnNames)
        cursor = try Row.fetchCursor(statement)
        self.decode = decode
    }

    private func advance() throws {
        if let row = try cursor.next() {
            let reader = RowReader(row: row, columns: columns)
            peeked = (reader["_party"] ?? "", decode(reader), RowHashing.digest(row))
        } else {
            peeked = nil
            finished = true
        }
    }

    /// The rows of `account`, skipping rows of parties before it (parties that are not being built).
    /// Every row taken is also fed into `hash`, so a party's fingerprint covers all its rows.
    func take(_ account: String, hash: inout SHA256) throws -> [Record] {
        if peeked == nil && !finished { try advance() }
        var records: [Record] = []
        while let p = peeked {
            if p.party == account {
                records.append(p.record)
                hash.update(p.digest)
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

/// A row's values as bytes for a fingerprint: each value tagged with its type and length-prefixed.
enum RowHashing {
    static func digest(_ row: Row) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in row.databaseValues {
            switch value.storage {
            case .null: bytes.append(0)
            case .int64(let v):
                bytes.append(1)
                withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
            case .double(let v):
                bytes.append(2)
                withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .string(let s):
                bytes.append(3)
                withUnsafeBytes(of: UInt64(s.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: s.utf8)
            case .blob(let d):
                bytes.append(4)
                withUnsafeBytes(of: UInt64(d.count).littleEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: d)
            }
        }
        return bytes
    }
}
