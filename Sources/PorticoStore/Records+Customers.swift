import GRDB
import PorticoModel

/// Customer rows as the export holds them.

public struct CustomerRecord: Sendable, Equatable {
    public let account: String
    public let name: String
    public let email: String?
    public let locale: String?
    public let currency: Currency
    public let invoiceAccount: String?
    public let paymentTerms: String?
    /// The terms named by `paymentTerms` (read with the invoice account; nil for members and unknown codes).
    public let terms: PaymentTermsRecord?
    public let portalEnabled: Bool

    init(row: RowReader) {
        account = row.text("account")
        name = row.text("name")
        email = row.optionalText("email")
        locale = row.optionalText("locale")
        currency = row.currency("currency")
        invoiceAccount = row.optionalText("invoice_account")
        paymentTerms = row.optionalText("payment_terms")
        terms = row.optionalInt("terms_net_days").map { net in
            PaymentTermsRecord(netDays: net, discountDays: row.optionalInt("terms_discount_days"),
                               discountPercent: row.optionalText("terms_discount_percent").flatMap(Quantity.init))
        }
        portalEnabled = row.bool("portal_enabled")
    }
}

/// `payment_terms`: days to pay, and the cash discount for paying early.
public struct PaymentTermsRecord: Sendable, Equatable {
    public let netDays: Int64
    public let discountDays: Int64?
    public let discountPercent: Quantity?
    public init(netDays: Int64, discountDays: Int64?, discountPercent: Quantity?) {
        self.netDays = netDays
        self.discountDays = discountDays
        self.discountPercent = discountPercent
    }
}

public struct CustomerInvoiceRecord: Sendable, Equatable {
    public let number: String
    public let customerAccount: String
    public let orderNumber: String?
    public let invoiceDate: Day
    public let dueDate: Day
    public let currency: Currency
    public let totalMinor: Int64
    public let taxMinor: Int64
    public let discountDate: Day?
    public let discountMinor: Int64?

    init(row: RowReader) {
        number = row.text("number")
        customerAccount = row.text("customer_account")
        orderNumber = row.optionalText("order_number")
        invoiceDate = row.day("invoice_date")
        dueDate = row.day("due_date")
        currency = row.currency("currency")
        totalMinor = row.int("total_minor")
        taxMinor = row.int("tax_minor")
        discountDate = row.optionalDay("discount_date")
        discountMinor = row.optionalInt("discount_minor")
    }
}

public struct CustomerInvoiceLineRecord: Sendable, Equatable {
    public let invoiceNumber: String
    public let lineNo: Int64
    public let itemNumber: String?
    public let itemName: String?
    public let unit: String?
    public let description: String?
    public let quantity: Quantity
    public let unitPriceMinor: Int64
    public let amountMinor: Int64

    init(row: RowReader) {
        invoiceNumber = row.text("invoice_number")
        lineNo = row.int("line_no")
        itemNumber = row.optionalText("item_number")
        itemName = row.optionalText("item_name")
        unit = row.optionalText("item_unit")
        description = row.optionalText("description")
        quantity = row.quantity("quantity")
        unitPriceMinor = row.int("unit_price_minor")
        amountMinor = row.int("amount_minor")
    }
}

public struct CustomerPaymentRecord: Sendable, Equatable {
    public let id: Int64
    public let customerAccount: String
    public let paidAt: Day
    public let amountMinor: Int64
    public let currency: Currency
    public let method: CustomerPaymentMethod
    public let reference: String?

    init(row: RowReader) {
        id = row.int("id")
        customerAccount = row.text("customer_account")
        paidAt = row.day("paid_at")
        amountMinor = row.int("amount_minor")
        currency = row.currency("currency")
        method = row.enumeration("method")
        reference = row.optionalText("reference")
    }
}

public struct CustomerSettlementRecord: Sendable, Equatable {
    public let paymentId: Int64
    public let invoiceNumber: String
    public let amountMinor: Int64

    init(row: RowReader) {
        paymentId = row.int("payment_id")
        invoiceNumber = row.text("invoice_number")
        amountMinor = row.int("amount_minor")
    }
}

public struct InvoiceRequestRecord: Sendable, Equatable {
    public let id: Int64
    public let customerAccount: String
    public let invoiceNumber: String
    public let requestedAt: Timestamp
    public let requestedBy: String?
    public let status: InvoiceRequestStatus
    public let completedAt: Timestamp?

    init(row: RowReader) {
        id = row.int("id")
        customerAccount = row.text("customer_account")
        invoiceNumber = row.text("invoice_number")
        requestedAt = row.timestamp("requested_at")
        requestedBy = row.optionalText("requested_by")
        status = row.enumeration("status")
        completedAt = row.optionalTimestamp("completed_at")
    }
}

/// Every row one invoice account's portal may show: the account, its members, and the rows of all of them.
public struct CustomerRecords: Sendable {
    public let customer: CustomerRecord
    /// Customers whose `invoice_account` is this account (their users get this portal).
    public let members: [CustomerRecord]
    public let invoices: [CustomerInvoiceRecord]
    public let lines: [CustomerInvoiceLineRecord]
    public let payments: [CustomerPaymentRecord]
    public let settlements: [CustomerSettlementRecord]
    public let requests: [InvoiceRequestRecord]
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]
    /// SHA-256 over every row above, in reading order.
    public let rowsFingerprint: String
}

/// Streams invoice accounts (customers without an invoice account) in account order with the rows of their portal.
public final class CustomerStream {
    private let customers: HeadCursor
    private let members: PartyCursor<CustomerRecord>
    private let invoices: PartyCursor<CustomerInvoiceRecord>
    private let lines: PartyCursor<CustomerInvoiceLineRecord>
    private let payments: PartyCursor<CustomerPaymentRecord>
    private let settlements: PartyCursor<CustomerSettlementRecord>
    private let requests: PartyCursor<InvoiceRequestRecord>
    private let notes: PartyCursor<NoteRecord>
    private let attachments: PartyCursor<AttachmentRecord>
    private let path: String

    /// The portal a customer account's rows belong to: its invoice account, else itself.
    static func portal(_ column: String) -> String {
        "COALESCE((SELECT c.invoice_account FROM customer c WHERE c.account = \(column)), \(column))"
    }

    /// A customer table's rows with their portal as `_party`, sorted by `_party` and then `order` (result columns).
    /// The same rows in the same order as selecting `portal(account) AS _party` and sorting, but read in two parts
    /// SQLite merges: the rows of accounts that are their own portal, whose order an index of `head` on the
    /// account gives (`customer_invoice(customer_account, number)` and the like; without one SQLite sorts them),
    /// and the rows of member accounts (a few), sorted. Sorting every row of the big tables was most of the
    /// customers' reading. `head` (with its alias) holds the account column; `joins` follow it.
    static func portalOrdered(columns: String, head: String, account: String, joins: String = "", order: String) -> String {
        """
        SELECT \(columns), \(account) AS _party FROM \(head)\(joins) WHERE \(portal(account)) IS \(account)
        UNION ALL
        SELECT \(columns), \(portal(account)) AS _party
        FROM (SELECT DISTINCT account FROM customer WHERE invoice_account IS NOT NULL) m CROSS JOIN \(head) ON \(account) = m.account\(joins)
        WHERE \(portal(account)) IS NOT \(account)
        ORDER BY _party, \(order)
        """
    }

    /// A table's columns of schema version 1 under `alias`, some of them taken from another (equal) expression.
    static func columns(_ table: String, alias: String, replacing: [String: String] = [:]) -> String {
        (Schema.table(table)?.columns ?? []).map { column in
            replacing[column.name].map { "\($0) AS \(column.name)" } ?? "\(alias).\(column.name)"
        }.joined(separator: ", ")
    }

    init(_ db: Database, path: String) throws {
        self.path = path
        customers = try HeadCursor(db, sql: """
            SELECT c.*, t.net_days AS terms_net_days, t.discount_days AS terms_discount_days, t.discount_percent AS terms_discount_percent
            FROM customer c LEFT JOIN payment_terms t ON t.code = c.payment_terms WHERE c.invoice_account IS NULL ORDER BY c.account
            """)
        members = try PartyCursor(db, sql: "SELECT *, invoice_account AS _party FROM customer WHERE invoice_account IS NOT NULL ORDER BY _party, account",
                                  decode: CustomerRecord.init)
        invoices = try PartyCursor(db, sql: Self.portalOrdered(columns: "i.*", head: "customer_invoice i", account: "i.customer_account", order: "number"),
                                   decode: CustomerInvoiceRecord.init)
        // The lines' invoice number is the invoice's: equal, and in the order the account's index gives.
        lines = try PartyCursor(db, sql: Self.portalOrdered(
            columns: Self.columns("customer_invoice_line", alias: "l", replacing: ["invoice_number": "i.number"]) + ", it.name AS item_name, it.unit AS item_unit",
            head: "customer_invoice i", account: "i.customer_account",
            joins: " CROSS JOIN customer_invoice_line l ON l.invoice_number = i.number LEFT JOIN item it ON it.number = l.item_number",
            order: "invoice_number, line_no"), decode: CustomerInvoiceLineRecord.init)
        payments = try PartyCursor(db, sql: Self.portalOrdered(columns: "p.*", head: "customer_payment p", account: "p.customer_account", order: "paid_at, id"),
                                   decode: CustomerPaymentRecord.init)
        settlements = try PartyCursor(db, sql: Self.portalOrdered(
            columns: Self.columns("customer_settlement", alias: "s", replacing: ["payment_id": "p.id"]),
            head: "customer_payment p", account: "p.customer_account", joins: " CROSS JOIN customer_settlement s ON s.payment_id = p.id",
            order: "payment_id, invoice_number"), decode: CustomerSettlementRecord.init)
        requests = try PartyCursor(db, sql: Self.portalOrdered(columns: "r.*", head: "invoice_request r", account: "r.customer_account", order: "requested_at, id"),
                                   decode: InvoiceRequestRecord.init)
        let party = """
            CASE subject_type WHEN 'customer' THEN \(Self.portal("subject_key"))
              ELSE (SELECT \(Self.portal("i.customer_account")) FROM customer_invoice i WHERE i.number = subject_key) END
            """
        notes = try PartyCursor(db, sql: """
            SELECT *, \(party) AS _party FROM note WHERE visibility = 'external' AND subject_type IN \(Schema.customerSubjects)
            ORDER BY _party, created_at, id
            """, decode: NoteRecord.init)
        attachments = try PartyCursor(db, sql: """
            SELECT *, \(party) AS _party FROM attachment WHERE visibility = 'external' AND subject_type IN \(Schema.customerSubjects)
            ORDER BY _party, id
            """, decode: AttachmentRecord.init)
    }

    /// The next invoice account and its rows (decoded when asked), or nil after the last. Accounts for which
    /// `wanted` is false are skipped.
    public func next(wanted: (CustomerRecord) -> Bool) throws(StoreError) -> PendingCustomer? {
        do {
            while let head = try customers.next() {
                let customer = head.decode(CustomerRecord.init)[0]
                guard wanted(customer) else { continue }
                let a = customer.account
                var h = SHA256()
                h.update(head.bytes)
                let members = try members.take(a, hash: &h).records()
                let invoices = try invoices.take(a, hash: &h), lines = try lines.take(a, hash: &h), payments = try payments.take(a, hash: &h)
                let settlements = try settlements.take(a, hash: &h), requests = try requests.take(a, hash: &h)
                let notes = try notes.take(a, hash: &h), attachments = try attachments.take(a, hash: &h)
                let fingerprint = h.hex()
                let raws = [invoices.raw, lines.raw, payments.raw, settlements.raw, requests.raw, notes.raw, attachments.raw]
                let size = raws.reduce(0) { $0 + $1.bytes.count }
                let count = raws.reduce(1 + members.count) { $0 + $1.count }
                return PendingCustomer(customer: customer, members: members, rowsFingerprint: fingerprint, rowBytes: size, rowCount: count) {
                    CustomerRecords(
                        customer: customer, members: members, invoices: invoices.records(), lines: lines.records(),
                        payments: payments.records(), settlements: settlements.records(), requests: requests.records(),
                        notes: notes.records(), attachments: attachments.records(), rowsFingerprint: fingerprint)
                }
            }
            return nil
        } catch let e as StoreError {
            throw e
        } catch {
            throw .sqlite(path: path, context: "reading customers", detail: ExportDatabase.detail(error))
        }
    }
}

/// An invoice account read from the export with its members and the fingerprint of its portal's rows; the
/// rows are decoded by `records()` (on a worker thread, and only when the portal is rendered).
public struct PendingCustomer: Sendable {
    public let customer: CustomerRecord
    public let members: [CustomerRecord]
    public let rowsFingerprint: String
    /// The size of the rows held until `records()` (for batches bounded in memory).
    public let rowBytes: Int
    /// How many rows were read for this portal, its own and its members' included (the progress line's measure of work).
    public let rowCount: Int
    private let load: @Sendable () -> CustomerRecords

    init(customer: CustomerRecord, members: [CustomerRecord], rowsFingerprint: String, rowBytes: Int, rowCount: Int,
         load: @escaping @Sendable () -> CustomerRecords) {
        self.customer = customer
        self.members = members
        self.rowsFingerprint = rowsFingerprint
        self.rowBytes = rowBytes
        self.rowCount = rowCount
        self.load = load
    }

    public func records() -> CustomerRecords { load() }
}

extension ExportReader {
    public func customerStream() throws(StoreError) -> CustomerStream {
        try run("reading customers") { try CustomerStream(db, path: path) }
    }

    /// The number of customer portals (enabled customers without an invoice account), for progress.
    public func enabledCustomerPortalCount() throws(StoreError) -> Int {
        try run("counting customers") { try Int.fetchOne(db, sql: "SELECT count(*) FROM customer WHERE portal_enabled = 1 AND invoice_account IS NULL") ?? 0 }
    }

    /// Every customer account and the invoice account whose portal its users get (itself when it has none).
    public func customerPortals() throws(StoreError) -> [String: String] {
        try run("reading customer portals") {
            Dictionary(try Row.fetchAll(db, sql: "SELECT account, COALESCE(invoice_account, account) FROM customer WHERE account IS NOT NULL")
                .map { ($0[0] as String, ($0[1] as String?) ?? ($0[0] as String)) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
