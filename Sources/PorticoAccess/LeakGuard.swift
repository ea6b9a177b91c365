import PorticoModel

/// What the leak guard found: a file of one party's folder holding something that is not that party's.
public struct Leak: Sendable, Hashable, CustomStringConvertible {
    /// Release-relative path of the file.
    public let file: String
    public let what: String
    public init(file: String, what: String) {
        self.file = file
        self.what = what
    }
    public var description: String { "\(file): \(what)" }
}

/// The identifiers of every party (accounts, order numbers, invoice numbers) and what is internal, so that each
/// party's rendered files can be scanned for anything that is not theirs before a release is switched to.
///
/// Files are split into tokens (runs of letters, digits, `-`, `_`, `.`, `/` and non-ASCII bytes); every
/// run of whole pieces of a token (`PO-000101-2` gives `PO-000101`, `000101-2`, ...) that holds a letter and a
/// digit and is at least 4 bytes long is looked up. Shorter or purely numeric values (amounts, quantities,
/// dates) are not identifiers a reader could tell apart from ordinary text, so they are not guarded.
public final class LeakGuard: Sendable {
    /// Identifier hashes, sorted, and the owner of each (`owners[i]` owns `keys[i]`, an index into `parties`):
    /// 12 bytes an identifier, where a `Dictionary` took about 18. `internalOwner` for identifiers nobody may show
    /// (draft orders). Values two parties share (a vendor's own invoice number) are ambiguous and left out: they
    /// are not guarded.
    private let keys: [UInt64]
    private let owners: [Int32]
    private let parties: [PartyRef]
    private let partyIndex: [PartyRef: Int32]
    static let internalOwner: Int32 = -1
    static let ambiguous: Int32 = -2

    public struct Builder {
        /// Every registered form as its hash (`keys[i]`) and owner (`owners[i]`), in any order: sorted and merged in
        /// place by `build()`, which hands the same two arrays to the guard. 12 bytes a form; a `Dictionary` kept while
        /// it grew, a filtered copy of it and the sorted arrays made from that took about 40 bytes a form together
        /// (33 MiB of the heap's 55 MiB peak in a full build of `large`, heaptrack).
        var keys: [UInt64] = []
        var owners: [Int32] = []
        var parties: [PartyRef] = []
        var partyIndex: [PartyRef: Int32] = [:]
        /// The longest registered form, in bytes.
        var longest = 0

        public init() {}

        /// Sized for about `capacity` identifiers up front, so the array is not copied while it grows.
        public init(capacity: Int) {
            keys.reserveCapacity(capacity)
            owners.reserveCapacity(capacity)
        }

        /// `identifier` belongs to `party` (nil: to no one, it is internal). What a page scan would see of it is
        /// registered too (its tokens without surrounding separators: `V100.` also as `V100`), so two parties whose
        /// identifiers read the same on a page (`V100` and `V100.`) make that text ambiguous rather than a leak.
        public mutating func add(_ identifier: String, party: PartyRef?) {
            let bytes = Array(identifier.utf8)
            var forms = [bytes[...]]
            var i = 0
            while i < bytes.count {
                guard LeakGuard.isTokenByte(bytes[i]) else { i += 1; continue }
                var s = i
                while i < bytes.count, LeakGuard.isTokenByte(bytes[i]) { i += 1 }
                var e = i
                while s < e, LeakGuard.isSeparator(bytes[s]) { s += 1 }
                while e > s, LeakGuard.isSeparator(bytes[e - 1]) { e -= 1 }
                if e > s, e - s < bytes.count { forms.append(bytes[s..<e]) }
            }
            for form in forms { register(form, party: party) }
        }

        private mutating func register(_ bytes: ArraySlice<UInt8>, party: PartyRef?) {
            guard LeakGuard.isGuarded(bytes) else { return }
            let owner: Int32
            if let party {
                if let i = partyIndex[party] { owner = i } else {
                    owner = Int32(parties.count)
                    parties.append(party)
                    partyIndex[party] = owner
                }
            } else {
                owner = LeakGuard.internalOwner
            }
            keys.append(LeakGuard.hash(bytes))
            owners.append(owner)
            longest = max(longest, bytes.count)
        }

        /// The guard. Each hash gets one owner: internal wins over any owner, and two different owners make the
        /// value ambiguous (left out: not guarded).
        public consuming func build() -> LeakGuard {
            var keys = self.keys, owners = self.owners
            self.keys = []
            self.owners = []
            Self.sort(&keys, &owners)
            var kept = 0
            var i = 0
            while i < keys.count {
                let key = keys[i]
                var owner = owners[i]
                i += 1
                while i < keys.count, keys[i] == key {
                    let other = owners[i]
                    if other != owner {
                        owner = owner == LeakGuard.internalOwner || other == LeakGuard.internalOwner ? LeakGuard.internalOwner : LeakGuard.ambiguous
                    }
                    i += 1
                }
                if owner != LeakGuard.ambiguous {
                    keys[kept] = key
                    owners[kept] = owner
                    kept += 1
                }
            }
            keys.removeLast(keys.count - kept)
            owners.removeLast(owners.count - kept)
            return LeakGuard(keys: keys, owners: owners, parties: parties, partyIndex: partyIndex, longest: longest)
        }

        /// Sorts `keys` ascending, moving `owners` along, in place (a heapsort: the standard library's sort would
        /// need a second copy of the pairs).
        static func sort(_ keys: inout [UInt64], _ owners: inout [Int32]) {
            let n = keys.count
            guard n > 1 else { return }
            keys.withUnsafeMutableBufferPointer { k in
                owners.withUnsafeMutableBufferPointer { o in
                    func siftDown(_ start: Int, _ end: Int) {
                        var root = start
                        while true {
                            var child = 2 * root + 1
                            if child >= end { return }
                            if child + 1 < end, k[child] < k[child + 1] { child += 1 }
                            if k[root] >= k[child] { return }
                            k.swapAt(root, child)
                            o.swapAt(root, child)
                            root = child
                        }
                    }
                    var start = n / 2
                    while start > 0 {
                        start -= 1
                        siftDown(start, n)
                    }
                    var end = n
                    while end > 1 {
                        end -= 1
                        k.swapAt(0, end)
                        o.swapAt(0, end)
                        siftDown(0, end)
                    }
                }
            }
        }
    }

    /// One bit per identifier hash (a one-hash Bloom filter, about 8 bits per identifier): most candidates a page
    /// holds belong to nobody, and a bit in a table of a megabyte or less answers that without a lookup in `owners`.
    private let filter: [UInt64]
    private let filterMask: UInt64

    /// The longest registered form in bytes: a page's text longer than that is no identifier, and its candidates are
    /// not hashed further.
    private let longest: Int

    /// `keys` sorted and unique, `owners[i]` the owner of `keys[i]` (never `ambiguous`); `longest` bytes at most
    /// in any form that was registered.
    init(keys: [UInt64], owners: [Int32], parties: [PartyRef], partyIndex: [PartyRef: Int32], longest: Int) {
        self.longest = longest
        self.keys = keys
        self.owners = owners
        self.parties = parties
        self.partyIndex = partyIndex
        var bits: UInt64 = 1 << 12
        while bits < UInt64(keys.count) * 8 { bits <<= 1 }
        var filter = [UInt64](repeating: 0, count: Int(bits / 64))
        for key in keys {
            let bit = Self.filterBit(key, mask: bits - 1)
            filter[Int(bit >> 6)] |= 1 << (bit & 63)
        }
        self.filter = filter
        filterMask = bits - 1
    }

    @inline(__always)
    static func filterBit(_ key: UInt64, mask: UInt64) -> UInt64 { (key &* 0x9E3779B97F4A7C15) >> 29 & mask }

    /// The owner of an identifier hash, or nil (binary search; `mayOwn` answers most misses before).
    func ownerIndex(of key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { k in
            var lo = 0, hi = k.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if k[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return lo < k.count && k[lo] == key ? owners[lo] : nil
        }
    }

    @inline(__always)
    func mayOwn(_ key: UInt64) -> Bool {
        let bit = Self.filterBit(key, mask: filterMask)
        return filter.withUnsafeBufferPointer { $0[Int(bit >> 6)] } & (1 << (bit & 63)) != 0
    }

    /// A candidate growing byte by byte: its hash and whether it has a letter and a digit (see `isGuarded`).
    struct Run {
        var hash = FNV1a()
        var letter = false, digit = false
        var isGuarded: Bool { letter && digit }
        @inline(__always)
        mutating func add(_ c: UInt8) {
            hash.add(c)
            if c >= 0x30 && c <= 0x39 { digit = true } else if !LeakGuard.isSeparator(c) { letter = true }
        }
    }

    /// The class of a separator in `byteClasses`.
    static let separatorClass: UInt8 = 4

    /// Per byte: 1 a digit, 2 a letter (or non-ASCII), `separatorClass` (4) a separator, 0 not part of a token.
    static let byteClasses: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        let b = UInt8(b)
        if b >= 0x30 && b <= 0x39 { return 1 }
        if isSeparator(b) { return separatorClass }
        return isTokenByte(b) ? 2 : 0
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 || isSeparator(b)
    }

    static func isSeparator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
    }

    /// At least 4 bytes, with a letter (or non-ASCII byte) and a digit.
    static func isGuarded<C: Collection<UInt8>>(_ s: C) -> Bool {
        guard s.count >= 4 else { return false }
        var letter = false, digit = false
        for b in s {
            if b >= 0x30 && b <= 0x39 { digit = true } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 { letter = true }
        }
        return letter && digit
    }

    /// FNV-1a, 64 bits: stable, and collisions among a few million identifiers are negligible.
    static func hash<C: Collection<UInt8>>(_ s: C) -> UInt64 { FNV1a.hash(s) }

    /// Everything in `bytes` (one file of `owner`'s folder, at release-relative `file`) that belongs to another
    /// party or to no one; `internalSnippets` are texts of `owner`'s internal notes that must not appear.
    public func scan(_ bytes: [UInt8], file: String, owner: PartyRef, internalSnippets: [[UInt8]] = []) -> [Leak] {
        let me = partyIndex[owner]
        var leaks: [Leak] = []
        var seen = Set<UInt64>()
        // The byte classes through their buffer: an `Array` subscript loaded the count and checked the bound for
        // every byte of every page.
        Self.byteClasses.withUnsafeBufferPointer { classes in bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            var pieces: [(start: Int, end: Int)] = []
            var candidates: [(start: Int, end: Int, key: UInt64, owner: Int32, a: Int, b: Int)] = []
            while i < n {
                guard classes[Int(buf[i])] != 0 else { i += 1; continue }
                let start = i
                var kinds: UInt8 = 0
                while i < n {
                    let c = classes[Int(buf[i])]
                    if c == 0 { break }
                    kinds |= c
                    i += 1
                }
                guard kinds & 3 == 3 && i - start >= 4 else { continue }
                // Pieces between separators; every run of whole pieces is a candidate.
                pieces.removeAll(keepingCapacity: true)
                var p = start
                while p < i {
                    while p < i, classes[Int(buf[p])] == Self.separatorClass { p += 1 }
                    let s = p
                    while p < i, classes[Int(buf[p])] != Self.separatorClass { p += 1 }
                    if p > s { pieces.append((s, p)) }
                }
                let limit = min(pieces.count, 12)
                // Candidates: runs of whole pieces, also with some of the separators around the run (an account may
                // end in a dot). For each start the hash grows byte by byte as the end moves right, so a token costs
                // about (starts x its length) byte steps, not (candidates x their length). A candidate inside one of
                // the owner's own identifiers is theirs.
                candidates.removeAll(keepingCapacity: true)
                for a in 0..<limit {
                    let firstLo = max(a == 0 ? start : pieces[a - 1].end, pieces[a].start - 2)
                    for lo in firstLo...pieces[a].start {
                        var run = Run()
                        var pos = lo
                        for b in a..<min(limit, a + 6) {
                            // Longer than any identifier: so is every candidate from here on.
                            if pieces[b].end - lo > longest { break }
                            let lastHi = min(b == pieces.count - 1 ? i : pieces[b + 1].start, pieces[b].end + 2, lo + longest)
                            while pos < pieces[b].end { run.add(buf[pos]); pos += 1 }
                            var longer = run, end = pos
                            for hi in pieces[b].end...lastHi {
                                while end < hi { longer.add(buf[end]); end += 1 }
                                guard hi - lo >= 4 && longer.isGuarded, mayOwn(longer.hash.value), let o = ownerIndex(of: longer.hash.value) else { continue }
                                candidates.append((lo, hi, longer.hash.value, o, a, b))
                            }
                        }
                    }
                }
                // In the order of the pieces they span, then of their bytes (the order leaks are reported in).
                candidates.sort { ($0.a, $0.b, $0.start, $0.end) < ($1.a, $1.b, $1.start, $1.end) }
                let mine = candidates.filter { me != nil && $0.owner == me }
                for c in candidates where c.owner != me && !seen.contains(c.key) {
                    if mine.contains(where: { $0.start <= c.start && c.end <= $0.end }) { continue }
                    seen.insert(c.key)
                    let text = String(decoding: buf[c.start..<c.end], as: UTF8.self)
                    if c.owner == Self.internalOwner {
                        leaks.append(Leak(file: file, what: "holds '\(text)', which is internal"))
                    } else {
                        leaks.append(Leak(file: file, what: "holds '\(text)', which belongs to \(parties[Int(c.owner)])"))
                    }
                }
            }
        } }
        for snippet in internalSnippets where bytes.contains(bytes: snippet) {
            leaks.append(Leak(file: file, what: "holds the text of an internal note ('\(String(decoding: snippet.prefix(40), as: UTF8.self))…')"))
        }
        return leaks
    }

    /// The distinctive text of an internal note as it would appear on a page: its longest run of letters, digits,
    /// spaces and `, ; : ?` (which cmark, smart punctuation included, and HTML escaping leave unchanged), if at least 20 bytes
    /// long; at most 64 bytes of it.
    public static func snippet(ofNote body: String) -> [UInt8]? {
        var best: ArraySlice<UInt8> = []
        let b = Array(body.utf8)
        var s = 0
        func plain(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x20 || c >= 0x80
                || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: ":") || c == UInt8(ascii: "?")
        }
        var i = 0
        while i <= b.count {
            if i == b.count || !plain(b[i]) {
                // Trim spaces: cmark drops leading and trailing spaces of a line.
                var lo = s, hi = i
                while lo < hi, b[lo] == 0x20 { lo += 1 }
                while hi > lo, b[hi - 1] == 0x20 { hi -= 1 }
                if hi - lo > best.count { best = b[lo..<hi] }
                s = i + 1
            }
            i += 1
        }
        guard best.count >= 20 else { return nil }
        var cut = Array(best.prefix(64))
        if best.count > 64 {
            // The cut may split a character: drop the partial character.
            while let last = cut.last, last >= 0x80 {
                cut.removeLast()
                if last >= 0xC0 { break }
            }
        }
        return cut.count >= 20 ? cut : nil
    }
}
