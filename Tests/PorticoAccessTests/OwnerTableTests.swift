@testable import PorticoAccess
import PorticoModel
import Testing

@Suite("The leak guard's owner table")
struct OwnerTableTests {
    @Test("finds every owner it was given, nothing else, also after growing past its first size")
    func lookups() {
        var generator = SplitMix64(seed: 3)
        let keys = (0..<50_000).map { _ in generator.next() }
        let distinct = Set(keys)
        var table = OwnerTable(capacity: 1_000)
        for (i, key) in keys.enumerated() { table.set(key, Int32(i % 7_000)) }
        #expect(table.count == distinct.count)
        #expect(keys.enumerated().allSatisfy { table.owner($1) == Int32($0 % 7_000) })
        let absent = (0..<50_000).map { _ in generator.next() }.filter { !distinct.contains($0) }
        #expect(absent.allSatisfy { table.owner($0) == nil })
        // Replacing an owner keeps one entry.
        table.set(keys[0], -2)
        #expect(table.owner(keys[0]) == -2)
        #expect(table.count == distinct.count)
        // The hash 0 (the empty mark) is stored too.
        var small = OwnerTable(capacity: 4)
        small.set(0, 5)
        #expect(small.owner(0) == 5)
        #expect(small.owner(2) == nil)
    }
}
