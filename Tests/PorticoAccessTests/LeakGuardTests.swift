@testable import PorticoAccess
import PorticoModel
import Testing

@Suite("leak guard: a party's files hold nothing of another party and nothing internal")
struct LeakGuardTests {
    let v100 = PartyRef(.vendor, "V100"), v200 = PartyRef(.vendor, "V200"), c500 = PartyRef(.customer, "C500")

    func makeGuard() -> LeakGuard {
        var b = LeakGuard.Builder()
        b.add("V100", party: v100)
        b.add("V200", party: v200)
        b.add("C500", party: c500)
        b.add("C501", party: c500) // a member: belongs to its organisation's portal
        b.add("PO-000101", party: v100)
        b.add("PO-000201", party: v200)
        b.add("PO-000199", party: nil) // a draft order: internal
        b.add("INV-1", party: v100)
        b.add("INV-2024-1", party: v100)
        b.add("INV-2024-1", party: v200) // both vendors use it: not an identifier
        b.add("2024", party: v100) // no letter: never guarded
        return b.build()
    }

    func page(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test("own identifiers pass; another party's are named with the file")
    func crossParty() {
        let g = makeGuard()
        #expect(g.scan(page("<td>V100</td><a href=\"../orders/PO-000101-2.html\">PO-000101-2</a> C500"), file: "vendors/V100/index.html", owner: v100)
            .map(\.what) == ["holds 'C500', which belongs to customer C500"])
        let leaks = g.scan(page("<p>see PO-000201-3 and V200</p>"), file: "vendors/V100/orders/x.html", owner: v100)
        #expect(Set(leaks.map(\.what)) == ["holds 'PO-000201', which belongs to vendor V200", "holds 'V200', which belongs to vendor V200"])
        #expect(leaks.allSatisfy { $0.file == "vendors/V100/orders/x.html" })
        #expect(g.scan(page("C501 and C500"), file: "customers/C500/index.html", owner: c500).isEmpty)
    }

    @Test("draft orders are internal everywhere; shared, short and numeric values are not identifiers")
    func internalAndNoise() {
        let g = makeGuard()
        #expect(g.scan(page("PO-000199"), file: "f", owner: v100).map(\.what) == ["holds 'PO-000199', which is internal"])
        #expect(g.scan(page("INV-2024-1 2024 1500.00 V1000 XV100"), file: "f", owner: v200).isEmpty)
        #expect(g.scan(page("INV-1"), file: "f", owner: v200).count == 1)
    }

    @Test("each value gets one owner whatever order it was added in: internal wins, two parties make it ambiguous")
    func mergeOrder() {
        let adds: [(String, PartyRef?)] = [
            ("PO-1000", v100), ("PO-1000", nil), ("PO-1000", v100),
            ("INV-77", v100), ("INV-77", v200), ("INV-77", v100),
            ("SKU-9", v200), ("SKU-9", nil), ("SKU-9", v100),
            ("AB-12", v200), ("AB-12", v200),
        ]
        var orders = [adds, adds.reversed()]
        for k in 1..<adds.count { orders.append(Array(adds[k...] + adds[..<k])) }
        for order in orders {
            var b = LeakGuard.Builder(capacity: 2)
            for (value, party) in order { b.add(value, party: party) }
            let g = b.build()
            #expect(g.scan(page("PO-1000 SKU-9"), file: "f", owner: v100).map(\.what)
                == ["holds 'PO-1000', which is internal", "holds 'SKU-9', which is internal"])
            #expect(g.scan(page("INV-77"), file: "f", owner: c500).isEmpty)
            #expect(g.scan(page("AB-12"), file: "f", owner: v100).map(\.what) == ["holds 'AB-12', which belongs to vendor V200"])
            #expect(g.scan(page("AB-12"), file: "f", owner: v200).isEmpty)
        }
    }

    @Test("every one of thousands of identifiers, added in a scrambled order, is found with its owner")
    func manyIdentifiers() {
        let parties = (0..<50).map { PartyRef(.vendor, "V\(1000 + $0)") }
        var values: [(String, PartyRef)] = []
        for n in 0..<6000 { values.append(("INV-\(100_000 + n * 7919 % 6000)", parties[n % parties.count])) }
        var b = LeakGuard.Builder(capacity: 10)
        var x: UInt64 = 42
        var order = Array(values.indices)
        for i in order.indices.reversed() {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(i, Int(x >> 33) % (i + 1))
        }
        for i in order { b.add(values[i].0, party: values[i].1) }
        let g = b.build()
        let stranger = PartyRef(.customer, "C1")
        for (value, party) in values {
            #expect(g.scan(page(value), file: "f", owner: stranger).map(\.what) == ["holds '\(value)', which belongs to vendor \(party.account)"])
            #expect(g.scan(page(value), file: "f", owner: party).isEmpty)
        }
    }

    @Test("the longest identifier is found anywhere in a long token (candidates longer than any identifier are skipped)")
    func longTokens() {
        var b = LeakGuard.Builder()
        b.add("INV-2024-000123", party: v200) // the longest form
        b.add("AB-1", party: v200)
        b.add("V100", party: v100)
        let g = b.build()
        let tokens = [
            "a/b/c/d/e/f/g/INV-2024-000123.html", "INV-2024-000123/AB-1/zz/yy/xx", "--INV-2024-000123--", "x.INV-2024-000123.", "AB-1.",
            "../../invoices/INV-2024-000123/index.html", "V100-INV-2024-000123-V100",
        ]
        for token in tokens {
            let found = g.scan(page("<a href=\"\(token)\">\(token)</a>"), file: "f", owner: v100).map(\.what)
            #expect(found.contains("holds 'INV-2024-000123', which belongs to vendor V200") || !token.contains("INV"), "\(token)")
            #expect(found.contains("holds 'AB-1', which belongs to vendor V200") || !token.contains("AB-1"), "\(token)")
        }
    }

    @Test("an internal note's text is found on a page, however the page wraps it")
    func internalNotes() throws {
        let note = "Do **not** pay before the audit: margin on this vendor is 4 percent."
        let snippet = try #require(LeakGuard.snippet(ofNote: note))
        #expect(String(decoding: snippet, as: UTF8.self) == "pay before the audit: margin on this vendor is 4 percent")
        let g = makeGuard()
        let leaked = page("<p>Do <strong>not</strong> pay before the audit: margin on this vendor is 4 percent.</p>")
        #expect(g.scan(leaked, file: "f", owner: v100, internalSnippets: [snippet]).count == 1)
        #expect(g.scan(page("<p>Paid.</p>"), file: "f", owner: v100, internalSnippets: [snippet]).isEmpty)
        #expect(LeakGuard.snippet(ofNote: "ok **fine**") == nil)
    }
}

@Suite("leak guard: identifiers that read alike")
struct LeakGuardLookAlikeTests {
    @Test("an account that reads like another on a page (a trailing dot or space) makes that text ambiguous, not a leak")
    func lookAlikes() {
        let a = PartyRef(.vendor, "V100"), b = PartyRef(.vendor, "V100."), c = PartyRef(.vendor, "V200 "), d = PartyRef(.vendor, "V200")
        var builder = LeakGuard.Builder()
        for p in [a, b, c, d] { builder.add(p.account, party: p) }
        builder.add("PO-9", party: a)
        let g = builder.build()
        #expect(g.scan(Array("<h1>V100.</h1> /vendors/V100./feed.xml V100".utf8), file: "f", owner: b).isEmpty)
        #expect(g.scan(Array("<h1>V200 </h1>".utf8), file: "f", owner: c).isEmpty)
        // What stays unambiguous is still guarded.
        #expect(g.scan(Array("PO-9".utf8), file: "f", owner: b).count == 1)
    }
}

@Suite("leak guard: the scan's shortcuts (the digit search, the memo) change no verdict")
struct LeakGuardShortcutTests {
    /// 30 vendors with accounts, invoice and order numbers; some internal orders; a number two vendors share.
    static func makeGuard() -> (LeakGuard, [PartyRef], [String]) {
        var b = LeakGuard.Builder()
        var parties: [PartyRef] = []
        var values: [String] = []
        for k in 0..<30 {
            let party = PartyRef(.vendor, "V\(1000 + k)")
            parties.append(party)
            for value in ["V\(1000 + k)", "INV-\(k)-7", "PO-00\(k)01", "PO-00\(k)01-2", "ÄB\(k)x"] {
                b.add(value, party: party)
                values.append(value)
            }
            b.add("PO-9\(k)00", party: nil)
            values.append("PO-9\(k)00")
        }
        b.add("SHARED-1", party: parties[0])
        b.add("SHARED-1", party: parties[1])
        values.append("SHARED-1")
        return (b.build(), parties, values)
    }

    /// A page of identifiers, look-alikes and noise between every kind of separator, at every alignment.
    static func randomPage(_ rng: inout SplitMix64, values: [String]) -> [UInt8] {
        let noise = ["class", "2026-11-20T23:30:00Z", "utf-8", "../../assets/app.e616fa36.css", "€ 1.595,49", "td", "x9",
                     "V99999", "INV-", "-7", "12345678901234567890", "ab/cd/ef/12", "é1é1", "30\u{202F}PM"]
        let between: [[UInt8]] = [[0x20], [0x3C], [0x3E], [0x22], [0x3D], [0x2F], [0x3A], [0x2E], [0x2D], [0x00], [0xFF], [0x7F], [0x0A], []]
        var page: [UInt8] = []
        for _ in 0..<Int(rng.next() % 40) {
            let pick = rng.next() % 3
            let word = pick == 0 ? noise[Int(rng.next() % UInt64(noise.count))] : values[Int(rng.next() % UInt64(values.count))]
            if pick == 2 { page += Array("../invoices/\(word).html".utf8) } else { page += Array(word.utf8) }
            page += between[Int(rng.next() % UInt64(between.count))]
        }
        return page
    }

    /// The plain scan: every maximal run of token bytes looked up on its own, its leaks in order, each text once.
    static func reference(_ g: LeakGuard, _ page: [UInt8], owner: PartyRef) -> [String] {
        var found: [String] = []
        var i = 0
        while i < page.count {
            guard LeakGuard.isTokenByte(page[i]) else { i += 1; continue }
            let start = i
            while i < page.count, LeakGuard.isTokenByte(page[i]) { i += 1 }
            for leak in g.scan(Array(page[start..<i]), file: "f", owner: owner) where !found.contains(leak.what) {
                found.append(leak.what)
            }
        }
        return found
    }

    @Test("the next digit is found from every offset, past every other byte value")
    func nextDigit() {
        var rng = SplitMix64(seed: 11)
        var wrong: [String] = []
        for trial in 0..<3000 {
            let count = Int(rng.next() % 40)
            // Mostly not digits (every other byte value, the ones around '0' and '9' included), so long runs are searched.
            let bytes = (0..<count).map { _ in rng.next() % 8 == 0 ? UInt8(0x30 + rng.next() % 10) : UInt8(truncatingIfNeeded: rng.next()) }
            bytes.withUnsafeBufferPointer { buf in
                for from in 0...count {
                    let expected = bytes[from...].firstIndex { $0 >= 0x30 && $0 <= 0x39 }
                    if LeakGuard.nextDigit(buf, from: from) != expected { wrong.append("trial \(trial) from \(from): \(bytes)") }
                }
            }
        }
        for value in 0...255 {
            for position in 0..<17 {
                var bytes = [UInt8](repeating: 0x41, count: 17)
                bytes[position] = UInt8(value)
                let isDigit = value >= 0x30 && value <= 0x39
                bytes.withUnsafeBufferPointer { buf in
                    if LeakGuard.nextDigit(buf, from: 0) != (isDigit ? position : nil) { wrong.append("byte \(value) at \(position)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.prefix(2))")
    }

    @Test("random pages: the scan with and without memos (one that fills and empties) finds what the plain scan finds")
    func memoAndDigitSearch() {
        let (g, parties, values) = Self.makeGuard()
        var rng = SplitMix64(seed: 5)
        let memo = ScanMemo(), tiny = ScanMemo(capacity: 4, arenaBytes: 40)
        var owner = parties[0]
        var mismatches: [String] = []
        var leaking = 0
        for _ in 0..<3000 {
            // Runs of pages of one owner, as a worker renders them.
            if rng.next() % 20 == 0 { owner = parties[Int(rng.next() % UInt64(parties.count))] }
            let page = Self.randomPage(&rng, values: values)
            let expected = Self.reference(g, page, owner: owner)
            let plain = g.scan(page, file: "f", owner: owner).map(\.what)
            let remembered = g.scan(page, file: "f", owner: owner, memo: memo).map(\.what)
            let small = g.scan(page, file: "f", owner: owner, memo: tiny).map(\.what)
            if plain != expected || remembered != expected || small != expected {
                mismatches.append("\(owner) \(String(decoding: page, as: UTF8.self)): \(expected) \(plain) \(remembered) \(small)")
            }
            if !expected.isEmpty { leaking += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        // The pages are a real test: many leak, many do not, and the memo answered many tokens.
        #expect(leaking > 1000 && leaking < 2900)
        #expect(memo.hits > 3000)
        #expect(tiny.remembered > tiny.hits)
    }

    @Test("a token clean on its owner's page is still a leak on another's, and under another guard")
    func memoIsPerOwnerAndGuard() {
        let v100 = PartyRef(.vendor, "V100"), v200 = PartyRef(.vendor, "V200")
        var b = LeakGuard.Builder()
        b.add("PO-000101", party: v100)
        b.add("V200", party: v200)
        let g = b.build()
        let memo = ScanMemo()
        #expect(g.scan(Array("PO-000101 XY-12".utf8), file: "f", owner: v100, memo: memo).isEmpty)
        #expect(g.scan(Array("PO-000101 XY-12".utf8), file: "f", owner: v100, memo: memo).isEmpty)
        #expect(memo.hits == 2)
        #expect(g.scan(Array("PO-000101 XY-12".utf8), file: "f", owner: v200, memo: memo).map(\.what)
            == ["holds 'PO-000101', which belongs to vendor V100"])
        // XY-12 belonged to no one under `g`; under `other` it is V100's.
        var c = LeakGuard.Builder()
        c.add("XY-12", party: v100)
        let other = c.build()
        #expect(other.scan(Array("PO-000101 XY-12".utf8), file: "f", owner: v200, memo: memo).map(\.what)
            == ["holds 'XY-12', which belongs to vendor V100"])
    }

    @Test("an identifier's owner found through its bucket is the one a table of all keys gives")
    func bucketLookup() {
        var rng = SplitMix64(seed: 41)
        for size in [0, 1, 2, 7, 8, 9, 17, 1_000, 20_000] {
            // Random hashes, with the extremes and a run of close values that share a bucket.
            var keys = (0..<size).map { _ in rng.next() }
            if size > 8 { keys += [0, 1, UInt64.max, UInt64.max - 1] + (0..<40).map { 0x8000_0000_0000_0000 + UInt64($0) } }
            let unique = Array(Set(keys)).sorted()
            let owners = unique.indices.map { Int32($0 % 5) - 1 }
            let g = LeakGuard(keys: unique, owners: owners, parties: [], partyIndex: [:], longest: 20)
            let reference = Dictionary(uniqueKeysWithValues: zip(unique, owners))
            #expect(g.count == unique.count)
            var probes = unique
            for key in unique { probes += [key &+ 1, key &- 1] }
            probes += (0..<2_000).map { _ in rng.next() } + [0, UInt64.max, 0x8000_0000_0000_0000 - 1]
            var found = 0
            for key in probes {
                let expected = reference[key]
                #expect(g.ownerIndex(of: key) == expected, "size \(size), key \(key)")
                if expected != nil { found += 1 }
            }
            #expect(found >= unique.count)
        }
    }
}
