import PorticoCatalog
import PorticoModel
import PorticoStore
import PorticoTestSupport
import Testing

/// The invoice lists' order: newest invoice date first, then the highest number (customers) or id (vendors),
/// whatever order the export holds the rows in.
@Suite("Invoices newest first")
struct InvoiceOrderTests {
    /// 60 invoices over 9 days in a shuffled order, so that most days hold several.
    static func invoices() -> [(number: String, id: Int, day: String)] {
        var rng = SplitMix64(seed: 21)
        var invoices: [(number: String, id: Int, day: String)] = []
        for n in 0..<60 {
            let k = (n * 37) % 60
            let number = k < 10 ? "N0\(k)" : "N\(k)"
            let day = "2026-10-0\(Int.random(in: 1...9, using: &rng))"
            invoices.append((number, 100 + (n * 23) % 60, day))
        }
        return invoices
    }

    @Test("customer invoices: invoice date descending, then number descending")
    func customers() throws {
        let rows = Self.invoices().map { "('\($0.number)','C1',NULL,'\($0.day)','2026-12-01','EUR',100,0,NULL,NULL)" }
        let sql = Fixture.info + """
        INSERT INTO customer VALUES ('C1','One',NULL,'en-US','EUR',NULL,NULL,1);
        INSERT INTO customer_invoice VALUES \(rows.joined(separator: ","));
        """
        let db = try ExportDatabase(path: try Fixture.database(sql))
        let catalog = try db.read { reader in
            CustomerCatalog(try #require(try reader.customerStream().next(wanted: { _ in true })).records(), asOf: try reader.info().asOf)
        }
        let expected = Self.invoices().sorted { ($0.day, $0.number) > ($1.day, $1.number) }.map(\.number)
        #expect(catalog.invoices.map(\.number) == expected)
        #expect(Set(Self.invoices().map(\.day)).count < 10 && expected.count == 60)
    }

    @Test("vendor invoices: invoice date descending, then id descending")
    func vendors() throws {
        let rows = Self.invoices().map {
            "(\($0.id),'V1','\($0.number)',NULL,'\($0.day)','2026-12-01','EUR','in_review',100,0,'not_matched',NULL,NULL)"
        }
        let sql = Fixture.info + """
        INSERT INTO vendor VALUES ('V1','Vendor One',NULL,'en-US','EUR',1);
        INSERT INTO vendor_invoice VALUES \(rows.joined(separator: ","));
        """
        let db = try ExportDatabase(path: try Fixture.database(sql))
        let catalog = try db.read { reader in
            VendorCatalog(try #require(try reader.vendorStream().next(wanted: { _ in true })).records())
        }
        let expected = Self.invoices().sorted { ($0.day, $0.id) > ($1.day, $1.id) }.map(\.id)
        #expect(catalog.invoices.map(\.record.id) == expected.map(Int64.init))
    }
}
