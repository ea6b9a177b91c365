import GRDB
import GRDBSQLite
import PorticoModel

extension ExportReader {
    /// Every data error of the export: the structure, every column of every row, keys, references,
    /// and the domain rules. Sorted by table, key and column.
    public func problems() throws(StoreError) -> [Problem] {
        let structure = try structureProblems()
        // Tables or columns missing: the row checks below would only fail on them.
        guard structure.isEmpty else { return structure.sorted() }
        var problems: [Problem] = []
        for task in CheckTask.all { problems += try self.problems(of: task) }
        return try finish(problems)
    }

    /// The problems one part of the check finds (on a file whose structure is complete).
    public func problems(of task: CheckTask) throws(StoreError) -> [Problem] {
        switch task.kind {
        case .columns(let table): try columnProblems(table)
        case .keys(let table): try keyProblems(table)
        case .references(let table): try referenceProblems(table)
        case .domain(let index): try domainProblems(Self.domainRules[index])
        }
    }

    /// The parts' problems together: a row whose party does not exist belongs to no party (such errors stop a
    /// build); each problem once, sorted by table, key and column.
    public func finish(_ problems: [Problem]) throws(StoreError) -> [Problem] {
        let vendors = try run("listing vendors") { Set(try String.fetchAll(db, sql: "SELECT account FROM vendor WHERE account IS NOT NULL")) }
        let customers = try run("listing customers") { Set(try String.fetchAll(db, sql: "SELECT account FROM customer WHERE account IS NOT NULL")) }
        let attributed = problems.map { p in
            guard let party = p.party else { return p }
            let exists = party.kind == .vendor ? vendors.contains(party.account) : customers.contains(party.account)
            return exists ? p : Problem(table: p.table, key: p.key, column: p.column, message: p.message, party: nil)
        }
        return Array(Set(attributed)).sorted()
    }

    /// Tables and columns of schema version 1 that the file lacks.
    public func structureProblems() throws(StoreError) -> [Problem] {
        let present = try tableNames()
        var problems: [Problem] = []
        for table in Schema.tables {
            guard present.contains(table.name) else {
                problems.append(Problem(table: table.name, key: "-", column: "-", message: "table is missing", party: nil))
                continue
            }
            let columns = try run("reading the columns of \(table.name)") {
                Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.name))").map { $0["name"] as String })
            }
            for col in table.columns where !columns.contains(col.name) {
                problems.append(Problem(table: table.name, key: "-", column: col.name, message: "column is missing", party: nil))
            }
        }
        return problems
    }

    /// The SQL selecting a row's key, party kind and party account, in that order.
    static func keyAndParty(_ table: TableSpec) -> String {
        let party = table.partySQL ?? (kind: "NULL", account: "NULL")
        return "\(table.keySQL) AS _key, \(party.kind) AS _party_kind, \(party.account) AS _party_account"
    }

    static func party(_ row: Row) -> PartyRef? {
        guard let kind: String = row["_party_kind"], let k = PartyKind(rawValue: kind), let account: String = row["_party_account"] else { return nil }
        return PartyRef(k, account)
    }

    /// Checks every value of every row against its column's kind: missing values, types, enumerations, dates, decimals, currencies.
    /// SQLite selects the rows that may be wrong (a superset, at C speed); `validate` decides and words each problem.
    /// A table whose every value passes `ColumnScreen` (the common case) has none, and is not filtered again.
    func columnProblems(_ table: TableSpec) throws(StoreError) -> [Problem] {
        if try columnsPassScreen(table) { return [] }
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let suspicious = table.columns.map { "(\(Self.suspicionSQL($0)))" }.joined(separator: " OR ")
        let sql = "SELECT \(Self.keyAndParty(table)), \(columns) FROM \(table.name) WHERE \(suspicious)"
        return try run("checking \(table.name)") {
            var problems: [Problem] = []
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                for (i, col) in table.columns.enumerated() {
                    let value: DatabaseValue = row[3 + i]
                    guard let message = Self.validate(value, col) else { continue }
                    problems.append(Problem(table: table.name, key: row["_key"] ?? "?", column: col.name, message: message, party: Self.party(row)))
                }
            }
            return problems
        }
    }

    /// SQL that is true for every value `validate` would reject (and perhaps a few it accepts).
    static func suspicionSQL(_ col: ColumnSpec) -> String {
        let c = "\"\(col.name)\""
        let missing = col.notNull ? "\(c) IS NULL" : "0"
        let bad: String
        switch col.kind {
        case .integer, .money: bad = "typeof(\(c)) <> 'integer'"
        case .bool: bad = "typeof(\(c)) <> 'integer' OR \(c) NOT IN (0, 1)"
        case .blob: bad = "typeof(\(c)) <> 'blob'"
        case .text: bad = "typeof(\(c)) NOT IN ('text', 'integer')"
        case .date:
            bad = "typeof(\(c)) <> 'text' OR NOT \(c) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' OR \(impossibleDay(c))"
        case .timestamp:
            bad = "typeof(\(c)) <> 'text' OR NOT \(c) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z' "
                + "OR substr(\(c), 12, 2) > '23' OR \(impossibleDay(c))"
        case .decimal:
            bad = """
            typeof(\(c)) <> 'text' OR NOT \(c) GLOB '*[0-9]*' OR \(c) GLOB '*[^0-9.-]*' OR \(c) GLOB '?*-*' OR \(c) GLOB '*.*.*' \
            OR \(c) GLOB '*.' OR \(c) GLOB '.*' OR \(c) GLOB '-.*' OR length(\(c)) > 18
            """
        case .currency:
            bad = "typeof(\(c)) <> 'text' OR \(c) NOT IN (\(ISO4217Codes.sqlList))"
        case .locale:
            bad = "typeof(\(c)) <> 'text' OR NOT (\(c) GLOB '[a-z][a-z]' OR \(c) GLOB '[a-z][a-z]-[A-Z][A-Z]')"
        case .enumeration(let values):
            bad = "typeof(\(c)) <> 'text' OR \(c) NOT IN (\(values.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        return "\(missing) OR (\(c) IS NOT NULL AND (\(bad)))"
    }

    /// True for every `YYYY-MM-DD` prefix that is not a day (year 0000, month 00 or 13-19, day 00 or past the
    /// month's end) and for every 29 February (leap years are left to `validate`). SQLite's date functions accept
    /// year 0000, which `Day` does not, so they missed such dates.
    static func impossibleDay(_ c: String) -> String {
        "substr(\(c), 1, 4) = '0000' OR substr(\(c), 6, 2) NOT BETWEEN '01' AND '12' OR substr(\(c), 9, 2) NOT BETWEEN '01' AND '31' "
            + "OR (substr(\(c), 9, 2) > '28' AND (substr(\(c), 6, 2) = '02' OR (substr(\(c), 9, 2) = '31' AND substr(\(c), 6, 2) IN ('04', '06', '09', '11'))))"
    }

    /// What is wrong with one value, or nil.
    static func validate(_ value: DatabaseValue, _ col: ColumnSpec) -> String? {
        if value.isNull { return col.notNull ? "is missing (NULL)" : nil }
        switch col.kind {
        case .integer:
            guard case .int64 = value.storage else { return "\(shown(value)) is not an integer" }
        case .money:
            guard case .int64 = value.storage else { return "\(shown(value)) is not an integer amount in minor units" }
        case .bool:
            guard case .int64(let v) = value.storage, v == 0 || v == 1 else { return "\(shown(value)) is not 0 or 1" }
        case .blob:
            guard case .blob = value.storage else { return "is not a BLOB" }
        case .text:
            guard case .string = value.storage else {
                if case .int64 = value.storage { return nil }
                return "\(shown(value)) is not text"
            }
        case .date:
            guard case .string(let s) = value.storage, Day(s) != nil else { return "\(shown(value)) is not a date YYYY-MM-DD" }
        case .timestamp:
            guard case .string(let s) = value.storage, Timestamp(s) != nil else { return "\(shown(value)) is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ" }
        case .decimal:
            guard case .string(let s) = value.storage, Quantity(s) != nil else { return "\(shown(value)) is not a decimal number" }
        case .currency:
            guard case .string(let s) = value.storage, Currency(code: s) != nil else { return "\(shown(value)) is not an ISO 4217 currency code" }
        case .locale:
            guard case .string(let s) = value.storage, isLocaleTag(s) else { return "\(shown(value)) is not a language tag such as nl-NL" }
        case .enumeration(let values):
            guard case .string(let s) = value.storage, values.contains(s) else {
                return "\(shown(value)) is not one of \(values.joined(separator: ", "))"
            }
        }
        return nil
    }

    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let v): String(v)
        case .double(let v): String(v)
        case .string(let s): "'" + (s.count > 40 ? String(s.prefix(40)) + "…" : s) + "'"
        case .blob(let d): "a BLOB of \(d.count) bytes"
        }
    }

    /// `ll` or `ll-CC` (language lower case, region upper case).
    static func isLocaleTag(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isLocaleTag($0) }
    }

    static func isLocaleTag(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        func lower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        if b.count == 2 { return lower(b[0]) && lower(b[1]) }
        return b.count == 5 && lower(b[0]) && lower(b[1]) && b[2] == UInt8(ascii: "-") && upper(b[3]) && upper(b[4])
    }

    /// Duplicate primary keys and unique columns (an export without constraints may hold them). A group the file's
    /// own schema keeps unique (`uniqueColumnSets`) is not grouped again: SQLite refused every duplicate when the
    /// rows were written.
    func keyProblems(_ table: TableSpec) throws(StoreError) -> [Problem] {
        var groups: [[String]] = table.uniques
        if !table.primaryKey.isEmpty { groups.insert(table.primaryKey, at: 0) }
        let kept = try uniqueColumnSets(table.name)
        var problems: [Problem] = []
        for group in groups where !kept.contains(Set(group)) {
            let cols = group.joined(separator: ", ")
            let sql = """
            SELECT \(Self.keyAndParty(table)) FROM \(table.name)
            WHERE (\(cols)) IN (SELECT \(cols) FROM \(table.name) GROUP BY \(cols) HAVING count(*) > 1)
            """
            let what = group == table.primaryKey ? "duplicate primary key" : "duplicate \(cols)"
            problems += try run("checking keys of \(table.name)") {
                try Row.fetchAll(db, sql: sql).map {
                    Problem(table: table.name, key: $0["_key"] ?? "?", column: cols, message: what, party: Self.party($0))
                }
            }
        }
        return problems
    }

    /// The sets of columns in which the file's schema makes SQLite refuse two rows with the same non-NULL values,
    /// compared as the check's `GROUP BY` compares them, so `keyProblems` cannot find a duplicate there (it never
    /// reports rows with a NULL in the group: `(a, NULL) IN (...)` is not true). They are the table's rowid, and the
    /// keys of each unique index that is not partial and compares every key column with the collation the column itself
    /// declares (a `GROUP BY` compares by the column's collation; an index with another one, looser or stricter, is not
    /// taken as proof). The schema is read once per table.
    func uniqueColumnSets(_ table: String) throws(StoreError) -> [Set<String>] {
        try run("reading the indexes of \(table)") {
            var sets: [Set<String>] = []
            let indexes = try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", arguments: [table])
            // The rowid: a table's one `INTEGER PRIMARY KEY` with no index of its own (which any other primary key,
            // `WITHOUT ROWID` included, has). Its values are distinct integers, which no collation compares.
            if !indexes.contains(where: { $0["origin"] == "pk" }) {
                let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [table])
                let keys = info.filter { ($0["pk"] as Int? ?? 0) > 0 }
                if keys.count == 1, (keys[0]["type"] as String?)?.uppercased() == "INTEGER", let name: String = keys[0]["name"] {
                    sets.append([name])
                }
            }
            for index in indexes where index["unique"] == 1 && index["partial"] == 0 {
                let name: String = index["name"]
                let keys = try Row.fetchAll(db, sql: "SELECT cid, name, coll FROM pragma_index_xinfo(?) WHERE key = 1", arguments: [name])
                guard keys.allSatisfy({ ($0["cid"] as Int? ?? -1) >= 0 }) else { continue }
                if try keys.allSatisfy({ key throws in
                    try (key["coll"] as String? ?? "").uppercased() == Self.declaredCollation(db, table: table, column: key["name"])
                }) {
                    sets.append(Set(keys.compactMap { $0["name"] as String? }))
                }
            }
            return sets
        }
    }

    /// The collation a column declares (`BINARY` when it declares none), upper case, from SQLite's own parse of the schema.
    static func declaredCollation(_ db: Database, table: String, column: String) throws -> String {
        var type: UnsafePointer<CChar>?
        var collation: UnsafePointer<CChar>?
        var notNull: Int32 = 0, primaryKey: Int32 = 0, autoIncrement: Int32 = 0
        let code = sqlite3_table_column_metadata(db.sqliteConnection, "main", table, column, &type, &collation, &notNull, &primaryKey, &autoIncrement)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "no column \(table).\(column)") }
        return collation.map { String(cString: $0).uppercased() } ?? "BINARY"
    }

    /// References to rows that do not exist.
    func referenceProblems(_ table: TableSpec) throws(StoreError) -> [Problem] {
        var problems: [Problem] = []
        for fk in table.foreignKeys {
            let present = fk.columns.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
            let match = zip(fk.columns, fk.targetColumns).map { "t.\($1) = \(table.name).\($0)" }.joined(separator: " AND ")
            let shown = fk.columns.map { "COALESCE(CAST(\($0) AS TEXT), '')" }.joined(separator: " || '/' || ")
            let sql = """
            SELECT \(Self.keyAndParty(table)), \(shown) AS _ref FROM \(table.name)
            WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(fk.table) t WHERE \(match))
            """
            problems += try run("checking references of \(table.name)") {
                try Row.fetchAll(db, sql: sql).map {
                    Problem(table: table.name, key: $0["_key"] ?? "?", column: fk.columns.joined(separator: ","),
                            message: "refers to \(fk.table) '\($0["_ref"] ?? "")', which does not exist", party: Self.party($0))
                }
            }
        }
        return problems
    }
}

/// One independent part of `ExportReader.problems()`: its queries need nothing of the others, so several
/// connections reading the same snapshot can share the parts.
public struct CheckTask: Sendable {
    enum Kind: Sendable {
        case columns(TableSpec)
        case keys(TableSpec)
        case references(TableSpec)
        case domain(Int)
    }
    let kind: Kind

    /// Every part, in the order a single connection runs them.
    public static var all: [CheckTask] {
        Schema.tables.flatMap { [CheckTask(kind: .columns($0)), CheckTask(kind: .keys($0)), CheckTask(kind: .references($0))] }
            + ExportReader.domainRules.indices.map { CheckTask(kind: .domain($0)) }
    }
}
