import Dispatch
import Foundation
import PorticoModel
import PorticoStore
import Synchronization

/// `portico check`'s rules run on other connections, on their own threads, while the build reads and fingerprints
/// the parties on its own. The parts of the check (`CheckTask`) are shared out as each connection becomes free.
/// Every read transaction sees the same data: the others begin while the build's is open, and the export's
/// snapshot witness (see `ExportDatabase.snapshotWitness`) must be the same before the build's began and after the
/// others have read. When it is not (a writer committed in between) or cannot be told, `start` gives nil and the
/// build checks on its own connection, one part after the other.
final class ConcurrentCheck: Sendable {
    private struct Outcome {
        var problems: [Problem] = []
        var error: StoreError?
        var running: Int
        var seconds = 0.0
    }
    private let outcome: Mutex<Outcome>
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    /// Signalled when the side part has run, or when every connection has stopped (so `waitSide` never hangs).
    private let sideDone = DispatchSemaphore(value: 0)
    private let sideRan = Atomic<Bool>(false)

    private init(connections: Int) {
        outcome = Mutex(Outcome(running: connections))
    }

    /// Starts the check on `connections` connections; `witness` was taken before the build's own transaction began
    /// (and that transaction has read). The export's structure must have been checked: the parts assume it.
    /// `side`, when given, is other reading in the same snapshot, done first by one of the connections (the build
    /// reads the leak guard's data so, off its own thread); `waitSide` waits for it.
    static func start(databasePath: String, witness: [UInt8]?, connections: Int,
                      side: (@Sendable (ExportReader) throws(StoreError) -> Void)? = nil) -> ConcurrentCheck? {
        guard let witness, connections > 0 else { return nil }
        let check = ConcurrentCheck(connections: connections)
        let tasks = CheckTask.all
        let first = side == nil ? 0 : 1
        let next = Atomic<Int>(0)
        let reading = DispatchGroup()
        let began = Atomic<Int>(0)
        let started = Date()
        for _ in 0..<connections {
            reading.enter()
            Thread.detachNewThread {
                var signalled = false
                func signal() {
                    if !signalled { reading.leave() }
                    signalled = true
                }
                var found: [Problem] = []
                var failure: StoreError?
                do {
                    let database = try ExportDatabase(path: databasePath)
                    try database.read { reader in
                        try reader.beginSnapshot()
                        began.add(1, ordering: .sequentiallyConsistent)
                        signal()
                        while !check.stopped.load(ordering: .relaxed) {
                            let i = next.add(1, ordering: .relaxed).oldValue
                            if i < first, let side {
                                try side(reader)
                                check.sideRan.store(true, ordering: .sequentiallyConsistent)
                                check.sideDone.signal()
                                continue
                            }
                            guard i - first < tasks.count else { break }
                            found += try reader.problems(of: tasks[i - first])
                        }
                    }
                } catch let e as StoreError {
                    failure = e
                } catch {
                    failure = .sqlite(path: databasePath, context: "checking", detail: "\(error)")
                }
                signal()
                if failure != nil { check.stopped.store(true, ordering: .relaxed) }
                let last = check.outcome.withLock { o in
                    o.problems += found
                    if o.error == nil, let failure { o.error = failure }
                    o.running -= 1
                    if o.running == 0 { o.seconds = Date().timeIntervalSince(started) }
                    return o.running == 0
                }
                if last {
                    check.finished.signal()
                    check.sideDone.signal()
                }
            }
        }
        reading.wait()
        guard began.load(ordering: .sequentiallyConsistent) == connections,
              ExportDatabase.snapshotWitness(path: databasePath) == witness else {
            // Not the same snapshot, or a connection could not read: the result is not used.
            check.stopped.store(true, ordering: .relaxed)
            return nil
        }
        return check
    }

    /// Waits for the side part given to `start`; throws the error that stopped it (or stopped the connections first).
    func waitSide() throws(StoreError) {
        sideDone.wait()
        sideDone.signal()
        if sideRan.load(ordering: .sequentiallyConsistent) { return }
        finished.wait()
        finished.signal()
        throw outcome.withLock { $0.error } ?? .sqlite(path: "", context: "reading beside the build", detail: "no connection read it")
    }

    /// Waits for every part: the problems found (to be finished by the build's reader), and how long they took.
    /// `waiting` is called every `every` seconds while the check runs (the progress line).
    func wait(every: Double = 0.5, waiting: () -> Void = {}) throws(StoreError) -> (problems: [Problem], seconds: Double) {
        while finished.wait(timeout: .now() + every) == .timedOut { waiting() }
        finished.signal()
        let o = outcome.withLock { $0 }
        if let error = o.error { throw error }
        return (o.problems, o.seconds)
    }
}
