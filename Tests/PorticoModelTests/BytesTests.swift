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
}
