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
    }

    private lazy var monthFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = foundationLocale
        f.timeZone = TimeZone(identifier: "UTC")
        f.setLocalizedDateFormatFromTemplate("MMMMy")
        return f
    }()

    /// "November 2026", "november 2026".
    public func month(_ day: Day) -> String {
        monthFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86400))
    }

    public func date(_ day: Day) -> String {
        dateFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86400))
    }

    public func timestamp(_ t: Timestamp) -> String {
        timestampFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(t.epochSeconds))) + " UTC"
    }

    public func money(_ m: Money) -> String {
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

    /// A percentage given in percent (`1.5` -> "1.5%", "1,5%").
    public func percent(_ q: Quantity) -> String {
        decimal(q, style: .percent, exponentShift: -2, cache: &percentFormatters) ?? q.text + "%"
    }

    public func quantity(_ q: Quantity) -> String {
        decimal(q, style: .decimal, exponentShift: 0, cache: &quantityFormatters) ?? q.text
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
