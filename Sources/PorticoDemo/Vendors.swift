import Foundation
import GRDB
import PorticoModel

/// Everything about one vendor that its rows repeat.
struct VendorProfile {
    let index: Int
    let account: String
    /// The digits of the account, embedded in the vendor's own invoice numbers so no two vendors share one.
    let digits: String
    let name: String
    let domain: String
    let locale: String?
    let currency: String
    let dutch: Bool
    let enabled: Bool
    let consignment: Bool
    let showcase: Bool
    let numberFormat: Int
    let netDays: Int
    /// Percent of this vendor's invoices and orders in the other currency.
    let otherCurrencyPercent: Int
    let initials: String
    var users: [PartyUser] = []

    var otherCurrency: String { currency == "EUR" ? "USD" : "EUR" }

    /// The vendor's own invoice number: one format per vendor, the account digits inside, a running number.
    func invoiceNumber(seq: Int, day: Day) -> String {
        let yyyy = Fmt.pad(day.year, 4)
        let yy = Fmt.pad(day.year % 100, 2)
        switch numberFormat {
        case 0: return "INV-\(yyyy)-\(digits)-\(Fmt.pad(seq, 4))"
        case 1: return "FAKT\(digits)/\(yy)/\(Fmt.pad(seq, 5))"
        case 2: return "RE-\(digits)-\(yy)\(Fmt.pad(seq, 4))"
        default: return "\(digits)/INV/\(yyyy)/\(Fmt.pad(seq, 4))"
        }
    }

    func author(_ rng: inout DemoRandom) -> String? { users.isEmpty ? nil : rng.pick(users).displayName }
}

/// A purchase-order line as the demo builds it.
struct POLineData {
    var lineNo: Int
    var item: Int
    var qty: Int
    var price: Int
    var delivery: Day
    var site: String?
    var warehouse: String?
    var color: String?
    var size: String?
    var style: String?
    var configuration: String?
    var received = 0

    var catalogItem: DemoItem { DemoCatalog.items[item] }
    var amount: Int { Amounts.lineAmount(milli: qty, unitPrice: price) }
    /// The smallest sensible quantity change for the item (thousandths).
    var step: Int {
        switch catalogItem.quantity {
        case .whole: 1000
        case .measured, .hours: 250
        case .fine: 125
        }
    }
}

/// A confirmed order an invoice can refer to.
struct POInfo {
    let number: String
    let currency: String
    let lines: [POLineData]
    /// The last moment of the order's history (invoices come after it).
    let lastMoment: Int
}

enum Receipt { case none, partial, full }

struct POPlan {
    var status: PurchaseOrderStatus
    var age: Int
    var versions: Int
    /// One entry per version, nil when the vendor did not answer that version.
    var responses: [POResponseKind?]
    var receipt: Receipt
    var consignment = false
    /// Revisions make every kind of change (quantity, price, date, added and removed lines).
    var everyChange = false
    /// An `accepted_with_changes` answer uses every kind of line answer (split, substitute, reject, quantity, date).
    var everyAnswer = false
    var lineCount: Int? = nil
}

enum VendorPay { case none, unpaid, partial, full, batch, installments }

enum Verification { case allNotStarted, mixed, someVerified, withInProgress, allComplete }

struct VendorInvoicePlan {
    var day: Day
    var status: VendorInvoiceStatus
    /// The whole status history, first entry `draft`.
    var history: [VendorInvoiceStatus]
    var verification: Verification
    var matching: MatchingStatus
    var pay: VendorPay
    var linkPO: Bool
    var po: POInfo? = nil
    var currency: String? = nil
    var freeTextLine = false
}

extension Generation {
    func writeVendors() throws {
        var counts = Allocator(total: config.vendorInvoices, parts: config.vendors, rng: rng(.vendorCounts))
        var poCounts = Allocator(total: config.purchaseOrders, parts: config.vendors, rng: rng(.poCounts))
        for index in 0..<config.vendors {
            var r = rng(.vendor, index)
            var vendor = makeVendorProfile(index, rng: &r)
            try w.vendor.insert([vendor.account, vendor.name, r.chance(90) ? "orders@\(vendor.domain)" : nil, vendor.locale,
                                 vendor.currency, vendor.enabled ? 1 : 0])
            let userCount = vendor.showcase ? 3 : r.weighted([(1, 40), (2, 40), (3, 20)])
            var inactive: Set<Int> = []
            if vendor.showcase { inactive.insert(2) } else if userCount > 1 && r.chance(8) { inactive.insert(userCount - 1) }
            vendor.users = Self.users(account: vendor.account, domain: vendor.domain, dutch: vendor.dutch, count: userCount,
                                      inactive: inactive, rng: &r)
            try writeUsers(vendor.users, kind: .vendor, account: vendor.account, rng: &r)
            try writeVendorNotes(vendor, rng: &r)

            let pool = try writePurchaseOrders(vendor, count: poCounts.next(minimum: vendor.showcase ? 14 : 1), rng: &r)
            try writeVendorInvoices(vendor, count: counts.next(minimum: vendor.showcase ? 24 : 1), pool: pool, rng: &r)
            if vendor.consignment { try writeOnHand(vendor, rng: &r) }
        }
    }

    func makeVendorProfile(_ index: Int, rng r: inout DemoRandom) -> VendorProfile {
        let locale: String?
        let currency: String
        let dutch: Bool
        switch index {
        case 0, 3: (locale, currency, dutch) = ("nl-NL", "EUR", true)
        case 1, 4: (locale, currency, dutch) = ("en-US", "USD", false)
        case 2: (locale, currency, dutch) = (nil, "EUR", true)
        case 5: (locale, currency, dutch) = (nil, "USD", false)
        default:
            switch r.below(100) {
            case 0..<55: (locale, currency, dutch) = ("nl-NL", "EUR", true)
            case 55..<85: (locale, currency, dutch) = ("en-US", "USD", false)
            case 85..<94: (locale, currency, dutch) = (nil, "EUR", true)
            default: (locale, currency, dutch) = (nil, "USD", false)
            }
        }
        let name = names.claim({ Self.vendorName(dutch: dutch, rng: &$0) },
                               suffixes: dutch ? Words.dutchCities : Words.usPlaces, rng: &r)
        let digits = String(10_001 + index)
        return VendorProfile(
            index: index, account: "V" + digits, digits: digits, name: name, domain: Self.domain(for: name, dutch: dutch),
            locale: locale, currency: currency, dutch: dutch,
            enabled: !(index == 3 || (index >= 10 && index % 97 == 50)),
            consignment: index <= 1 || (index >= 6 && r.chance(15)),
            showcase: index == 0, numberFormat: index < 4 ? index : r.below(4),
            netDays: index == 0 ? 30 : r.weighted([(30, 60), (14, 15), (45, 10), (60, 15)]),
            otherCurrencyPercent: index == 0 || (index >= 6 && r.chance(10)) ? 12 : 0,
            initials: Self.initials(name))
    }

    // MARK: Purchase orders

    static let showcaseOrders: [POPlan] = [
        POPlan(status: .confirmed, age: 240, versions: 1, responses: [.accepted], receipt: .full),
        POPlan(status: .confirmed, age: 170, versions: 3, responses: [.acceptedWithChanges, .rejected, .accepted], receipt: .full),
        POPlan(status: .cancelled, age: 100, versions: 1, responses: [nil], receipt: .none),
        POPlan(status: .cancelled, age: 60, versions: 1, responses: [.rejected], receipt: .none),
        POPlan(status: .confirmed, age: 55, versions: 2, responses: [.acceptedWithChanges, .accepted], receipt: .partial,
               everyChange: true, everyAnswer: true, lineCount: 4),
        POPlan(status: .confirmed, age: 35, versions: 1, responses: [.acceptedWithChanges], receipt: .partial,
               everyAnswer: true, lineCount: 3),
        POPlan(status: .confirmed, age: 30, versions: 1, responses: [nil], receipt: .full, consignment: true),
        POPlan(status: .inExternalReview, age: 8, versions: 2, responses: [.rejected, nil], receipt: .none, everyChange: true),
        POPlan(status: .inExternalReview, age: 5, versions: 1, responses: [.acceptedWithChanges], receipt: .none,
               everyAnswer: true, lineCount: 4),
        POPlan(status: .inExternalReview, age: 3, versions: 1, responses: [nil], receipt: .none),
        POPlan(status: .inExternalReview, age: 2, versions: 1, responses: [.rejected], receipt: .none),
        POPlan(status: .draft, age: 1, versions: 1, responses: [nil], receipt: .none),
    ]

    func randomOrderPlan(_ vendor: VendorProfile, consignment: Bool, rng r: inout DemoRandom) -> POPlan {
        let age = r.chance(20) ? r.int(0...30) : r.int(0...DemoClock.historyDays)
        if consignment {
            return POPlan(status: .confirmed, age: age, versions: 1, responses: [r.chance(50) ? .accepted : nil], receipt: .full,
                          consignment: true)
        }
        let status: PurchaseOrderStatus = switch age {
        case 0...14: r.weighted([(.inExternalReview, 50), (.confirmed, 40), (.cancelled, 10)])
        case 15...60: r.weighted([(.confirmed, 85), (.inExternalReview, 7), (.cancelled, 8)])
        default: r.weighted([(.confirmed, 90), (.cancelled, 10)])
        }
        let versions = r.weighted([(1, 70), (2, 22), (3, 8)])
        var responses: [POResponseKind?] = (1..<versions).map { _ in
            r.weighted([(POResponseKind.rejected, 35), (.acceptedWithChanges, 45), (nil, 20)])
        }
        switch status {
        case .inExternalReview: responses.append(r.weighted([(nil, 55), (.acceptedWithChanges, 25), (.rejected, 20)]))
        case .confirmed: responses.append(r.weighted([(.accepted, 80), (.acceptedWithChanges, 20)]))
        default: responses.append(r.chance(50) ? .rejected : nil)
        }
        var receipt = Receipt.none
        if status == .confirmed {
            receipt = switch age {
            case 46...: r.chance(85) ? .full : .partial
            case 15...45: r.weighted([(.partial, 60), (.full, 25), (.none, 15)])
            default: r.chance(60) ? .none : .partial
            }
        }
        return POPlan(status: status, age: age, versions: versions, responses: responses, receipt: receipt)
    }

    /// Writes the vendor's orders, oldest first; returns the confirmed ones with something received (invoices refer to them).
    func writePurchaseOrders(_ vendor: VendorProfile, count: Int, rng r: inout DemoRandom) throws -> [POInfo] {
        var plans: [POPlan] = []
        if vendor.showcase {
            plans = Self.showcaseOrders.filter { $0.status != .draft || !draftOrderWritten }
            if plans.contains(where: { $0.status == .draft }) { draftOrderWritten = true }
        } else if vendor.consignment {
            plans.append(randomOrderPlan(vendor, consignment: true, rng: &r))
        }
        while plans.count < count {
            plans.append(randomOrderPlan(vendor, consignment: vendor.consignment && r.chance(12), rng: &r))
        }
        // Oldest first, so order numbers grow with the order date; ties keep the plan order.
        let sorted = plans.enumerated().sorted { ($0.element.age, $1.offset) > ($1.element.age, $0.offset) }.map(\.element)
        var pool: [POInfo] = []
        for plan in sorted {
            if let info = try writePurchaseOrder(vendor, plan: plan, rng: &r) { pool.append(info) }
        }
        // Consignment receipts not yet consumed by an order.
        if vendor.consignment && r.chance(vendor.showcase ? 100 : 40) {
            let item = r.pick(DemoCatalog.consignable)
            let wh = r.pick(DemoCatalog.warehouses)
            let at = DemoClock.seconds(DemoClock.daysAgo(r.int(0...3)), hour: 6) + r.below(10 * 3600)
            try w.consignmentReceipt.insert([nextReceiptID, vendor.account, DemoCatalog.items[item].number,
                                             Fmt.quantity(milli: DemoCatalog.items[item].randomQuantity(&r)),
                                             DemoCatalog.items[item].unit, Fmt.timestamp(min(at, DemoClock.exportedAtSeconds - 60)),
                                             wh.site, wh.warehouse, nil])
            nextReceiptID += 1
        }
        return pool
    }

    func makeLine(_ lineNo: Int, item: Int, currency: String, orderDay: Day, warehouse: (site: String, warehouse: String, address: String),
                  rng r: inout DemoRandom) -> POLineData {
        let it = DemoCatalog.items[item]
        return POLineData(
            lineNo: lineNo, item: item, qty: it.randomQuantity(&r), price: it.price(in: currency, rng: &r),
            delivery: orderDay.adding(days: r.int(5...40)),
            site: it.isProduct ? warehouse.site : nil, warehouse: it.isProduct ? warehouse.warehouse : nil,
            color: it.colors.isEmpty ? nil : r.pick(it.colors), size: it.sizes.isEmpty ? nil : r.pick(it.sizes),
            style: it.styles.isEmpty ? nil : r.pick(it.styles),
            configuration: it.configurations.isEmpty ? nil : r.pick(it.configurations))
    }

    /// The next version's lines: quantities, prices or dates change, lines are added or removed.
    func revise(_ lines: [POLineData], everyChange: Bool, currency: String, orderDay: Day,
                warehouse: (site: String, warehouse: String, address: String), highestLineNo: inout Int,
                rng r: inout DemoRandom) -> [POLineData] {
        var next = lines
        enum Change { case quantity, price, date, add, remove }
        let changes: [Change] = everyChange ? [.quantity, .price, .date, .remove, .add]
            : (0..<r.int(1...2)).map { _ in r.weighted([(Change.quantity, 35), (.price, 15), (.date, 25), (.add, 15), (.remove, 10)]) }
        for change in changes {
            let i = r.below(next.count)
            switch change {
            case .quantity:
                let delta = next[i].step * r.int(1...5)
                next[i].qty = next[i].qty > delta * 2 && r.chance(40) ? next[i].qty - delta : next[i].qty + delta
            case .price:
                next[i].price = max(1, next[i].price * (r.chance(70) ? r.int(101...108) : r.int(92...99)) / 100)
            case .date:
                next[i].delivery = next[i].delivery.adding(days: r.int(3...21))
            case .add:
                let used = next.map(\.item)
                let candidates = DemoCatalog.products.filter { !used.contains($0) }
                // A line number is never reused for another line, even after its line was removed.
                highestLineNo += 1
                next.append(makeLine(highestLineNo, item: r.pick(candidates), currency: currency, orderDay: orderDay, warehouse: warehouse, rng: &r))
            case .remove:
                // Keep the first two lines of showcase orders (they carry the split and the substitute).
                if next.count > 2 { next.remove(at: everyChange ? next.count - 1 : max(1, i)) }
            }
        }
        return next
    }

    struct LineAnswer {
        var lineNo: Int
        var splitSeq: Int
        var accept: Bool
        var quantity: Int?
        var date: Day?
        var substituteItem: String?
        var substituteDescription: String?
    }

    /// The per-line answers of an `accepted_with_changes` response.
    func lineAnswers(_ lines: [POLineData], keepQuantities: Bool, every: Bool, vendor: VendorProfile,
                     rng r: inout DemoRandom) -> [LineAnswer] {
        enum Kind { case same, date, quantity, split, substitute, reject }
        var answers: [LineAnswer] = []
        var changed = false
        for (i, line) in lines.enumerated() {
            var kind: Kind
            if every {
                kind = [Kind.split, .substitute, keepQuantities ? .date : .reject, keepQuantities ? .same : .quantity][min(i, 3)]
            } else {
                kind = r.weighted([(Kind.same, 55), (.date, 18), (.quantity, keepQuantities ? 0 : 10), (.split, 8), (.substitute, 5),
                                   (.reject, keepQuantities ? 0 : 4)])
            }
            let units = line.qty / line.step
            if kind == .split && units < 2 { kind = .date }
            if kind == .quantity && units < 2 { kind = .date }
            switch kind {
            case .same:
                answers.append(LineAnswer(lineNo: line.lineNo, splitSeq: 1, accept: true, quantity: line.qty, date: line.delivery))
            case .date:
                changed = true
                answers.append(LineAnswer(lineNo: line.lineNo, splitSeq: 1, accept: true, quantity: line.qty,
                                          date: line.delivery.adding(days: r.int(3...14))))
            case .quantity:
                changed = true
                let less = line.step * r.int(1...max(1, min(units - 1, 5)))
                answers.append(LineAnswer(lineNo: line.lineNo, splitSeq: 1, accept: true, quantity: line.qty - less, date: line.delivery))
            case .split:
                changed = true
                let k = every ? min(3, units) : min(units, r.int(2...3))
                let part = units / k * line.step
                var date = line.delivery
                for seq in 1...k {
                    let q = seq < k ? part : line.qty - part * (k - 1)
                    answers.append(LineAnswer(lineNo: line.lineNo, splitSeq: seq, accept: true, quantity: q, date: date))
                    date = date.adding(days: r.int(7...21))
                }
            case .substitute:
                changed = true
                let name = line.catalogItem.name
                answers.append(LineAnswer(
                    lineNo: line.lineNo, splitSeq: 1, accept: true, quantity: line.qty, date: line.delivery,
                    substituteItem: "\(vendor.initials)-\(r.int(10_000...99_999))",
                    substituteDescription: vendor.dutch ? "Gelijkwaardig alternatief voor \(name) (eigen merk)"
                        : "Equivalent to \(name), own brand"))
            case .reject:
                changed = true
                answers.append(LineAnswer(lineNo: line.lineNo, splitSeq: 1, accept: false, quantity: nil, date: nil))
            }
        }
        if !changed, let first = answers.first {
            answers[0].date = (first.date ?? DemoClock.asOf).adding(days: 7)
        }
        return answers
    }

    func applyReceipt(_ receipt: Receipt, to lines: inout [POLineData], rng r: inout DemoRandom) {
        switch receipt {
        case .none: for i in lines.indices { lines[i].received = 0 }
        case .full: for i in lines.indices { lines[i].received = lines[i].qty }
        case .partial:
            for i in lines.indices {
                let units = lines[i].qty / lines[i].step
                lines[i].received = switch r.below(100) {
                case 0..<40: lines[i].qty
                case 40..<75: units * r.int(20...80) / 100 * lines[i].step
                default: 0
                }
            }
            // Open: some line is short. Started: some line has arrived.
            if lines.allSatisfy({ $0.received >= $0.qty }) {
                let i = r.below(lines.count)
                lines[i].received = (lines[i].qty / lines[i].step) / 2 * lines[i].step
            }
            if lines.allSatisfy({ $0.received == 0 }) {
                let i = r.below(lines.count)
                lines[i].received = lines.count > 1 ? lines[i].qty : (lines[i].qty / lines[i].step) / 2 * lines[i].step
            }
        }
    }

    /// Writes one order with its versions, lines, responses and consignment receipts.
    func writePurchaseOrder(_ vendor: VendorProfile, plan: POPlan, rng r: inout DemoRandom) throws -> POInfo? {
        let number = "PO-" + Fmt.pad(nextPONumber, 6)
        nextPONumber += 1
        let orderDay = DemoClock.daysAgo(plan.age)
        let currency = !plan.consignment && vendor.otherCurrencyPercent > 0 && r.chance(vendor.otherCurrencyPercent)
            ? vendor.otherCurrency : vendor.currency
        let warehouse = r.pick(DemoCatalog.warehouses)

        // Version 1 lines; the lines of later versions derive from it.
        let lineCount = plan.lineCount ?? r.weighted([(1, 20), (2, 25), (3, 25), (4, 15), (5, 10), (6, 5)])
        let itemPool: [Int]
        if plan.consignment {
            itemPool = DemoCatalog.consignable
        } else if r.chance(15) && !(plan.everyAnswer || plan.everyChange) {
            itemPool = DemoCatalog.services
        } else {
            itemPool = DemoCatalog.products
        }
        var first: [POLineData] = []
        for (n, k) in r.distinct(min(lineCount, itemPool.count), of: itemPool.count).enumerated() {
            var line = makeLine(n + 1, item: itemPool[k], currency: currency, orderDay: orderDay, warehouse: warehouse, rng: &r)
            if plan.everyAnswer && n == 0 && line.qty < 3 * line.step { line.qty = 3 * line.step * r.int(2...6) }
            first.append(line)
        }
        var versions = [first]
        var highestLineNo = first.count
        while versions.count < plan.versions {
            versions.append(revise(versions[versions.count - 1], everyChange: plan.everyChange, currency: currency, orderDay: orderDay,
                                   warehouse: warehouse, highestLineNo: &highestLineNo, rng: &r))
        }
        applyReceipt(plan.receipt, to: &versions[versions.count - 1], rng: &r)

        let hasProducts = versions.last!.contains { $0.catalogItem.isProduct }
        try w.purchaseOrder.insert([number, vendor.account, orderDay.description, currency, plan.status.rawValue, plan.versions,
                                    plan.consignment ? 1 : 0, r.chance(85) ? r.pick(Words.staff) : nil,
                                    hasProducts ? warehouse.address : nil])

        var timeline = Timeline(day: orderDay, rng: &r)
        if plan.consignment {
            // Ownership moved before the consuming order was generated.
            for line in versions[0] {
                let parts = line.qty >= 2 * line.step && r.chance(30) ? 2 : 1
                let firstPart = parts == 2 ? (line.qty / line.step / 2) * line.step : line.qty
                for p in 0..<parts {
                    let q = p == 0 ? firstPart : line.qty - firstPart
                    let at = timeline.now - (parts - p) * 3600 - r.below(3600)
                    try w.consignmentReceipt.insert([nextReceiptID, vendor.account, line.catalogItem.number, Fmt.quantity(milli: q),
                                                     line.catalogItem.unit, Fmt.timestamp(at), line.site ?? warehouse.site,
                                                     line.warehouse ?? warehouse.warehouse, number])
                    nextReceiptID += 1
                }
            }
        }
        var remaining = plan.versions + plan.responses.compactMap { $0 }.count - 1
        for (v, lines) in versions.enumerated() {
            let version = v + 1
            let sentAt = v == 0 ? timeline.now : timeline.advance(rng: &r, minMinutes: 60, maxHours: 120, stepsAfter: remaining)
            if v > 0 { remaining -= 1 }
            try w.poVersion.insert([number, version, Fmt.timestamp(sentAt)])
            let isCurrent = version == plan.versions
            for line in lines {
                try w.poLine.insert([
                    number, version, line.lineNo, line.catalogItem.number, line.catalogItem.name, Fmt.quantity(milli: line.qty),
                    line.catalogItem.unit, line.price, line.amount, line.delivery.description, line.site, line.warehouse,
                    line.color, line.size, line.style, line.configuration, Fmt.quantity(milli: isCurrent ? line.received : 0),
                ])
            }
            if plan.status != .draft && (plan.everyAnswer || r.chance(4)) {
                try writePOLineNote(vendor, number: number, version: version, line: lines[0], at: sentAt + 600, rng: &r)
            }
            guard let response = plan.responses[v] else { continue }
            let respondedAt = timeline.advance(rng: &r, minMinutes: 30, maxHours: 72, stepsAfter: remaining)
            remaining -= 1
            try w.poResponse.insert([number, version, Fmt.timestamp(respondedAt), response.rawValue,
                                     r.chance(85) ? vendor.author(&r) : nil])
            if response == .acceptedWithChanges {
                let answers = lineAnswers(lines, keepQuantities: isCurrent && plan.status == .confirmed,
                                          every: plan.everyAnswer, vendor: vendor, rng: &r)
                for a in answers {
                    try w.poLineResponse.insert([number, version, a.lineNo, a.splitSeq, a.accept ? "accept" : "reject",
                                                 a.quantity.map { Fmt.quantity(milli: $0) }, a.date?.description,
                                                 a.substituteItem, a.substituteDescription])
                }
            }
        }
        try writeOrderNotes(vendor, number: number, plan: plan, at: timeline.now, rng: &r)

        guard plan.status == .confirmed, versions.last!.contains(where: { $0.received > 0 }) else { return nil }
        return POInfo(number: number, currency: currency, lines: versions.last!, lastMoment: timeline.now)
    }

    func writeOnHand(_ vendor: VendorProfile, rng r: inout DemoRandom) throws {
        let rows = vendor.showcase ? 4 : r.int(1...5)
        for (n, k) in r.distinct(min(rows, DemoCatalog.consignable.count), of: DemoCatalog.consignable.count).enumerated() {
            let item = DemoCatalog.items[DemoCatalog.consignable[k]]
            let wh = r.pick(DemoCatalog.warehouses)
            let batch: String? = (vendor.showcase ? n % 2 == 0 : r.chance(50)) ? "B\(vendor.digits)-\(Fmt.pad(r.int(1...999), 3))" : nil
            try w.consignmentOnHand.insert([vendor.account, item.number, wh.site, wh.warehouse, batch,
                                            Fmt.quantity(milli: item.randomQuantity(&r) * r.int(1...4)), item.unit,
                                            DemoClock.daysAgo(r.chance(70) ? 0 : 1).description])
        }
    }

    // MARK: Vendor invoices

    static let showcaseInvoices: [VendorInvoicePlan] = {
        let D = VendorInvoiceStatus.draft, R = VendorInvoiceStatus.inReview, H = VendorInvoiceStatus.onHold
        let C = VendorInvoiceStatus.confirmed, X = VendorInvoiceStatus.cancelled
        func plan(_ age: Int, _ history: [VendorInvoiceStatus], _ v: Verification, _ m: MatchingStatus, _ pay: VendorPay = .none,
                  link: Bool = true, currency: String? = nil, freeText: Bool = false) -> VendorInvoicePlan {
            VendorInvoicePlan(day: DemoClock.daysAgo(age), status: history.last!, history: history, verification: v, matching: m,
                              pay: pay, linkPO: link, currency: currency, freeTextLine: freeText)
        }
        return [
            plan(1, [D], .allNotStarted, .notMatched, link: false, freeText: true),
            plan(9, [D, R, H, D], .allNotStarted, .mismatch),
            plan(3, [D, R], .withInProgress, .matched),
            plan(12, [D, R, H, R], .someVerified, .matched),
            plan(15, [D, R, H, D, R], .allNotStarted, .notMatched, link: false),
            plan(6, [D, R, H], .withInProgress, .mismatch),
            plan(4, [D, R, H], .allNotStarted, .notMatched, link: false),
            plan(20, [D, R, H, R, H], .someVerified, .mismatch),
            plan(5, [D, R, C], .allComplete, .matched, .unpaid),
            plan(60, [D, R, C], .allComplete, .matched, .unpaid, link: false),
            plan(45, [D, R, C], .allComplete, .matched, .partial),
            plan(200, [D, R, C], .allComplete, .matched, .full),
            plan(150, [D, R, C], .allComplete, .matched, .batch, link: false),
            plan(148, [D, R, C], .allComplete, .matched, .batch, link: false),
            plan(120, [D, R, C], .allComplete, .matched, .installments, link: false),
            plan(90, [D, R, H, R, C], .allComplete, .matched, .full),
            plan(80, [D, R, C, X], .allComplete, .matched, link: false),
            plan(70, [D, R, C], .allComplete, .matched, .full, link: false, currency: "USD"),
            plan(110, [D, R, H, R, C, X], .allComplete, .matched, link: false),
        ]
    }()

    func randomInvoicePlan(_ vendor: VendorProfile, pool: inout [POInfo], rng r: inout DemoRandom) -> VendorInvoicePlan {
        let D = VendorInvoiceStatus.draft, R = VendorInvoiceStatus.inReview, H = VendorInvoiceStatus.onHold
        let C = VendorInvoiceStatus.confirmed, X = VendorInvoiceStatus.cancelled
        var po: POInfo?
        var day: Day
        if !pool.isEmpty && r.chance(45) {
            let info = pool.remove(at: r.below(pool.count))
            po = info
            day = DemoClock.day(ofSeconds: info.lastMoment).adding(days: r.int(1...30))
            if day > DemoClock.asOf { day = DemoClock.asOf }
        } else {
            day = DemoClock.daysAgo(r.chance(15) ? r.int(0...20) : r.int(0...DemoClock.historyDays))
        }
        let age = DemoClock.asOf.days(since: day)
        let status: VendorInvoiceStatus = switch age {
        case 0...7: r.weighted([(D, 30), (R, 45), (H, 10), (C, 15)])
        case 8...30: r.weighted([(D, 4), (R, 18), (H, 10), (C, 63), (X, 5)])
        default: r.weighted([(D, 1), (R, 2), (H, 3), (C, 88), (X, 6)])
        }
        let looped = r.chance(15)
        let history: [VendorInvoiceStatus]
        var verification: Verification
        switch status {
        case .draft:
            history = looped ? [D, R, H, D] : [D]
            verification = .allNotStarted
        case .inReview:
            switch r.below(100) {
            case 0..<80: history = [D, R]; verification = .mixed
            case 80..<92: history = [D, R, H, R]; verification = .someVerified
            default: history = [D, R, H, D, R]; verification = .allNotStarted
            }
        case .onHold:
            if looped { history = [D, R, H, R, H]; verification = .someVerified } else {
                history = [D, R, H]; verification = .mixed
            }
        case .confirmed:
            history = looped ? [D, R, H, R, C] : [D, R, C]
            verification = .allComplete
        case .cancelled:
            history = looped ? [D, R, H, R, C, X] : [D, R, C, X]
            verification = .allComplete
        }
        let matching: MatchingStatus
        switch status {
        case .draft: matching = .notMatched
        case .inReview: matching = po == nil ? .notMatched : r.weighted([(.notMatched, 40), (.matched, 45), (.mismatch, 15)])
        case .onHold: matching = po == nil ? .notMatched : r.weighted([(.mismatch, 70), (.notMatched, 30)])
        case .confirmed, .cancelled: matching = .matched
        }
        var pay = VendorPay.none
        if status == .confirmed {
            let overdue = day.adding(days: vendor.netDays + 5) < DemoClock.asOf
            pay = overdue ? r.weighted([(.full, 78), (.installments, 4), (.partial, 6), (.unpaid, 12)])
                : r.weighted([(.unpaid, 82), (.partial, 6), (.full, 12)])
        }
        let currency: String? = po == nil && vendor.otherCurrencyPercent > 0 && r.chance(vendor.otherCurrencyPercent)
            ? vendor.otherCurrency : nil
        return VendorInvoicePlan(day: day, status: status, history: history, verification: verification, matching: matching,
                                 pay: pay, linkPO: po != nil, po: po, currency: currency, freeTextLine: po == nil && r.chance(10))
    }

    struct InvoiceLine {
        var poLineNo: Int?
        var item: Int?
        var description: String
        var qty: Int
        var price: Int
        var status: VerificationStatus = .notStarted
        var amount: Int { Amounts.lineAmount(milli: qty, unitPrice: price) }
    }

    struct Posted {
        let id: Int
        let currency: String
        let total: Int
        let posted: Day
        let due: Day
        let pay: VendorPay
    }

    func writeVendorInvoices(_ vendor: VendorProfile, count: Int, pool: [POInfo], rng r: inout DemoRandom) throws {
        var available = pool
        var plans: [VendorInvoicePlan] = []
        if vendor.showcase {
            for var plan in Self.showcaseInvoices {
                if plan.linkPO {
                    // An order confirmed before the invoice date, not invoiced yet if there is one.
                    let earlier = pool.filter { DemoClock.day(ofSeconds: $0.lastMoment) < plan.day }
                    let fresh = earlier.filter { po in available.contains { $0.number == po.number } }
                    let candidates = fresh.isEmpty ? earlier : fresh
                    if candidates.isEmpty { plan.linkPO = false } else { plan.po = r.pick(candidates) }
                    if let po = plan.po { available.removeAll { $0.number == po.number } }
                }
                plans.append(plan)
            }
        }
        while plans.count < count { plans.append(randomInvoicePlan(vendor, pool: &available, rng: &r)) }
        let sorted = plans.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)

        var posted: [Posted] = []
        for (n, plan) in sorted.enumerated() {
            if let p = try writeVendorInvoice(vendor, plan: plan, seq: n + 1, rng: &r) { posted.append(p) }
        }
        try writeVendorPayments(vendor, posted: posted, rng: &r)
    }

    func invoiceLines(_ vendor: VendorProfile, plan: VendorInvoicePlan, currency: String, rng r: inout DemoRandom) -> [InvoiceLine] {
        var lines: [InvoiceLine] = []
        if let po = plan.po {
            let received = po.lines.filter { $0.received > 0 }
            for line in received.isEmpty ? po.lines : received {
                lines.append(InvoiceLine(poLineNo: line.lineNo, item: line.item, description: line.catalogItem.name,
                                         qty: line.received > 0 ? line.received : line.qty, price: line.price))
            }
            if plan.matching == .mismatch {
                let i = r.below(lines.count)
                if r.chance(50) { lines[i].price = lines[i].price * r.int(103...109) / 100 + 1 } else {
                    lines[i].qty += po.lines.first { $0.lineNo == lines[i].poLineNo }?.step ?? 1000
                }
            }
        } else {
            let count = r.weighted([(1, 40), (2, 30), (3, 20), (4, 10)])
            let fromServices = r.chance(65)
            let source = fromServices ? DemoCatalog.services : DemoCatalog.products
            for k in r.distinct(count, of: source.count) {
                let item = DemoCatalog.items[source[k]]
                lines.append(InvoiceLine(poLineNo: nil, item: source[k], description: item.name, qty: item.randomQuantity(&r),
                                         price: item.price(in: currency, rng: &r)))
            }
        }
        if plan.freeTextLine {
            let text = vendor.dutch ? r.pick(["Vrachtkosten", "Toeslag kleine order", "Brandstoftoeslag", "Administratiekosten"])
                : r.pick(["Freight costs", "Small-order surcharge", "Fuel surcharge", "Handling fee"])
            let cents = r.int(15...95) * 100
            lines.append(InvoiceLine(poLineNo: nil, item: nil, description: text, qty: 1000,
                                     price: currency == "USD" ? cents * 108 / 100 : cents))
        }
        // Line verification.
        switch plan.verification {
        case .allNotStarted: break
        case .allComplete: for i in lines.indices { lines[i].status = .complete }
        case .mixed, .someVerified, .withInProgress:
            for i in lines.indices { lines[i].status = r.pick([.notStarted, .inProgress, .complete]) }
            if plan.verification == .withInProgress {
                lines[0].status = .inProgress
                if lines.count > 1 { lines[lines.count - 1].status = .complete }
            }
            if plan.verification == .someVerified && lines.allSatisfy({ $0.status == .notStarted }) {
                lines[r.below(lines.count)].status = r.chance(50) ? .inProgress : .complete
            }
        }
        if plan.verification == .withInProgress && lines.count == 1 {
            lines.append(InvoiceLine(poLineNo: nil, item: nil, description: vendor.dutch ? "Vrachtkosten" : "Freight costs",
                                     qty: 1000, price: 4500, status: .notStarted))
        }
        return lines
    }

    func writeVendorInvoice(_ vendor: VendorProfile, plan: VendorInvoicePlan, seq: Int, rng r: inout DemoRandom) throws -> Posted? {
        let id = nextVendorInvoiceID
        nextVendorInvoiceID += 1
        let currency = plan.po?.currency ?? plan.currency ?? vendor.currency
        let number = vendor.invoiceNumber(seq: seq, day: plan.day)
        let lines = invoiceLines(vendor, plan: plan, currency: currency, rng: &r)
        let net = lines.reduce(0) { $0 + $1.amount }
        let rate = currency == "EUR" ? r.weighted([(2100, 88), (900, 6), (0, 6)]) : 0
        let tax = Amounts.percent(net, basisPoints: rate)
        let due = plan.day.adding(days: vendor.netDays)

        // The status history.
        var timeline = Timeline(day: plan.day, rng: &r)
        var moments: [Int] = [timeline.now]
        for k in plan.history.indices.dropFirst() {
            let to = plan.history[k]
            let maxHours = switch to {
            case .inReview: plan.history[k - 1] == .draft ? 48 : 96
            case .confirmed: 240
            case .cancelled: 720
            default: 120
            }
            moments.append(timeline.advance(rng: &r, minMinutes: 10, maxHours: maxHours, stepsAfter: plan.history.count - 1 - k))
        }
        let submittedAt = plan.history.firstIndex(of: .inReview).map { Fmt.timestamp(moments[$0]) }
        let postedIndex = plan.history.lastIndex(of: .confirmed)
        let postedAt = postedIndex.map { Fmt.timestamp(moments[$0]) }

        try w.vendorInvoice.insert([id, vendor.account, number, plan.po?.number, plan.day.description, due.description, currency,
                                    plan.status.rawValue, net + tax, tax, plan.matching.rawValue, submittedAt, postedAt])
        for (n, line) in lines.enumerated() {
            try w.vendorInvoiceLine.insert([id, n + 1, line.poLineNo, line.item.map { DemoCatalog.items[$0].number }, line.description,
                                            Fmt.quantity(milli: line.qty), line.price, line.amount, line.status.rawValue])
        }
        let staff = r.pick(Words.staff) + (vendor.dutch ? " (Crediteurenadministratie)" : " (Accounts Payable)")
        for (k, to) in plan.history.enumerated() {
            let from: VendorInvoiceStatus? = k == 0 ? nil : plan.history[k - 1]
            let byVendor = to == .draft && from == nil || to == .inReview && from == .draft
            let actor: String? = byVendor ? (vendor.author(&r) ?? "EDI") : staff
            try w.vendorInvoiceEvent.insert([id, k + 1, Fmt.timestamp(moments[k]), from?.rawValue, to.rawValue, actor,
                                             eventComment(from: from, to: to, dutch: vendor.dutch, rng: &r)])
        }
        try writeInvoiceNotes(vendor, id: id, number: number, plan: plan, at: timeline.now, total: net + tax, currency: currency,
                              rng: &r)
        guard plan.status == .confirmed, let postedIndex else { return nil }
        return Posted(id: id, currency: currency, total: net + tax, posted: DemoClock.day(ofSeconds: moments[postedIndex]),
                      due: due, pay: plan.pay)
    }

    func eventComment(from: VendorInvoiceStatus?, to: VendorInvoiceStatus, dutch: Bool, rng r: inout DemoRandom) -> String? {
        switch (from, to) {
        case (.inReview, .onHold):
            return dutch ? r.pick(["Prijs wijkt af van de inkooporder.", "Wacht op goederenontvangst.",
                                   "Gefactureerd aantal hoger dan ontvangen.", "Ordernummer ontbreekt."])
                : r.pick(["Price differs from the purchase order.", "Waiting for goods receipt.",
                          "Quantity invoiced exceeds quantity received.", "Purchase order number missing."])
        case (.onHold, .draft):
            return dutch ? "Teruggezet naar concept voor correctie door de leverancier." : "Returned to draft for correction by the vendor."
        case (.onHold, .inReview):
            return dutch ? "Goederen ontvangen; controle hervat." : "Goods received; review resumed."
        case (.confirmed, .cancelled):
            return dutch ? "Geannuleerd: dubbele factuur, creditnota ontvangen." : "Cancelled: duplicate invoice, credit note received."
        case (.inReview, .confirmed):
            return r.chance(30) ? (dutch ? "Goedgekeurd voor betaling." : "Approved for payment.") : nil
        case (.draft, .inReview):
            return r.chance(20) ? (dutch ? "Ingediend via het portaal." : "Submitted through the portal.") : nil
        default:
            return nil
        }
    }

    /// Payments of posted invoices: single, several invoices at once, partial, in instalments.
    func writeVendorPayments(_ vendor: VendorProfile, posted: [Posted], rng r: inout DemoRandom) throws {
        struct Payment {
            var day: Day
            var currency: String
            var settlements: [(id: Int, amount: Int)]
        }
        func clampDay(_ d: Day, _ low: Day) -> Day { max(low, min(d, DemoClock.asOf)) }
        func intended(_ p: Posted) -> Day {
            if p.due <= DemoClock.asOf { return clampDay(p.due.adding(days: r.int(-7...12)), p.posted) }
            return clampDay(p.posted.adding(days: r.below(max(1, DemoClock.asOf.days(since: p.posted) + 1))), p.posted)
        }
        func between(_ low: Day, _ high: Day) -> Day { low.adding(days: r.below(max(1, high.days(since: low) + 1))) }

        var payments: [Payment] = []
        var openBatch: Int?
        // Invoices planned to be paid together (per currency), wherever they are in the sequence.
        var plannedBatch: [String: Int] = [:]
        for p in posted {
            switch p.pay {
            case .none, .unpaid:
                continue
            case .batch:
                let day = intended(p)
                if let b = plannedBatch[p.currency] {
                    payments[b].settlements.append((p.id, p.total))
                    payments[b].day = max(payments[b].day, day)
                } else {
                    payments.append(Payment(day: day, currency: p.currency, settlements: [(p.id, p.total)]))
                    plannedBatch[p.currency] = payments.count - 1
                }
                continue
            case .full:
                let day = intended(p)
                if let b = openBatch, payments[b].currency == p.currency, payments[b].settlements.count < 4, r.chance(30) {
                    payments[b].settlements.append((p.id, p.total))
                    payments[b].day = max(payments[b].day, day)
                } else {
                    payments.append(Payment(day: day, currency: p.currency, settlements: [(p.id, p.total)]))
                    openBatch = payments.count - 1
                }
                continue
            case .partial:
                let part = max(1, p.total * r.int(20...70) / 100)
                payments.append(Payment(day: between(p.posted, DemoClock.asOf), currency: p.currency, settlements: [(p.id, part)]))
            case .installments:
                let part = max(1, p.total * r.int(35...65) / 100)
                let first = between(p.posted, DemoClock.asOf)
                payments.append(Payment(day: first, currency: p.currency, settlements: [(p.id, part)]))
                payments.append(Payment(day: between(first, DemoClock.asOf), currency: p.currency, settlements: [(p.id, p.total - part)]))
            }
            openBatch = nil
        }
        let ordered = payments.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        for payment in ordered {
            let id = nextVendorPaymentID
            nextVendorPaymentID += 1
            let amount = payment.settlements.reduce(0) { $0 + $1.amount }
            let method = payment.currency == "EUR" ? "SEPA credit transfer" : r.pick(["Wire transfer", "ACH"])
            try w.vendorPayment.insert([id, vendor.account, payment.day.description, amount, payment.currency, method,
                                        "PAY-" + Fmt.pad(id, 8)])
            for s in payment.settlements {
                try w.vendorSettlement.insert([id, s.id, s.amount])
            }
        }
    }

    // MARK: Vendor notes and attachments

    func writeVendorNotes(_ vendor: VendorProfile, rng r: inout DemoRandom) throws {
        let subject = Subject(type: .vendor, key: vendor.account)
        let at = DemoClock.seconds(DemoClock.daysAgo(r.int(30...400)), hour: 9) + r.below(8 * 3600)
        if vendor.showcase || r.chance(50) {
            try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at, body: NoteText.vendorWelcome(dutch: vendor.dutch))
        }
        if vendor.showcase || r.chance(15) {
            try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at + 86_400 * r.int(1...20),
                          body: NoteText.vendorAgreement(dutch: vendor.dutch, rng: &r))
        }
        if vendor.showcase || r.chance(1) {
            try writeNote(subject, internal: false, author: vendor.author(&r), at: at + 3600, body: NoteText.hostile(dutch: vendor.dutch))
        }
        if vendor.showcase || r.chance(25) {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 7200, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
        }
        if vendor.showcase || r.chance(5) {
            try writeAttachment(subject, internal: false, fileName: "iso-9001-certificate.pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "ISO 9001:2015 certificate", lines: [
                                    vendor.name, "Certificate number 2026-\(vendor.digits)", "Valid until 2029-06-30",
                                ]), at: at)
        }
        if vendor.showcase || r.chance(3) {
            try writeAttachment(subject, internal: true, fileName: "internal-credit-check.pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "INTERNAL-ONLY credit check", lines: [
                                    vendor.name, "Rating B-, limit under review", "Do not publish",
                                ]), at: at + 600)
        }
    }

    func writeOrderNotes(_ vendor: VendorProfile, number: String, plan: POPlan, at: Int, rng r: inout DemoRandom) throws {
        guard plan.status != .draft else { return } // a draft order is internal as a whole
        let subject = Subject(type: .purchaseOrder, key: number)
        let showcase = vendor.showcase && (plan.everyChange || plan.everyAnswer)
        if showcase || r.chance(8) {
            try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at + 900,
                          body: NoteText.purchaseOrder(number: number, dutch: vendor.dutch, variant: variant(showcase: showcase, &r)))
        }
        if showcase || r.chance(3) {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 1800, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
        }
        if showcase || r.chance(3) {
            try writeAttachment(subject, internal: false, fileName: "drawing-\(number).pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "Technical drawing for \(number)", lines: [
                                    "Noordzee Handelsgroep B.V.", "Tolerances ISO 2768-m", "All dimensions in mm",
                                ]), at: at + 60)
        }
        if showcase || r.chance(1) {
            try writeAttachment(subject, internal: true, fileName: "internal-price-comparison.pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "INTERNAL-ONLY price comparison", lines: [
                                    "Three quotes compared", "Do not publish",
                                ]), at: at + 120)
        }
    }

    func writePOLineNote(_ vendor: VendorProfile, number: String, version: Int, line: POLineData, at: Int,
                         rng r: inout DemoRandom) throws {
        let subject = Subject(type: .poLine, key: number, lineNo: line.lineNo, version: version)
        try writeNote(subject, internal: false, author: r.pick(Words.staff), at: at,
                      body: NoteText.poLine(lineNo: line.lineNo, itemName: line.catalogItem.name, dutch: vendor.dutch))
        if vendor.showcase {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 60, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
            try writeAttachment(subject, internal: false, fileName: "packaging-line-\(line.lineNo).png", mediaType: "image/png",
                                content: DemoFiles.badgePNG(variant: line.lineNo), at: at + 120)
            try writeAttachment(subject, internal: true, fileName: "internal-photo-line-\(line.lineNo).png", mediaType: "image/png",
                                content: DemoFiles.badgePNG(variant: line.lineNo + 1), at: at + 180)
        }
    }

    func writeInvoiceNotes(_ vendor: VendorProfile, id: Int, number: String, plan: VendorInvoicePlan, at: Int, total: Int,
                           currency: String, rng r: inout DemoRandom) throws {
        let subject = Subject(type: .vendorInvoice, key: String(id))
        let showcase = vendor.showcase && (plan.status == .onHold || plan.pay == .partial)
        if showcase || r.chance(6) {
            try writeNote(subject, internal: false, author: r.chance(70) ? r.pick(Words.staff) : vendor.author(&r), at: at + 300,
                          body: NoteText.vendorInvoice(number: number, dutch: vendor.dutch, variant: variant(showcase: showcase, &r)))
        }
        if showcase || r.chance(3) {
            try writeNote(subject, internal: true, author: r.pick(Words.staff), at: at + 400, body: NoteText.internalNote(variant: variant(showcase: false, &r)))
        }
        if vendor.showcase && plan.status == .onHold && plan.matching == .mismatch && plan.history.count == 3 {
            try writeNote(subject, internal: false, author: vendor.author(&r), at: at + 500, body: NoteText.hostile(dutch: vendor.dutch))
        }
        if showcase || r.chance(5) {
            let safe = number.replacingOccurrences(of: "/", with: "-")
            try writeAttachment(subject, internal: false, fileName: "invoice-\(safe).pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "Invoice \(number)", lines: [
                                    vendor.name, "Invoice date \(plan.day)", "Total \(currency) \(Money(Int64(total), Currency(code: currency)!).plainDecimal)",
                                ]), at: at + 30)
        }
        if showcase || r.chance(1) {
            try writeAttachment(subject, internal: true, fileName: "internal-approval-\(id).pdf", mediaType: "application/pdf",
                                content: DemoFiles.pdf(title: "INTERNAL-ONLY approval record", lines: ["Approved by the controller"]),
                                at: at + 60)
        }
    }
}
