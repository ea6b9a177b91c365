import PorticoCatalog
import PorticoModel
import PorticoStore
import PorticoTestSupport
import Testing

@Suite("Purchase-order lists and version differences")
struct OrderListTests {
    /// Hand-built orders of vendor V1, one per rule and edge case.
    static let orders = Fixture.info + """
    INSERT INTO item VALUES ('I1','Bolt','pcs','product'),('I2','Nut','pcs','product');
    INSERT INTO vendor VALUES ('V1','Vendor One',NULL,'en-US','EUR',1);
    INSERT INTO purchase_order VALUES
      ('REVIEW','V1','2026-11-01','EUR','in_external_review',1,0,NULL,NULL),
      ('ANSWERED','V1','2026-11-02','EUR','in_external_review',1,0,NULL,NULL),
      ('NEWVERSION','V1','2026-11-03','EUR','in_external_review',2,0,NULL,NULL),
      ('OPEN','V1','2026-11-04','EUR','confirmed',1,0,NULL,NULL),
      ('RECEIVED','V1','2026-11-05','EUR','confirmed',1,0,NULL,NULL),
      ('CONSIGN','V1','2026-11-06','EUR','confirmed',1,1,NULL,NULL),
      ('CANCELLED','V1','2026-11-07','EUR','cancelled',1,0,NULL,NULL),
      ('DRAFT','V1','2026-11-08','EUR','draft',1,0,NULL,NULL);
    INSERT INTO po_version SELECT number, 1, '2026-11-01T08:00:00Z' FROM purchase_order;
    INSERT INTO po_version VALUES ('NEWVERSION',2,'2026-11-04T08:00:00Z');
    INSERT INTO po_line (po_number,version,line_no,item_number,description,quantity,unit,unit_price_minor,line_amount_minor,delivery_date,received_quantity)
      SELECT po_number, version, 1, 'I1', 'Bolts', '10', 'pcs', 100, 1000, '2026-12-01', '0' FROM po_version;
    INSERT INTO po_line (po_number,version,line_no,item_number,description,quantity,unit,unit_price_minor,line_amount_minor,delivery_date,received_quantity)
      VALUES ('OPEN',1,2,'I2','Nuts','5','pcs',10,50,'2026-12-01','5'), ('RECEIVED',1,2,'I2','Nuts','5','pcs',10,50,'2026-12-01','5');
    UPDATE po_line SET received_quantity = '10' WHERE po_number = 'RECEIVED';
    UPDATE po_line SET received_quantity = '9.5' WHERE po_number = 'OPEN' AND line_no = 1;
    INSERT INTO po_response VALUES ('ANSWERED',1,'2026-11-02T09:00:00Z','accepted',NULL),('NEWVERSION',1,'2026-11-03T09:00:00Z','rejected',NULL);
    """

    func catalog(_ sql: String = Self.orders) throws -> VendorCatalog {
        let db = try ExportDatabase(path: try Fixture.database(sql))
        return try db.read { reader in
            let stream = try reader.vendorStream()
            return VendorCatalog(try #require(try stream.next(wanted: { _ in true })).records())
        }
    }

    @Test("membership follows the domain document, draft orders are never read")
    func membership() throws {
        let c = try catalog()
        func numbers(_ list: OrderList) -> [String] { c.orders(in: list).map(\.number).sorted() }
        #expect(numbers(.forReview) == ["NEWVERSION", "REVIEW"], "a new version after a response needs a new response")
        #expect(numbers(.awaitingCustomer) == ["ANSWERED"])
        #expect(numbers(.openConfirmed) == ["OPEN"], "a fully received order is not open")
        #expect(numbers(.confirmed) == ["OPEN", "RECEIVED"])
        #expect(numbers(.consignment) == ["CONSIGN"], "a consignment order that is also confirmed is on the consignment list only")
        #expect(numbers(.history) == ["ANSWERED", "CANCELLED", "NEWVERSION", "OPEN", "RECEIVED", "REVIEW"])
        #expect(!c.orders.contains { $0.number == "DRAFT" })
        let newVersion = try #require(c.orders.first { $0.number == "NEWVERSION" })
        #expect(newVersion.displayNumber == "NEWVERSION-2")
        #expect(newVersion.versions.count == 2)
        #expect(newVersion.versions[0].response?.record.response == .rejected)
        #expect(newVersion.waiting == .vendor)
        #expect(c.orders.first { $0.number == "RECEIVED" }?.waiting == .invoicing)
        #expect(c.orders.first { $0.number == "OPEN" }?.waiting == .delivery)
    }

    @Test("the difference between two versions names added, removed and changed lines")
    func difference() throws {
        let sql = Self.orders + """
        INSERT INTO po_line VALUES ('NEWVERSION',1,2,'I2','Nuts','5','pcs',10,50,'2026-12-01',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
                                   ('NEWVERSION',1,3,'I2','Washers','5','pcs',10,50,'2026-12-01',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
                                   ('NEWVERSION',2,2,'I1','Nuts','7','pcs',12,84,'2026-12-08',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
                                   ('NEWVERSION',2,4,'I2','Caps','1','pcs',10,10,'2026-12-01',NULL,NULL,NULL,NULL,NULL,NULL,'0');
        """
        let order = try #require(try catalog(sql).orders.first { $0.number == "NEWVERSION" })
        let changes = VersionDiff.changes(from: order.versions[0].lines, to: order.versions[1].lines)
        #expect(changes.map(\.lineNo) == [2, 3, 4])
        #expect(changes.map(\.kind) == [.changed, .removed, .added])
        let changed = changes[0].fields.map { "\($0.field.rawValue):\($0.before)>\($0.after)" }
        #expect(changed == ["item:I2>I1", "quantity:5>7", "price:10>12", "delivery_date:2026-12-01>2026-12-08"])
        #expect(VersionDiff.changes(from: order.versions[0].lines.filter { $0.lineNo == 1 }, to: order.versions[1].lines.filter { $0.lineNo == 1 }).isEmpty)
    }

    @Test("consignment stock is totalled per item exactly")
    func consignment() throws {
        let sql = Self.orders + """
        INSERT INTO consignment_on_hand VALUES ('V1','I1','S','W1','B1','10.25','pcs','2026-11-20'),('V1','I1','S','W2',NULL,'0.75','pcs','2026-11-20'),
                                               ('V1','I2','S','W1',NULL,'3','pcs','2026-11-20');
        """
        let c = try catalog(sql)
        #expect(c.onHand.map(\.itemNumber) == ["I1", "I2"])
        #expect(c.onHand[0].totals.map { "\($0.quantity.text) \($0.unit)" } == ["11.00 pcs"])
    }
}
