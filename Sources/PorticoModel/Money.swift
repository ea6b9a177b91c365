/// An ISO 4217 currency with the number of minor-unit digits it has.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let code: String
    public let minorDigits: Int

    /// A currency from its ISO 4217 code, or nil when the code is not an active ISO 4217 code.
    public init?(code: String) {
        guard code.utf8.count == 3, let digits = ISO4217.minorDigits[code] else { return nil }
        self.code = code
        self.minorDigits = digits
    }

    public var description: String { code }
    public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }
}

/// An amount in minor units of its currency (`1234` EUR is EUR 12.34). Never floating point.
public struct Money: Hashable, Sendable {
    public let minor: Int64
    public let currency: Currency

    public init(_ minor: Int64, _ currency: Currency) {
        self.minor = minor
        self.currency = currency
    }

    /// The amount as a plain decimal string in major units, `.` as separator, no grouping ("1234.50", "-3", "1500").
    /// Used in data files, CSV and URLs, never shown to a reader as is.
    public var plainDecimal: String {
        // Written from the right into 48 bytes on the stack (a sign, 20 digits, a point, zeros before a short
        // fraction) and made a string once: concatenating pieces made a new string per piece (540,000 amounts at
        // `medium`).
        let digits = currency.minorDigits
        var magnitude = minor.magnitude
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var i = buffer.count
            var written = 0
            repeat {
                if digits > 0 && written == digits { i -= 1; buffer[i] = UInt8(ascii: ".") }
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
            } while magnitude > 0 || written <= digits
            if minor < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
        }
    }
}

/// Sums of money kept apart per currency, in currency order.
public struct MoneyTotals: Sendable, Equatable {
    public private(set) var byCurrency: [Currency: Int64] = [:]
    public init() {}
    public mutating func add(_ money: Money) { byCurrency[money.currency, default: 0] += money.minor }
    public var amounts: [Money] { byCurrency.keys.sorted().map { Money(byCurrency[$0]!, $0) } }
    public var isEmpty: Bool { byCurrency.isEmpty }
}

enum ISO4217 {
    /// Active ISO 4217 codes with their minor-unit digits (2 unless listed otherwise).
    static let minorDigits: [String: Int] = {
        let two = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK \
        DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK \
        LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON \
        RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD \
        YER ZAR ZMW ZWL
        """
        let zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
        let three = "BHD IQD JOD KWD LYD OMR TND"
        var table: [String: Int] = [:]
        for code in two.split(separator: " ") { table[String(code)] = 2 }
        for code in zero.split(separator: " ") { table[String(code)] = 0 }
        for code in three.split(separator: " ") { table[String(code)] = 3 }
        return table
    }()
}

/// The active ISO 4217 codes, for checks done in SQL.
public enum ISO4217Codes {
    public static let all: [String] = ISO4217.minorDigits.keys.sorted()
    /// `'AED', 'AFN', ...`
    public static let sqlList: String = all.map { "'\($0)'" }.joined(separator: ", ")
}
