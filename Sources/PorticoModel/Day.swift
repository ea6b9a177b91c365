/// A calendar day, `YYYY-MM-DD`, without time zone. Parsed strictly.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else, including impossible days (2026-02-30).
    public init?(_ text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(utf8: $0) }) else { return nil }
        self = day
    }

    /// The same rule on the text's UTF-8 bytes (the check reads SQLite's bytes without making strings).
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Day.number(b, 0, 4), let m = Day.number(b, 5, 7), let d = Day.number(b, 8, 10)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The decimal digits `b[from..<to]` as a number; nil if any is not a digit.
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        var value = 0
        for i in from..<to {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            value = value * 10 + Int(c - 48)
        }
        return value
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
    public func days(since other: Day) -> Int { ordinal - other.ordinal }

    /// The last day of this day's month.
    public var endOfMonth: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
    /// `YYYY-MM` of this day.
    public var monthKey: String {
        String(unsafeUninitializedCapacity: 7) { out in
            Day.digits(year, 4, out.baseAddress!)
            out[4] = UInt8(ascii: "-")
            Day.digits(month, 2, out.baseAddress! + 5)
            return 7
        }
    }

    /// `YYYY-MM-DD`, written as bytes (pages show a few of these per row).
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { out in
            write(into: out.baseAddress!)
            return 10
        }
    }

    /// `YYYY-MM-DD` into the 10 bytes at `out`.
    func write(into out: UnsafeMutablePointer<UInt8>) {
        Day.digits(year, 4, out)
        out[4] = UInt8(ascii: "-")
        Day.digits(month, 2, out + 5)
        out[7] = UInt8(ascii: "-")
        Day.digits(day, 2, out + 8)
    }

    /// `value` (not negative) as `count` decimal digits, zero-padded.
    static func digits(_ value: Int, _ count: Int, _ out: UnsafeMutablePointer<UInt8>) {
        var v = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// A UTC moment, `YYYY-MM-DDTHH:MM:SSZ`. Parsed strictly.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let day: Day
    public let secondOfDay: Int

    public init?(_ text: String) {
        var text = text
        guard let moment = text.withUTF8({ Timestamp(utf8: $0) }) else { return nil }
        self = moment
    }

    /// The same rule on the text's UTF-8 bytes.
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 20, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z"),
              let day = Day(utf8: UnsafeBufferPointer(rebasing: b[0..<10])),
              let h = Day.number(b, 11, 13), let m = Day.number(b, 14, 16), let s = Day.number(b, 17, 19),
              h < 24, m < 60, s < 60
        else { return nil }
        self.day = day
        self.secondOfDay = h * 3600 + m * 60 + s
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int { day.ordinal * 86400 + secondOfDay }

    /// `YYYY-MM-DDTHH:MM:SSZ`, written as bytes.
    public var description: String {
        String(unsafeUninitializedCapacity: 20) { buffer in
            let out = buffer.baseAddress!
            day.write(into: out)
            out[10] = UInt8(ascii: "T")
            Day.digits(hour, 2, out + 11)
            out[13] = UInt8(ascii: ":")
            Day.digits(minute, 2, out + 14)
            out[16] = UInt8(ascii: ":")
            Day.digits(second, 2, out + 17)
            out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { (a.day, a.secondOfDay) < (b.day, b.secondOfDay) }
}
