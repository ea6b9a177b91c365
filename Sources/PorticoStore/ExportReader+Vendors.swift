import GRDB
import PorticoModel

/// Every row of one vendor that its portal may show. Internal notes and attachments are never read.
public struct VendorRecords: Sendable {
    public let vendor: VendorRecord
    public let invoices: [VendorInvoiceRecord]
    public let lines: [VendorInvoiceLineRecord]
    public let events: [VendorInvoiceEventRecord]
    public let payments: [VendorPaymentRecord]
    public let settlements: [VendorSettlementRecord]
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]
    /// Orders that are not drafts, with every version, line, response and line response.
    public let orders: [PurchaseOrderRecord]
    public let versions: [POVersionRecord]
    public let orderLines: [POLineRecord]
    public let responses: [POResponseRecord]
    public let lineResponses: [POLineResponseRecord]
    public let onHand: [ConsignmentOnHandRecord]
    public let receipts: [ConsignmentReceiptRecord]
    /// SHA-256 over every row above, in reading order: equal when and only when the vendor's rows are equal.
    public let rowsFingerprint: String
}

/// Streams vendors in account order with all their rows, one vendor at a time.
public final class VendorStream {
    private let vendors: HeadCursor
    private let invoices: PartyCursor<VendorInvoiceRecord>
    private let lines: PartyCursor<VendorInvoiceLineRecord>
    private let events: PartyCursor<VendorInvoiceEventRecord>
    private let payments: PartyCursor<VendorPaymentRecord>
    private let settlements: PartyCursor<VendorSettlementRecord>
    private let notes: PartyCursor<NoteRecord>
    private let attachments: PartyCursor<AttachmentRecord>
    private let orders: PartyCursor<PurchaseOrderRecord>
    private let versions: PartyCursor<POVersionRecord>
    private let orderLines: PartyCursor<POLineRecord>
    private let responses: PartyCursor<POResponseRecord>
    private let lineResponses: PartyCursor<POLineResponseRecord>
    private let onHand: PartyCursor<ConsignmentOnHandRecord>
    private let receipts: PartyCursor<ConsignmentReceiptRecord>
    private let path: String

    /// The joined tables are read parent first (`CROSS JOIN` fixes the order), so an index of the parent on its
    /// party (`vendor_invoice(vendor_account, id)` and the like) gives the rows in order without sorting the child
    /// table; without such an index SQLite sorts, with the same result.
    init(_ db: Database, path: String) throws {
        self.path = path
        vendors = try HeadCursor(db, sql: "SELECT * FROM vendor ORDER BY account")
        invoices = try PartyCursor(db, sql: "SELECT *, vendor_account AS _party FROM vendor_invoice ORDER BY _party, id", decode: VendorInvoiceRecord.init)
        lines = try PartyCursor(db, sql: """
            SELECT l.*, it.name AS item_name, it.unit AS item_unit, i.vendor_account AS _party
            FROM vendor_invoice i CROSS JOIN vendor_invoice_line l ON l.invoice_id = i.id LEFT JOIN item it ON it.number = l.item_number
            ORDER BY i.vendor_account, i.id, l.line_no
            """, decode: VendorInvoiceLineRecord.init)
        events = try PartyCursor(db, sql: """
            SELECT e.*, i.vendor_account AS _party FROM vendor_invoice i CROSS JOIN vendor_invoice_event e ON e.invoice_id = i.id
            ORDER BY i.vendor_account, i.id, e.seq
            """, decode: VendorInvoiceEventRecord.init)
        payments = try PartyCursor(db, sql: "SELECT *, vendor_account AS _party FROM vendor_payment ORDER BY _party, paid_at, id", decode: VendorPaymentRecord.init)
        settlements = try PartyCursor(db, sql: """
            SELECT s.*, p.vendor_account AS _party FROM vendor_payment p CROSS JOIN vendor_settlement s ON s.payment_id = p.id
            ORDER BY p.vendor_account, p.id, s.invoice_id
            """, decode: VendorSettlementRecord.init)
        let subjectParty = Schema.subjectParty.account
        let draftOrder = "EXISTS (SELECT 1 FROM purchase_order d WHERE d.number = subject_key AND d.status = 'draft')"
        notes = try PartyCursor(db, sql: """
            SELECT *, \(subjectParty) AS _party FROM note
            WHERE visibility = 'external' AND subject_type IN \(Schema.vendorSubjects)
              AND NOT (subject_type IN ('purchase_order','po_line') AND \(draftOrder))
            ORDER BY _party, created_at, id
            """, decode: NoteRecord.init)
        attachments = try PartyCursor(db, sql: """
            SELECT *, \(subjectParty) AS _party FROM attachment
            WHERE visibility = 'external' AND subject_type IN \(Schema.vendorSubjects)
              AND NOT (subject_type IN ('purchase_order','po_line') AND \(draftOrder))
            ORDER BY _party, id
            """, decode: AttachmentRecord.init)
        let visible = "o.status <> 'draft'"
        orders = try PartyCursor(db, sql: "SELECT *, vendor_account AS _party FROM purchase_order o WHERE \(visible) ORDER BY _party, number",
                                 decode: PurchaseOrderRecord.init)
        versions = try PartyCursor(db, sql: """
            SELECT v.*, o.vendor_account AS _party FROM purchase_order o CROSS JOIN po_version v ON v.po_number = o.number
            WHERE \(visible) ORDER BY o.vendor_account, o.number, v.version
            """, decode: POVersionRecord.init)
        orderLines = try PartyCursor(db, sql: """
            SELECT l.*, it.name AS item_name, o.vendor_account AS _party FROM purchase_order o CROSS JOIN po_line l ON l.po_number = o.number
            LEFT JOIN item it ON it.number = l.item_number
            WHERE \(visible) ORDER BY o.vendor_account, o.number, l.version, l.line_no
            """, decode: POLineRecord.init)
        responses = try PartyCursor(db, sql: """
            SELECT r.*, o.vendor_account AS _party FROM purchase_order o CROSS JOIN po_response r ON r.po_number = o.number
            WHERE \(visible) ORDER BY o.vendor_account, o.number, r.version
            """, decode: POResponseRecord.init)
        lineResponses = try PartyCursor(db, sql: """
            SELECT r.*, o.vendor_account AS _party FROM purchase_order o CROSS JOIN po_line_response r ON r.po_number = o.number
            WHERE \(visible) ORDER BY o.vendor_account, o.number, r.version, r.line_no, r.split_seq
            """, decode: POLineResponseRecord.init)
        onHand = try PartyCursor(db, sql: """
            SELECT c.*, it.name AS item_name, c.vendor_account AS _party FROM consignment_on_hand c LEFT JOIN item it ON it.number = c.item_number
            ORDER BY _party, c.item_number, c.site, c.warehouse, c.batch
            """, decode: ConsignmentOnHandRecord.init)
        receipts = try PartyCursor(db, sql: """
            SELECT c.*, it.name AS item_name, CASE WHEN o.status <> 'draft' THEN o.number END AS visible_po_number, c.vendor_account AS _party
            FROM consignment_receipt c LEFT JOIN item it ON it.number = c.item_number LEFT JOIN purchase_order o ON o.number = c.po_number
            ORDER BY _party, c.received_at DESC, c.id DESC
            """, decode: ConsignmentReceiptRecord.init)
    }

    /// The next vendor and its rows (decoded when asked), or nil after the last. Rows of vendors for which
    /// `wanted` is false are skipped unread.
    public func next(wanted: (VendorRecord) -> Bool) throws(StoreError) -> PendingVendor? {
        do {
            while let head = try vendors.next() {
                let vendor = head.decode(VendorRecord.init)[0]
                guard wanted(vendor) else { continue }
                let a = vendor.account
                var h = SHA256()
                h.update(head.bytes)
                let invoices = try invoices.take(a, hash: &h), lines = try lines.take(a, hash: &h), events = try events.take(a, hash: &h)
                let payments = try payments.take(a, hash: &h), settlements = try settlements.take(a, hash: &h)
                let notes = try notes.take(a, hash: &h), attachments = try attachments.take(a, hash: &h)
                let orders = try orders.take(a, hash: &h), versions = try versions.take(a, hash: &h), orderLines = try orderLines.take(a, hash: &h)
                let responses = try responses.take(a, hash: &h), lineResponses = try lineResponses.take(a, hash: &h)
                let onHand = try onHand.take(a, hash: &h), receipts = try receipts.take(a, hash: &h)
                let fingerprint = h.hex()
                let raws = [invoices.raw, lines.raw, events.raw, payments.raw, settlements.raw, notes.raw, attachments.raw, orders.raw,
                            versions.raw, orderLines.raw, responses.raw, lineResponses.raw, onHand.raw, receipts.raw]
                let size = raws.reduce(0) { $0 + $1.bytes.count }
                let count = raws.reduce(1) { $0 + $1.count }
                return PendingVendor(vendor: vendor, rowsFingerprint: fingerprint, rowBytes: size, rowCount: count) {
                    VendorRecords(
                        vendor: vendor, invoices: invoices.records(), lines: lines.records(), events: events.records(),
                        payments: payments.records(), settlements: settlements.records(), notes: notes.records(),
                        attachments: attachments.records(), orders: orders.records(), versions: versions.records(),
                        orderLines: orderLines.records(), responses: responses.records(), lineResponses: lineResponses.records(),
                        onHand: onHand.records(), receipts: receipts.records(), rowsFingerprint: fingerprint)
                }
            }
            return nil
        } catch let e as StoreError {
            throw e
        } catch {
            throw .sqlite(path: path, context: "reading vendors", detail: ExportDatabase.detail(error))
        }
    }
}

/// A vendor read from the export, with the fingerprint of its rows; the rows are decoded by `records()`
/// (on a worker thread, and only when the vendor's pages are rendered).
public struct PendingVendor: Sendable {
    public let vendor: VendorRecord
    public let rowsFingerprint: String
    /// The size of the rows held until `records()` (for batches bounded in memory).
    public let rowBytes: Int
    /// How many rows were read for this vendor, its own included (the progress line's measure of work).
    public let rowCount: Int
    private let load: @Sendable () -> VendorRecords

    init(vendor: VendorRecord, rowsFingerprint: String, rowBytes: Int, rowCount: Int, load: @escaping @Sendable () -> VendorRecords) {
        self.vendor = vendor
        self.rowsFingerprint = rowsFingerprint
        self.rowBytes = rowBytes
        self.rowCount = rowCount
        self.load = load
    }

    public func records() -> VendorRecords { load() }
}

extension ExportReader {
    /// All vendors in account order, each with its rows.
    public func vendorStream() throws(StoreError) -> VendorStream {
        try run("reading vendors") { try VendorStream(db, path: path) }
    }

    /// The number of vendors with a portal (for progress).
    public func enabledVendorCount() throws(StoreError) -> Int {
        try run("counting vendors") { try Int.fetchOne(db, sql: "SELECT count(*) FROM vendor WHERE portal_enabled = 1") ?? 0 }
    }

    /// About how many rows the vendors' and the customers' portals are made from: every row of the tables the two
    /// streams read, counted without their filters (disabled portals, draft orders, internal notes), so a little
    /// high. The progress line's estimate of the work before a party of that kind has been read. `count(*)` reads
    /// the smallest index of each table, not its rows.
    public func partyRowTotals() throws(StoreError) -> (vendors: Int, customers: Int) {
        let vendorTables = ["vendor", "vendor_invoice", "vendor_invoice_line", "vendor_invoice_event", "vendor_payment", "vendor_settlement",
                            "purchase_order", "po_version", "po_line", "po_response", "po_line_response", "consignment_on_hand",
                            "consignment_receipt"]
        let customerTables = ["customer", "customer_invoice", "customer_invoice_line", "customer_payment", "customer_settlement",
                              "invoice_request"]
        func total(_ tables: [String]) -> String { tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: " + ") }
        return try run("counting rows for the progress line") {
            let row = try Row.fetchOne(db, sql: """
                SELECT \(total(vendorTables)) + (SELECT count(*) FROM note WHERE subject_type IN \(Schema.vendorSubjects))
                         + (SELECT count(*) FROM attachment WHERE subject_type IN \(Schema.vendorSubjects)),
                       \(total(customerTables)) + (SELECT count(*) FROM note WHERE subject_type IN \(Schema.customerSubjects))
                         + (SELECT count(*) FROM attachment WHERE subject_type IN \(Schema.customerSubjects))
                """)
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}

extension ExportReader {
    /// Every portal user, by login.
    public func portalUsers() throws(StoreError) -> [PortalUserRecord] {
        try run("reading portal users") {
            let head = try HeadCursor(db, sql: "SELECT * FROM portal_user ORDER BY login")
            var users: [PortalUserRecord] = []
            while let row = try head.next() { users.append(row.decode(PortalUserRecord.init)[0]) }
            return users
        }
    }
}
