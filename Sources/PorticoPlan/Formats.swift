import Foundation
import PorticoModel

/// Formatting for one locale, with Foundation formatters made once and reused for every value.
/// Not thread-safe: each render worker owns its own `Formats`.
public final class LocaleFormats {
    public let locale: SupportedLocale
    private let foundationLocale: Locale
    private let dateFormatter: DateFormatter
    private let timestampFormatter: DateFormatter
    private var moneyFormatters: [Currency: NumberFormatter] = [:]
    private var quantityFormatters: [Int: NumberFormatter] = [:]
    private let posix = Locale(identifier: "en_US_POSIX")

    init(_ locale: SupportedLocale) {
        self.locale = locale
        foundationLocale = Locale(identifier: locale.foundationIdentifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        dateFormatter = DateFormatter()
        dateFormatter.locale = foundationLocale
        dateFormatter.calendar = calendar
        dateFormatter.timeZone = calendar.timeZone
        dateFormatter.dateStyle = .medium
        dateFormatter.timeStyle = .none
        timestampFormatter = DateFormatter()
        timestampFormatter.locale = foundationLocale
        timestampFormatter.calendar = calendar
        timestampFormatter.timeZone = calendar.timeZone
        timestampFormatter.dateStyle = .medium
        timestampFormatter.timeStyle = .short
        amounts = .allocate(capacity: Self.amountSlots)
        amounts.initialize(repeating: AmountSlot(), count: Self.amountSlots)
    }

    deinit {
        amounts.deinitialize(count: Self.amountSlots)
        amounts.deallocate()
    }

    /// Amounts written lately, by value: an invoice's total is on its page, on two or three lists and on a statement,
    /// and making an amount's string (checked as UTF-8 by `String`) was most of writing it. A slot per value's hash,
    /// the last one written wins; held behind a pointer (a class's `var` is checked for exclusive access on every use).
    private struct AmountSlot {
        var minor: Int64 = 0
        var currency: Currency?
        var text = ""
    }
    private static let amountSlots = 4096
    private let amounts: UnsafeMutablePointer<AmountSlot>

    private lazy var monthFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = foundationLocale
        f.timeZone = TimeZone(identifier: "UTC")
        f.setLocalizedDateFormatFromTemplate("MMMMy")
        return f
    }()

    /// Dates and months already formatted (a party's pages repeat the same few hundred days), by `yyyymmdd`.
    private var dates: [Int: String] = [:]
    private var months: [Int: String] = [:]

    /// "November 2026", "november 2026".
    public func month(_ day: Day) -> String {
        let key = day.year * 100 + day.month
        if let text = months[key] { return text }
        let text = monthFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86400))
        months[key] = text
        return text
    }

    public func date(_ day: Day) -> String {
        let key = day.year * 10000 + day.month * 100 + day.day
        if let text = dates[key] { return text }
        let text = dateFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86400))
        if dates.count >= 16384 { dates.removeAll(keepingCapacity: true) }
        dates[key] = text
        return text
    }

    /// Formatted timestamps by minute (the short time style shows no seconds).
    private var minutes: [Int: String] = [:]

    public func timestamp(_ t: Timestamp) -> String {
        let minute = t.epochSeconds >= 0 ? t.epochSeconds / 60 : (t.epochSeconds - 59) / 60
        if let text = minutes[minute] { return text }
        let text = composedTimestamp(minute: minute) ?? timestampFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(minute * 60))) + " UTC"
        // Kept small: a timestamp recurs within a party (an event on its invoice page and in lists), seldom across
        // parties, and a table that grew with the export would make memory grow with it.
        if minutes.count >= 4096 { minutes.removeAll(keepingCapacity: true) }
        minutes[minute] = text
        return text
    }

    /// The time of day by minute (`23:30`, `11:30 PM`), through a time-only formatter.
    private var times = [String?](repeating: nil, count: 1440)
    /// What Foundation writes before the time on each day (`20 nov 2026, `, `Nov 20, 2026 at `), by day number;
    /// `.some(nil)`: that day's text did not end in the time, so it goes through Foundation.
    private var dayPrefixes: [Int: String?] = [:]
    private lazy var timeFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = timestampFormatter.locale
        f.calendar = timestampFormatter.calendar
        f.timeZone = timestampFormatter.timeZone
        f.dateStyle = .none
        f.timeStyle = .short
        return f
    }()

    /// A timestamp as the day's prefix and the minute's time: Foundation's text is the date, a separator and the
    /// time, so one Foundation call per day and one per minute of the day replace one per minute of the export
    /// (1.5 % of a full build's instructions). The day's prefix is read from Foundation's text of the first minute
    /// asked for on that day, and only used when that text ends in the time; a test compares every minute of
    /// several days with Foundation.
    private func composedTimestamp(minute: Int) -> String? {
        let day = minute >= 0 ? minute / 1440 : (minute - 1439) / 1440
        let ofDay = minute - day * 1440
        let time: String
        if let known = times[ofDay] {
            time = known
        } else {
            time = timeFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(ofDay * 60)))
            times[ofDay] = time
        }
        if let prefix = dayPrefixes[day] { return prefix.map { $0 + time + " UTC" } }
        let full = timestampFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(minute * 60)))
        let prefix: String? = full.hasSuffix(time) ? String(full.dropLast(time.count)) : nil
        if dayPrefixes.count >= 16384 { dayPrefixes.removeAll(keepingCapacity: true) }
        dayPrefixes[day] = .some(prefix)
        return full + " UTC"
    }

    /// Through Foundation at the exact second, for the tests.
    func foundationTimestamp(_ t: Timestamp) -> String {
        timestampFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(t.epochSeconds))) + " UTC"
    }

    private var moneyShapes: [Currency: NumberShape?] = [:]
    /// The last currency asked for and its shape: a party's amounts are nearly all in one currency, and hashing the
    /// currency for every amount cost more than writing it.
    private var lastCurrency: Currency?
    private var lastMoneyShape: NumberShape?

    public func money(_ m: Money) -> String {
        let slot = amounts + Int(truncatingIfNeeded: (UInt64(bitPattern: m.minor) &* 0x9E37_79B9_7F4A_7C15) >> 52)
        if slot.pointee.minor == m.minor, slot.pointee.currency == m.currency { return slot.pointee.text }
        let text = writeMoney(m)
        slot.pointee = AmountSlot(minor: m.minor, currency: m.currency, text: text)
        return text
    }

    private func writeMoney(_ m: Money) -> String {
        let shape: NumberShape?
        if m.currency == lastCurrency {
            shape = lastMoneyShape
        } else {
            shape = self.shape(m.currency, scale: m.currency.minorDigits, &moneyShapes) { self.foundationMoney(Money($0, m.currency)) }
            lastCurrency = m.currency
            lastMoneyShape = shape
        }
        return shape?.format(m.minor) ?? foundationMoney(m)
    }

    /// Whether amounts in `currency` are written from their shape (not through Foundation), for the tests.
    func writesFromShape(_ currency: Currency) -> Bool {
        _ = money(Money(0, currency))
        return moneyShapes[currency].map { $0 != nil } ?? false
    }

    /// Through Foundation's formatter: the reference `NumberShape` is read from and checked against.
    func foundationMoney(_ m: Money) -> String {
        let formatter: NumberFormatter
        if let f = moneyFormatters[m.currency] {
            formatter = f
        } else {
            formatter = NumberFormatter()
            formatter.locale = foundationLocale
            formatter.numberStyle = .currency
            formatter.currencyCode = m.currency.code
            formatter.minimumFractionDigits = m.currency.minorDigits
            formatter.maximumFractionDigits = m.currency.minorDigits
            moneyFormatters[m.currency] = formatter
        }
        let value = Decimal(sign: m.minor < 0 ? .minus : .plus, exponent: -m.currency.minorDigits, significand: Decimal(m.minor.magnitude))
        return formatter.string(from: value as NSDecimalNumber) ?? m.plainDecimal
    }

    private var percentFormatters: [Int: NumberFormatter] = [:]
    private var percentShapes: [Int: NumberShape?] = [:]
    private var quantityShapes: [Int: NumberShape?] = [:]

    /// A percentage given in percent (`1.5` -> "1.5%", "1,5%").
    public func percent(_ q: Quantity) -> String {
        let shape = shape(q.scale, scale: q.scale, &percentShapes) { self.foundationPercent(Quantity(units: $0, scale: q.scale)) }
        return shape?.format(q.units) ?? foundationPercent(q)
    }

    public func quantity(_ q: Quantity) -> String {
        let shape = shape(q.scale, scale: q.scale, &quantityShapes) { self.foundationQuantity(Quantity(units: $0, scale: q.scale)) }
        return shape?.format(q.units) ?? foundationQuantity(q)
    }

    func foundationPercent(_ q: Quantity) -> String {
        decimal(q, style: .percent, exponentShift: -2, cache: &percentFormatters) ?? q.text + "%"
    }

    func foundationQuantity(_ q: Quantity) -> String {
        decimal(q, style: .decimal, exponentShift: 0, cache: &quantityFormatters) ?? q.text
    }

    /// The shape for `key` (a currency, or a scale), read from Foundation's text (`reference`, of units) on first use;
    /// nil when Foundation's text does not fit one.
    private func shape<Key: Hashable>(_ key: Key, scale: Int, _ cache: inout [Key: NumberShape?],
                                      _ reference: (Int64) -> String) -> NumberShape? {
        if let known = cache[key] { return known }
        let made = NumberShape(scale: scale, reference: reference)
        cache[key] = made
        return made
    }

    /// A decimal with exactly its own decimals, through a formatter made once per style and scale.
    private func decimal(_ q: Quantity, style: NumberFormatter.Style, exponentShift: Int, cache: inout [Int: NumberFormatter]) -> String? {
        let formatter: NumberFormatter
        if let f = cache[q.scale] {
            formatter = f
        } else {
            formatter = NumberFormatter()
            formatter.locale = foundationLocale
            formatter.numberStyle = style
            formatter.minimumFractionDigits = q.scale
            formatter.maximumFractionDigits = q.scale
            cache[q.scale] = formatter
        }
        let value = Decimal(sign: q.units < 0 ? .minus : .plus, exponent: -q.scale + exponentShift, significand: Decimal(q.units.magnitude))
        return formatter.string(from: value as NSDecimalNumber)
    }
}

/// The formatters of every locale, made on first use. One per render worker.
public final class Formats {
    private var byLocale: [SupportedLocale: LocaleFormats] = [:]
    public init() {}
    public func callAsFunction(_ locale: SupportedLocale) -> LocaleFormats {
        if let f = byLocale[locale] { return f }
        let f = LocaleFormats(locale)
        byLocale[locale] = f
        return f
    }
}

/// How one formatter writes numbers with a fixed number of decimals, read once from Foundation's own output:
/// prefix, grouping of three with a separator, decimal separator, suffix, and the same for negative numbers.
/// Foundation's `NumberFormatter` costs microseconds per call; writing the digits costs nanoseconds. The shape is
/// only used when it gives Foundation's exact text for a set of check values (else every value goes through
/// Foundation), and only for values well inside a `Double`'s exact range. A class: handing a shape out of its cache
/// is one retain, where the struct's six strings were each retained and released per amount.
final class NumberShape {
    let scale: Int
    let positive: (prefix: String, suffix: String)
    let negative: (prefix: String, suffix: String)
    let group: String
    let decimal: String
    private let divisor: UInt64

    /// Values at or beyond this many units go through Foundation.
    static let limit: UInt64 = 1_000_000_000_000_000

    init?(scale: Int, reference: (Int64) -> String) {
        guard (0...9).contains(scale) else { return nil }
        self.scale = scale
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        self.divisor = divisor
        let fraction = String("987654321".prefix(scale))
        let probe = Int64("1234567" + fraction)!
        guard let plus = Self.split(reference(probe), fraction: fraction), let minus = Self.split(reference(-probe), fraction: fraction),
              plus.group == minus.group, plus.decimal == minus.decimal else { return nil }
        positive = (plus.prefix, plus.suffix)
        negative = (minus.prefix, minus.suffix)
        group = plus.group
        decimal = plus.decimal
        var checks: [Int64] = [0, 1, 5, 9, 10, 12, 99, 100, 123, 999, 1000, 1001, 1234, 9999, 10000, 12345, 99999, 100000, 123456,
                               999_999, 1_000_000, 1_234_567, 10_000_000, 123_456_789, 1_000_000_000, 98_765_432_109, 100_000_000_000_007]
        checks += checks.map { -$0 }
        for value in checks where format(value) != reference(value) { return nil }
    }

    /// Splits Foundation's text for 1234567.<fraction> into prefix, separators and suffix.
    private static func split(_ text: String, fraction: String) -> (prefix: String, suffix: String, group: String, decimal: String)? {
        let chars = Array(text.unicodeScalars)
        let isDigit = { (c: Unicode.Scalar) in c.value >= 48 && c.value <= 57 }
        guard let first = chars.firstIndex(where: isDigit), let last = chars.lastIndex(where: isDigit) else { return nil }
        var i = first
        func digits() -> String {
            var s = ""
            while i <= last, isDigit(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
            return s
        }
        func separator() -> String {
            var s = ""
            while i <= last, !isDigit(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
            return s
        }
        guard digits() == "1" else { return nil }
        let group = separator()
        guard !group.isEmpty, digits() == "234", separator() == group, digits() == "567" else { return nil }
        var decimal = ""
        if !fraction.isEmpty {
            decimal = separator()
            guard !decimal.isEmpty, digits() == fraction else { return nil }
        }
        guard i == last + 1 else { return nil }
        var prefix = "", suffix = ""
        prefix.unicodeScalars.append(contentsOf: chars[..<first])
        suffix.unicodeScalars.append(contentsOf: chars[(last + 1)...])
        return (prefix, suffix, group, decimal)
    }

    /// The text of `units / 10^scale`, or nil when the value is too large for the shape to be sure.
    func format(_ units: Int64) -> String? {
        let magnitude = units.magnitude
        guard magnitude < Self.limit else { return nil }
        // Written straight into the string's storage (appending `Unicode.Scalar`s to a `String` one by one cost
        // about 2,100 instructions an amount): the whole part right to left, with a group separator every three
        // digits, then the fraction, zero-padded to `scale` digits.
        var whole = magnitude / divisor
        var digitCount = 0
        var w = whole
        repeat { digitCount += 1; w /= 10 } while w > 0
        var prefix = units < 0 ? negative.prefix : positive.prefix
        var suffix = units < 0 ? negative.suffix : positive.suffix
        var group = self.group, decimal = self.decimal
        let groupCount = group.utf8.count
        let wholeLength = digitCount + (digitCount - 1) / 3 * groupCount
        let capacity = prefix.utf8.count + wholeLength + (scale > 0 ? decimal.utf8.count + scale : 0) + suffix.utf8.count
        let scale = self.scale
        let fraction = magnitude % divisor
        return String(unsafeUninitializedCapacity: capacity) { out in
            var n = 0
            prefix.withUTF8 { for b in $0 { out[n] = b; n += 1 } }
            var pos = n + wholeLength
            n = pos
            group.withUTF8 { g in
                var written = 0
                repeat {
                    if written > 0 && written % 3 == 0 {
                        for b in g.reversed() { pos -= 1; out[pos] = b }
                    }
                    pos -= 1
                    out[pos] = UInt8(ascii: "0") + UInt8(whole % 10)
                    whole /= 10
                    written += 1
                } while whole > 0
            }
            if scale > 0 {
                decimal.withUTF8 { for b in $0 { out[n] = b; n += 1 } }
                var part = fraction
                for i in stride(from: n + scale - 1, through: n, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(part % 10)
                    part /= 10
                }
                n += scale
            }
            suffix.withUTF8 { for b in $0 { out[n] = b; n += 1 } }
            return n
        }
    }
}
