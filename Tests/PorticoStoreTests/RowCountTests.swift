import Foundation
import GRDB
import PorticoStore
import PorticoTestSupport
import Testing

/// The progress line measures a build's work in rows: each party's `rowCount` and the export's `partyRowTotals`.
@Suite("Rows per party, for the progress line")
struct RowCountTests {
    @Test("a party's row count is its own row and every row it was read with (compared with its decoded records)")
    func perParty() throws {
        let db = try Fixture.database(Fixture.small)
        let export = try ExportDatabase(path: db)
        let (vendorRows, customerRows, totals) = try export.read { reader -> (Int, Int, (vendors: Int, customers: Int)) in
            var vendorRows = 0, customerRows = 0
            let vendors = try reader.vendorStream()
            while let pending = try vendors.next(wanted: { _ in true }) {
                let r = pending.records()
                let decoded = 1 + r.invoices.count + r.lines.count + r.events.count + r.payments.count + r.settlements.count + r.notes.count
                    + r.attachments.count + r.orders.count + r.versions.count + r.orderLines.count + r.responses.count + r.lineResponses.count
                    + r.onHand.count + r.receipts.count
                #expect(pending.rowCount == decoded, "vendor \(r.vendor.account)")
                vendorRows += pending.rowCount
            }
            let customers = try reader.customerStream()
            while let pending = try customers.next(wanted: { _ in true }) {
                let r = pending.records()
                let decoded = 1 + r.members.count + r.invoices.count + r.lines.count + r.payments.count + r.settlements.count + r.requests.count
                    + r.notes.count + r.attachments.count
                #expect(pending.rowCount == decoded, "customer \(r.customer.account)")
                customerRows += pending.rowCount
            }
            return (vendorRows, customerRows, try reader.partyRowTotals())
        }
        #expect(vendorRows > 10 && customerRows > 10, "the fixture's parties have rows besides their own")
        // The totals count the tables without the streams' filters (draft orders, internal notes): never fewer.
        #expect(totals.vendors >= vendorRows)
        #expect(totals.customers >= customerRows)
        let queue = try DatabaseQueue(path: db)
        let (vendorTables, customerTables) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM vendor) + (SELECT count(*) FROM vendor_invoice) + (SELECT count(*) FROM po_line)")!,
             try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM customer) + (SELECT count(*) FROM customer_invoice_line)")!)
        }
        #expect(totals.vendors > vendorTables, "more than three of the vendor tables")
        #expect(totals.customers > customerTables, "more than two of the customer tables")
    }

    @Test("the totals follow the export: a thousand more invoice lines, a thousand more")
    func totalsGrow() throws {
        let db = try Fixture.database(Fixture.small)
        let before = try ExportDatabase(path: db).read { try $0.partyRowTotals() }
        try DatabaseQueue(path: db).write { db in
            let invoice = try String.fetchOne(db, sql: "SELECT number FROM customer_invoice LIMIT 1")!
            for n in 0..<1000 {
                try db.execute(sql: "INSERT INTO customer_invoice_line (invoice_number, line_no, description, quantity, unit_price_minor, amount_minor) VALUES (?, ?, 'x', '1', 0, 0)",
                               arguments: [invoice, 10_000 + n])
            }
        }
        let after = try ExportDatabase(path: db).read { try $0.partyRowTotals() }
        #expect(after.customers == before.customers + 1000)
        #expect(after.vendors == before.vendors)
    }
}
