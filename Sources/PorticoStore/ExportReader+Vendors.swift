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
}

/// Streams vendors in account order with all their rows, one vendor at a time.
public final class VendorStream {
    private let vendors: RowCursor
    private let invoices: PartyCursor<VendorInvoiceRecord>
    private let lines: PartyCursor<VendorInvoiceLineRecord>
    private let events: PartyCursor<VendorInvoiceEventRecord>
    private let payments: PartyCursor<VendorPaymentRecord>
    private let settlements: PartyCursor<VendorSettlementRecord>
    private let notes: PartyCursor<NoteRecord>
    private let attachments: PartyCursor<AttachmentRecord>
    private let path: String

    init(_ db: Database, path: String) throws {
        self.path = path
        vendors = try Row.fetchCursor(db, sql: "SELECT * FROM vendor ORDER BY account")
        invoices = try PartyCursor(db, sql: "SELECT *, vendor_account AS _party FROM vendor_invoice ORDER BY _party, id", decode: VendorInvoiceRecord.init)
        lines = try PartyCursor(db, sql: """
            SELECT l.*, it.name AS item_name, it.unit AS item_unit, i.vendor_account AS _party
            FROM vendor_invoice_line l JOIN vendor_invoice i ON i.id = l.invoice_id LEFT JOIN item it ON it.number = l.item_number
            ORDER BY _party, l.invoice_id, l.line_no
            """, decode: VendorInvoiceLineRecord.init)
        events = try PartyCursor(db, sql: """
            SELECT e.*, i.vendor_account AS _party FROM vendor_invoice_event e JOIN vendor_invoice i ON i.id = e.invoice_id
            ORDER BY _party, e.invoice_id, e.seq
            """, decode: VendorInvoiceEventRecord.init)
        payments = try PartyCursor(db, sql: "SELECT *, vendor_account AS _party FROM vendor_payment ORDER BY _party, paid_at, id", decode: VendorPaymentRecord.init)
        settlements = try PartyCursor(db, sql: """
            SELECT s.*, p.vendor_account AS _party FROM vendor_settlement s JOIN vendor_payment p ON p.id = s.payment_id
            ORDER BY _party, s.payment_id, s.invoice_id
            """, decode: VendorSettlementRecord.init)
        let subjectParty = Schema.subjectParty.account
        notes = try PartyCursor(db, sql: """
            SELECT *, \(subjectParty) AS _party FROM note
            WHERE visibility = 'external' AND subject_type IN ('vendor','purchase_order','po_line','vendor_invoice')
            ORDER BY _party, created_at, id
            """, decode: NoteRecord.init)
        attachments = try PartyCursor(db, sql: """
            SELECT *, \(subjectParty) AS _party FROM attachment
            WHERE visibility = 'external' AND subject_type IN ('vendor','purchase_order','po_line','vendor_invoice')
            ORDER BY _party, id
            """, decode: AttachmentRecord.init)
    }

    /// The next vendor and its rows, or nil after the last. Rows of vendors for which `wanted` is false are skipped unread.
    public func next(wanted: (VendorRecord) -> Bool) throws(StoreError) -> VendorRecords? {
        do {
            while let row = try vendors.next() {
                let vendor = VendorRecord(row: row)
                guard wanted(vendor) else { continue }
                let a = vendor.account
                return VendorRecords(
                    vendor: vendor, invoices: try invoices.take(a), lines: try lines.take(a), events: try events.take(a),
                    payments: try payments.take(a), settlements: try settlements.take(a), notes: try notes.take(a),
                    attachments: try attachments.take(a))
            }
            return nil
        } catch let e as StoreError {
            throw e
        } catch {
            throw .sqlite(path: path, context: "reading vendors", detail: ExportDatabase.detail(error))
        }
    }
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
}
