import PorticoModel

/// A small, fast, seeded pseudo-random generator (SplitMix64). Deterministic on every platform:
/// the demo never uses `SystemRandomNumberGenerator`, the clock or hash-table order.
struct DemoRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A generator for one sub-stream (a party, a phase), independent of how much other streams consumed.
    init(seed: UInt64, stream: UInt64, index: Int) {
        var mixer = DemoRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        let a = mixer.next()
        var mixer2 = DemoRandom(seed: a ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        generator = SplitMix64(seed: mixer2.next())
    }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in `0..<bound` (bound > 0), without modulo bias worth caring about for demo data.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let product = next().multipliedFullWidth(by: UInt64(bound))
        return Int(product.high)
    }

    /// Uniform in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with the given probability in percent (0...100).
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// True with probability `per` in `perMille` thousandths.
    mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// Picks by integer weights, in the order given.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        var total = 0
        for c in choices { total += c.1 }
        var r = below(total)
        for c in choices {
            if r < c.1 { return c.0 }
            r -= c.1
        }
        return choices[choices.count - 1].0
    }

    /// `count` distinct indices of `0..<n` in random order (count <= n).
    mutating func distinct(_ count: Int, of n: Int) -> [Int] {
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        while chosen.count < min(count, n) {
            let v = below(n)
            if !chosen.contains(v) { chosen.append(v) }
        }
        return chosen
    }
}

/// Splits a total over a number of parts with some variety, so the parts add up exactly (or more, when minimums apply).
struct Allocator {
    private var remaining: Int
    private var partsLeft: Int
    private var rng: DemoRandom

    init(total: Int, parts: Int, rng: DemoRandom) {
        remaining = total
        partsLeft = parts
        self.rng = rng
    }

    /// The next part's share; at least `minimum`.
    mutating func next(minimum: Int = 0) -> Int {
        defer { partsLeft -= 1 }
        guard partsLeft > 1 else {
            let v = max(minimum, remaining)
            remaining -= v
            return v
        }
        let mean = max(0, remaining) / partsLeft
        // Between half and one and a half times the mean.
        let v = max(minimum, mean / 2 + (mean > 0 ? rng.below(mean + 1) : 0))
        remaining -= v
        return v
    }
}
