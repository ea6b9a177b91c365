import CSHA256

/// SHA-256 (FIPS 180-4), for fingerprints of build inputs. Incremental: feed bytes, then take the digest.
/// The compression function is C (`CSHA256`): the CPU's SHA instructions where it has them, portable C otherwise.
public struct SHA256: Sendable {
    private var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    /// Bytes fed but not yet compressed (less than one block).
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    /// Whether this machine's CPU instructions do the work.
    public static var accelerated: Bool { portico_sha256_accelerated() != 0 }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return }
        var n = bytes.count
        length &+= UInt64(n)
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, n)
            buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: take))
            p += take
            n -= take
            guard buffer.count == 64 else { return }
            buffer.withUnsafeBufferPointer { b in compress(b.baseAddress!, blocks: 1) }
            buffer.removeAll(keepingCapacity: true)
        }
        if n >= 64 {
            compress(p, blocks: n / 64)
            p += n / 64 * 64
            n %= 64
        }
        if n > 0 { buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
    }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds a length-prefixed field, so that ("ab","c") and ("a","bc") differ.
    public mutating func field(_ string: String) {
        var n = UInt64(string.utf8.count).littleEndian
        withUnsafeBytes(of: &n) { update($0) }
        update(string)
    }

    public func digest() -> [UInt8] {
        var copy = self
        copy.finish()
        var out = [UInt8](repeating: 0, count: 32)
        for (i, v) in copy.h.enumerated() {
            for j in 0..<4 { out[i * 4 + j] = UInt8(truncatingIfNeeded: v >> (UInt32(3 - j) * 8)) }
        }
        return out
    }

    /// The digest as 64 lower-case hex digits (a build formats one or two per party: written into the string's
    /// storage, not through an array of characters).
    public func hex() -> String {
        var copy = self
        copy.finish()
        let state = copy.h
        return String(unsafeUninitializedCapacity: 64) { out in
            let digits: StaticString = "0123456789abcdef"
            let d = digits.utf8Start
            for i in 0..<64 {
                let nibble = (state[i / 8] >> (UInt32(7 - i % 8) * 4)) & 15
                out[i] = d[Int(nibble)]
            }
            return 64
        }
    }

    /// Pads the message: 0x80, zeros, and the length in bits (big-endian), ending on a block boundary.
    private mutating func finish() {
        let bits = length &* 8
        var tail = [UInt8](repeating: 0, count: 1 + (119 - buffer.count) % 64 + 8)
        tail[0] = 0x80
        for j in 0..<8 { tail[tail.count - 1 - j] = UInt8(truncatingIfNeeded: bits >> (UInt64(j) * 8)) }
        update(tail)
    }

    private mutating func compress(_ blocks: UnsafePointer<UInt8>, blocks count: Int) {
        h.withUnsafeMutableBufferPointer { state in portico_sha256_blocks(state.baseAddress!, blocks, count) }
    }
}
