import GRDB
import PorticoModel

struct CustomerProfile {
    let index: Int
    let account: String
    let name: String
    let domain: String
    let locale: String?
    let currency: String
    let dutch: Bool
    let terms: DemoCatalog.Terms?
    let enabled: Bool
    let showcase: Bool
    /// The organisation account this customer's users work for (members have no invoices of their own).
    let invoiceAccount: String?
    var users: [PartyUser] = []
}

enum CustomerPay { case unpaid, partial, paid, installments }

struct CustomerInvoicePlan {
    var day: Day
    var pay: CustomerPay
    var methods: [CustomerPaymentMethod] = []
    /// Paid together with the customer's other planned-batch invoices, in one payment.
    var plannedBatch = false
    var request: InvoiceRequestStatus? = nil
}

extension Generation {
    /// Organisation accounts and their members, by index: a fixed group in the first ten, then one group every forty.
    static func organisationOf(_ index: Int) -> Int? {
        if index == 4 || index == 5 { return 3 }
        if index >= 10 && (index % 40 == 21 || index % 40 == 22) { return index - (index % 40 - 20) }
        return nil
    }

    static func isOrganisation(_ index: Int) -> Bool { index == 3 || (index >= 10 && index % 40 == 20) }

    static func customerAccount(_ index: Int) -> String { "C" + String(20_001 + index) }

    func writeCustomers() throws {
        let members = (0..<config.customers).filter { Self.organisationOf($0) != nil }.count
        var counts = Allocator(total: config.customerInvoices, parts: config.customers - members, rng: rng(.customerCounts))
        for index in 0..<config.customers where Self.organisationOf(index) == nil {
            var r = rng(.customer, index)
            let customer = try writeCustomerParty(makeCustomerProfile(index, organisationName: "", rng: &r), rng: &r)
            // Members are written with their organisation (they follow it by index); their users may request its invoices.
            var memberUsers: [PartyUser] = []
            if Self.isOrganisation(index) {
                var m = index + 1
                while m < config.customers, Self.organisationOf(m) == index {
                    var mr = rng(.customer, m)
                    let member = try writeCustomerParty(makeCustomerProfile(m, organisationName: customer.name, organisationDomain: customer.domain, rng: &mr), rng: &mr)
                    memberUsers += member.users
                    m += 1
                }
            }
            try writeCustomerInvoices(customer, count: counts.next(minimum: customer.showcase ? 15 : 1), requesters: customer.users,
                                      memberUsers: memberUsers, rng: &r)
        }
    }

    /// The customer row, its users and notes.
    func writeCustomerParty(_ profile: CustomerProfile, rng r: inout DemoRandom) throws -> CustomerProfile {
        var customer = profile
        try w.customer.insert([customer.account, customer.name,
                               r.chance(92) ? (customer.dutch ? "crediteuren@" : "accounts.payable@") + customer.domain : nil,
                               customer.locale, customer.currency, customer.invoiceAccount, customer.terms?.code,
                               customer.enabled ? 1 : 0])
        let userCount = customer.showcase ? 3 : r.weighted([(1, 50), (2, 35), (3, 15)])
        var inactive: Set<Int> = []
        if customer.showcase { inactive.insert(2) } else if userCount > 1 && r.chance(6) { inactive.insert(userCount - 1) }
        customer.users = Self.users(account: customer.account, domain: customer.domain, dutch: customer.dutch, count: userCount,
                                    inactive: inactive, rng: &r)
        try writeUsers(customer.users, kind: .customer, account: customer.account, rng: &r)
        try writeCustomerNotes(customer, rng: &r)
        return customer
    }

    func makeCustomerProfile(_ index: Int, organisationName: String, organisationDomain: String = "", rng r: inout DemoRandom) -> CustomerProfile {
        let account = Self.customerAccount(index)
        var locale: String?
        var currency: String
        var dutch: Bool
        var terms: String?
        switch index {
        case 0: (locale, currency, dutch, terms) = ("nl-NL", "EUR", true, "2/10 NET30")
        case 1: (locale, currency, dutch, terms) = ("en-US", "USD", false, "NET30")
        case 2: (locale, currency, dutch, terms) = ("en-US", "JPY", false, "NET60")
        case 3, 4, 5: (locale, currency, dutch, terms) = ("nl-NL", "EUR", true, index == 3 ? "NET30" : nil)
        case 6: (locale, currency, dutch, terms) = (nil, "EUR", true, nil)
        case 7: (locale, currency, dutch, terms) = ("nl-NL", "EUR", true, "NET14")
        case 8: (locale, currency, dutch, terms) = ("en-US", "USD", false, "1.5/14 NET45")
        case 9: (locale, currency, dutch, terms) = ("nl-NL", "EUR", true, "DUE")
        default:
            switch r.below(100) {
            case 0..<60: (locale, currency, dutch) = ("nl-NL", "EUR", true)
            case 60..<88: (locale, currency, dutch) = ("en-US", "USD", false)
            default: (locale, currency, dutch) = (nil, "EUR", true)
            }
            terms = r.weighted([(nil, 35), ("NET30", 30), ("NET14", 10), ("NET60", 5), ("2/10 NET30", 12), ("1.5/14 NET45", 5), ("DUE", 3)])
        }
        let organisation = Self.organisationOf(index)
        if organisation != nil {
            // Members follow their organisation's language and currency.
            if index <= 5 { (locale, currency, dutch) = ("nl-NL", "EUR", true) }
            terms = nil
        }
        let name: String
        if index == 2 {
            name = "Sakura Trading Co., Ltd."
            _ = names.claim({ _ in name }, suffixes: [], rng: &r)
        } else if organisation != nil && !organisationName.isEmpty {
            let city = r.pick(Words.dutchCities)
            let candidate = dutch ? "\(organisationName), vestiging \(city)" : "\(organisationName), \(city) branch"
            name = names.claim({ _ in candidate }, suffixes: Words.dutchCities, rng: &r)
        } else {
            let make: (inout DemoRandom) -> String = { Self.customerName(dutch: dutch, rng: &$0) }
            name = names.claim(make, suffixes: dutch ? Words.dutchCities : Words.usPlaces, rng: &r)
        }
        // Members use their organisation's mail domain.
        let domain = index == 2 ? "sakura-trading.co.jp"
            : organisation != nil && !organisationDomain.isEmpty ? organisationDomain : Self.domain(for: name, dutch: dutch)
        return CustomerProfile(
            index: index, account: account, name: name, domain: domain, locale: locale, currency: currency, dutch: dutch,
            terms: terms.map { DemoCatalog.terms($0) }, enabled: !(index == 7 || (index >= 10 && index % 113 == 60)),
            showcase: index == 0, invoiceAccount: organisation.map { Self.customerAccount($0) })
    }

    static let showcaseCustomerInvoices: [CustomerInvoicePlan] = {
        func p(_ age: Int, _ pay: CustomerPay, _ methods: [CustomerPaymentMethod] = [], batch: Bool = false,
               request: InvoiceRequestStatus? = nil) -> CustomerInvoicePlan {
            CustomerInvoicePlan(day: DemoClock.daysAgo(age), pay: pay, methods: methods, plannedBatch: batch, request: request)
        }
        // Terms 2/10 NET30: due 30 days after the invoice date, discount until day 10.
        return [
            p(3, .unpaid, request: .pending), // discount still open, due in 27 days
            p(15, .unpaid), // due in 15 days
            p(42, .unpaid), // 12 days overdue
            p(75, .unpaid), // 45 days overdue
            p(105, .unpaid), // 75 days overdue
            p(160, .unpaid), // 130 days overdue
            p(50, .partial, [.bankTransfer]), // 20 days overdue, partly paid
            p(8, .partial, [.card]), // not due, partly paid
            p(200, .paid, [.bankTransfer]),
            p(170, .paid, [.card]),
            p(140, .paid, [.onAccount]),
            p(110, .paid, [.bankTransfer], batch: true),
            p(108, .paid, [.bankTransfer], batch: true),
            p(90, .installments, [.card, .onAccount]),
            p(60, .paid, [.bankTransfer], request: .completed),
        ]
    }()

    func randomCustomerPlan(_ customer: CustomerProfile, rng r: inout DemoRandom) -> CustomerInvoicePlan {
        let day = DemoClock.daysAgo(r.chance(10) ? r.int(0...20) : r.int(0...DemoClock.historyDays))
        let due = day.adding(days: customer.terms?.netDays ?? 30)
        let pay: CustomerPay = due < DemoClock.asOf
            ? r.weighted([(.paid, 80), (.installments, 3), (.partial, 5), (.unpaid, 12)])
            : r.weighted([(.unpaid, 75), (.paid, 18), (.partial, 7)])
        let method = { (r: inout DemoRandom) -> CustomerPaymentMethod in
            r.weighted([(.bankTransfer, 60), (.card, 25), (.onAccount, 15)])
        }
        var plan = CustomerInvoicePlan(day: day, pay: pay, methods: [method(&r), method(&r)])
        if r.chance(4) { plan.request = DemoClock.asOf.days(since: day) <= 3 || r.chance(20) ? .pending : .completed }
        return plan
    }

    func writeCustomerInvoices(_ customer: CustomerProfile, count: Int, requesters: [PartyUser], memberUsers: [PartyUser],
                               rng r: inout DemoRandom) throws {
        var plans: [CustomerInvoicePlan] = customer.showcase ? Self.showcaseCustomerInvoices : []
        while plans.count < count { plans.append(randomCustomerPlan(customer, rng: &r)) }
        let sorted = plans.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)

        struct Open {
            let number: String
            let total: Int
            let day: Day
            let due: Day
            let discountDate: Day?
            let plan: CustomerInvoicePlan
        }
        var invoices: [Open] = []
        var lastOrder: String?
        for plan in sorted {
            let number = "SI-" + Fmt.pad(nextCustomerInvoiceNumber, 6)
            nextCustomerInvoiceNumber += 1
            var order: String? = nil
            if r.chance(85) {
                if let last = lastOrder, r.chance(10) { order = last } else {
                    order = "SO-" + Fmt.pad(nextSalesOrderNumber, 6)
                    nextSalesOrderNumber += 1
                }
                lastOrder = order
            }
            var lines: [(item: DemoItem, qty: Int, price: Int)] = []
            let lineCount = r.weighted([(1, 30), (2, 30), (3, 20), (4, 12), (5, 8)])
            for _ in 0..<lineCount {
                let index = r.chance(88) ? r.pick(DemoCatalog.products) : r.pick(DemoCatalog.resaleServices)
                if lines.contains(where: { $0.item.number == DemoCatalog.items[index].number }) { continue }
                let item = DemoCatalog.items[index]
                lines.append((item, item.randomQuantity(&r), item.price(in: customer.currency, rng: &r, markupPercent: 35)))
            }
            let net = lines.reduce(0) { $0 + Amounts.lineAmount(milli: $1.qty, unitPrice: $1.price) }
            let rate = customer.currency == "EUR" ? r.weighted([(2100, 95), (900, 5)]) : 0
            let tax = Amounts.percent(net, basisPoints: rate)
            let total = net + tax
            let due = plan.day.adding(days: customer.terms?.netDays ?? 30)
            var discountDate: Day?
            var discount: Int?
            if let terms = customer.terms, let days = terms.discountDays {
                discountDate = plan.day.adding(days: days)
                discount = Amounts.percent(total, basisPoints: terms.discountBasisPoints)
            }
            try w.customerInvoice.insert([number, customer.account, order, plan.day.description, due.description, customer.currency,
                                          total, tax, discountDate?.description, discount])
            for (n, line) in lines.enumerated() {
                try w.customerInvoiceLine.insert([number, n + 1, line.item.number, line.item.name, Fmt.quantity(milli: line.qty),
                                                  line.price, Amounts.lineAmount(milli: line.qty, unitPrice: line.price)])
            }
            try writeCustomerInvoiceNotes(customer, number: number, plan: plan, rng: &r)
            if let status = plan.request {
                let people = requesters + memberUsers
                let requestedAt: Int
                if status == .pending {
                    requestedAt = DemoClock.seconds(DemoClock.daysAgo(min(DemoClock.asOf.days(since: plan.day), r.int(0...2))), hour: 8)
                        + r.below(10 * 3600)
                } else {
                    let latest = max(0, DemoClock.asOf.days(since: plan.day) - 3)
                    requestedAt = DemoClock.seconds(plan.day.adding(days: r.int(0...latest)), hour: 8) + r.below(9 * 3600)
                }
                let completedAt = status == .completed ? Fmt.timestamp(min(requestedAt + 3600 + r.below(40 * 3600),
                                                                           DemoClock.exportedAtSeconds - 60)) : nil
                try w.invoiceRequest.insert([nextRequestID, customer.account, number, Fmt.timestamp(requestedAt),
                                             people.isEmpty ? nil : r.pick(people).email, status.rawValue, completedAt])
                nextRequestID += 1
            }
            invoices.append(Open(number: number, total: total, day: plan.day, due: due, discountDate: discountDate, plan: plan))
        }

        // Payments: whole invoices (alone or several at once), partial payments, instalments. Full payments of invoices with a
        // cash discount come after the discount date, so the whole total is settled.
        struct Payment {
            var day: Day
            var method: CustomerPaymentMethod
            var settlements: [(number: String, amount: Int)]
        }
        func clamp(_ d: Day, _ low: Day) -> Day { max(low, min(d, DemoClock.asOf)) }
        func between(_ low: Day, _ high: Day) -> Day { low.adding(days: r.below(max(1, high.days(since: low) + 1))) }
        var payments: [Payment] = []
        var batchOpen = false
        var plannedBatch: Int?
        for inv in invoices {
            let method = inv.plan.methods.first ?? .bankTransfer
            switch inv.plan.pay {
            case .unpaid:
                batchOpen = false
            case .paid:
                var earliest = inv.day.adding(days: method == .card ? 0 : 1)
                if let d = inv.discountDate { earliest = max(earliest, d.adding(days: 1)) }
                guard earliest <= DemoClock.asOf else { batchOpen = false; continue }
                let wanted = inv.due < DemoClock.asOf ? inv.due.adding(days: r.int(-10...10)) : between(earliest, DemoClock.asOf)
                let day = clamp(wanted, earliest)
                if inv.plan.plannedBatch {
                    if let b = plannedBatch {
                        payments[b].settlements.append((inv.number, inv.total))
                        payments[b].day = max(payments[b].day, day)
                    } else {
                        payments.append(Payment(day: day, method: method, settlements: [(inv.number, inv.total)]))
                        plannedBatch = payments.count - 1
                    }
                    batchOpen = false
                    continue
                }
                if batchOpen, let last = payments.indices.last, last != plannedBatch {
                    payments[last].settlements.append((inv.number, inv.total))
                    payments[last].day = max(payments[last].day, day)
                } else {
                    payments.append(Payment(day: day, method: method, settlements: [(inv.number, inv.total)]))
                }
                batchOpen = !customer.showcase && r.chance(20)
            case .partial:
                batchOpen = false
                let part = max(1, inv.total * r.int(20...70) / 100)
                payments.append(Payment(day: between(inv.day, DemoClock.asOf), method: method, settlements: [(inv.number, part)]))
            case .installments:
                batchOpen = false
                let part = max(1, inv.total * r.int(35...65) / 100)
                let first = between(inv.day, DemoClock.asOf)
                payments.append(Payment(day: first, method: method, settlements: [(inv.number, part)]))
                payments.append(Payment(day: between(first, DemoClock.asOf), method: inv.plan.methods.last ?? method,
                                        settlements: [(inv.number, inv.total - part)]))
            }
        }
        let ordered = payments.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        for payment in ordered {
            let id = nextCustomerPaymentID
            nextCustomerPaymentID += 1
            let amount = payment.settlements.reduce(0) { $0 + $1.amount }
            let reference: String
            switch payment.method {
            case .bankTransfer:
                reference = (customer.dutch ? "Betaling " : "Payment ") + payment.settlements.map(\.number).joined(separator: ", ")
            case .card:
                reference = "Card •••• " + Fmt.pad(r.int(0...9999), 4)
            case .onAccount:
                reference = customer.dutch ? "Verrekend met tegoed op rekening" : "Applied from credit on account"
            }
            try w.customerPayment.insert([id, customer.account, payment.day.description, amount, customer.currency,
                                          payment.method.rawValue, reference])
            for s in payment.settlements {
                try w.customerSettlement.insert([id, s.number, s.amount])
            }
        }
    }

    func writeCustomerNotes(_ customer: CustomerProfile, rng r: inout DemoRandom) throws {
        let subject = Subject(type: .customer, key: customer.account)
        let at = DemoClock.seconds(DemoClock.daysAgo(r.int(20...400)), hour: 9) + r.below(8 * 3600)
        if customer.showcase || r.chance(30) {
            try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at, body: NoteText.customer(dutch: customer.dutch, rng: &r))
        }
        if customer.showcase || r.chance(10) {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 600, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
        }
        if customer.showcase || r.chance(3) {
            try writeAttachment(subject, internal: false, fileName: "price-list-2026.pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "Price list 2026", lines: [
                                    customer.name, "Prices in \(customer.currency), excluding VAT", "Valid from 2026-01-01",
                                ]), at: at + 60)
        }
        if customer.showcase || r.chance(1) {
            try writeAttachment(subject, internal: true, fileName: "internal-credit-assessment.png", mediaType: "image/png",
                                content: DemoFiles.badgePNG(variant: customer.index), at: at + 120)
        }
    }

    func writeCustomerInvoiceNotes(_ customer: CustomerProfile, number: String, plan: CustomerInvoicePlan,
                                   rng r: inout DemoRandom) throws {
        let subject = Subject(type: .customerInvoice, key: number)
        let showcase = customer.showcase && plan.pay == .partial
        let at = DemoClock.seconds(plan.day, hour: 10) + r.below(6 * 3600)
        if showcase || r.chance(3) {
            try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at,
                          body: NoteText.customerInvoice(number: number, dutch: customer.dutch, variant: variant(showcase: showcase, &r)))
        }
        if showcase || r.chance(1) {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 60, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
        }
        if (customer.showcase && plan.request == .pending) || r.chance(perMille: 2) {
            try writeNote(subject, internal: false, author: customer.users.first?.displayName, at: at + 120,
                          body: NoteText.hostile(dutch: customer.dutch))
        }
        if showcase || r.chance(3) {
            try writeAttachment(subject, internal: false, fileName: "\(number).pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "Invoice \(number)", lines: [
                                    "Noordzee Handelsgroep B.V.", customer.name, "Invoice date \(plan.day)",
                                ]), at: at + 30)
        }
        if showcase || r.chance(perMille: 5) {
            try writeAttachment(subject, internal: true, fileName: "internal-dunning-\(number).pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "INTERNAL-ONLY dunning log", lines: ["Reminder level 2 prepared"]),
                                at: at + 90)
        }
    }
}
