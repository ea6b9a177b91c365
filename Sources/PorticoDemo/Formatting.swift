import PorticoModel

/// Text forms the export uses, written without Foundation formatters (fast and locale-free).
enum Fmt {
    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        let n = s.utf8.count
        return n >= width ? s : String(repeating: "0", count: width - n) + s
    }

    /// A quantity held in thousandths (`12500` is `"12.5"`), as the export's exact decimal text.
    static func quantity(milli: Int) -> String {
        let negative = milli < 0
        let m = negative ? -milli : milli
        let whole = m / 1000
        var fraction = m % 1000
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            text += "." + pad(fraction, digits)
        }
        return text
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970-01-01T00:00:00Z.
    static func timestamp(_ epochSeconds: Int) -> String {
        let day = Day(ordinal: floorDiv(epochSeconds, 86_400))
        let second = epochSeconds - floorDiv(epochSeconds, 86_400) * 86_400
        return day.description + "T" + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":" + pad(second % 60, 2) + "Z"
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Lower-case ASCII letters and digits joined by `-`, for e-mail domains and logins.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let c: Character?
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A: c = Character(scalar)
            case 0x41...0x5A: c = Character(Unicode.Scalar(scalar.value + 32)!)
            case 0xE0...0xE5: c = "a"
            case 0xE8...0xEB: c = "e"
            case 0xEC...0xEF: c = "i"
            case 0xF2...0xF6: c = "o"
            case 0xF9...0xFC: c = "u"
            case 0x27: c = nil; continue // apostrophes vanish: 's-Hertogenbosch -> shertogenbosch
            default: c = nil
            }
            if let c {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(c)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}

/// Money arithmetic on minor units.
enum Amounts {
    /// `quantity (thousandths) x unit price`, rounded half up to a whole minor unit.
    static func lineAmount(milli: Int, unitPrice: Int) -> Int {
        let product = milli * unitPrice
        return product >= 0 ? (product + 500) / 1000 : -((-product + 500) / 1000)
    }

    /// `amount x percent / 100`, percent in hundredths (2100 = 21 %), rounded half up.
    static func percent(_ amount: Int, basisPoints: Int) -> Int {
        (amount * basisPoints + 5000) / 10_000
    }
}

/// The fixed "as of" moment of the demo export; every date is relative to it.
enum DemoClock {
    static let exportedAtText = "2026-11-20T23:30:00Z"
    static let exportedAt = Timestamp(exportedAtText)!
    static let asOf: Day = exportedAt.day
    static let exportedAtSeconds: Int = exportedAt.epochSeconds
    /// How far back the invoices reach (about fourteen months).
    static let historyDays = 425

    static func seconds(_ day: Day, hour: Int = 0, minute: Int = 0) -> Int { day.ordinal * 86_400 + hour * 3600 + minute * 60 }
    static func day(ofSeconds s: Int) -> Day { Day(ordinal: Fmt.floorDiv(s, 86_400)) }
    static func daysAgo(_ n: Int) -> Day { asOf.adding(days: -n) }
}

/// A sequence of strictly increasing moments that never passes the export time.
struct Timeline {
    private(set) var now: Int
    let limit: Int

    /// Starts during office hours of `day` (or earlier on the export day, so later steps still fit).
    init(day: Day, rng: inout DemoRandom, limit: Int = DemoClock.exportedAtSeconds - 60) {
        self.limit = limit
        let start = DemoClock.seconds(day, hour: 7) + rng.below(9 * 3600)
        now = min(start, limit - 6 * 3600)
    }

    init(at seconds: Int, limit: Int = DemoClock.exportedAtSeconds - 60) {
        self.limit = limit
        now = min(seconds, limit - 6 * 3600)
    }

    /// Moves on by a random gap of at most `maxHours`, leaving room for `stepsAfter` further steps.
    mutating func advance(rng: inout DemoRandom, minMinutes: Int = 20, maxHours: Int, stepsAfter: Int = 0) -> Int {
        let room = (limit - now) / (stepsAfter + 2)
        let upper = max(60, min(maxHours * 3600, room))
        let lower = min(minMinutes * 60, upper / 2)
        now += max(1, lower + rng.below(max(1, upper - lower)))
        return now
    }
}
