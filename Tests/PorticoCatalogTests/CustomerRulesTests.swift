import PorticoCatalog
import PorticoModel
import PorticoStore
import PorticoTestSupport
import Testing

@Suite("Customer invoices: payment status, overdue, aging and statements")
struct CustomerRulesTests {
    /// As of 2026-11-20: invoices due around every boundary, each unpaid unless noted.
    static let sql = Fixture.info + """
    INSERT INTO customer VALUES ('C1','One',NULL,'en-US','EUR',NULL,NULL,1);
    INSERT INTO customer_invoice VALUES
      ('DUE-TODAY','C1',NULL,'2026-10-21','2026-11-20','EUR',1000,0,NULL,NULL),
      ('DUE-YESTERDAY','C1',NULL,'2026-10-20','2026-11-19','EUR',1000,0,NULL,NULL),
      ('D30','C1',NULL,'2026-09-21','2026-10-21','EUR',1000,0,NULL,NULL),
      ('D31','C1',NULL,'2026-09-20','2026-10-20','EUR',1000,0,NULL,NULL),
      ('D60','C1',NULL,'2026-08-22','2026-09-21','EUR',1000,0,NULL,NULL),
      ('D61','C1',NULL,'2026-08-21','2026-09-20','EUR',1000,0,NULL,NULL),
      ('D90','C1',NULL,'2026-07-23','2026-08-22','EUR',1000,0,NULL,NULL),
      ('D91','C1',NULL,'2026-07-22','2026-08-21','EUR',1000,0,NULL,NULL),
      ('PAID','C1',NULL,'2026-07-01','2026-07-31','EUR',1000,0,NULL,NULL),
      ('PART','C1',NULL,'2026-07-01','2026-07-31','EUR',1000,0,NULL,NULL),
      ('DISC','C1',NULL,'2026-11-01','2026-12-01','EUR',1000,0,'2026-11-10',20),
      ('CREDIT','C1',NULL,'2026-09-01','2026-09-15','EUR',-500,0,NULL,NULL);
    INSERT INTO customer_payment VALUES (1,'C1','2026-08-05',1000,'EUR','bank_transfer','P1'),(2,'C1','2026-08-06',400,'EUR','card','P2'),
                                        (3,'C1','2026-11-09',980,'EUR','bank_transfer','P3');
    INSERT INTO customer_settlement VALUES (1,'PAID',1000),(2,'PART',400),(3,'DISC',980);
    """

    func catalog() throws -> CustomerCatalog {
        let db = try ExportDatabase(path: try Fixture.database(Self.sql))
        return try db.read { reader in
            let info = try reader.info()
            return CustomerCatalog(try #require(try reader.customerStream().next(wanted: { _ in true })).records(), asOf: info.asOf)
        }
    }

    @Test("overdue and aging around every boundary")
    func boundaries() throws {
        let c = try catalog()
        let asOf = c.asOf
        func invoice(_ n: String) throws -> CustomerInvoice { try #require(c.invoices.first { $0.number == n }) }
        let expected: [(String, Bool, Int, AgingBucket)] = [
            ("DUE-TODAY", false, 0, .current), ("DUE-YESTERDAY", true, 1, .days1to30), ("D30", true, 30, .days1to30),
            ("D31", true, 31, .days31to60), ("D60", true, 60, .days31to60), ("D61", true, 61, .days61to90),
            ("D90", true, 90, .days61to90), ("D91", true, 91, .over90),
        ]
        for (number, overdue, days, bucket) in expected {
            let inv = try invoice(number)
            #expect(inv.isOverdue(asOf: asOf) == overdue, "\(number) overdue")
            #expect(inv.daysPastDue(asOf: asOf) == days, "\(number) days")
            #expect(inv.bucket(asOf: asOf) == bucket, "\(number) bucket")
        }
        #expect(try invoice("PAID").paymentStatus(asOf: asOf) == .paid)
        #expect(try !invoice("PAID").isOverdue(asOf: asOf))
        #expect(try invoice("PART").paymentStatus(asOf: asOf) == .partiallyPaid)
        #expect(try invoice("PART").open(asOf: asOf).minor == 600)
        #expect(try invoice("D30").paymentStatus(asOf: asOf) == .unpaid)
        #expect(try invoice("DISC").discountTaken(asOf: asOf), "980 paid by the discount date covers 1000 less 20")
        #expect(try invoice("DISC").paymentStatus(asOf: asOf) == .paid)
        #expect(try !invoice("CREDIT").isOverdue(asOf: asOf), "credit notes are never overdue")
        #expect(try invoice("CREDIT").open(asOf: asOf).minor == -500)
        let eur = try #require(Currency(code: "EUR"))
        let aging = c.aging(asOf: asOf)
        #expect(aging.amount(eur, .current).minor == 1000)
        #expect(aging.amount(eur, .days1to30).minor == 2000)
        #expect(aging.amount(eur, .days31to60).minor == 2000)
        #expect(aging.amount(eur, .days61to90).minor == 2000)
        #expect(aging.amount(eur, .over90).minor == 1000 + 600)
        #expect(c.nextDueDate == Day("2026-11-20"))
        #expect(c.overdueAmount.amounts.map(\.minor) == [7600])
    }

    @Test("statements: opening + invoices - payments = closing, and each month opens where the last closed")
    func statements() throws {
        let c = try catalog()
        let months = c.statementMonths
        #expect(months == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
        var previousClosing: Int64 = 0
        for month in months {
            let statement = try #require(c.statement(month: month))
            let section = try #require(statement.sections.first)
            #expect(section.opening.minor == previousClosing, "\(month) opens at the last closing")
            let invoiced = section.entries.reduce(Int64(0)) { if case .invoice(let i) = $1 { return $0 + i.totalMinor }; return $0 }
            let paid = section.entries.reduce(Int64(0)) { if case .payment(let p) = $1 { return $0 + p.amountMinor }; return $0 }
            #expect(section.opening.minor + invoiced - paid == section.closing.minor, "\(month) arithmetic")
            previousClosing = section.closing.minor
        }
        let all = c.invoices.reduce(Int64(0)) { $0 + $1.record.totalMinor } - (1000 + 400 + 980)
        #expect(previousClosing == all)
        let august = try #require(c.statement(month: "2026-08")?.sections.first)
        #expect(august.entries.count == 4, "two invoices and two payments in August")
    }
}
