import CProcessSetup
import Foundation
import GRDB
import PorticoModel

/// The facts of `schema_info` every page needs.
public struct ExportInfo: Sendable, Equatable {
    public let exportedAt: Timestamp
    public let companyName: String
    public let companyCurrency: Currency
    /// The as-of day of the data (the day of `exportedAt`).
    public var asOf: Day { exportedAt.day }

    public init(exportedAt: Timestamp, companyName: String, companyCurrency: Currency) {
        self.exportedAt = exportedAt
        self.companyName = companyName
        self.companyCurrency = companyCurrency
    }
}

/// The ERP export, opened read-only. All reading happens inside `read`, one read transaction.
public struct ExportDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// SQLite's process-wide settings, made before the first connection opens (see `portico_sqlite_setup`): every
    /// connection is used by one thread at a time (GRDB's serialized access), so SQLite's own mutexes and its memory
    /// statistics (a process-wide lock on every allocation, contended when the check runs beside the reading) are
    /// only cost. 0 when set; SQLite's code when it had already been initialized (its defaults stay, also correct).
    public static let sqliteSetup: Int32 = portico_sqlite_setup()

    /// Opens the file read-only and verifies it is a schema-version-1 database.
    public init(path: String) throws(StoreError) {
        _ = Self.sqliteSetup
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        var config = Configuration()
        config.readonly = true
        config.label = "export"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw .notSQLite(path: path, detail: Self.detail(error))
        }
        try verifyVersion()
    }

    static func detail(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    private func verifyVersion() throws(StoreError) {
        let found: String?
        do {
            found = try queue.read { db -> String? in
                guard try db.tableExists("schema_info") else { return nil }
                return try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM schema_info WHERE key = 'schema_version'")
            }
        } catch {
            throw .notSQLite(path: path, detail: Self.detail(error))
        }
        guard found == String(Schema.version) else { throw .wrongSchemaVersion(path: path, found: found) }
    }

    /// Runs `body` inside one read transaction: everything it reads is one consistent snapshot of the export.
    public func read<T>(_ body: (ExportReader) throws -> T) throws -> T {
        try queue.read { db in try body(ExportReader(db: db, path: path)) }
    }

    /// What tells whether two read transactions see the same data, or nil when it cannot be told.
    /// Taken before a first transaction begins and again after a second one has read: equal witnesses mean both
    /// read the same committed state.
    /// - Rollback journal: a reading transaction holds SQLite's shared lock, under which nothing can be committed,
    ///   so a transaction begun while another reads sees what it sees. The witness is a constant.
    /// - WAL: readers do not stop writers. The witness is the WAL index header (the first 96 bytes of the `-shm`
    ///   file: two copies of a header whose change counter and last frame change with every commit; the layout is
    ///   SQLite's documented file format), which a reader's snapshot is taken from.
    public static func snapshotWitness(path: String) -> [UInt8]? {
        func prefix(_ file: String, _ count: Int) -> [UInt8]? {
            guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
            defer { try? handle.close() }
            guard let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        guard let header = prefix(path, 100), header.starts(with: Array("SQLite format 3\0".utf8)) else { return nil }
        // Bytes 18 and 19: the file format's write and read versions, 2 in WAL mode.
        guard header[18] == 2 || header[19] == 2 else { return [1] }
        return prefix(path + "-shm", 96)
    }
}

/// Reading inside the build's one read transaction.
public struct ExportReader {
    /// `PORTICO_TRACE_SQL=1` prints the time of every query group to standard error.
    static let trace = ProcessInfo.processInfo.environment["PORTICO_TRACE_SQL"] == "1"
    public let db: Database
    public let path: String

    /// `schema_info`'s facts; missing or malformed ones are an error of the whole export.
    public func info() throws(StoreError) -> ExportInfo {
        let rows: [String: String]
        do {
            rows = try Dictionary(Row.fetchAll(db, sql: "SELECT CAST(key AS TEXT), CAST(value AS TEXT) FROM schema_info").compactMap { row -> (String, String)? in
                guard let k: String = row[0], let v: String = row[1] else { return nil }
                return (k, v)
            }, uniquingKeysWith: { a, _ in a })
        } catch {
            throw .sqlite(path: path, context: "reading schema_info", detail: ExportDatabase.detail(error))
        }
        guard let exported = rows["exported_at"] else { throw .missingInfo(path: path, key: "exported_at", problem: "missing") }
        guard let at = Timestamp(exported) else {
            throw .missingInfo(path: path, key: "exported_at", problem: "'\(exported)' is not a timestamp YYYY-MM-DDTHH:MM:SSZ")
        }
        guard let name = rows["company_name"], !name.isEmpty else { throw .missingInfo(path: path, key: "company_name", problem: "missing") }
        guard let code = rows["company_currency"] else { throw .missingInfo(path: path, key: "company_currency", problem: "missing") }
        guard let currency = Currency(code: code) else {
            throw .missingInfo(path: path, key: "company_currency", problem: "'\(code)' is not an ISO 4217 currency code")
        }
        return ExportInfo(exportedAt: at, companyName: name, companyCurrency: currency)
    }

    /// Runs a query, wrapping SQLite errors with the file and what was being read.
    func run<T>(_ context: String, _ body: () throws -> T) throws(StoreError) -> T {
        let started = ExportReader.trace ? Date() : nil
        defer {
            if let started {
                FileHandle.standardError.write(Data(String(format: "%8.3f s  %@\n", Date().timeIntervalSince(started), context).utf8))
            }
        }
        do { return try body() } catch let e as StoreError { throw e } catch {
            throw .sqlite(path: path, context: context, detail: ExportDatabase.detail(error))
        }
    }

    /// Reads from the file, so the transaction's snapshot is taken now rather than at its first real query.
    public func beginSnapshot() throws(StoreError) {
        try run("beginning the read") { _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    }

    /// Names of the tables present in the file.
    func tableNames() throws(StoreError) -> Set<String> {
        try run("listing tables") { Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")) }
    }
}
