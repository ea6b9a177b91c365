import Foundation
import GRDB
import PorticoModel
@testable import PorticoStore
import PorticoTestSupport
import Testing

/// Rows kept as SQLite's bytes (`RawRows`) and read back by column name (`RowReader`).
@Suite("Rows as bytes, and reading them back")
struct RowDecodingTests {
    /// Every kind of value a column may hold, in random rows of a real SQLite file.
    static func rows() throws -> RawRows {
        let path = Fixture.temporaryPath("rows.sqlite")
        let queue = try DatabaseQueue(path: path)
        var rng = SplitMix64(seed: 5)
        let samples: [(any DatabaseValueConvertible)?] = [
            nil, "", "2026-11-21", "2026-02-30", "2026-11-21T08:30:00Z", "2026-11-21T24:00:00Z", "x", "ü and €", 20261121,
            -123456789, 1.5, Data([0, 1, 2]), Data(), "2026-11-21 ", "12.50",
        ]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d)")
            for _ in 0..<400 {
                let values = (0..<4).map { _ in samples.randomElement(using: &rng)! }
                try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?)", arguments: StatementArguments(values))
            }
        }
        return try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT a, b, c, d FROM t ORDER BY rowid")
            var raw = RawRows(columns: ColumnIndexes(statement.columnNames))
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil { raw.append(statement.sqliteStatement) }
            return raw
        }
    }

    @Test("dates, times and optional text read from the bytes are what the text's own rules give")
    func parsedInPlace() throws {
        let raw = try Self.rows()
        #expect(raw.count == 400)
        var days = 0, times = 0
        _ = raw.decode { r -> Int in
            for column in ["a", "b", "c", "d"] {
                // The rule as first written: the text of any non-NULL value, nil when empty, parsed as text.
                let text: String?
                switch r.value(column) {
                case .null: text = nil
                case .text(let s): text = s.isEmpty ? nil : s
                case .integer(let v): text = String(v)
                case .real(let v): text = String(v)
                case .blob: text = nil
                }
                #expect(r.optionalText(column) == text)
                #expect(r.optionalDay(column) == text.flatMap(Day.init))
                #expect(r.optionalTimestamp(column) == text.flatMap(Timestamp.init))
                if r.optionalDay(column) != nil { days += 1 }
                if r.optionalTimestamp(column) != nil { times += 1 }
            }
            return 0
        }
        #expect(days > 50 && times > 50)
    }

    @Test("a row's bytes: a tag per value, then 8 bytes (integer, real) or a length and the bytes (text, blob)")
    func layout() throws {
        let path = Fixture.temporaryPath("layout.sqlite")
        let queue = try DatabaseQueue(path: path)
        let raw = try queue.write { db -> RawRows in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d, e); INSERT INTO t VALUES (NULL, 258, 'hé', x'0A0B', 0.5)")
            let statement = try db.makeStatement(sql: "SELECT * FROM t")
            var raw = RawRows(columns: ColumnIndexes(statement.columnNames))
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil { raw.append(statement.sqliteStatement) }
            return raw
        }
        let half = withUnsafeBytes(of: (0.5).bitPattern.littleEndian) { Array($0) }
        #expect(raw.bytes == [0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0x68, 0xC3, 0xA9, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0x0A, 0x0B, 2] + half)
        #expect(raw.starts == [0])
    }

    @Test("rows with values larger than the row buffer, and rows of many columns, are laid out the same way")
    func largeValues() throws {
        func word(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        var rng = SplitMix64(seed: 8)
        let path = Fixture.temporaryPath("large.sqlite")
        let queue = try DatabaseQueue(path: path)
        var expected: [UInt8] = []
        var starts: [Int] = []
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (\((0..<12).map { "c\($0)" }.joined(separator: ", ")))")
            for _ in 0..<60 {
                starts.append(expected.count)
                var values: [(any DatabaseValueConvertible)?] = []
                for _ in 0..<12 {
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0:
                        values.append(nil)
                        expected.append(0)
                    case 1:
                        let v = Int64.random(in: Int64.min...Int64.max, using: &rng)
                        values.append(v)
                        expected += [1] + word(UInt64(bitPattern: v))
                    case 2:
                        let text = String(repeating: "é-x", count: Int.random(in: 0...1_500, using: &rng))
                        values.append(text)
                        expected += [3] + word(UInt64(text.utf8.count)) + Array(text.utf8)
                    default:
                        let blob = (0..<Int.random(in: 1...3_000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                        values.append(Data(blob))
                        expected += [4] + word(UInt64(blob.count)) + blob
                    }
                }
                try db.execute(sql: "INSERT INTO t VALUES (\(Array(repeating: "?", count: 12).joined(separator: ", ")))", arguments: StatementArguments(values))
            }
        }
        let raw = try queue.read { db -> RawRows in
            let statement = try db.makeStatement(sql: "SELECT * FROM t ORDER BY rowid")
            var raw = RawRows(columns: ColumnIndexes(statement.columnNames))
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil { raw.append(statement.sqliteStatement) }
            return raw
        }
        #expect(raw.starts == starts)
        #expect(raw.bytes == expected)
        #expect(expected.count > 60 * 4_096)
    }
}
