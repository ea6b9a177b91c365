import Foundation
import GRDB
import PorticoStore

/// Builds SQLite files for tests: schema version 1 (with or without constraints) and rows given as SQL.
public enum Fixture {
    /// A fresh temporary path for a test file.
    public static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("portico-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    /// Writes a database with the schema and then `sql`. Without constraints, any row can be inserted (for data-error tests).
    @discardableResult
    public static func database(_ sql: String, constraints: Bool = true, path: String? = nil) throws -> String {
        let path = path ?? temporaryPath("db") + ".sqlite"
        try? FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: Schema.ddl(constraints: constraints))
            try db.execute(sql: sql)
        }
        try queue.close()
        return path
    }

    /// schema_info rows as of 2026-11-20T23:30:00Z.
    public static let info = """
    INSERT INTO schema_info VALUES ('schema_version','1'),('exported_at','2026-11-20T23:30:00Z'),('company_name','Fixture Trading B.V.'),('company_currency','EUR');
    """

    /// A small, valid export: two vendors (Dutch and English) with invoices in every status, payments, notes and an attachment,
    /// one disabled vendor, a draft purchase order, a customer. Every identifier is distinct across parties.
    public static let small = info + """
    INSERT INTO item VALUES ('ITM-BOLT','Bolt M8','pcs','product'),('ITM-SERV','Installation','h','service');
    INSERT INTO payment_terms VALUES ('NET30','30 days net',30,NULL,NULL);
    INSERT INTO vendor VALUES ('V100','Van Dijk Metaal B.V.','info@vandijk.example','nl-NL','EUR',1),
                              ('V200','Acme Supplies Inc.','ap@acme.example','en-US','USD',1),
                              ('V300','Gone Vendor','x@gone.example','en-US','EUR',0);
    INSERT INTO payment_terms VALUES ('2-10-NET30','2% within 10 days, 30 days net',30,10,'2');
    INSERT INTO customer VALUES ('C500','Bakkerij Jansen','inkoop@jansen.example','nl-NL','EUR',NULL,'NET30',1),
                                ('C510','Holding Org B.V.','ap@holding.example','nl-NL','EUR',NULL,'NET30',1),
                                ('C511','Holding Subsidiary Ltd','sub@holding.example','en-US','EUR','C510',NULL,1),
                                ('C520','Tokyo Trading KK','ap@tokyo.example','en-US','JPY',NULL,NULL,1),
                                ('C530','Disabled Customer',NULL,'en-US','EUR',NULL,NULL,0);
    INSERT INTO customer_invoice VALUES
      ('SI-500001','C500','ORD-9001','2026-08-01','2026-08-31','EUR',12100,2100,NULL,NULL),
      ('SI-500002','C500',NULL,'2026-10-01','2026-10-31','EUR',24200,4200,NULL,NULL),
      ('SI-500003','C500','ORD-9003','2026-11-10','2026-12-10','EUR',6050,1050,'2026-11-20',121),
      ('SI-500004','C500',NULL,'2026-07-01','2026-07-31','EUR',-1210,-210,NULL,NULL),
      ('SI-510001','C510',NULL,'2026-06-01','2026-07-01','EUR',100000,0,NULL,NULL),
      ('SI-510002','C510','SUB-ORDER-7','2026-10-15','2026-11-14','EUR',123456789012,0,NULL,NULL),
      ('SI-520001','C520',NULL,'2026-10-01','2026-10-31','JPY',1234567,112233,NULL,NULL),
      ('SI-530001','C530',NULL,'2026-10-01','2026-10-31','EUR',1000,0,NULL,NULL);
    INSERT INTO customer_invoice_line VALUES
      ('SI-500001',1,'ITM-BOLT','Bolts for the oven','40',250,10000),
      ('SI-500002',1,'ITM-SERV','Maintenance','8',2500,20000),
      ('SI-500003',1,'ITM-SERV','Inspection','2',2500,5000),
      ('SI-500004',1,'ITM-SERV','Credit for a missed visit','-0.4',2500,-1000),
      ('SI-510001',1,'ITM-SERV','Yearly contract','1',100000,100000),
      ('SI-510002',1,'ITM-SERV','Large project','1',123456789012,123456789012),
      ('SI-520001',1,'ITM-BOLT','Bolts, export','1122334',1,1122334),
      ('SI-530001',1,'ITM-BOLT','Bolts','4',250,1000);
    INSERT INTO customer_payment VALUES (51,'C500','2026-08-20',12100,'EUR','bank_transfer','BT-5001'),
                                        (52,'C500','2026-10-25',10000,'EUR','card','CARD-5002'),
                                        (53,'C520','2026-10-20',500000,'JPY','bank_transfer','BT-5201');
    INSERT INTO customer_settlement VALUES (51,'SI-500001',12100),(52,'SI-500002',10000),(53,'SI-520001',500000);
    INSERT INTO invoice_request VALUES (1,'C500','SI-500002','2026-11-01T10:00:00Z','clerk@jansen.example','completed','2026-11-02T09:00:00Z'),
                                       (2,'C511','SI-510002','2026-11-18T10:00:00Z','sub@holding.example','pending',NULL);
    INSERT INTO purchase_order VALUES ('PO-000101','V100','2026-09-01','EUR','confirmed',1,0,'Eva Buyer','Havenweg 1, Rotterdam'),
                                      ('PO-000199','V100','2026-11-01','EUR','draft',1,0,'Eva Buyer','Havenweg 1, Rotterdam');
    INSERT INTO po_version VALUES ('PO-000101',1,'2026-09-01T08:00:00Z'),('PO-000199',1,'2026-11-01T08:00:00Z');
    INSERT INTO po_line (po_number,version,line_no,item_number,description,quantity,unit,unit_price_minor,line_amount_minor,delivery_date,received_quantity)
      VALUES ('PO-000101',1,1,'ITM-BOLT','Bolts','100','pcs',250,25000,'2026-09-15','100'),
             ('PO-000199',1,1,'ITM-BOLT','Secret draft bolts','5','pcs',250,1250,'2026-12-01','0');
    INSERT INTO purchase_order VALUES ('PO-000102','V100','2026-10-01','EUR','confirmed',2,0,'Eva Buyer','Havenweg 1, Rotterdam'),
                                      ('PO-000103','V100','2026-11-15','EUR','in_external_review',1,0,'Eva Buyer',NULL),
                                      ('PO-000104','V100','2026-11-12','EUR','in_external_review',1,0,'Eva Buyer',NULL),
                                      ('PO-000105','V100','2026-11-05','EUR','confirmed',1,1,'Eva Buyer',NULL),
                                      ('PO-000201','V200','2026-10-03','USD','in_external_review',1,0,'Bob Buyer','1 Main St, Springfield');
    INSERT INTO po_version VALUES ('PO-000102',1,'2026-10-01T08:00:00Z'),('PO-000102',2,'2026-10-04T08:00:00Z'),('PO-000103',1,'2026-11-15T08:00:00Z'),
                                  ('PO-000104',1,'2026-11-12T08:00:00Z'),('PO-000105',1,'2026-11-05T08:00:00Z'),('PO-000201',1,'2026-10-03T08:00:00Z');
    INSERT INTO po_line VALUES
      ('PO-000102',1,1,'ITM-BOLT','Bolts M8','100','pcs',250,25000,'2026-10-15','TLB','TLB-W1','zinc','M8',NULL,NULL,'0'),
      ('PO-000102',1,2,'ITM-SERV','Installation','4','h',2500,10000,'2026-10-20',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
      ('PO-000102',2,1,'ITM-BOLT','Bolts M8','100','pcs',250,25000,'2026-10-22','TLB','TLB-W1','zinc','M8',NULL,NULL,'100'),
      ('PO-000102',2,2,'ITM-SERV','Installation','5','h',2500,12500,'2026-10-20',NULL,NULL,NULL,NULL,NULL,NULL,'2.5'),
      ('PO-000102',2,3,'ITM-BOLT','Bolts M8, spare','10','pcs',240,2400,'2026-10-22',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
      ('PO-000103',1,1,'ITM-BOLT','Bolts','50','pcs',250,12500,'2026-12-01',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
      ('PO-000104',1,1,'ITM-BOLT','Bolts','70','pcs',250,17500,'2026-12-01',NULL,NULL,NULL,NULL,NULL,NULL,'0'),
      ('PO-000105',1,1,'ITM-BOLT','Bolts from consignment','30','pcs',250,7500,'2026-11-05',NULL,NULL,NULL,NULL,NULL,NULL,'30'),
      ('PO-000201',1,1,'ITM-SERV','Consulting','10','h',8000,80000,'2026-11-01',NULL,NULL,NULL,NULL,NULL,NULL,'0');
    INSERT INTO po_response VALUES ('PO-000102',1,'2026-10-02T09:00:00Z','accepted_with_changes','Jan de Vries'),
                                   ('PO-000102',2,'2026-10-05T09:00:00Z','accepted','Jan de Vries'),
                                   ('PO-000104',1,'2026-11-13T09:00:00Z','rejected','Jan de Vries');
    INSERT INTO po_line_response VALUES ('PO-000102',1,1,1,'accept','60','2026-10-15',NULL,NULL),
                                        ('PO-000102',1,1,2,'accept','40','2026-10-29',NULL,NULL),
                                        ('PO-000102',1,2,1,'accept','4','2026-10-20','VD-SRV-9','Installation by our partner');
    INSERT INTO consignment_on_hand VALUES ('V100','ITM-BOLT','TLB','TLB-W1','B-77','120','pcs','2026-11-20'),
                                           ('V100','ITM-BOLT','TLB','TLB-W2',NULL,'30.5','pcs','2026-11-20');
    INSERT INTO consignment_receipt VALUES (1,'V100','ITM-BOLT','30','pcs','2026-11-05T07:00:00Z','TLB','TLB-W1','PO-000105'),
                                           (2,'V100','ITM-BOLT','5','pcs','2026-11-18T07:00:00Z','TLB','TLB-W1',NULL);
    INSERT INTO vendor_invoice VALUES
      (1,'V100','VD-2026-001','PO-000101','2026-09-20','2026-10-20','EUR','confirmed',30250,5250,'matched','2026-09-20T09:00:00Z','2026-09-25T10:00:00Z'),
      (2,'V100','VD-2026-002',NULL,'2026-10-05','2026-11-04','EUR','confirmed',12100,2100,'matched','2026-10-05T09:00:00Z','2026-10-07T10:00:00Z'),
      (3,'V100','VD-2026-003',NULL,'2026-11-02','2026-12-02','EUR','in_review',6050,1050,'not_matched','2026-11-02T09:00:00Z',NULL),
      (4,'V100','VD-2026-004',NULL,'2026-11-10','2026-12-10','EUR','draft',1210,210,'not_matched',NULL,NULL),
      (5,'V100','VD-2026-005',NULL,'2026-10-12','2026-11-11','EUR','on_hold',2420,420,'mismatch','2026-10-12T09:00:00Z',NULL),
      (6,'V100','VD-2026-006',NULL,'2026-08-01','2026-08-31','EUR','cancelled',3630,630,'matched','2026-08-01T09:00:00Z','2026-08-03T10:00:00Z'),
      (7,'V200','AC-77001',NULL,'2026-10-01','2026-10-31','USD','confirmed',100000,0,'matched','2026-10-01T15:00:00Z','2026-10-02T15:00:00Z');
    INSERT INTO vendor_invoice_line VALUES
      (1,1,1,'ITM-BOLT','Bolts M8, galvanised','100',250,25000,'complete'),
      (2,1,NULL,'ITM-SERV','Installation on site','4',2500,10000,'complete'),
      (3,1,NULL,'ITM-SERV','Installation','2',2500,5000,'in_progress'),
      (4,1,NULL,'ITM-BOLT','Bolts','4',250,1000,'not_started'),
      (5,1,NULL,'ITM-BOLT','Bolts','8',250,2000,'in_progress'),
      (6,1,NULL,'ITM-BOLT','Bolts','12',250,3000,'complete'),
      (7,1,NULL,'ITM-SERV','Consulting','12.5',8000,100000,'complete');
    INSERT INTO vendor_invoice_event VALUES
      (1,1,'2026-09-20T08:00:00Z',NULL,'draft','Jan de Vries',NULL),(1,2,'2026-09-20T09:00:00Z','draft','in_review','Jan de Vries',NULL),
      (1,3,'2026-09-25T10:00:00Z','in_review','confirmed','AP team','Matched to PO-000101'),
      (2,1,'2026-10-05T08:00:00Z',NULL,'draft','Jan de Vries',NULL),(2,2,'2026-10-05T09:00:00Z','draft','in_review','Jan de Vries',NULL),
      (2,3,'2026-10-07T10:00:00Z','in_review','confirmed','AP team',NULL),
      (3,1,'2026-11-02T08:00:00Z',NULL,'draft','Jan de Vries',NULL),(3,2,'2026-11-02T09:00:00Z','draft','in_review','Jan de Vries',NULL),
      (4,1,'2026-11-10T08:00:00Z',NULL,'draft','Jan de Vries',NULL),
      (5,1,'2026-10-12T08:00:00Z',NULL,'draft','Jan de Vries',NULL),(5,2,'2026-10-12T09:00:00Z','draft','in_review','Jan de Vries',NULL),
      (5,3,'2026-10-14T11:00:00Z','in_review','on_hold','AP team','Price differs from the agreement'),
      (6,1,'2026-08-01T08:00:00Z',NULL,'draft','Jan de Vries',NULL),(6,2,'2026-08-01T09:00:00Z','draft','in_review','Jan de Vries',NULL),
      (6,3,'2026-08-03T10:00:00Z','in_review','confirmed','AP team',NULL),(6,4,'2026-08-10T10:00:00Z','confirmed','cancelled','AP team','Duplicate'),
      (7,1,'2026-10-01T14:00:00Z',NULL,'draft','Ann Smith',NULL),(7,2,'2026-10-01T15:00:00Z','draft','in_review','Ann Smith',NULL),
      (7,3,'2026-10-02T15:00:00Z','in_review','confirmed','AP team',NULL);
    INSERT INTO vendor_payment VALUES (11,'V100','2026-10-20',36300,'EUR','bank_transfer','PAY-VD-11'),
                                      (12,'V200','2026-10-30',100000,'USD','bank_transfer','PAY-AC-12');
    INSERT INTO vendor_settlement VALUES (11,1,30250),(11,2,6050),(12,7,100000);
    INSERT INTO note VALUES
      (1,'vendor_invoice','1',NULL,NULL,'external','AP team','2026-09-25T10:00:00Z','Thanks! **Matched** to the order.\n\n- bolts\n- installation\n\nSee [terms](https://example.com/terms) and `code`.'),
      (2,'vendor_invoice','1',NULL,NULL,'internal','AP team','2026-09-25T10:01:00Z','INTERNAL-ONLY: vendor is slow, consider replacing.'),
      (3,'vendor_invoice','5',NULL,NULL,'external','AP team','2026-10-14T11:00:00Z','Please check [this](javascript:alert(1)) and [that](data:text/html,hi) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> <b onmouseover=alert(1)>bold</b>\n\n<script>alert(1)</script>'),
      (4,'vendor','V200',NULL,NULL,'external','Purchasing','2026-10-01T12:00:00Z','Welcome to the *portal*.'),
      (5,'purchase_order','PO-000199',NULL,NULL,'external','Purchasing','2026-11-01T08:00:00Z','Draft order note'),
      (6,'po_line','PO-000102',1,2,'external','Purchasing','2026-10-04T08:00:00Z','Pack *per 10*.'),
      (7,'po_line','PO-000102',1,2,'internal','Purchasing','2026-10-04T08:00:00Z','INTERNAL-ONLY margin note'),
      (8,'purchase_order','PO-000102',NULL,NULL,'external','Purchasing','2026-10-04T08:00:00Z','Version 2: later delivery of the bolts.'),
      (9,'customer_invoice','SI-500002',NULL,NULL,'external','Credit control','2026-11-05T08:00:00Z','Please pay the **rest** soon.'),
      (10,'customer_invoice','SI-500002',NULL,NULL,'internal','Credit control','2026-11-05T08:00:00Z','INTERNAL-ONLY: call them'),
      (11,'customer','C511',NULL,NULL,'external','Sales','2026-11-05T08:00:00Z','Subsidiary note');
    INSERT INTO attachment VALUES
      (1,'vendor_invoice','1',NULL,NULL,'external','invoice VD-2026-001.pdf','application/pdf',X'255044462D312E340A','2026-09-20T09:00:00Z'),
      (2,'vendor_invoice','1',NULL,NULL,'internal','internal-review.pdf','application/pdf',X'255044462D312E340A','2026-09-25T10:00:00Z'),
      (3,'po_line','PO-000102',1,2,'external','bolt drawing.png','image/png',X'89504E470D0A1A0A','2026-10-04T08:00:00Z'),
      (4,'purchase_order','PO-000199',NULL,NULL,'external','draft-plan.pdf','application/pdf',X'255044462D312E340A','2026-11-01T08:00:00Z');
    INSERT INTO portal_user VALUES ('jan','Jan de Vries','jan@vandijk.example','vendor','V100','$2b$10$Portico0Demo0Salt0000u3A4tZ6TyzVPnOBcYUvuO3sZnVwmfVzG',1),
                                   ('ann','Ann Smith','ann@acme.example','vendor','V200','$2b$10$Portico1Demo1Salt1111u7GU5VDnyU7FU/ZyDdJUOy6u6RQyAhkK',1);
    """

    /// The repository root (for Templates/, Content/, Public/).
    public static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}
