import CSHA256
import PorticoModel
import Testing

@Suite("The vendor-invoice status model")
struct StatusModelTests {
    @Test("allows exactly the transitions of the domain document")
    func transitions() {
        let allowed = Set(VendorInvoiceStatusModel.transitions.map { "\($0.0.rawValue)>\($0.1.rawValue)" })
        #expect(allowed == ["draft>in_review", "in_review>confirmed", "in_review>on_hold", "on_hold>draft", "on_hold>in_review", "confirmed>cancelled"])
        #expect(VendorInvoiceStatusModel.allowed(from: .cancelled).isEmpty)
        #expect(!VendorInvoiceStatusModel.isAllowed(from: .draft, to: .confirmed))
        #expect(!VendorInvoiceStatusModel.isAllowed(from: .onHold, to: .confirmed))
        #expect(!VendorInvoiceStatusModel.isAllowed(from: .onHold, to: .cancelled))
    }

    @Test("reopens on_hold to draft only when no line verification started")
    func reopen() {
        #expect(VendorInvoiceStatusModel.nextSteps(from: .onHold, lines: [.notStarted, .notStarted]) == [.draft])
        #expect(VendorInvoiceStatusModel.nextSteps(from: .onHold, lines: [.notStarted, .inProgress]) == [.inReview])
        #expect(VendorInvoiceStatusModel.nextSteps(from: .onHold, lines: [.complete]) == [.inReview])
        #expect(VendorInvoiceStatusModel.nextSteps(from: .inReview, lines: [.complete]) == [.confirmed, .onHold])
    }

    @Test("only drafts may be edited or deleted")
    func editing() {
        for status in VendorInvoiceStatus.allCases {
            #expect(VendorInvoiceStatusModel.mayEdit(status) == (status == .draft))
            #expect(VendorInvoiceStatusModel.mayDelete(status) == (status == .draft))
        }
    }

    @Test("payment status: unposted unless confirmed, then unpaid, partially or fully paid")
    func paymentStatus() {
        #expect(VendorInvoiceStatus.inReview.paymentStatus(settled: 100, total: 100) == .unposted)
        #expect(VendorInvoiceStatus.cancelled.paymentStatus(settled: 0, total: 100) == .unposted)
        #expect(VendorInvoiceStatus.draft.paymentStatus(settled: 0, total: 100) == .unposted)
        #expect(VendorInvoiceStatus.confirmed.paymentStatus(settled: 0, total: 100) == .unpaid)
        #expect(VendorInvoiceStatus.confirmed.paymentStatus(settled: 1, total: 100) == .partiallyPaid)
        #expect(VendorInvoiceStatus.confirmed.paymentStatus(settled: 99, total: 100) == .partiallyPaid)
        #expect(VendorInvoiceStatus.confirmed.paymentStatus(settled: 100, total: 100) == .fullyPaid)
    }

    @Test("tiles: draft; in review and on hold submitted; confirmed by payment; cancelled in none")
    func tiles() {
        #expect(VendorInvoiceStatus.draft.tile(paymentStatus: .unposted) == .draft)
        #expect(VendorInvoiceStatus.inReview.tile(paymentStatus: .unposted) == .submitted)
        #expect(VendorInvoiceStatus.onHold.tile(paymentStatus: .unposted) == .submitted)
        #expect(VendorInvoiceStatus.confirmed.tile(paymentStatus: .unpaid) == .approvedUnpaid)
        #expect(VendorInvoiceStatus.confirmed.tile(paymentStatus: .partiallyPaid) == .approvedUnpaid)
        #expect(VendorInvoiceStatus.confirmed.tile(paymentStatus: .fullyPaid) == .paid)
        #expect(VendorInvoiceStatus.cancelled.tile(paymentStatus: .unposted) == nil)
    }
}

@Suite("Values of the export")
struct ValueTests {
    @Test("days parse strictly and count exactly")
    func days() throws {
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-13-01") == nil)
        #expect(Day("2026-1-01") == nil)
        #expect(Day("26-01-01") == nil)
        let d = try #require(Day("2026-11-20"))
        #expect(d.adding(days: 11).description == "2026-12-01")
        #expect(try #require(Day("2026-12-01")).days(since: d) == 11)
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.monthKey == "2026-11")
        #expect(try #require(Day("0987-03-09")).monthKey == "0987-03")
        #expect(try #require(Day("2026-12-31")).monthKey == String(try #require(Day("2026-12-31")).description.prefix(7)))
        #expect(Timestamp("2026-11-20T23:30:00Z")?.description == "2026-11-20T23:30:00Z")
        #expect(Timestamp("2026-11-20 23:30:00") == nil)
        #expect(Timestamp("2026-11-20T24:00:00Z") == nil)
    }

    @Test("days and times are written back as they are read, padded with zeros")
    func writing() {
        for text in ["0001-01-01", "0999-09-09", "2026-11-20", "9999-12-31", "2024-02-29", "1970-10-05"] {
            #expect(Day(text)?.description == text)
        }
        for text in ["0001-01-01T00:00:00Z", "2026-11-20T23:59:59Z", "2026-01-09T09:05:07Z", "9999-12-31T10:00:00Z"] {
            #expect(Timestamp(text)?.description == text)
        }
        #expect(Day(year: 7, month: 3, day: 4)?.description == "0007-03-04")
    }

    @Test("quantities are exact decimals")
    func quantities() throws {
        #expect(Quantity("12.5") != nil)
        #expect(Quantity("0.125")?.scale == 3)
        #expect(Quantity("1.2.3") == nil)
        #expect(Quantity("abc") == nil)
        #expect(Quantity("") == nil)
        #expect(Quantity("5.") == nil)
        #expect(Quantity(".5") == nil)
        #expect(try #require(Quantity("12.50")) == #require(Quantity("12.5")))
        #expect(try #require(Quantity("9.99")) < #require(Quantity("10")))
        #expect(try #require(Quantity("-1")) < #require(Quantity("0")))
    }

    @Test("money keeps minor units per currency")
    func money() throws {
        let eur = try #require(Currency(code: "EUR"))
        let jpy = try #require(Currency(code: "JPY"))
        #expect(jpy.minorDigits == 0)
        #expect(Money(1234, eur).plainDecimal == "12.34")
        #expect(Money(-5, eur).plainDecimal == "-0.05")
        #expect(Money(1234, jpy).plainDecimal == "1234")
        #expect(Currency(code: "EURO") == nil)
        #expect(Currency(code: "XYZ") == nil)
        #expect(Currency(code: "eur") == nil)
    }

    @Test("plain decimals of random amounts in currencies of 0, 2 and 3 minor digits, and the extremes, as concatenated pieces give them")
    func plainDecimals() throws {
        /// The rule, piece by piece: sign, whole units, point, fraction padded with zeros to the minor digits.
        func reference(_ m: Money) -> String {
            let digits = m.currency.minorDigits
            let magnitude = m.minor.magnitude
            guard digits > 0 else { return (m.minor < 0 ? "-" : "") + String(magnitude) }
            var scale: UInt64 = 1
            for _ in 0..<digits { scale *= 10 }
            var fraction = String(magnitude % scale)
            while fraction.count < digits { fraction = "0" + fraction }
            return (m.minor < 0 ? "-" : "") + String(magnitude / scale) + "." + fraction
        }
        let currencies = try ["JPY", "EUR", "KWD", "USD"].map { try #require(Currency(code: $0)) }
        #expect(Set(currencies.map(\.minorDigits)) == [0, 2, 3])
        var rng = SplitMix64(seed: 7)
        var amounts: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, -1000, 10_000, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<3000 {
            let r = rng.next()
            // Every size from one digit to nineteen.
            amounts.append(Int64(bitPattern: r) >> Int64(r % 63))
        }
        var wrong: [String] = []
        for minor in amounts {
            for currency in currencies where Money(minor, currency).plainDecimal != reference(Money(minor, currency)) {
                wrong.append("\(minor) \(currency): \(Money(minor, currency).plainDecimal)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("matches the FIPS 180-4 test vectors")
    func vectors() {
        var empty = SHA256()
        empty.update("")
        #expect(empty.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update("abc")
        #expect(abc.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var long = SHA256()
        long.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(long.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        million.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(million.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // The bytes of the digest are the hex digits' (and taking either leaves the hash as it was).
        #expect(abc.digest().prefix(4) == [0xba, 0x78, 0x16, 0xbf] && abc.digest().suffix(2) == [0x15, 0xad])
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1_000] {
            var h = SHA256()
            h.update([UInt8](repeating: UInt8(truncatingIfNeeded: length), count: length))
            let digits = Array("0123456789abcdef")
            let fromBytes = String(h.digest().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
            #expect(h.hex() == fromBytes && h.digest().count == 32, "length \(length)")
        }
    }

    @Test("gives the same digest however the bytes are split")
    func pieces() {
        var generator = SplitMix64(seed: 7)
        let bytes = (0..<5_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 128, 1_000, 5_000] {
            var whole = SHA256()
            whole.update(bytes[..<length])
            for piece in [1, 3, 63, 64, 100] {
                var split = SHA256()
                var i = 0
                while i < length {
                    split.update(bytes[i..<min(i + piece, length)])
                    i += piece
                }
                #expect(split.hex() == whole.hex(), "length \(length), pieces of \(piece)")
            }
        }
    }

    @Test("the CPU's SHA instructions, where used, give the portable path's words")
    func paths() {
        var generator = SplitMix64(seed: 11)
        for blocks in [1, 2, 7, 64] {
            let data = (0..<blocks * 64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var fast: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
            var portable = fast
            data.withUnsafeBufferPointer { d in
                portico_sha256_blocks(&fast, d.baseAddress!, blocks)
                portico_sha256_blocks_portable(&portable, d.baseAddress!, blocks)
            }
            #expect(fast == portable, "\(blocks) blocks (accelerated: \(SHA256.accelerated))")
            #expect(fast != [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
        }
    }
}
