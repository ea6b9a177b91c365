import GRDB
import PorticoModel

/// The column positions of a statement, looked up once: reading a value by name then costs one hash lookup
/// instead of GRDB's scan over the column names.
final class ColumnIndexes: @unchecked Sendable {
    let positions: [String: Int]
    init(_ names: [String]) {
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }
}

/// A row with its statement's column positions.
struct RowReader {
    let row: Row
    let columns: ColumnIndexes

    subscript(_ name: String) -> DatabaseValue {
        guard let i = columns.positions[name] else { return .null }
        return row[i]
    }
    subscript(_ name: String) -> String? {
        guard let i = columns.positions[name] else { return nil }
        return row[i]
    }
}

/// Lenient decoding of export rows. Rows of a party are only rendered when `check` found no error in
/// that party's rows, so the fallbacks here never reach a page; they only keep the reader from trapping.
extension RowReader {
    func text(_ column: String) -> String {
        let value: DatabaseValue = self[column]
        switch value.storage {
        case .string(let s): return s
        case .int64(let v): return String(v)
        case .double(let v): return String(v)
        default: return ""
        }
    }

    func optionalText(_ column: String) -> String? {
        let value: DatabaseValue = self[column]
        if value.isNull { return nil }
        let s = text(column)
        return s.isEmpty ? nil : s
    }

    func int(_ column: String) -> Int64 {
        let value: DatabaseValue = self[column]
        if case .int64(let v) = value.storage { return v }
        return 0
    }

    func optionalInt(_ column: String) -> Int64? {
        let value: DatabaseValue = self[column]
        if case .int64(let v) = value.storage { return v }
        return nil
    }

    func bool(_ column: String) -> Bool { int(column) == 1 }

    func day(_ column: String) -> Day { optionalDay(column) ?? Day(ordinal: 0) }
    func optionalDay(_ column: String) -> Day? { optionalText(column).flatMap(Day.init) }

    func timestamp(_ column: String) -> Timestamp { optionalTimestamp(column) ?? Timestamp("1970-01-01T00:00:00Z")! }
    func optionalTimestamp(_ column: String) -> Timestamp? { optionalText(column).flatMap(Timestamp.init) }

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
        let value: DatabaseValue = self[column]
        switch value.storage {
        case .blob(let d): return [UInt8](d)
        case .string(let s): return Array(s.utf8)
        default: return []
        }
    }
}
