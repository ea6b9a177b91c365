import Dispatch
import Foundation
import PorticoModel
import PorticoStore
import Synchronization

/// `portico check`'s rules run on a second connection, on its own thread, while the build reads and fingerprints
/// the parties on the first. Both read transactions see the same data: the second begins while the first is open,
/// and the export's snapshot witness (see `ExportDatabase.snapshotWitness`) must be the same before the first began
/// and after the second has read. When it is not (a writer committed in between) or cannot be told, `start` gives
/// nil and the build checks on its own connection, one after the other.
final class ConcurrentCheck: Sendable {
    private let outcome = Mutex<(problems: Result<[Problem], StoreError>, seconds: Double)?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the check; `witness` was taken before the build's own transaction began (and that transaction has read).
    static func start(databasePath: String, witness: [UInt8]?) -> ConcurrentCheck? {
        guard let witness else { return nil }
        let check = ConcurrentCheck()
        let reading = DispatchSemaphore(value: 0)
        let began = Atomic<Bool>(false)
        Thread.detachNewThread {
            let started = Date()
            let problems: Result<[Problem], StoreError>
            do {
                let database = try ExportDatabase(path: databasePath)
                problems = .success(try database.read { reader in
                    do {
                        try reader.beginSnapshot()
                        began.store(true, ordering: .sequentiallyConsistent)
                    } catch {
                        reading.signal()
                        throw error
                    }
                    reading.signal()
                    return try reader.problems()
                })
            } catch let e as StoreError {
                if !began.load(ordering: .sequentiallyConsistent) { reading.signal() }
                problems = .failure(e)
            } catch {
                if !began.load(ordering: .sequentiallyConsistent) { reading.signal() }
                problems = .failure(.sqlite(path: databasePath, context: "checking", detail: "\(error)"))
            }
            check.outcome.withLock { $0 = (problems, Date().timeIntervalSince(started)) }
            check.finished.signal()
        }
        reading.wait()
        guard began.load(ordering: .sequentiallyConsistent), ExportDatabase.snapshotWitness(path: databasePath) == witness else {
            // Not the same snapshot, or the second connection could not read: its result is not used.
            return nil
        }
        return check
    }

    /// Waits for the check: its problems, and how long it ran.
    func wait() throws(StoreError) -> (problems: [Problem], seconds: Double) {
        finished.wait()
        finished.signal()
        let (problems, seconds) = outcome.withLock { $0! }
        return (try problems.get(), seconds)
    }
}
