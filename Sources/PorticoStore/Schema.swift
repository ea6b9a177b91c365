import PorticoModel

/// What a column holds, as the domain document defines it. Drives the DDL and the `check` pass.
public enum ColumnKind: Sendable, Equatable {
    case text
    case integer
    /// Money in minor units of the row's currency.
    case money
    case bool
    /// `YYYY-MM-DD`
    case date
    /// `YYYY-MM-DDTHH:MM:SSZ`
    case timestamp
    /// An exact decimal quantity as text.
    case decimal
    /// An ISO 4217 code.
    case currency
    /// A BCP 47 tag such as `nl-NL`.
    case locale
    case enumeration([String])
    case blob

    var sqlType: String {
        switch self {
        case .integer, .money, .bool: "INTEGER"
        case .blob: "BLOB"
        default: "TEXT"
        }
    }
}

public struct ColumnSpec: Sendable {
    public let name: String
    public let kind: ColumnKind
    public let notNull: Bool
    public let defaultSQL: String?
    public init(_ name: String, _ kind: ColumnKind, notNull: Bool = false, default defaultSQL: String? = nil) {
        self.name = name
        self.kind = kind
        self.notNull = notNull
        self.defaultSQL = defaultSQL
    }
}

public struct ForeignKeySpec: Sendable {
    public let columns: [String]
    public let table: String
    public let targetColumns: [String]
}

/// One table of schema version 1.
public struct TableSpec: Sendable {
    public let name: String
    public let columns: [ColumnSpec]
    public let primaryKey: [String]
    public let uniques: [[String]]
    public let foreignKeys: [ForeignKeySpec]
    /// SQL giving the owning party's kind (`'vendor'`, `'customer'`) and account for a row of this table, or nil when rows belong to no party.
    public let partySQL: (kind: String, account: String)?

    /// SQL for the row's key as text (composite keys joined with `/`; `rowid` for tables without a primary key).
    public var keySQL: String {
        primaryKey.isEmpty ? "'row ' || rowid" : primaryKey.map { "COALESCE(CAST(\"\($0)\" AS TEXT), 'NULL')" }.joined(separator: " || '/' || ")
    }

    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }
}

/// Schema version 1 of the domain database: every table of `domain-database.md`.
public enum Schema {
    public static let version = 1

    static func e<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> ColumnKind where T.RawValue == String {
        .enumeration(type.allCases.map(\.rawValue))
    }
    static func fk(_ columns: [String], _ table: String, _ target: [String]) -> ForeignKeySpec {
        ForeignKeySpec(columns: columns, table: table, targetColumns: target)
    }
    static func c(_ name: String, _ kind: ColumnKind, notNull: Bool = false, default d: String? = nil) -> ColumnSpec {
        ColumnSpec(name, kind, notNull: notNull, default: d)
    }

    static let poVendor = (kind: "'vendor'", account: "(SELECT vendor_account FROM purchase_order WHERE number = po_number)")
    static let invoiceVendor = (kind: "'vendor'", account: "(SELECT vendor_account FROM vendor_invoice WHERE id = invoice_id)")
    static let subjectColumns: [ColumnSpec] = [
        c("subject_type", e(SubjectType.self), notNull: true), c("subject_key", .text, notNull: true),
        c("line_no", .integer), c("version", .integer), c("visibility", e(Visibility.self), notNull: true),
    ]
    /// The subject types of notes and attachments on a vendor's portal and on a customer's, as SQL lists.
    static let vendorSubjects = "('vendor','purchase_order','po_line','vendor_invoice')"
    static let customerSubjects = "('customer','customer_invoice')"
    /// The party of a note or attachment, from its subject.
    static let subjectParty = (
        kind: "CASE WHEN subject_type IN \(customerSubjects) THEN 'customer' ELSE 'vendor' END",
        account: """
        CASE subject_type
          WHEN 'vendor' THEN (SELECT account FROM vendor WHERE account = subject_key)
          WHEN 'customer' THEN (SELECT account FROM customer WHERE account = subject_key)
          WHEN 'purchase_order' THEN (SELECT vendor_account FROM purchase_order WHERE number = subject_key)
          WHEN 'po_line' THEN (SELECT vendor_account FROM purchase_order WHERE number = subject_key)
          WHEN 'vendor_invoice' THEN (SELECT vendor_account FROM vendor_invoice WHERE id = CAST(subject_key AS INTEGER) AND CAST(id AS TEXT) = subject_key)
          WHEN 'customer_invoice' THEN (SELECT customer_account FROM customer_invoice WHERE number = subject_key)
        END
        """)

    public static let tables: [TableSpec] = [
        TableSpec(name: "schema_info", columns: [c("key", .text, notNull: true), c("value", .text, notNull: true)],
                  primaryKey: ["key"], uniques: [], foreignKeys: [], partySQL: nil),
        TableSpec(name: "payment_terms", columns: [
            c("code", .text, notNull: true), c("description", .text, notNull: true), c("net_days", .integer, notNull: true),
            c("discount_days", .integer), c("discount_percent", .decimal),
        ], primaryKey: ["code"], uniques: [], foreignKeys: [], partySQL: nil),
        TableSpec(name: "vendor", columns: [
            c("account", .text, notNull: true), c("name", .text, notNull: true), c("email", .text), c("locale", .locale),
            c("currency", .currency, notNull: true), c("portal_enabled", .bool, notNull: true),
        ], primaryKey: ["account"], uniques: [], foreignKeys: [], partySQL: ("'vendor'", "account")),
        TableSpec(name: "customer", columns: [
            c("account", .text, notNull: true), c("name", .text, notNull: true), c("email", .text), c("locale", .locale),
            c("currency", .currency, notNull: true), c("invoice_account", .text), c("payment_terms", .text),
            c("portal_enabled", .bool, notNull: true),
        ], primaryKey: ["account"], uniques: [],
           foreignKeys: [fk(["invoice_account"], "customer", ["account"]), fk(["payment_terms"], "payment_terms", ["code"])],
           partySQL: ("'customer'", "account")),
        TableSpec(name: "portal_user", columns: [
            c("login", .text, notNull: true), c("display_name", .text), c("email", .text), c("party_kind", e(PartyKind.self), notNull: true),
            c("account", .text, notNull: true), c("password_hash", .text), c("active", .bool, notNull: true),
        ], primaryKey: ["login"], uniques: [], foreignKeys: [], partySQL: ("party_kind", "account")),
        TableSpec(name: "item", columns: [
            c("number", .text, notNull: true), c("name", .text, notNull: true), c("unit", .text, notNull: true), c("kind", e(ItemKind.self)),
        ], primaryKey: ["number"], uniques: [], foreignKeys: [], partySQL: nil),
        TableSpec(name: "purchase_order", columns: [
            c("number", .text, notNull: true), c("vendor_account", .text, notNull: true), c("order_date", .date, notNull: true),
            c("currency", .currency, notNull: true), c("status", e(PurchaseOrderStatus.self), notNull: true),
            c("current_version", .integer, notNull: true), c("is_consignment", .bool, notNull: true),
            c("buyer_name", .text), c("delivery_address", .text),
        ], primaryKey: ["number"], uniques: [], foreignKeys: [fk(["vendor_account"], "vendor", ["account"])],
           partySQL: ("'vendor'", "vendor_account")),
        TableSpec(name: "po_version", columns: [
            c("po_number", .text, notNull: true), c("version", .integer, notNull: true), c("sent_at", .timestamp, notNull: true),
        ], primaryKey: ["po_number", "version"], uniques: [], foreignKeys: [fk(["po_number"], "purchase_order", ["number"])],
           partySQL: poVendor),
        TableSpec(name: "po_line", columns: [
            c("po_number", .text, notNull: true), c("version", .integer, notNull: true), c("line_no", .integer, notNull: true),
            c("item_number", .text), c("description", .text), c("quantity", .decimal, notNull: true), c("unit", .text, notNull: true),
            c("unit_price_minor", .money, notNull: true), c("line_amount_minor", .money, notNull: true), c("delivery_date", .date),
            c("site", .text), c("warehouse", .text), c("color", .text), c("size", .text), c("style", .text), c("configuration", .text),
            c("received_quantity", .decimal, notNull: true, default: "'0'"),
        ], primaryKey: ["po_number", "version", "line_no"], uniques: [],
           foreignKeys: [fk(["po_number", "version"], "po_version", ["po_number", "version"]), fk(["item_number"], "item", ["number"])],
           partySQL: poVendor),
        TableSpec(name: "po_response", columns: [
            c("po_number", .text, notNull: true), c("version", .integer, notNull: true), c("responded_at", .timestamp, notNull: true),
            c("response", e(POResponseKind.self), notNull: true), c("responder", .text),
        ], primaryKey: ["po_number", "version"], uniques: [],
           foreignKeys: [fk(["po_number", "version"], "po_version", ["po_number", "version"])], partySQL: poVendor),
        TableSpec(name: "po_line_response", columns: [
            c("po_number", .text, notNull: true), c("version", .integer, notNull: true), c("line_no", .integer, notNull: true),
            c("split_seq", .integer, notNull: true, default: "1"), c("decision", e(LineDecision.self), notNull: true),
            c("confirmed_quantity", .decimal), c("confirmed_delivery_date", .date),
            c("substitute_external_item", .text), c("substitute_description", .text),
        ], primaryKey: ["po_number", "version", "line_no", "split_seq"], uniques: [],
           foreignKeys: [fk(["po_number", "version"], "po_response", ["po_number", "version"]),
                         fk(["po_number", "version", "line_no"], "po_line", ["po_number", "version", "line_no"])],
           partySQL: poVendor),
        TableSpec(name: "vendor_invoice", columns: [
            c("id", .integer, notNull: true), c("vendor_account", .text, notNull: true), c("invoice_number", .text, notNull: true),
            c("po_number", .text), c("invoice_date", .date, notNull: true), c("due_date", .date, notNull: true),
            c("currency", .currency, notNull: true), c("status", e(VendorInvoiceStatus.self), notNull: true),
            c("total_minor", .money, notNull: true), c("tax_minor", .money, notNull: true),
            c("matching_status", e(MatchingStatus.self), notNull: true), c("submitted_at", .timestamp), c("posted_at", .timestamp),
        ], primaryKey: ["id"], uniques: [["vendor_account", "invoice_number"]],
           foreignKeys: [fk(["vendor_account"], "vendor", ["account"]), fk(["po_number"], "purchase_order", ["number"])],
           partySQL: ("'vendor'", "vendor_account")),
        TableSpec(name: "vendor_invoice_line", columns: [
            c("invoice_id", .integer, notNull: true), c("line_no", .integer, notNull: true), c("po_line_no", .integer),
            c("item_number", .text), c("description", .text), c("quantity", .decimal, notNull: true),
            c("unit_price_minor", .money, notNull: true), c("amount_minor", .money, notNull: true),
            c("verification_status", e(VerificationStatus.self), notNull: true),
        ], primaryKey: ["invoice_id", "line_no"], uniques: [],
           foreignKeys: [fk(["invoice_id"], "vendor_invoice", ["id"]), fk(["item_number"], "item", ["number"])],
           partySQL: invoiceVendor),
        TableSpec(name: "vendor_invoice_event", columns: [
            c("invoice_id", .integer, notNull: true), c("seq", .integer, notNull: true), c("at", .timestamp, notNull: true),
            c("from_status", e(VendorInvoiceStatus.self)), c("to_status", e(VendorInvoiceStatus.self), notNull: true),
            c("actor", .text), c("comment", .text),
        ], primaryKey: ["invoice_id", "seq"], uniques: [], foreignKeys: [fk(["invoice_id"], "vendor_invoice", ["id"])],
           partySQL: invoiceVendor),
        TableSpec(name: "vendor_payment", columns: [
            c("id", .integer, notNull: true), c("vendor_account", .text, notNull: true), c("paid_at", .date, notNull: true),
            c("amount_minor", .money, notNull: true), c("currency", .currency, notNull: true), c("method", .text), c("reference", .text),
        ], primaryKey: ["id"], uniques: [], foreignKeys: [fk(["vendor_account"], "vendor", ["account"])],
           partySQL: ("'vendor'", "vendor_account")),
        TableSpec(name: "vendor_settlement", columns: [
            c("payment_id", .integer, notNull: true), c("invoice_id", .integer, notNull: true), c("amount_minor", .money, notNull: true),
        ], primaryKey: ["payment_id", "invoice_id"], uniques: [],
           foreignKeys: [fk(["payment_id"], "vendor_payment", ["id"]), fk(["invoice_id"], "vendor_invoice", ["id"])],
           partySQL: ("'vendor'", "(SELECT vendor_account FROM vendor_payment WHERE id = payment_id)")),
        TableSpec(name: "consignment_on_hand", columns: [
            c("vendor_account", .text, notNull: true), c("item_number", .text, notNull: true), c("site", .text), c("warehouse", .text),
            c("batch", .text), c("quantity", .decimal, notNull: true), c("unit", .text, notNull: true), c("as_of", .date, notNull: true),
        ], primaryKey: [], uniques: [],
           foreignKeys: [fk(["vendor_account"], "vendor", ["account"]), fk(["item_number"], "item", ["number"])],
           partySQL: ("'vendor'", "vendor_account")),
        TableSpec(name: "consignment_receipt", columns: [
            c("id", .integer, notNull: true), c("vendor_account", .text, notNull: true), c("item_number", .text, notNull: true),
            c("quantity", .decimal, notNull: true), c("unit", .text, notNull: true), c("received_at", .timestamp, notNull: true),
            c("site", .text), c("warehouse", .text), c("po_number", .text),
        ], primaryKey: ["id"], uniques: [],
           foreignKeys: [fk(["vendor_account"], "vendor", ["account"]), fk(["item_number"], "item", ["number"]),
                         fk(["po_number"], "purchase_order", ["number"])],
           partySQL: ("'vendor'", "vendor_account")),
        TableSpec(name: "customer_invoice", columns: [
            c("number", .text, notNull: true), c("customer_account", .text, notNull: true), c("order_number", .text),
            c("invoice_date", .date, notNull: true), c("due_date", .date, notNull: true), c("currency", .currency, notNull: true),
            c("total_minor", .money, notNull: true), c("tax_minor", .money, notNull: true),
            c("discount_date", .date), c("discount_minor", .money),
        ], primaryKey: ["number"], uniques: [], foreignKeys: [fk(["customer_account"], "customer", ["account"])],
           partySQL: ("'customer'", "customer_account")),
        TableSpec(name: "customer_invoice_line", columns: [
            c("invoice_number", .text, notNull: true), c("line_no", .integer, notNull: true), c("item_number", .text),
            c("description", .text), c("quantity", .decimal, notNull: true), c("unit_price_minor", .money, notNull: true),
            c("amount_minor", .money, notNull: true),
        ], primaryKey: ["invoice_number", "line_no"], uniques: [],
           foreignKeys: [fk(["invoice_number"], "customer_invoice", ["number"]), fk(["item_number"], "item", ["number"])],
           partySQL: ("'customer'", "(SELECT customer_account FROM customer_invoice WHERE number = invoice_number)")),
        TableSpec(name: "customer_payment", columns: [
            c("id", .integer, notNull: true), c("customer_account", .text, notNull: true), c("paid_at", .date, notNull: true),
            c("amount_minor", .money, notNull: true), c("currency", .currency, notNull: true),
            c("method", e(CustomerPaymentMethod.self), notNull: true), c("reference", .text),
        ], primaryKey: ["id"], uniques: [], foreignKeys: [fk(["customer_account"], "customer", ["account"])],
           partySQL: ("'customer'", "customer_account")),
        TableSpec(name: "customer_settlement", columns: [
            c("payment_id", .integer, notNull: true), c("invoice_number", .text, notNull: true), c("amount_minor", .money, notNull: true),
        ], primaryKey: ["payment_id", "invoice_number"], uniques: [],
           foreignKeys: [fk(["payment_id"], "customer_payment", ["id"]), fk(["invoice_number"], "customer_invoice", ["number"])],
           partySQL: ("'customer'", "(SELECT customer_account FROM customer_payment WHERE id = payment_id)")),
        TableSpec(name: "invoice_request", columns: [
            c("id", .integer, notNull: true), c("customer_account", .text, notNull: true), c("invoice_number", .text, notNull: true),
            c("requested_at", .timestamp, notNull: true), c("requested_by", .text), c("status", e(InvoiceRequestStatus.self), notNull: true),
            c("completed_at", .timestamp),
        ], primaryKey: ["id"], uniques: [],
           foreignKeys: [fk(["customer_account"], "customer", ["account"]), fk(["invoice_number"], "customer_invoice", ["number"])],
           partySQL: ("'customer'", "customer_account")),
        TableSpec(name: "note", columns: [c("id", .integer, notNull: true)] + subjectColumns + [
            c("author", .text), c("created_at", .timestamp, notNull: true), c("body_markdown", .text, notNull: true),
        ], primaryKey: ["id"], uniques: [], foreignKeys: [], partySQL: subjectParty),
        TableSpec(name: "attachment", columns: [c("id", .integer, notNull: true)] + subjectColumns + [
            c("file_name", .text, notNull: true), c("media_type", .text, notNull: true), c("content", .blob, notNull: true),
            c("created_at", .timestamp, notNull: true),
        ], primaryKey: ["id"], uniques: [], foreignKeys: [], partySQL: subjectParty),
    ]

    public static func table(_ name: String) -> TableSpec? { tables.first { $0.name == name } }

    /// Indexes on the party columns. Not required of an export (the reader works without them), but they speed up reading.
    public static let indexes: [String] = [
        "CREATE INDEX purchase_order_vendor ON purchase_order(vendor_account, number);",
        "CREATE INDEX vendor_invoice_vendor ON vendor_invoice(vendor_account, id);",
        "CREATE INDEX vendor_payment_vendor ON vendor_payment(vendor_account, id);",
        "CREATE INDEX vendor_settlement_invoice ON vendor_settlement(invoice_id);",
        "CREATE INDEX consignment_on_hand_vendor ON consignment_on_hand(vendor_account);",
        "CREATE INDEX consignment_receipt_vendor ON consignment_receipt(vendor_account, id);",
        "CREATE INDEX customer_invoice_customer ON customer_invoice(customer_account, number);",
        "CREATE INDEX customer_payment_customer ON customer_payment(customer_account, id);",
        "CREATE INDEX customer_settlement_invoice ON customer_settlement(invoice_number);",
        "CREATE INDEX invoice_request_customer ON invoice_request(customer_account, id);",
        "CREATE INDEX note_subject ON note(subject_type, subject_key);",
        "CREATE INDEX attachment_subject ON attachment(subject_type, subject_key);",
    ]

    /// The DDL of schema version 1. `constraints: false` leaves out NOT NULL, CHECK, key and foreign-key
    /// constraints (what an export from elsewhere may look like; used to build test databases with errors).
    public static func ddl(constraints: Bool = true) -> String {
        var out = "-- Portico domain database, schema version \(version).\n"
        out += "-- Money: INTEGER minor units. Quantities: TEXT decimals. Dates: TEXT YYYY-MM-DD. Timestamps: TEXT YYYY-MM-DDTHH:MM:SSZ (UTC).\n"
        for table in tables {
            var parts: [String] = []
            for col in table.columns {
                var def = "  \(col.name) \(col.kind.sqlType)"
                if constraints {
                    if table.primaryKey == [col.name] { def += " PRIMARY KEY" }
                    if col.notNull && table.primaryKey != [col.name] { def += " NOT NULL" }
                    if let d = col.defaultSQL { def += " DEFAULT \(d)" }
                    if case .enumeration(let values) = col.kind {
                        def += " CHECK (\(col.name) IN (\(values.map { "'\($0)'" }.joined(separator: ", "))))"
                    }
                    if col.kind == .bool { def += " CHECK (\(col.name) IN (0, 1))" }
                    if let ref = table.foreignKeys.first(where: { $0.columns == [col.name] }) {
                        def += " REFERENCES \(ref.table)(\(ref.targetColumns.joined(separator: ", ")))"
                    }
                } else if let d = col.defaultSQL {
                    def += " DEFAULT \(d)"
                }
                parts.append(def)
            }
            if constraints {
                if table.primaryKey.count > 1 { parts.append("  PRIMARY KEY (\(table.primaryKey.joined(separator: ", ")))") }
                for u in table.uniques { parts.append("  UNIQUE (\(u.joined(separator: ", ")))") }
                for ref in table.foreignKeys where ref.columns.count > 1 {
                    parts.append("  FOREIGN KEY (\(ref.columns.joined(separator: ", "))) REFERENCES \(ref.table)(\(ref.targetColumns.joined(separator: ", ")))")
                }
            }
            out += "\nCREATE TABLE \(table.name) (\n" + parts.joined(separator: ",\n") + "\n);\n"
        }
        out += "\n-- Recommended indexes (not required).\n" + indexes.joined(separator: "\n") + "\n"
        return out
    }
}
