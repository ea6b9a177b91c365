import PorticoModel
import PorticoStore

/// Payment status of a customer invoice as of a day.
public enum CustomerPaymentStatus: String, CaseIterable, Sendable {
    case unpaid, partiallyPaid = "partially_paid", paid
}

/// How far past due an open amount is (days after the due date).
public enum AgingBucket: String, CaseIterable, Sendable {
    case current, days1to30 = "1-30", days31to60 = "31-60", days61to90 = "61-90", over90 = "over-90"

    public init(daysPastDue days: Int) {
        switch days {
        case ...0: self = .current
        case 1...30: self = .days1to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        default: self = .over90
        }
    }
}

/// A customer invoice with its lines and payments, and what the rules derive from it as of a day.
public struct CustomerInvoice: Sendable {
    public let record: CustomerInvoiceRecord
    public let lines: [CustomerInvoiceLineRecord]
    /// Settlements with their payments, oldest payment first.
    public let settlements: [(settlement: CustomerSettlementRecord, payment: CustomerPaymentRecord)]
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]

    public var number: String { record.number }
    public var currency: Currency { record.currency }
    public var total: Money { Money(record.totalMinor, currency) }
    public var tax: Money { Money(record.taxMinor, currency) }
    public var subtotal: Money { Money(lines.reduce(0) { $0 + $1.amountMinor }, currency) }
    /// A negative total: a credit note.
    public var isCreditNote: Bool { record.totalMinor < 0 }

    /// Settled by payments made on or before `day`.
    public func settled(asOf day: Day) -> Int64 {
        // A loop, not `filter` and `reduce`: the status, open amount and lists of an invoice ask for this about ten
        // times a page, and the filtered copy was an allocation each time.
        var sum: Int64 = 0
        // By index: `for s in settlements` copied each settlement and its payment (every string retained).
        for i in settlements.indices where settlements[i].payment.paidAt <= day { sum += settlements[i].settlement.amountMinor }
        return sum
    }

    /// The cash discount was earned: payments up to the discount date cover the total less the discount.
    public func discountTaken(asOf day: Day) -> Bool {
        guard let discount = record.discountMinor, discount > 0, let last = record.discountDate else { return false }
        return settled(asOf: min(day, last)) >= record.totalMinor - discount
    }

    /// What is due in full, as of `day` (the total, less an earned discount).
    public func due(asOf day: Day) -> Int64 {
        record.totalMinor - (discountTaken(asOf: day) ? (record.discountMinor ?? 0) : 0)
    }

    /// The open amount as of `day` (negative for an open credit note).
    public func open(asOf day: Day) -> Money {
        let due = due(asOf: day)
        let settled = settled(asOf: day)
        return Money(isCreditNote ? min(0, due - settled) : max(0, due - settled), currency)
    }

    public func paymentStatus(asOf day: Day) -> CustomerPaymentStatus {
        let settled = settled(asOf: day)
        if settled == 0 && record.totalMinor != 0 { return .unpaid }
        return open(asOf: day).minor == 0 ? .paid : .partiallyPaid
    }

    /// Days after the due date (0 or less: not yet due).
    public func daysPastDue(asOf day: Day) -> Int { day.days(since: record.dueDate) }

    /// Not paid and the due date is before `day`. Credit notes are never overdue.
    public func isOverdue(asOf day: Day) -> Bool {
        !isCreditNote && paymentStatus(asOf: day) != .paid && record.dueDate < day
    }

    public func bucket(asOf day: Day) -> AgingBucket { AgingBucket(daysPastDue: daysPastDue(asOf: day)) }

    /// The discount can still be earned by paying `total - discount` by the discount date.
    public func discountAvailable(asOf day: Day) -> Bool {
        guard let discount = record.discountMinor, discount > 0, let last = record.discountDate else { return false }
        return day <= last && !discountTaken(asOf: day) && paymentStatus(asOf: day) != .paid
    }

    static func newestFirst(_ a: CustomerInvoiceRecord, _ b: CustomerInvoiceRecord) -> Bool {
        a.invoiceDate != b.invoiceDate ? a.invoiceDate > b.invoiceDate : a.number > b.number
    }
}

/// Open amounts of one currency by bucket (minor units).
public struct AgingAmounts: Sendable, Equatable {
    private var current: Int64 = 0, days1to30: Int64 = 0, days31to60: Int64 = 0, days61to90: Int64 = 0, over90: Int64 = 0
    public init() {}
    public subscript(bucket: AgingBucket) -> Int64 {
        get {
            switch bucket {
            case .current: current
            case .days1to30: days1to30
            case .days31to60: days31to60
            case .days61to90: days61to90
            case .over90: over90
            }
        }
        set {
            switch bucket {
            case .current: current = newValue
            case .days1to30: days1to30 = newValue
            case .days31to60: days31to60 = newValue
            case .days61to90: days61to90 = newValue
            case .over90: over90 = newValue
            }
        }
    }
}

/// Aging of open amounts per bucket, per currency.
/// Kept in two short arrays, not a dictionary of dictionaries: a statement makes one per month, adding every open
/// invoice, and hashing the currency for each was most of making a statement.
public struct Aging: Sendable, Equatable {
    private var currencyList: [Currency] = []
    private var sums: [AgingAmounts] = []
    public init() {}
    public mutating func add(_ money: Money, _ bucket: AgingBucket) {
        if let i = currencyList.firstIndex(of: money.currency) {
            sums[i][bucket] += money.minor
        } else {
            currencyList.append(money.currency)
            var amounts = AgingAmounts()
            amounts[bucket] = money.minor
            sums.append(amounts)
        }
    }
    /// The amounts of one currency (all 0 when it has none).
    public func amounts(_ currency: Currency) -> AgingAmounts {
        currencyList.firstIndex(of: currency).map { sums[$0] } ?? AgingAmounts()
    }
    public func amount(_ currency: Currency, _ bucket: AgingBucket) -> Money { Money(amounts(currency)[bucket], currency) }
    public var currencies: [Currency] { currencyList.sorted() }
    public static func == (a: Aging, b: Aging) -> Bool {
        a.currencyList.count == b.currencyList.count && a.currencyList.indices.allSatisfy { a.sums[$0] == b.amounts(a.currencyList[$0]) }
    }
}

/// One month's statement for one currency.
public struct StatementSection: Sendable {
    public enum Entry: Sendable {
        case invoice(CustomerInvoiceRecord)
        case payment(CustomerPaymentRecord)
        public var day: Day {
            switch self { case .invoice(let i): i.invoiceDate; case .payment(let p): p.paidAt }
        }
        /// Invoices raise the balance, payments lower it.
        public var amount: Int64 {
            switch self { case .invoice(let i): i.totalMinor; case .payment(let p): -p.amountMinor }
        }
    }
    public let currency: Currency
    public let opening: Money
    /// By date (invoices before payments on one day).
    public let entries: [Entry]
    public let closing: Money
    public let aging: AgingAmounts
}

public struct Statement: Sendable {
    /// `YYYY-MM`
    public let month: String
    public let start: Day
    public let end: Day
    public let sections: [StatementSection]
}

/// Everything one invoice account's portal shows. Built from the account's and its members' rows only.
public struct CustomerCatalog: Sendable {
    public let customer: CustomerRecord
    public let members: [CustomerRecord]
    /// Newest first.
    public let invoices: [CustomerInvoice]
    public let payments: [CustomerPaymentRecord]
    /// Newest first.
    public let requests: [InvoiceRequestRecord]
    /// Notes on the account or its members.
    public let notes: [NoteRecord]
    public let attachments: [AttachmentRecord]
    /// The export's as-of day: every derived status is as of it, never the build's clock.
    public let asOf: Day

    public init(_ r: CustomerRecords, asOf: Day) {
        customer = r.customer
        members = r.members
        self.asOf = asOf
        let linesByInvoice = Dictionary(grouping: r.lines, by: \.invoiceNumber)
        let paymentsById = Dictionary(r.payments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let settlementsByInvoice = Dictionary(grouping: r.settlements, by: \.invoiceNumber)
        let notesByInvoice = Dictionary(grouping: r.notes.filter { $0.subjectType == .customerInvoice }, by: \.subjectKey)
        let attachmentsByInvoice = Dictionary(grouping: r.attachments.filter { $0.subjectType == .customerInvoice }, by: \.subjectKey)
        // The records' positions are sorted, then each invoice is made in that order (sorting the invoices
        // themselves moved large values).
        let records = r.invoices
        invoices = records.indices.sorted { CustomerInvoice.newestFirst(records[$0], records[$1]) }.map { i in
            let inv = records[i]
            return CustomerInvoice(
                record: inv, lines: (linesByInvoice[inv.number] ?? []).sorted { $0.lineNo < $1.lineNo },
                settlements: (settlementsByInvoice[inv.number] ?? []).compactMap { s in paymentsById[s.paymentId].map { (s, $0) } }
                    .sorted { ($0.1.paidAt, $0.1.id) < ($1.1.paidAt, $1.1.id) },
                notes: notesByInvoice[inv.number] ?? [], attachments: attachmentsByInvoice[inv.number] ?? [])
        }
        payments = r.payments.sorted { ($0.paidAt, $0.id) > ($1.paidAt, $1.id) }
        requests = r.requests.sorted { ($0.requestedAt, $0.id) > ($1.requestedAt, $1.id) }
        notes = r.notes.filter { $0.subjectType == .customer }
        attachments = r.attachments
    }

    public func invoices(_ status: CustomerPaymentStatus) -> [CustomerInvoice] { invoices.filter { $0.paymentStatus(asOf: asOf) == status } }
    public var overdue: [CustomerInvoice] { invoices.filter { $0.isOverdue(asOf: asOf) } }

    /// Open amounts per currency (credit notes reduce them).
    public var openBalance: MoneyTotals {
        var totals = MoneyTotals()
        for inv in invoices where inv.open(asOf: asOf).minor != 0 { totals.add(inv.open(asOf: asOf)) }
        return totals
    }

    public var overdueAmount: MoneyTotals {
        var totals = MoneyTotals()
        for inv in overdue { totals.add(inv.open(asOf: asOf)) }
        return totals
    }

    /// The earliest due date of an open, not yet overdue invoice.
    public var nextDueDate: Day? {
        invoices.filter { !$0.isCreditNote && $0.open(asOf: asOf).minor > 0 && $0.record.dueDate >= asOf }.map(\.record.dueDate).min()
    }

    /// Open amounts by how far past due, as of `day`.
    public func aging(asOf day: Day) -> Aging {
        var aging = Aging()
        for inv in invoices where inv.record.invoiceDate <= day && !inv.isCreditNote {
            let open = inv.open(asOf: day)
            if open.minor > 0 { aging.add(open, inv.bucket(asOf: day)) }
        }
        return aging
    }

    /// The months with an invoice or a payment, up to the export's month, oldest first (`YYYY-MM`).
    public var statementMonths: [String] {
        // By month number (a `YYYY-MM` key made per invoice and payment, and hashed into a set, cost more than the
        // rest of the list): `YYYY-MM` keys sort as the month numbers do (years have four digits).
        func number(_ day: Day) -> Int { day.year * 12 + day.month - 1 }
        var first: [Int: Day] = [:]
        let last = number(asOf)
        for i in invoices.indices {
            let day = invoices[i].record.invoiceDate
            if number(day) <= last, first[number(day)] == nil { first[number(day)] = day }
        }
        for i in payments.indices {
            let day = payments[i].paidAt
            if number(day) <= last, first[number(day)] == nil { first[number(day)] = day }
        }
        return first.keys.sorted().map { first[$0]!.monthKey }
    }

    /// The statement of one month (`YYYY-MM`): per currency, opening balance, the month's invoices and payments, closing balance, aging at the month's end.
    public func statement(month: String) -> Statement? {
        guard let start = Day(month + "-01") else { return nil }
        let end = min(start.endOfMonth, asOf)
        let aging = aging(asOf: end)
        // One pass over the invoices and one over the payments (each currency's filtered copies, made for every
        // month, were 2.5 % of a full build's instructions), each currency's sums in short arrays by position (a
        // dictionary by currency hashed it for every invoice and payment of every month).
        var currencies: [Currency] = []
        var opening: [Int64] = []
        var entries: [[StatementSection.Entry]] = []
        func position(_ currency: Currency) -> Int {
            if let i = currencies.firstIndex(of: currency) { return i }
            currencies.append(currency)
            opening.append(0)
            entries.append([])
            return currencies.count - 1
        }
        // Every currency with an invoice or a payment gets an opening balance, 0 if nothing came before the month.
        for i in invoices.indices {
            let day = invoices[i].record.invoiceDate
            let k = position(invoices[i].record.currency)
            if day < start { opening[k] += invoices[i].record.totalMinor } else if day <= end { entries[k].append(.invoice(invoices[i].record)) }
        }
        for i in payments.indices {
            let day = payments[i].paidAt
            let k = position(payments[i].currency)
            if day < start { opening[k] -= payments[i].amountMinor } else if day <= end { entries[k].append(.payment(payments[i])) }
        }
        func key(_ e: StatementSection.Entry) -> (Day, Int, String) {
            switch e { case .invoice(let i): (i.invoiceDate, 0, i.number); case .payment(let p): (p.paidAt, 1, String(p.id)) }
        }
        var sections: [StatementSection] = []
        for k in currencies.indices.sorted(by: { currencies[$0] < currencies[$1] }) {
            let currency = currencies[k]
            let opening = opening[k]
            // Each entry's key made once (the comparison made a payment's key, a string, for every comparison).
            let entries = entries[k].map { (key($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            guard opening != 0 || !entries.isEmpty else { continue }
            let closing = opening + entries.reduce(0) { $0 + $1.amount }
            sections.append(StatementSection(currency: currency, opening: Money(opening, currency), entries: entries,
                                             closing: Money(closing, currency), aging: aging.amounts(currency)))
        }
        return Statement(month: month, start: start, end: end, sections: sections)
    }

    public var identifiers: [String] { [customer.account] + members.map(\.account) + invoices.map(\.number) }
}
