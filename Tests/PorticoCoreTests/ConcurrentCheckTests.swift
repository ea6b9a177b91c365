import Foundation
import GRDB
@testable import PorticoCore
import PorticoModel
import PorticoStore
import PorticoTestSupport
import Synchronization
import Testing

/// The check's connections also read, first, what the build asks of them beside the check (the leak guard's data).
@Suite("The check alongside the build, and the reading done beside it")
struct ConcurrentCheckTests {
    final class Box: @unchecked Sendable {
        var vendors: Int?
        let runs = Atomic<Int>(0)
    }

    /// Starts the check as the build does: the witness before the build's transaction, then the build reads.
    func start(_ db: String, side: (@Sendable (ExportReader) throws(StoreError) -> Void)?,
               _ body: (ConcurrentCheck) throws -> Void) throws {
        let witness = ExportDatabase.snapshotWitness(path: db)
        try ExportDatabase(path: db).read { reader in
            try reader.beginSnapshot()
            let check = try #require(ConcurrentCheck.start(databasePath: db, witness: witness, connections: 2, side: side))
            try body(check)
        }
    }

    @Test("waiting for the check calls back while it runs (the progress line's \"checking the export\"), then gives its problems")
    func waitingCallsBack() throws {
        let db = try Fixture.database(CheckTestsData.oneBadVendor, constraints: false)
        let alone = try ExportDatabase(path: db).read { try $0.problems() }
        #expect(!alone.isEmpty)
        try start(db, side: nil) { check in
            var calls = 0
            let outcome = try check.wait(every: 0.000_1) { calls += 1 }
            #expect(calls > 0)
            let found = try ExportDatabase(path: db).read { try $0.finish(outcome.problems) }
            #expect(found == alone)
            // Waiting again (as the build may) returns at once, without calling back.
            var again = 0
            _ = try check.wait(every: 0.000_1) { again += 1 }
            #expect(again == 0)
        }
    }

    @Test("the side part runs once, in the check's snapshot, and the check finds what it finds alone")
    func sideInSnapshot() throws {
        let db = try Fixture.database(CheckTestsData.oneBadVendor, constraints: false)
        let wal = try DatabaseQueue(path: db)
        _ = try wal.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode=WAL") }
        let alone = try ExportDatabase(path: db).read { try $0.problems() }
        #expect(!alone.isEmpty)
        let before = try wal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vendor") } ?? 0
        let committed = DispatchSemaphore(value: 0)
        let box = Box()
        try start(db, side: { reader throws(StoreError) in
            // Reads after a writer has committed another vendor: the snapshot must not show it.
            committed.wait()
            box.runs.add(1, ordering: .relaxed)
            box.vendors = try? Int.fetchOne(reader.db, sql: "SELECT count(*) FROM vendor")
        }) { check in
            try wal.write { try $0.execute(sql: "INSERT INTO vendor VALUES ('V999','Late Vendor',NULL,'nl-NL','EUR',1)") }
            committed.signal()
            try check.waitSide()
            #expect(box.vendors == before)
            let outcome = try check.wait()
            // The unattributed and sorted form the build uses (what `problems()` gives alone).
            let found = try ExportDatabase(path: db).read { try $0.finish(outcome.problems) }
            #expect(found == alone)
        }
        #expect(box.runs.load(ordering: .relaxed) == 1)
        #expect(try wal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vendor") } == before + 1)
    }

    @Test("a side part that fails stops the check: both waits throw its error")
    func sideFails() throws {
        let db = try Fixture.database(Fixture.small)
        try start(db, side: { reader throws(StoreError) in
            throw StoreError.sqlite(path: reader.path, context: "reading beside", detail: "broken on purpose")
        }) { check in
            #expect(throws: StoreError.self) { try check.waitSide() }
            do {
                try check.waitSide()
            } catch {
                #expect("\(error)".contains("broken on purpose"), "\(error)")
            }
            #expect(throws: StoreError.self) { _ = try check.wait() }
        }
    }
}

enum CheckTestsData {
    /// The fixture with one vendor whose currency is not ISO 4217.
    static let oneBadVendor = Fixture.small + """
    INSERT INTO vendor VALUES ('V401','Bad Currency',NULL,'nl-NL','EURO',1);
    """
}
