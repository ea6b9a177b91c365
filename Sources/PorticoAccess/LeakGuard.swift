#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        precondition(keys.count < Int(UInt32.max), "the leak guard holds at most 2^32 - 1 identifiers")
        // About 8 keys a bucket: 2^17 buckets (512 KiB) at `large`.
        var bucketBits = 1
        while (1 << bucketBits) * 8 < keys.count { bucketBits += 1 }
        let shift = UInt64(64 - bucketBits)
        var starts = [UInt32](repeating: 0, count: (1 << bucketBits) + 1)
        for key in keys { starts[Int(key &>> shift) + 1] += 1 }
        for b in 1..<starts.count { starts[b] += starts[b - 1] }
        bucketStarts = starts
        bucketShift = shift
    }

    @inline(__always)
    static func filterBit(_ key: UInt64, mask: UInt64) -> UInt64 { (key &* 0x9E3779B97F4A7C15) >> 29 & mask }

    /// The owner of an identifier hash, or nil (`mayOwn` answers most misses before). The hashes are spread evenly,
    /// so their top bits say where in the sorted `keys` a hash would be: its bucket (about 8 keys) is scanned. A
    /// binary search over the 712,000 keys of `large` went through about ten cache misses per lookup (`perf`); the
    /// bucket's start, the bucket's keys and the owner are three.
    func ownerIndex(of key: UInt64) -> Int32? {
        let bucket = Int(truncatingIfNeeded: key &>> bucketShift)
        return bucketStarts.withUnsafeBufferPointer { starts in
            keys.withUnsafeBufferPointer { k in
                var i = Int(starts[bucket])
                let end = Int(starts[bucket + 1])
                while i < end {
                    let x = k[i]
                    if x >= key { return x == key ? owners.withUnsafeBufferPointer { $0[i] } : nil }
                    i += 1
                }
                return nil
            }
        }
    }

    /// The number of keys registered (after merging).
    var count: Int { keys.count }

    /// The keys whose top bits are `b` (the bucket of `b`) are `keys[bucketStarts[b] ..< bucketStarts[b + 1]]`.
    private let bucketStarts: [UInt32]
    /// 64 minus the bits that number a bucket (at least one bit).
    private let bucketShift: UInt64

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

    /// The index of the first ASCII digit in `buf` at or after `from`, if any. Eight bytes at a time: a byte's high
    /// bit is set in `mask` exactly when the byte is in 0x30...0x39 (each byte's arithmetic stays within its byte:
    /// "has a byte between m and n", Sean Anderson's bit hacks).
    @inline(__always)
    static func nextDigit(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = buf.count
        var i = from
        guard let base = buf.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i + 8 <= n {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let low = x & (ones &* 127)
            let mask = (ones &* (127 + 0x3A) &- low) & ~x & (low &+ ones &* (127 - 0x2F)) & (ones &* 128)
            if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            if buf[i] &- 0x30 < 10 { return i }
            i += 1
        }
        return nil
    }

    /// FNV-1a, 64 bits: stable, and collisions among a few million identifiers are negligible.
    static func hash<C: Collection<UInt8>>(_ s: C) -> UInt64 { FNV1a.hash(s) }

    /// Everything in `bytes` (one file of `owner`'s folder, at release-relative `file`) that belongs to another
    /// party or to no one; `internalSnippets` are texts of `owner`'s internal notes that must not appear.
    /// `memo`: tokens this guard already found clean, kept by the calling thread across the files it scans (a
    /// party's pages repeat most of their identifier-like tokens: its account, its own numbers, asset names, the
    /// export time). A token's verdict depends only on its bytes and the owner, so a remembered token is skipped.
    public func scan(_ bytes: [UInt8], file: String, owner: PartyRef, internalSnippets: [[UInt8]] = [], memo: ScanMemo? = nil) -> [Leak] {
        let me = partyIndex[owner]
        memo?.bind(to: self)
        var leaks: [Leak] = []
        var seen = Set<UInt64>()
        // The byte classes through their buffer: an `Array` subscript loaded the count and checked the bound for
        // every byte of every page.
        Self.byteClasses.withUnsafeBufferPointer { classes in bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            var pieces: [(start: Int, end: Int)] = []
            var candidates: [(start: Int, end: Int, key: UInt64, owner: Int32, a: Int, b: Int)] = []
            // Where the last token ended: the next token starts after it.
            var floor = 0
            while i < n {
                // Only a token with a digit can be guarded: find the next digit eight bytes at a time, then the
                // token around it (most of a page is markup and words, which this skips at about a byte an
                // instruction instead of classifying every byte).
                guard let digit = Self.nextDigit(buf, from: i) else { break }
                var start = digit
                while start > floor, classes[Int(buf[start - 1])] != 0 { start -= 1 }
                i = digit
                var kinds: UInt8 = 0
                for k in start..<digit { kinds |= classes[Int(buf[k])] }
                while i < n {
                    let c = classes[Int(buf[i])]
                    if c == 0 { break }
                    kinds |= c
                    i += 1
                }
                floor = i
                guard kinds & 3 == 3 && i - start >= 4 else { continue }
                let token = UnsafeBufferPointer(rebasing: buf[start..<i])
                var tokenHash: UInt64 = 0
                if memo != nil { tokenHash = FNV1a.hash(bytes: token) }
                if let memo, memo.isClean(token, hash: tokenHash, for: me) { continue }
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
                var clean = true
                for c in candidates where c.owner != me {
                    if mine.contains(where: { $0.start <= c.start && c.end <= $0.end }) { continue }
                    clean = false
                    guard !seen.contains(c.key) else { continue }
                    seen.insert(c.key)
                    let text = String(decoding: buf[c.start..<c.end], as: UTF8.self)
                    if c.owner == Self.internalOwner {
                        leaks.append(Leak(file: file, what: "holds '\(text)', which is internal"))
                    } else {
                        leaks.append(Leak(file: file, what: "holds '\(text)', which belongs to \(parties[Int(c.owner)])"))
                    }
                }
                if clean, let memo { memo.remember(token, hash: tokenHash, for: candidates.isEmpty ? nil : me) }
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

/// Tokens a `LeakGuard` found clean, with whom for: one calling thread's, kept across the files it scans (not
/// `Sendable`: each render worker has its own). A token whose candidates belong to no one is clean for every owner;
/// one whose only owned candidates are its owner's (or inside them) is clean for that owner. The tokens' bytes are
/// kept and compared, so no hash collision can let a token pass. Bounded: emptied when full.
public final class ScanMemo {
    struct Slot {
        var hash: UInt64 = 0
        var owner: Int32 = ScanMemo.free
        var offset: Int32 = 0
        var length: Int32 = 0
    }
    static let free = Int32.min
    /// For every owner: the token holds no identifier of anyone.
    static let everyone = Int32.min + 1

    /// The counters the scan changes. The memo's storage is held through pointers the memo allocates (the class's
    /// own properties are constants): each change of a class's `var` was a dynamic exclusivity check (`swift_beginAccess`),
    /// about 1.5 % of a build.
    private struct Counters {
        var count = 0
        var arenaUsed = 0
        var hits = 0
        var remembered = 0
    }

    private let slots: UnsafeMutablePointer<Slot>
    private let slotCount: Int
    private let arena: UnsafeMutablePointer<UInt8>
    private let counters: UnsafeMutablePointer<Counters>
    private let mask: Int
    private let arenaLimit: Int
    /// The guard whose verdicts these are (a memo bound to another guard starts empty). Held, not just identified:
    /// a freed guard's address could be another guard's later.
    private var boundGuard: LeakGuard?
    /// Lookups answered from the memo and tokens remembered, since it was made (for tests and profiles).
    public var hits: Int { counters.pointee.hits }
    public var remembered: Int { counters.pointee.remembered }

    /// At most `capacity` tokens (rounded up to a power of two, kept three quarters full) and `arenaBytes` of their text.
    /// The default holds the few hundred distinct tokens of a party's pages in 48 KB of slots: a larger table missed
    /// the CPU's caches on most lookups (`perf`).
    public init(capacity: Int = 1024, arenaBytes: Int = 64 << 10) {
        var size = 16
        while size < capacity * 4 / 3 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(), count: size)
        slotCount = size
        mask = size - 1
        arenaLimit = arenaBytes
        arena = .allocate(capacity: max(arenaBytes, 1))
        counters = .allocate(capacity: 1)
        counters.initialize(to: Counters())
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
        counters.deallocate()
    }

    func bind(to guard: LeakGuard) {
        if boundGuard !== `guard` {
            clear()
            boundGuard = `guard`
        }
    }

    private func clear() {
        slots.update(repeating: Slot(), count: slotCount)
        counters.pointee.arenaUsed = 0
        counters.pointee.count = 0
    }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E3779B97F4A7C15) >> 32) & mask }

    /// The slot holding `token`, or the free slot where it would go.
    private func find(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        var s = home(hash)
        while true {
            let slot = slots[s]
            if slot.owner == Self.free { return s }
            if slot.hash == hash, Int(slot.length) == token.count,
               memcmp(arena + Int(slot.offset), token.baseAddress!, token.count) == 0 { return s }
            s = (s + 1) & mask
        }
    }

    /// `token` was found clean for `owner` (an index of the guard's parties), or for everyone.
    func isClean(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64, for owner: Int32?) -> Bool {
        let slot = slots[find(token, hash: hash)]
        let clean = slot.owner == Self.everyone || (owner != nil && slot.owner == owner)
        if clean { counters.pointee.hits += 1 }
        return clean
    }

    /// Remembers `token` as clean for `owner` (nil: for everyone).
    func remember(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64, for owner: Int32?) {
        if counters.pointee.count + 1 > slotCount * 3 / 4 || counters.pointee.arenaUsed + token.count > arenaLimit { clear() }
        // A token longer than the whole arena is not remembered.
        guard token.count <= arenaLimit, let start = token.baseAddress else { return }
        let s = find(token, hash: hash)
        if slots[s].owner == Self.free {
            let offset = counters.pointee.arenaUsed
            slots[s] = Slot(hash: hash, owner: owner ?? Self.everyone, offset: Int32(offset), length: Int32(token.count))
            (arena + offset).update(from: start, count: token.count)
            counters.pointee.arenaUsed += token.count
            counters.pointee.count += 1
        } else {
            slots[s].owner = owner ?? Self.everyone
        }
        counters.pointee.remembered += 1
    }
}
