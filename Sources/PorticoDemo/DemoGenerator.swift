import Foundation
import GRDB
import PorticoModel
import PorticoStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How big a demo database to write.
public enum DemoScale: String, CaseIterable, Sendable {
    /// Every status, list and edge case at least once; about 10 vendors and 20 customers. Used by tests and golden pages.
    case small
    /// About 200 vendors and 1,000 customers.
    case medium
    /// The benchmark: 2,000 vendors, 10,000 customers, 300,000 vendor and 300,000 customer invoices, 100,000 purchase orders.
    case large
}

/// What `DemoGenerator.write` wrote.
public struct DemoSummary: Sendable {
    /// Rows per table, in schema order.
    public let rowsPerTable: [(table: String, rows: Int)]
    public let vendors: Int
    public let customers: Int
}

public enum DemoError: Error, CustomStringConvertible {
    /// The output path exists and cannot be replaced (a directory, or no permission).
    case cannotReplace(path: String, reason: String)
    /// The temporary file next to the output cannot be created or removed.
    case cannotWrite(path: String, reason: String)
    /// SQLite refused something; `context` says what the demo was doing.
    case sqlite(context: String, message: String)
    /// The schema (PorticoStore.Schema) no longer matches what the demo writes.
    case schemaMismatch(String)

    public var description: String {
        switch self {
        case .cannotReplace(let path, let reason): "cannot replace \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .sqlite(let context, let message): "SQLite error while \(context): \(message)"
        case .schemaMismatch(let detail): "the demo generator does not match the schema: \(detail)"
        }
    }
}

/// Writes realistic, deterministic demo databases (schema version 1).
///
/// Every scale starts with the same cast, so every case of the domain document is present whatever the seed:
/// - `V10001` (nl-NL, EUR, consignment) is the showcase vendor: invoices in every status with every history the status model
///   allows (both ways of reopening from `on_hold`), every verification and matching status, unpaid, partly paid, paid,
///   paid together with another invoice and paid in two instalments, one invoice in USD; orders in every status and list
///   (for review with and without earlier versions, awaiting the customer, open and fully received, cancelled,
///   consignment), versions that change quantities, prices and dates and add and remove lines, answers with a split
///   delivery, a substitute, a rejected line and a changed quantity, and the database's only `draft` order; notes and
///   attachments of both visibilities on every vendor subject, one external note with raw HTML and hostile links.
/// - `V10002` en-US/USD with consignment, `V10003` without locale (EUR), `V10004` with its portal disabled,
///   `V10005` en-US/USD, `V10006` without locale (USD).
/// - `C20001` (nl-NL, EUR, terms `2/10 NET30`) is the showcase customer: open invoices with the cash discount still
///   available, not yet due, overdue in every aging bucket, partly paid, paid by bank transfer, card and on account,
///   two invoices in one payment, an invoice paid in two parts, pending and completed invoice requests.
/// - `C20002` en-US/USD, `C20003` the only JPY customer, `C20004` an organisation with members `C20005` and `C20006`,
///   `C20007` without locale, `C20008` with its portal disabled, `C20009` and `C20010` with other terms.
/// The rest is random (seeded): more parties in `medium` and `large`, organisations every forty customers.
/// All dates are relative to the fixed export moment 2026-11-20T23:30:00Z.
public enum DemoGenerator {
    /// The fixed export moment of every demo database.
    public static let exportedAt = DemoClock.exportedAtText
    public static let companyName = "Noordzee Handelsgroep B.V."

    /// Writes a demo database to `path`, replacing any file there. The file is written next to it
    /// (`path + ".tmp"`) and renamed into place, so `path` is never half-written. Same scale and seed, same bytes.
    public static func write(path: String, scale: DemoScale, seed: UInt64) throws -> DemoSummary {
        guard !path.isEmpty else { throw DemoError.cannotWrite(path: path, reason: "empty path") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DemoError.cannotReplace(path: path, reason: "it is a directory")
        }
        let tmp = path + ".tmp"
        try removeIfPresent(tmp)
        for suffix in ["-journal", "-wal", "-shm"] { try removeIfPresent(tmp + suffix) }

        let summary: DemoSummary
        do {
            var config = Configuration()
            config.foreignKeysEnabled = false // checked by the tests; off here for speed
            config.label = "portico-demo"
            let queue = try DatabaseQueue(path: tmp, configuration: config)
            summary = try queue.inDatabase { db in
                try Generation(db: db, scale: scale, seed: seed).run()
            }
            try queue.close()
        } catch {
            try? fm.removeItem(atPath: tmp)
            for suffix in ["-journal", "-wal", "-shm"] { try? fm.removeItem(atPath: tmp + suffix) }
            if let error = error as? DemoError { throw error }
            if let error = error as? DatabaseError {
                throw DemoError.sqlite(context: "writing \(tmp)", message: error.message ?? "\(error.resultCode)")
            }
            throw DemoError.cannotWrite(path: tmp, reason: "\(error)")
        }

        // A stale journal of the file being replaced must not be applied to the new one.
        for suffix in ["-journal", "-wal", "-shm"] {
            do { try removeIfPresent(path + suffix) } catch { throw DemoError.cannotReplace(path: path, reason: "\(error)") }
        }
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: tmp)
            throw DemoError.cannotReplace(path: path, reason: reason)
        }
        return summary
    }

    /// Removes a leftover file (never a directory).
    static func removeIfPresent(_ path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw DemoError.cannotWrite(path: path, reason: "a directory is in the way") }
        do {
            try fm.removeItem(atPath: path)
        } catch {
            throw DemoError.cannotWrite(path: path, reason: "cannot remove the existing file: \(error.localizedDescription)")
        }
    }
}

/// Sizes of one scale.
struct ScaleConfig {
    let vendors: Int
    let customers: Int
    let vendorInvoices: Int
    let customerInvoices: Int
    let purchaseOrders: Int

    init(_ scale: DemoScale) {
        switch scale {
        case .small: self = ScaleConfig(vendors: 10, customers: 20, vendorInvoices: 80, customerInvoices: 110, purchaseOrders: 50)
        case .medium: self = ScaleConfig(vendors: 200, customers: 1000, vendorInvoices: 8000, customerInvoices: 20_000, purchaseOrders: 3000)
        case .large:
            self = ScaleConfig(vendors: 2000, customers: 10_000, vendorInvoices: 300_000, customerInvoices: 300_000, purchaseOrders: 100_000)
        }
    }

    init(vendors: Int, customers: Int, vendorInvoices: Int, customerInvoices: Int, purchaseOrders: Int) {
        self.vendors = vendors
        self.customers = customers
        self.vendorInvoices = vendorInvoices
        self.customerInvoices = customerInvoices
        self.purchaseOrders = purchaseOrders
    }
}

/// One run of the generator: the open database, the statements, the global counters.
final class Generation {
    let db: Database
    let scale: DemoScale
    let config: ScaleConfig
    let seed: UInt64
    var w: DemoWriter!

    var names = NameBook()
    var nextPONumber = 1
    var nextVendorInvoiceID = 1
    var nextVendorPaymentID = 1
    var nextReceiptID = 1
    var nextCustomerInvoiceNumber = 1
    var nextSalesOrderNumber = 1
    var nextCustomerPaymentID = 1
    var nextRequestID = 1
    var nextNoteID = 1
    var nextAttachmentID = 1
    var draftOrderWritten = false
    /// Showcase notes go through every template in turn (so code blocks, lists and links are always there).
    var showcaseVariant = 0

    static let passwordHashes = [
        "$2b$10$Portico0Demo0Salt0000u3A4tZ6TyzVPnOBcYUvuO3sZnVwmfVzG",
        "$2b$10$Portico1Demo1Salt1111u7GU5VDnyU7FU/ZyDdJUOy6u6RQyAhkK",
        "$2b$10$Portico2Demo2Salt2222uwOJW2SN8GD82PkfWB9PMrpT9iTFv3he",
        "$2b$10$Portico3Demo3Salt3333uuj/GrCDq0gbk56RyPwunSp001lAJZW2",
    ]

    /// Sub-stream tags for `DemoRandom(seed:stream:index:)`.
    enum Stream: UInt64 {
        case vendor = 1, customer, vendorCounts, poCounts, customerCounts
    }

    init(db: Database, scale: DemoScale, seed: UInt64) {
        self.db = db
        self.scale = scale
        self.config = ScaleConfig(scale)
        self.seed = seed
    }

    func rng(_ stream: Stream, _ index: Int = 0) -> DemoRandom { DemoRandom(seed: seed, stream: stream.rawValue, index: index) }

    func run() throws -> DemoSummary {
        // Settings that must precede the first table; none of them is stored in a way that varies between runs.
        try db.execute(sql: "PRAGMA page_size = 4096")
        try db.execute(sql: "PRAGMA journal_mode = DELETE")
        try db.execute(sql: "PRAGMA synchronous = OFF")
        try db.execute(sql: "PRAGMA cache_size = -131072")

        let ddl = Schema.ddl()
        let marker = "-- Recommended indexes"
        let tablesDDL: String
        let indexesDDL: String
        if let range = ddl.range(of: marker) {
            tablesDDL = String(ddl[..<range.lowerBound])
            indexesDDL = String(ddl[range.lowerBound...])
        } else {
            tablesDDL = ddl
            indexesDDL = ""
        }

        var summary: DemoSummary?
        try db.inTransaction(.exclusive) {
            try step("creating the tables") { try db.execute(sql: tablesDDL) }
            w = try DemoWriter(db: db)
            try writeReferenceData()
            try writeVendors()
            try writeCustomers()
            // The recommended indexes of the DDL, created after the rows for speed.
            if !indexesDDL.isEmpty { try step("creating the indexes") { try db.execute(sql: indexesDDL) } }
            summary = DemoSummary(rowsPerTable: w.rowsPerTable, vendors: config.vendors, customers: config.customers)
            return .commit
        }
        w = nil
        return summary!
    }

    func step(_ context: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as DatabaseError {
            throw DemoError.sqlite(context: context, message: error.message ?? "\(error.resultCode)")
        }
    }

    func writeReferenceData() throws {
        try w.schemaInfo.insert(["schema_version", String(Schema.version)])
        try w.schemaInfo.insert(["exported_at", DemoClock.exportedAtText])
        try w.schemaInfo.insert(["company_name", DemoGenerator.companyName])
        try w.schemaInfo.insert(["company_currency", "EUR"])
        for t in DemoCatalog.terms {
            try w.paymentTerms.insert([t.code, t.description, t.netDays, t.discountDays, t.discountPercent])
        }
        for item in DemoCatalog.items {
            try w.item.insert([item.number, item.name, item.unit, item.kind])
        }
    }

    // MARK: Notes and attachments

    struct Subject {
        let type: SubjectType
        let key: String
        var lineNo: Int? = nil
        var version: Int? = nil
    }

    /// The template variant of the next note: in turn for showcase parties, random otherwise.
    func variant(showcase: Bool, _ r: inout DemoRandom) -> Int {
        guard showcase else { return r.below(12) }
        showcaseVariant += 1
        return showcaseVariant
    }

    func writeNote(_ subject: Subject, internal isInternal: Bool, author: String?, at: Int, body: String) throws {
        let id = nextNoteID
        nextNoteID += 1
        try w.note.insert([id, subject.type.rawValue, subject.key, subject.lineNo, subject.version,
                           isInternal ? "internal" : "external", author, Fmt.timestamp(min(at, DemoClock.exportedAtSeconds - 1)), body])
    }

    func writeAttachment(_ subject: Subject, internal isInternal: Bool, fileName: String, mediaType: String, content: [UInt8], at: Int) throws {
        let id = nextAttachmentID
        nextAttachmentID += 1
        try w.attachment.insert([id, subject.type.rawValue, subject.key, subject.lineNo, subject.version,
                                 isInternal ? "internal" : "external", fileName, mediaType, Data(content),
                                 Fmt.timestamp(min(at, DemoClock.exportedAtSeconds - 1))])
    }
}
