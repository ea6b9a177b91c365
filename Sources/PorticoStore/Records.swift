import GRDB
import PorticoModel

/// Records as the export holds them, one per row, typed. Column names in `Columns` are the schema's.

public struct VendorRecord: Sendable, Equatable {
    public enum Columns { public static let account = "account", name = "name", email = "email", locale = "locale", currency = "currency", portalEnabled = "portal_enabled" }
    public let account: String
    public let name: String
    public let email: String?
    public let locale: String?
    public let currency: Currency
    public let portalEnabled: Bool

    init(row: RowReader) {
        account = row.text(Columns.account)
        name = row.text(Columns.name)
        email = row.optionalText(Columns.email)
        locale = row.optionalText(Columns.locale)
        currency = row.currency(Columns.currency)
        portalEnabled = row.bool(Columns.portalEnabled)
    }
}

public struct VendorInvoiceRecord: Sendable, Equatable {
    public let id: Int64
    public let vendorAccount: String
    public let invoiceNumber: String
    public let poNumber: String?
    public let invoiceDate: Day
    public let dueDate: Day
    public let currency: Currency
    public let status: VendorInvoiceStatus
    public let totalMinor: Int64
    public let taxMinor: Int64
    public let matchingStatus: MatchingStatus
    public let submittedAt: Timestamp?
    public let postedAt: Timestamp?

    init(row: RowReader) {
        id = row.int("id")
        vendorAccount = row.text("vendor_account")
        invoiceNumber = row.text("invoice_number")
        poNumber = row.optionalText("po_number")
        invoiceDate = row.day("invoice_date")
        dueDate = row.day("due_date")
        currency = row.currency("currency")
        status = row.enumeration("status")
        totalMinor = row.int("total_minor")
        taxMinor = row.int("tax_minor")
        matchingStatus = row.enumeration("matching_status")
        submittedAt = row.optionalTimestamp("submitted_at")
        postedAt = row.optionalTimestamp("posted_at")
    }
}

public struct VendorInvoiceLineRecord: Sendable, Equatable {
    public let invoiceId: Int64
    public let lineNo: Int64
    public let poLineNo: Int64?
    public let itemNumber: String?
    public let itemName: String?
    public let unit: String?
    public let description: String?
    public let quantity: Quantity
    public let unitPriceMinor: Int64
    public let amountMinor: Int64
    public let verificationStatus: VerificationStatus

    init(row: RowReader) {
        invoiceId = row.int("invoice_id")
        lineNo = row.int("line_no")
        poLineNo = row.optionalInt("po_line_no")
        itemNumber = row.optionalText("item_number")
        itemName = row.optionalText("item_name")
        unit = row.optionalText("item_unit")
        description = row.optionalText("description")
        quantity = row.quantity("quantity")
        unitPriceMinor = row.int("unit_price_minor")
        amountMinor = row.int("amount_minor")
        verificationStatus = row.enumeration("verification_status")
    }
}

public struct VendorInvoiceEventRecord: Sendable, Equatable {
    public let invoiceId: Int64
    public let seq: Int64
    public let at: Timestamp
    public let fromStatus: VendorInvoiceStatus?
    public let toStatus: VendorInvoiceStatus
    public let actor: String?
    public let comment: String?

    init(row: RowReader) {
        invoiceId = row.int("invoice_id")
        seq = row.int("seq")
        at = row.timestamp("at")
        fromStatus = row.optionalEnumeration("from_status")
        toStatus = row.enumeration("to_status")
        actor = row.optionalText("actor")
        comment = row.optionalText("comment")
    }
}

public struct VendorPaymentRecord: Sendable, Equatable {
    public let id: Int64
    public let vendorAccount: String
    public let paidAt: Day
    public let amountMinor: Int64
    public let currency: Currency
    public let method: String?
    public let reference: String?

    init(row: RowReader) {
        id = row.int("id")
        vendorAccount = row.text("vendor_account")
        paidAt = row.day("paid_at")
        amountMinor = row.int("amount_minor")
        currency = row.currency("currency")
        method = row.optionalText("method")
        reference = row.optionalText("reference")
    }
}

public struct VendorSettlementRecord: Sendable, Equatable {
    public let paymentId: Int64
    public let invoiceId: Int64
    public let amountMinor: Int64

    init(row: RowReader) {
        paymentId = row.int("payment_id")
        invoiceId = row.int("invoice_id")
        amountMinor = row.int("amount_minor")
    }
}

/// An external note, with its subject.
public struct NoteRecord: Sendable, Equatable {
    public let id: Int64
    public let subjectType: SubjectType
    public let subjectKey: String
    public let lineNo: Int64?
    public let version: Int64?
    public let author: String?
    public let createdAt: Timestamp
    public let bodyMarkdown: String

    init(row: RowReader) {
        id = row.int("id")
        subjectType = row.enumeration("subject_type")
        subjectKey = row.text("subject_key")
        lineNo = row.optionalInt("line_no")
        version = row.optionalInt("version")
        author = row.optionalText("author")
        createdAt = row.timestamp("created_at")
        bodyMarkdown = row.text("body_markdown")
    }
}

/// An external attachment, with its subject and content.
public struct AttachmentRecord: Sendable, Equatable {
    public let id: Int64
    public let subjectType: SubjectType
    public let subjectKey: String
    public let lineNo: Int64?
    public let version: Int64?
    public let fileName: String
    public let mediaType: String
    public let content: [UInt8]
    public let createdAt: Timestamp

    init(row: RowReader) {
        id = row.int("id")
        subjectType = row.enumeration("subject_type")
        subjectKey = row.text("subject_key")
        lineNo = row.optionalInt("line_no")
        version = row.optionalInt("version")
        fileName = row.text("file_name")
        mediaType = row.text("media_type")
        content = row.blob("content")
        createdAt = row.timestamp("created_at")
    }
}

/// A person who signs in to one party's portal (`portal_user`). Used for the web server's access rules only.
public struct PortalUserRecord: Sendable, Equatable {
    public let login: String
    public let partyKind: PartyKind?
    public let account: String
    public let passwordHash: String?
    public let active: Bool

    init(row: RowReader) {
        login = row.text("login")
        partyKind = row.optionalEnumeration("party_kind")
        account = row.text("account")
        passwordHash = row.optionalText("password_hash")
        active = row.bool("active")
    }
}
