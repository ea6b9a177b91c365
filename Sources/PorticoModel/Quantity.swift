/// An exact decimal quantity from its text form (`"12"`, `"12.5"`, `"0.125"`, `"-2"`).
public struct Quantity: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The value is `units / 10^scale`.
    public let units: Int64
    public let scale: Int
    /// The text as the export wrote it.
    public let text: String

    /// Parses an optional minus sign, digits, and an optional fraction; at most 18 significant digits.
    public init?(_ text: String) {
        guard let (units, scale) = Self.parse(text.utf8) else { return nil }
        self.units = units
        self.scale = scale
        self.text = text
    }

    /// The value of decimal text (`units / 10^scale`), or nil when it is not one: the rule of `init?(_:)`, on bytes.
    @inlinable
    public static func parse(_ utf8: some Sequence<UInt8>) -> (units: Int64, scale: Int)? {
        var units: Int64 = 0
        var scale = 0
        var negative = false
        var seenDigit = false
        var seenPoint = false
        var digitsAfterPoint = 0
        for (i, c) in utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "."):
                guard !seenPoint, seenDigit else { return nil }
                seenPoint = true
            case 48...57:
                seenDigit = true
                let (m, o1) = units.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
                guard !o1, !o2 else { return nil }
                units = a
                if seenPoint { scale += 1; digitsAfterPoint += 1 }
            default: return nil
            }
        }
        guard seenDigit, !(seenPoint && digitsAfterPoint == 0) else { return nil }
        return (negative ? -units : units, scale)
    }

    /// `units / 10^scale`, written as plain decimal text.
    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = max(0, scale)
        var digits = String(units.magnitude)
        if self.scale > 0 {
            if digits.count <= self.scale { digits = String(repeating: "0", count: self.scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -self.scale))
        }
        text = (units < 0 ? "-" : "") + digits
    }

    public static let zero = Quantity("0")!

    public var isZero: Bool { units == 0 }
    public var isNegative: Bool { units < 0 }

    /// The value as a Double, for display only (never for sums).
    public var approximate: Double {
        var d = Double(units)
        for _ in 0..<scale { d /= 10 }
        return d
    }

    public static func < (a: Quantity, b: Quantity) -> Bool {
        // Compare a.units * 10^(s - a.scale) with b.units * 10^(s - b.scale) in 128-bit arithmetic.
        let s = max(a.scale, b.scale)
        func widened(_ q: Quantity) -> (high: Int64, low: UInt64) {
            var v = Int128(q.units)
            for _ in 0..<(s - q.scale) { v *= 10 }
            return (Int64(truncatingIfNeeded: v >> 64), UInt64(truncatingIfNeeded: v))
        }
        let x = widened(a), y = widened(b)
        return x.high != y.high ? x.high < y.high : x.low < y.low
    }

    public static func == (a: Quantity, b: Quantity) -> Bool { !(a < b) && !(b < a) }
    public func hash(into hasher: inout Hasher) {
        var u = units, s = scale
        while s > 0, u % 10 == 0 { u /= 10; s -= 1 }
        hasher.combine(u); hasher.combine(s)
    }

    public var description: String { text }
}

extension Quantity {
    /// `units / 10^scale` as a quantity (for sums).
    public static func exact(units: Int64, scale: Int) -> Quantity {
        let negative = units < 0
        var digits = String(units.magnitude)
        if scale > 0 {
            while digits.count <= scale { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return Quantity((negative ? "-" : "") + digits)!
    }
}

extension Quantity {
    /// The exact sum of quantities.
    public static func sum(_ quantities: [Quantity]) -> Quantity {
        var units: Int64 = 0
        var scale = 0
        for q in quantities {
            let s = max(scale, q.scale)
            func widen(_ v: Int64, _ from: Int) -> Int64 { (0..<(s - from)).reduce(v) { v, _ in v * 10 } }
            units = widen(units, scale) + widen(q.units, q.scale)
            scale = s
        }
        return exact(units: units, scale: scale)
    }
}
