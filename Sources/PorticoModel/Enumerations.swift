/// Every enumeration of the domain document. Raw values are exactly the values the export holds.

public enum VendorInvoiceStatus: String, CaseIterable, Sendable, Codable {
    case draft, inReview = "in_review", onHold = "on_hold", confirmed, cancelled
}

public enum MatchingStatus: String, CaseIterable, Sendable, Codable {
    case notMatched = "not_matched", matched, mismatch
}

public enum VerificationStatus: String, CaseIterable, Sendable, Codable {
    case notStarted = "not_started", inProgress = "in_progress", complete
}

public enum PurchaseOrderStatus: String, CaseIterable, Sendable, Codable {
    case draft, inExternalReview = "in_external_review", confirmed, cancelled
}

public enum POResponseKind: String, CaseIterable, Sendable, Codable {
    case accepted, rejected, acceptedWithChanges = "accepted_with_changes"
}

public enum LineDecision: String, CaseIterable, Sendable, Codable {
    case accept, reject
}

public enum CustomerPaymentMethod: String, CaseIterable, Sendable, Codable {
    case onAccount = "on_account", card, bankTransfer = "bank_transfer"
}

public enum InvoiceRequestStatus: String, CaseIterable, Sendable, Codable {
    case pending, completed
}

public enum SubjectType: String, CaseIterable, Sendable, Codable {
    case vendor, customer, purchaseOrder = "purchase_order", poLine = "po_line", vendorInvoice = "vendor_invoice", customerInvoice = "customer_invoice"
}

public enum Visibility: String, CaseIterable, Sendable, Codable {
    case external, `internal`
}

public enum ItemKind: String, CaseIterable, Sendable, Codable {
    case product, service
}

/// Derived payment status of a vendor invoice.
public enum VendorPaymentStatus: String, CaseIterable, Sendable, Codable {
    case unposted, unpaid, partiallyPaid = "partially_paid", fullyPaid = "fully_paid"
}

/// The four workspace tiles of a vendor's invoices.
public enum VendorInvoiceTile: String, CaseIterable, Sendable, Codable {
    case draft, submitted, approvedUnpaid = "approved-unpaid", paid
}
