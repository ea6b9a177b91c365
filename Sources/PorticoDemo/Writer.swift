import GRDB
import PorticoStore

/// One prepared INSERT per table, with a row count.
final class TableWriter {
    let table: String
    let statement: Statement
    private(set) var rows = 0

    init(db: Database, table: String, columns: [String]) throws {
        self.table = table
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
    }

    func insert(_ arguments: StatementArguments) throws {
        do {
            try statement.execute(arguments: arguments)
        } catch let error as DatabaseError {
            throw DemoError.sqlite(context: "inserting into \(table) (\(arguments))", message: error.message ?? "\(error.resultCode)")
        }
        rows += 1
    }
}

/// The INSERT statements of every table of the schema. Column lists are spelled out here (argument order), and
/// checked against `Schema.tables` so that a schema change fails loudly instead of writing wrong columns.
final class DemoWriter {
    static let columns: [(table: String, columns: [String])] = [
        ("schema_info", ["key", "value"]),
        ("payment_terms", ["code", "description", "net_days", "discount_days", "discount_percent"]),
        ("vendor", ["account", "name", "email", "locale", "currency", "portal_enabled"]),
        ("customer", ["account", "name", "email", "locale", "currency", "invoice_account", "payment_terms", "portal_enabled"]),
        ("portal_user", ["login", "display_name", "email", "party_kind", "account", "password_hash", "active"]),
        ("item", ["number", "name", "unit", "kind"]),
        ("purchase_order", ["number", "vendor_account", "order_date", "currency", "status", "current_version", "is_consignment",
                            "buyer_name", "delivery_address"]),
        ("po_version", ["po_number", "version", "sent_at"]),
        ("po_line", ["po_number", "version", "line_no", "item_number", "description", "quantity", "unit", "unit_price_minor",
                     "line_amount_minor", "delivery_date", "site", "warehouse", "color", "size", "style", "configuration",
                     "received_quantity"]),
        ("po_response", ["po_number", "version", "responded_at", "response", "responder"]),
        ("po_line_response", ["po_number", "version", "line_no", "split_seq", "decision", "confirmed_quantity",
                              "confirmed_delivery_date", "substitute_external_item", "substitute_description"]),
        ("vendor_invoice", ["id", "vendor_account", "invoice_number", "po_number", "invoice_date", "due_date", "currency", "status",
                            "total_minor", "tax_minor", "matching_status", "submitted_at", "posted_at"]),
        ("vendor_invoice_line", ["invoice_id", "line_no", "po_line_no", "item_number", "description", "quantity", "unit_price_minor",
                                 "amount_minor", "verification_status"]),
        ("vendor_invoice_event", ["invoice_id", "seq", "at", "from_status", "to_status", "actor", "comment"]),
        ("vendor_payment", ["id", "vendor_account", "paid_at", "amount_minor", "currency", "method", "reference"]),
        ("vendor_settlement", ["payment_id", "invoice_id", "amount_minor"]),
        ("consignment_on_hand", ["vendor_account", "item_number", "site", "warehouse", "batch", "quantity", "unit", "as_of"]),
        ("consignment_receipt", ["id", "vendor_account", "item_number", "quantity", "unit", "received_at", "site", "warehouse",
                                 "po_number"]),
        ("customer_invoice", ["number", "customer_account", "order_number", "invoice_date", "due_date", "currency", "total_minor",
                              "tax_minor", "discount_date", "discount_minor"]),
        ("customer_invoice_line", ["invoice_number", "line_no", "item_number", "description", "quantity", "unit_price_minor",
                                   "amount_minor"]),
        ("customer_payment", ["id", "customer_account", "paid_at", "amount_minor", "currency", "method", "reference"]),
        ("customer_settlement", ["payment_id", "invoice_number", "amount_minor"]),
        ("invoice_request", ["id", "customer_account", "invoice_number", "requested_at", "requested_by", "status", "completed_at"]),
        ("note", ["id", "subject_type", "subject_key", "line_no", "version", "visibility", "author", "created_at", "body_markdown"]),
        ("attachment", ["id", "subject_type", "subject_key", "line_no", "version", "visibility", "file_name", "media_type", "content",
                        "created_at"]),
    ]

    let schemaInfo, paymentTerms, vendor, customer, portalUser, item: TableWriter
    let purchaseOrder, poVersion, poLine, poResponse, poLineResponse: TableWriter
    let vendorInvoice, vendorInvoiceLine, vendorInvoiceEvent, vendorPayment, vendorSettlement: TableWriter
    let consignmentOnHand, consignmentReceipt: TableWriter
    let customerInvoice, customerInvoiceLine, customerPayment, customerSettlement, invoiceRequest: TableWriter
    let note, attachment: TableWriter
    private let all: [TableWriter]

    init(db: Database) throws {
        var made: [TableWriter] = []
        for (table, columns) in Self.columns {
            guard let spec = Schema.table(table) else {
                throw DemoError.schemaMismatch("table \(table) is not in schema version \(Schema.version)")
            }
            for column in columns where spec.column(column) == nil {
                throw DemoError.schemaMismatch("column \(table).\(column) is not in schema version \(Schema.version)")
            }
            for column in spec.columns where column.notNull && column.defaultSQL == nil && !columns.contains(column.name) {
                throw DemoError.schemaMismatch("the demo does not fill the required column \(table).\(column.name)")
            }
            made.append(try TableWriter(db: db, table: table, columns: columns))
        }
        for table in Schema.tables where !Self.columns.contains(where: { $0.table == table.name }) {
            throw DemoError.schemaMismatch("the demo does not fill table \(table.name)")
        }
        func w(_ name: String) -> TableWriter { made.first { $0.table == name }! }
        schemaInfo = w("schema_info"); paymentTerms = w("payment_terms"); vendor = w("vendor"); customer = w("customer")
        portalUser = w("portal_user"); item = w("item")
        purchaseOrder = w("purchase_order"); poVersion = w("po_version"); poLine = w("po_line")
        poResponse = w("po_response"); poLineResponse = w("po_line_response")
        vendorInvoice = w("vendor_invoice"); vendorInvoiceLine = w("vendor_invoice_line"); vendorInvoiceEvent = w("vendor_invoice_event")
        vendorPayment = w("vendor_payment"); vendorSettlement = w("vendor_settlement")
        consignmentOnHand = w("consignment_on_hand"); consignmentReceipt = w("consignment_receipt")
        customerInvoice = w("customer_invoice"); customerInvoiceLine = w("customer_invoice_line")
        customerPayment = w("customer_payment"); customerSettlement = w("customer_settlement"); invoiceRequest = w("invoice_request")
        note = w("note"); attachment = w("attachment")
        // Report in schema order.
        all = Schema.tables.map { t in made.first { $0.table == t.name }! }
    }

    var rowsPerTable: [(table: String, rows: Int)] { all.map { ($0.table, $0.rows) } }
}
