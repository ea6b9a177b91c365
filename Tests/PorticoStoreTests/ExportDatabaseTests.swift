import CProcessSetup
import Foundation
import GRDB
import PorticoStore
import PorticoTestSupport
import Testing

@Suite("The export's snapshot witness")
struct SnapshotWitnessTests {
    @Test("rollback journal: a constant (a reading transaction's lock keeps writers out)")
    func rollback() throws {
        let db = try Fixture.database(Fixture.small)
        let first = ExportDatabase.snapshotWitness(path: db)
        #expect(first == [1])
        try DatabaseQueue(path: db).write { try $0.execute(sql: "UPDATE vendor SET name = 'Changed' WHERE account = 'V100'") }
        #expect(ExportDatabase.snapshotWitness(path: db) == first)
    }

    @Test("WAL: the same until a commit, different after each")
    func wal() throws {
        let db = try Fixture.database(Fixture.small)
        let queue = try DatabaseQueue(path: db)
        _ = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode=WAL") }
        // The WAL and its index exist once a transaction has read in WAL mode.
        _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vendor") }
        let before = try #require(ExportDatabase.snapshotWitness(path: db))
        #expect(before.count == 96)
        _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vendor") }
        #expect(ExportDatabase.snapshotWitness(path: db) == before, "reading changes nothing")
        var seen = [before]
        for i in 0..<3 {
            try queue.write { try $0.execute(sql: "UPDATE vendor SET name = ? WHERE account = 'V100'", arguments: ["Name \(i)"]) }
            let after = try #require(ExportDatabase.snapshotWitness(path: db))
            #expect(!seen.contains(after), "commit \(i) changed the witness")
            seen.append(after)
        }
    }

    @Test("not a SQLite file, or missing: nil (the build then checks on its own connection)")
    func unknown() throws {
        let path = Fixture.temporaryPath("text")
        try Data("hello, not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect(ExportDatabase.snapshotWitness(path: path) == nil)
        #expect(ExportDatabase.snapshotWitness(path: path + "-missing") == nil)
    }
}

@Suite("The process's allocator setting")
struct ProcessSetupTests {
    @Test("glibc takes the fixed threshold for allocations with pages of their own")
    func mallocThreshold() throws {
        #if os(Linux)
        // glibc: 1 when mallopt took the setting (it silently did nothing while the C file did not see __GLIBC__).
        #expect(portico_malloc_setup(128 << 10) == 1)
        #endif
    }
}
