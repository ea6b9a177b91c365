/// The vendor-invoice status model of the domain document: which transitions exist and what they require.
public enum VendorInvoiceStatusModel {
    /// The status a new invoice's history starts in (event seq 1, `from_status` NULL).
    public static let initial: VendorInvoiceStatus = .draft

    /// The statuses an invoice may move to from `status`.
    public static func allowed(from status: VendorInvoiceStatus) -> [VendorInvoiceStatus] {
        switch status {
        case .draft: [.inReview]
        case .inReview: [.confirmed, .onHold]
        case .onHold: [.draft, .inReview]
        case .confirmed: [.cancelled]
        case .cancelled: []
        }
    }

    public static func isAllowed(from: VendorInvoiceStatus, to: VendorInvoiceStatus) -> Bool {
        allowed(from: from).contains(to)
    }

    /// Every allowed (from, to) pair, in a stable order.
    public static var transitions: [(VendorInvoiceStatus, VendorInvoiceStatus)] {
        VendorInvoiceStatus.allCases.flatMap { from in allowed(from: from).map { (from, $0) } }
    }

    /// Reopening from `on_hold`: back to `draft` when no line verification has started, else back to `in_review`.
    public static func reopenTarget(lines: [VerificationStatus]) -> VendorInvoiceStatus {
        lines.allSatisfy { $0 == .notStarted } ? .draft : .inReview
    }

    /// The next steps the model allows from `status`, given the lines' verification (for `on_hold` only one applies).
    public static func nextSteps(from status: VendorInvoiceStatus, lines: [VerificationStatus]) -> [VendorInvoiceStatus] {
        status == .onHold ? [reopenTarget(lines: lines)] : allowed(from: status)
    }

    /// What a vendor may still do with an invoice in this status.
    public static func mayEdit(_ status: VendorInvoiceStatus) -> Bool { status == .draft }
    public static func mayDelete(_ status: VendorInvoiceStatus) -> Bool { status == .draft }
}

public extension VendorInvoiceStatus {
    /// Payment status given the settled sum (the domain document's rule).
    func paymentStatus(settled: Int64, total: Int64) -> VendorPaymentStatus {
        guard self == .confirmed else { return .unposted }
        if settled <= 0 { return .unpaid }
        return settled >= total ? .fullyPaid : .partiallyPaid
    }

    /// The workspace tile this invoice counts in; nil for `cancelled`.
    func tile(paymentStatus: VendorPaymentStatus) -> VendorInvoiceTile? {
        switch self {
        case .draft: .draft
        case .inReview, .onHold: .submitted
        case .confirmed: paymentStatus == .fullyPaid ? .paid : .approvedUnpaid
        case .cancelled: nil
        }
    }
}
