import Foundation
import PorticoModel
@testable import PorticoPlan
import Testing

@Suite("Formatting per locale")
struct FormattingTests {
    let formats = Formats()
    let eur = Currency(code: "EUR")!
    let usd = Currency(code: "USD")!
    let jpy = Currency(code: "JPY")!

    func clean(_ s: String) -> String {
        // Foundation uses no-break spaces between symbol and amount; compare on plain spaces.
        String(s.map { $0 == "\u{00A0}" || $0 == "\u{202F}" ? " " : $0 })
    }

    @Test("amounts in en-US")
    func english() {
        let f = formats(.enUS)
        #expect(clean(f.money(Money(123456, eur))) == "€1,234.56")
        #expect(clean(f.money(Money(123456, usd))) == "$1,234.56")
        #expect(clean(f.money(Money(123456, jpy))) == "¥123,456")
        #expect(clean(f.money(Money(-5, usd))) == "-$0.05")
    }

    @Test("amounts in nl-NL")
    func dutch() {
        let f = formats(.nlNL)
        #expect(clean(f.money(Money(123456, eur))) == "€ 1.234,56")
        #expect(clean(f.money(Money(123456, usd))) == "US$ 1.234,56")
        #expect(clean(f.money(Money(123456, jpy))) == "JP¥ 123.456")
        #expect(clean(f.money(Money(-5, eur))) == "€ -0,05")
    }

    @Test("percentages per locale, keeping their decimals")
    func percentages() throws {
        let en = formats(.enUS), nl = formats(.nlNL)
        #expect(clean(en.percent(try #require(Quantity("1.5")))) == "1.5%")
        #expect(clean(nl.percent(try #require(Quantity("1.5")))) == "1,5%")
        #expect(clean(en.percent(try #require(Quantity("2")))) == "2%")
        #expect(clean(nl.percent(try #require(Quantity("12.25")))) == "12,25%")
    }

    @Test("dates and timestamps per locale, in UTC")
    func dates() throws {
        let day = try #require(Day("2026-03-05"))
        #expect(formats(.enUS).date(day) == "Mar 5, 2026")
        #expect(formats(.nlNL).date(day) == "5 mrt 2026")
        let t = try #require(Timestamp("2026-11-20T23:30:00Z"))
        #expect(clean(formats(.enUS).timestamp(t)) == "Nov 20, 2026 at 11:30 PM UTC")
        #expect(formats(.nlNL).timestamp(t) == "20 nov 2026, 23:30 UTC")
    }

    @Test("quantities keep their decimals")
    func quantities() throws {
        #expect(formats(.enUS).quantity(try #require(Quantity("1234.50"))) == "1,234.50")
        #expect(formats(.nlNL).quantity(try #require(Quantity("1234.50"))) == "1.234,50")
        #expect(formats(.nlNL).quantity(try #require(Quantity("12"))) == "12")
    }

    @Test("a party's locale picks the language; unknown ones fall back")
    func locales() {
        #expect(SupportedLocale(tag: "nl-NL") == .nlNL)
        #expect(SupportedLocale(tag: "nl-BE") == .nlNL)
        #expect(SupportedLocale(tag: "en-GB") == .enUS)
        #expect(SupportedLocale(tag: "de-DE") == nil)
        #expect(SupportedLocale(tag: nil) == nil)
    }
}

@Suite("Paths in a release")
struct PathTests {
    @Test("accounts become safe, distinct folder names")
    func segments() {
        #expect(Paths.segment("V100") == "V100")
        #expect(Paths.segment("A/1") == "A~2F1")
        #expect(Paths.segment("..") == "~2E.")
        #expect(Paths.segment(".hidden") == "~2Ehidden")
        #expect(Paths.segment("a b") == "a~20b")
        #expect(Paths.segment("~2F") == "~7E2F")
        #expect(Paths.segment("") == "~")
        let accounts = ["A/1", "A~2F1", "A_1", "a/1", "A%2F1", "..", "~2E.", "é", "e\u{301}", "~"]
        #expect(Set(accounts.map(Paths.segment)).count == accounts.count)
    }

    @Test("file names keep no separators or leading dots")
    func fileNames() {
        #expect(Paths.fileName("../../etc/passwd") == "_.._etc_passwd")
        #expect(Paths.fileName("invoice 12.pdf") == "invoice_12.pdf")
        #expect(Paths.fileName(".htaccess") == "htaccess")
        #expect(Paths.fileName("") == "file")
    }

    @Test("relative links between pages")
    func relative() {
        #expect(Paths.relative(from: "vendors/V1/index.html", to: "vendors/V1/invoices/") == "invoices/")
        #expect(Paths.relative(from: "vendors/V1/invoices/draft/index.html", to: "vendors/V1/invoices/7.html") == "../7.html")
        #expect(Paths.relative(from: "vendors/V1/invoices/7.html", to: "vendors/V1/") == "../")
        #expect(Paths.relative(from: "vendors/V1/invoices/index.html", to: "vendors/V1/invoices/") == "./")
        #expect(Paths.root(from: "vendors/V1/invoices/7.html") == "../../../")
    }

    @Test("amounts, quantities and percentages written from their shape are Foundation's exact text (random values)")
    func shapesMatchFoundation() {
        var rng = SplitMix64(seed: 11)
        for locale in SupportedLocale.allCases {
            let f = Formats()(locale)
            for code in ISO4217Codes.all {
                let currency = Currency(code: code)!
                #expect(f.writesFromShape(currency), "\(locale) \(code) goes through Foundation")
                for _ in 0..<300 {
                    let digits = Int.random(in: 0...15, using: &rng)
                    var value = Int64.random(in: 0...(0..<digits).reduce(Int64(1)) { p, _ in p * 10 }, using: &rng)
                    if Bool.random(using: &rng) { value = -value }
                    #expect(f.money(Money(value, currency)) == f.foundationMoney(Money(value, currency)), "\(locale) \(code) \(value)")
                }
            }
            for scale in 0...6 {
                for _ in 0..<300 {
                    var value = Int64.random(in: 0...9_999_999_999, using: &rng)
                    if Bool.random(using: &rng) { value = -value }
                    let q = Quantity(units: value, scale: scale)
                    #expect(f.quantity(q) == f.foundationQuantity(q), "\(locale) \(q.text)")
                    #expect(f.percent(q) == f.foundationPercent(q), "\(locale) \(q.text)%")
                }
            }
        }
        #expect(Quantity(units: -5, scale: 3).text == "-0.005")
        #expect(Quantity(units: 1234, scale: 2).text == "12.34")
        #expect(Quantity(units: 7, scale: 0).text == "7")
    }

    @Test("amounts in currencies that change from one amount to the next, and amounts seen before, are each in their own currency's text")
    func alternatingCurrencies() {
        var rng = SplitMix64(seed: 12)
        let codes = ["EUR", "JPY", "BHD", "USD", "EUR", "CHF"]
        for locale in SupportedLocale.allCases {
            let f = Formats()(locale)
            for _ in 0..<2_000 {
                let currency = Currency(code: codes.randomElement(using: &rng)!)!
                // Half the values from a small pool: the same amount in several currencies, and again later.
                let value = Bool.random(using: &rng) ? Int64.random(in: -99_999_999...99_999_999, using: &rng) : [0, 1, -1, 100, 123_456, -5_000][Int.random(in: 0..<6, using: &rng)]
                #expect(f.money(Money(value, currency)) == f.foundationMoney(Money(value, currency)), "\(locale) \(currency.code) \(value)")
            }
        }
    }

    @Test("timestamps kept by minute are Foundation's text for every second of that minute (random times)")
    func timestampsByMinute() {
        var rng = SplitMix64(seed: 5)
        for locale in SupportedLocale.allCases {
            let f = Formats()(locale)
            for _ in 0..<400 {
                let day = Day(year: Int.random(in: 1990...2040, using: &rng), month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                let text = "\(day)T\(String(format: "%02d", Int.random(in: 0...23, using: &rng))):\(String(format: "%02d", Int.random(in: 0...59, using: &rng))):"
                for second in [0, Int.random(in: 1...58, using: &rng), 59] {
                    let t = Timestamp(text + String(format: "%02dZ", second))!
                    #expect(f.timestamp(t) == f.foundationTimestamp(t), "\(locale) \(t)")
                }
            }
        }
    }

    @Test("timestamps made from a day's prefix and the minute's time are Foundation's text, every minute of a day")
    func timestampsComposed() {
        for locale in SupportedLocale.allCases {
            let f = Formats()(locale)
            var wrong: [String] = []
            // Noon first (the day's prefix is read then), then every minute; a day before 1970; a leap day.
            for day in ["2026-11-20", "1969-12-31", "2024-02-29"] {
                for minute in [720] + Array(0..<1440) {
                    let t = Timestamp("\(day)T\(String(format: "%02d:%02d:07Z", minute / 60, minute % 60))")!
                    if f.timestamp(t) != f.foundationTimestamp(t) { wrong.append("\(t): \(f.timestamp(t)) != \(f.foundationTimestamp(t))") }
                }
            }
            #expect(wrong.isEmpty, "\(locale): \(wrong.count) wrong, first \(wrong.prefix(2))")
        }
    }
}

