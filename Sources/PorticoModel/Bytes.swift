#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches shared by the stages that look for text in bytes (the leak guard, the store's note filter, the
/// receiver's form and request parsing).
extension ArraySlice where Element == UInt8 {
    /// Where `needle` first occurs in these bytes (indices of the underlying array), or nil; an empty needle never does.
    /// Candidates found with libc's `memchr` (the leak guard looks for every internal note's text in every page of its party).
    public func byteRange(of needle: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        let offset: Int? = withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                let base = UnsafeRawPointer(hay.baseAddress!)
                let last = hay.count - n.count
                var i = 0
                while i <= last {
                    guard let hit = memchr(base + i, Int32(n[0]), last - i + 1) else { return nil }
                    let at = UnsafeRawPointer(hit) - base
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
        return offset.map { (startIndex + $0)..<(startIndex + $0 + needle.count) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (an empty needle never does).
    public func contains(bytes needle: [UInt8]) -> Bool { self[...].byteRange(of: needle) != nil }

    /// Where `needle` first occurs, or nil.
    public func byteRange(of needle: [UInt8]) -> Range<Int>? { self[...].byteRange(of: needle) }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, comparing UTF-8 bytes (no Unicode equivalence, which
    /// Portico's targets, ASCII placeholders and separators, never need). Text without `target` is returned as it is.
    /// Foundation's `replacingOccurrences` goes through `NSString` and cost about 5 % of a build.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        var text = self
        var target = target
        var replacement = replacement
        return text.withUTF8 { t in
            target.withUTF8 { n in
                guard let first = n.first, n.count <= t.count else { return self }
                var matches: [Int] = []
                var i = 0
                let last = t.count - n.count
                while i <= last {
                    if t[i] == first, UnsafeBufferPointer(rebasing: t[i..<(i + n.count)]).elementsEqual(n) {
                        matches.append(i)
                        i += n.count
                    } else {
                        i += 1
                    }
                }
                guard !matches.isEmpty else { return self }
                return replacement.withUTF8 { r in
                    String(unsafeUninitializedCapacity: t.count + matches.count * (r.count - n.count) + 1) { out in
                        var o = 0
                        var from = 0
                        func copy(_ src: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
                            for j in range { out[o] = src[j]; o += 1 }
                        }
                        for m in matches {
                            copy(t, from..<m)
                            copy(r, 0..<r.count)
                            from = m + n.count
                        }
                        copy(t, from..<t.count)
                        return o
                    }
                }
            }
        }
    }
}

/// FNV-1a, 64 bits: a stable hash of bytes, fed one byte at a time (the leak guard's identifiers, template keys).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf29ce484222325
    public init() {}

    @inline(__always)
    public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100000001b3 }

    /// A string's bytes, read through its contiguous UTF-8 (a native string's own storage; a small one's copy on
    /// the stack): a few instructions a byte, where iterating `utf8` took a dozen or more.
    @inlinable
    public static func hash(string: String) -> UInt64 {
        var string = string
        return string.withUTF8 { hash(bytes: $0) }
    }

    /// Bytes in memory, hashed in a loop the caller's module can inline (the generic `hash(_:)` is not specialized
    /// across modules).
    @inlinable
    public static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    public static func hash<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
        var h = FNV1a()
        for b in bytes { h.add(b) }
        return h.value
    }
}

/// Finding the bytes HTML escaping replaces (`&` `<` `>` `"` `'`), eight bytes at a time: most text a page shows
/// (names, numbers, dates) has none, and was tested a byte at a time.
public enum HTMLSpecials {
    /// Whether escaping replaces `byte`.
    @inlinable @inline(__always)
    public static func contains(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// What escaping writes for `byte`, one of the five it replaces.
    @inlinable
    public static func replacement(for byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        default: "&#39;"
        }
    }

    /// The position of the first byte at or after `from` that escaping replaces, or `buf.count` when there is none.
    /// Each 8-byte word is tested for bytes that setting bits 0 and 2 turns into `'` (0x22 0x23 0x26 0x27) and
    /// bytes in 0x3C-0x3F (`<` `=` `>` `?`), exactly per byte; only such candidates are looked at one by one.
    @inlinable
    public static func first(in buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = buf.count
        guard let base = buf.baseAddress else { return n }
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = ones &* 0x7F
        while i + 8 <= n {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let a = (x | ones &* 0x05) ^ (ones &* 0x27)
            let b = (x | ones &* 0x02) ^ (ones &* 0x3E)
            // 0x80 in each byte that is zero, exactly (no borrow between bytes).
            var m = ~(((a & low7) &+ low7) | a | low7) | ~(((b & low7) &+ low7) | b | low7)
            while m != 0 {
                let j = i + m.trailingZeroBitCount >> 3
                if contains(base[j]) { return j }
                m &= m &- 1
            }
            i += 8
        }
        while i < n {
            if contains(base[i]) { return i }
            i += 1
        }
        return n
    }
}
