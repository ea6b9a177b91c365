import Foundation
import GRDB
import PorticoCore
import PorticoDemo
import PorticoTestSupport
import Testing

@Suite("The small demo database, checked and built")
struct DemoSiteTests {
    @Test("is clean, builds every enabled vendor, and keeps every vendor's data in its own folder")
    func demoSite() throws {
        let db = Fixture.temporaryPath("demo") + ".sqlite"
        _ = try DemoGenerator.write(path: db, scale: .small, seed: 1)
        let check = try Checker.run(databasePath: db)
        #expect(check.problems.isEmpty, "demo problems: \(check.problems.prefix(5))")

        let out = Fixture.temporaryPath("demo-out")
        let summary = try Builder(site: Site(directory: Fixture.repositoryRoot, configPath: nil), databasePath: db, outDirectory: out).run()
        #expect(summary.exitStatus == 0)

        let queue = try DatabaseQueue(path: db)
        let (enabled, identifiers, drafts) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT account FROM vendor WHERE portal_enabled = 1 ORDER BY account"),
             try Row.fetchAll(db, sql: "SELECT vendor_account, invoice_number FROM vendor_invoice UNION ALL SELECT vendor_account, number FROM purchase_order UNION ALL SELECT account, account FROM vendor")
                .map { (vendor: $0[0] as String, id: $0[1] as String) },
             try String.fetchAll(db, sql: "SELECT number FROM purchase_order WHERE status = 'draft'"))
        }
        let portals = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM customer WHERE invoice_account IS NULL AND portal_enabled = 1") ?? 0
        }
        #expect(summary.partiesBuilt == enabled.count + portals)
        let root = out + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current"))
        let vendorFolders = try FileManager.default.contentsOfDirectory(atPath: root + "/vendors").sorted()
        #expect(vendorFolders == enabled)
        #expect(!drafts.isEmpty)
        for vendor in vendorFolders {
            let foreign = identifiers.filter { $0.vendor != vendor }.map(\.id)
            for path in try Built.files(in: root + "/vendors/" + vendor) {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/vendors/" + vendor + "/" + path)), as: UTF8.self)
                #expect(!text.contains("INTERNAL-ONLY"), "\(vendor)/\(path) shows an internal note")
                for id in foreign where text.contains(id) {
                    Issue.record("\(vendor)/\(path) contains \(id) of another vendor")
                }
                for draft in drafts { #expect(!text.contains(draft), "\(vendor)/\(path) shows draft order \(draft)") }
            }
        }

        // Customers: each portal holds its own (and its members') invoices only.
        let customerInvoices = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT COALESCE(c.invoice_account, c.account), i.number FROM customer_invoice i JOIN customer c ON c.account = i.customer_account")
                .map { (portal: $0[0] as String, number: $0[1] as String) }
        }
        let customerFolders = try FileManager.default.contentsOfDirectory(atPath: root + "/customers").sorted()
        #expect(!customerFolders.isEmpty)
        for customer in customerFolders {
            let foreign = customerInvoices.filter { $0.portal != customer }.map(\.number)
            for path in try Built.files(in: root + "/customers/" + customer) {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/customers/" + customer + "/" + path)), as: UTF8.self)
                #expect(!text.contains("INTERNAL-ONLY"), "\(customer)/\(path) shows an internal note")
                for number in foreign where text.contains(number) {
                    Issue.record("\(customer)/\(path) contains \(number) of another customer")
                }
            }
        }
    }
}
