import Foundation
import PorticoModel
import Testing

@Suite("Byte searches and replacements")
struct BytesTests {
    @Test("replacingAll gives Foundation's replacingOccurrences on random text")
    func replacingAll() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "b", "-", "_", "{", "}", "{x}", "\"", "é", "😀", " ", "ab"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let target = (0..<Int.random(in: 1...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let replacement = (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(text.replacingAll(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement),
                    "\(text.debugDescription) \(target.debugDescription) -> \(replacement.debugDescription)")
        }
        #expect("a-b-c".replacingAll("-", with: "_") == "a_b_c")
        #expect("{{x}}".replacingAll("{x}", with: "1") == "{1}")
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect("".replacingAll("a", with: "b") == "")
    }

    @Test("byteRange finds the first occurrence, in slices too, as a naive search does")
    func byteRange() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<5_000 {
            let hay = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 97...99, using: &rng) }
            let needle = (0..<Int.random(in: 0...4, using: &rng)).map { _ in UInt8.random(in: 97...99, using: &rng) }
            let lo = Int.random(in: 0...hay.count, using: &rng)
            let slice = hay[lo...]
            var expected: Range<Int>?
            if !needle.isEmpty, needle.count <= slice.count {
                for i in slice.startIndex...(slice.endIndex - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) {
                    expected = i..<(i + needle.count)
                    break
                }
            }
            #expect(slice.byteRange(of: needle) == expected, "\(hay) \(lo) \(needle)")
        }
    }

    @Test("HTMLSpecials.first finds the first byte escaping replaces, from every offset, as a byte-by-byte scan does")
    func htmlSpecials() {
        func plain(_ bytes: [UInt8], from: Int) -> Int {
            var i = from
            while i < bytes.count, ![0x26, 0x3C, 0x3E, 0x22, 0x27].contains(bytes[i]) { i += 1 }
            return i
        }
        // Every byte value at every position of a 17-byte run of letters (the word test and the tail).
        for value in 0...255 {
            for position in 0..<17 {
                var bytes = [UInt8](repeating: 0x61, count: 17)
                bytes[position] = UInt8(value)
                let found = bytes.withUnsafeBufferPointer { HTMLSpecials.first(in: $0, from: 0) }
                #expect(found == plain(bytes, from: 0), "byte \(value) at \(position)")
            }
        }
        // Random text rich in the specials, their neighbours (`#` `$` `%` `=` `?` `!`) and high bytes.
        var rng = SplitMix64(seed: 11)
        let alphabet: [UInt8] = [0x26, 0x3C, 0x3E, 0x22, 0x27, 0x23, 0x24, 0x25, 0x3D, 0x3F, 0x21, 0x20, 0x61, 0x30, 0xA6, 0xBC, 0xFF, 0x00]
        var specials = 0
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ -> UInt8 in
                Int.random(in: 0..<4, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0x41...0x5A, using: &rng)
            }
            bytes.withUnsafeBufferPointer { buf in
                for from in 0...bytes.count {
                    let found = HTMLSpecials.first(in: buf, from: from)
                    #expect(found == plain(bytes, from: from), "\(bytes) from \(from)")
                    if found < bytes.count { specials += 1 }
                }
            }
        }
        #expect(specials > 10_000)
        #expect(HTMLSpecials.first(in: UnsafeBufferPointer(start: nil, count: 0), from: 0) == 0)
    }
}
