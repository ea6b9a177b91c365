import Foundation
import GRDB
import GRDBSQLite
import PorticoModel

/// The column positions of a statement, looked up once: reading a value by name then costs one hash lookup.
final class ColumnIndexes: @unchecked Sendable {
    /// The statement's column names, in order, and the FNV-1a hash of each.
    let names: [String]
    private let hashes: [UInt64]
    var count: Int { names.count }
    init(_ names: [String]) {
        self.names = names
        hashes = names.map { FNV1a.hash(string: $0) }
    }

    /// The first column named `name`: its hash compared with each column's (a statement has a few dozen columns at
    /// most), the name itself only where the hash matches. A `Dictionary` hashed the name with SipHash for every
    /// value read: 2 % of a full build's instructions, decoding rows into records.
    @inline(__always)
    func position(_ name: String) -> Int? {
        let hash = FNV1a.hash(string: name)
        return hashes.withUnsafeBufferPointer { hashes in
            for i in 0..<hashes.count where hashes[i] == hash && names[i] == name { return i }
            return nil
        }
    }
}

/// Rows of one statement kept as bytes, exactly as SQLite gave them: per column a type tag (0 null, 1 integer,
/// 2 real, 3 text, 4 blob) and then 8 bytes (integer, real) or an 8-byte length and the bytes (text, blob).
/// The same bytes are the rows' fingerprint input, so a party's rows are hashed without decoding them, and
/// decoded into records only when the party is rendered (on a worker thread).
struct RawRows: Sendable {
    let columns: ColumnIndexes
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = []

    init(columns: ColumnIndexes) { self.columns = columns }

    var count: Int { starts.count }

    /// Appends the statement's current row. The row is laid out in a buffer on the stack and appended in one copy
    /// (a value too large for it goes straight to `bytes`): appending each tag, word and text on its own was a
    /// generic call each, a dozen or more per row.
    mutating func append(_ statement: SQLiteStatement) {
        starts.append(bytes.count)
        let n = Int32(columns.count)
        let size = 2048
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { scratch in
            let out = scratch.baseAddress!
            var o = 0
            func flush() {
                if o > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: o)) }
                o = 0
            }
            func head(_ tag: UInt8, _ v: UInt64) {
                if o + 9 > size { flush() }
                out[o] = tag
                UnsafeMutableRawPointer(out + o + 1).storeBytes(of: v.littleEndian, as: UInt64.self)
                o += 9
            }
            func payload(_ p: UnsafeRawPointer?, _ count: Int) {
                guard let p, count > 0 else { return }
                if o + count <= size {
                    UnsafeMutableRawPointer(out + o).copyMemory(from: p, byteCount: count)
                    o += count
                } else {
                    flush()
                    bytes.append(contentsOf: UnsafeRawBufferPointer(start: p, count: count))
                }
            }
            for i in 0..<n {
                switch sqlite3_column_type(statement, i) {
                case SQLITE_INTEGER:
                    head(1, UInt64(bitPattern: sqlite3_column_int64(statement, i)))
                case SQLITE_FLOAT:
                    head(2, sqlite3_column_double(statement, i).bitPattern)
                case SQLITE_TEXT:
                    let p = sqlite3_column_text(statement, i)
                    let count = Int(sqlite3_column_bytes(statement, i))
                    head(3, UInt64(count))
                    payload(UnsafeRawPointer(p), count)
                case SQLITE_BLOB:
                    let p = sqlite3_column_blob(statement, i)
                    let count = Int(sqlite3_column_bytes(statement, i))
                    head(4, UInt64(count))
                    payload(p, count)
                default:
                    if o + 1 > size { flush() }
                    out[o] = 0
                    o += 1
                }
            }
            flush()
        }
    }

    /// Every row decoded with `decode`, in reading order.
    func decode<Record>(_ decode: (RowReader) -> Record) -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(starts.count)
        var slots = [Int](repeating: 0, count: columns.count)
        for start in starts {
            var o = start
            for c in 0..<columns.count {
                slots[c] = o
                switch bytes[o] {
                case 1, 2: o += 9
                case 3, 4: o += 9 + Int(RowReader.word(bytes, o + 1))
                default: o += 1
                }
            }
            records.append(decode(RowReader(columns: columns, bytes: bytes, slots: slots)))
        }
        return records
    }
}

/// Column `i` of the statement's current row as the bytes of its text, or nil when the value is not TEXT (nothing is
/// converted). Valid until the statement steps.
func sqliteText(_ s: SQLiteStatement, _ i: Int32) -> UnsafeBufferPointer<UInt8>? {
    guard sqlite3_column_type(s, i) == SQLITE_TEXT else { return nil }
    let p = sqlite3_column_text(s, i)
    return UnsafeBufferPointer(start: p, count: p == nil ? 0 : Int(sqlite3_column_bytes(s, i)))
}

/// One row of a `RawRows`, read by column name.
struct RowReader {
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    let columns: ColumnIndexes
    let bytes: [UInt8]
    let slots: [Int]

    /// The little-endian word at `at` (one unaligned load; a loop over the bytes checked each one's bound).
    static func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        precondition(at >= 0 && at + 8 <= bytes.count)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }

    func value(_ name: String) -> Value {
        guard let i = columns.position(name) else { return .null }
        let o = slots[i]
        switch bytes[o] {
        case 1: return .integer(Int64(bitPattern: Self.word(bytes, o + 1)))
        case 2: return .real(Double(bitPattern: Self.word(bytes, o + 1)))
        case 3:
            let n = Int(Self.word(bytes, o + 1))
            // Invalid UTF-8 in a TEXT column becomes U+FFFD rather than trapping or passing raw bytes on.
            return .text(String(decoding: bytes[(o + 9)..<(o + 9 + n)], as: UTF8.self))
        case 4:
            let n = Int(Self.word(bytes, o + 1))
            return .blob(Array(bytes[(o + 9)..<(o + 9 + n)]))
        default: return .null
        }
    }
}

/// Lenient decoding of export rows. Rows of a party are only rendered when `check` found no error in
/// that party's rows, so the fallbacks here never reach a page; they only keep the reader from trapping.
extension RowReader {
    func text(_ column: String) -> String {
        switch value(column) {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        default: return ""
        }
    }

    func optionalText(_ column: String) -> String? {
        // One look at the value (asking `text(column)` after it looked the column up and made the string twice).
        let s: String
        switch value(column) {
        case .null: return nil
        case .text(let t): s = t
        case .integer(let v): s = String(v)
        case .real(let v): s = String(v)
        case .blob: s = ""
        }
        return s.isEmpty ? nil : s
    }

    /// Parses a TEXT value's bytes where they are (no string is made); nil for NULL, other types and empty text.
    func parsedText<T>(_ column: String, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard let i = columns.position(column) else { return nil }
        let o = slots[i]
        guard bytes[o] == 3 else { return nil }
        let n = Int(Self.word(bytes, o + 1))
        guard n > 0 else { return nil }
        return bytes.withUnsafeBufferPointer { parse(UnsafeBufferPointer(rebasing: $0[(o + 9)..<(o + 9 + n)])) }
    }

    func int(_ column: String) -> Int64 {
        if case .integer(let v) = value(column) { return v }
        return 0
    }

    func optionalInt(_ column: String) -> Int64? {
        if case .integer(let v) = value(column) { return v }
        return nil
    }

    func bool(_ column: String) -> Bool { int(column) == 1 }

    func day(_ column: String) -> Day { optionalDay(column) ?? Day(ordinal: 0) }
    /// A date or time is TEXT in the export (an integer in its column is no date: `Day` and `Timestamp` parse only
    /// `YYYY-MM-DD…`), so it is parsed from the value's bytes.
    func optionalDay(_ column: String) -> Day? { parsedText(column) { Day(utf8: $0) } }

    func timestamp(_ column: String) -> Timestamp { optionalTimestamp(column) ?? Timestamp("1970-01-01T00:00:00Z")! }
    func optionalTimestamp(_ column: String) -> Timestamp? { parsedText(column) { Timestamp(utf8: $0) } }

    func quantity(_ column: String) -> Quantity { optionalQuantity(column) ?? .zero }
    func optionalQuantity(_ column: String) -> Quantity? { optionalText(column).flatMap(Quantity.init) }

    func currency(_ column: String) -> Currency { Currency(code: text(column)) ?? Currency(code: "EUR")! }

    func enumeration<E: RawRepresentable & CaseIterable>(_ column: String) -> E where E.RawValue == String {
        E(rawValue: text(column)) ?? E.allCases.first!
    }

    func optionalEnumeration<E: RawRepresentable>(_ column: String) -> E? where E.RawValue == String {
        optionalText(column).flatMap(E.init(rawValue:))
    }

    func blob(_ column: String) -> [UInt8] {
        switch value(column) {
        case .blob(let d): return d
        case .text(let s): return Array(s.utf8)
        default: return []
        }
    }
}
