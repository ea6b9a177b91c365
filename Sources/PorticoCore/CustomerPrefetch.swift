import Foundation
import PorticoModel
import PorticoStore

/// The invoice accounts read and fingerprinted on a connection of their own, on a thread of their own, while the
/// build reads the vendors: a nightly build reads every row of the export to find the few parties that changed, and
/// one thread reading all of it was the longest part of such a build. The connection's read transaction sees the
/// build's snapshot (the same witness test as `ConcurrentCheck`); when it cannot be told, `start` gives nil and the
/// build reads the customers itself.
///
/// Memory stays bounded: a party whose folder already exists is passed on without its rows, and the rows
/// and parties waiting to be taken are at most `limit` bytes (rows, plus 1 KiB for each party), after which the
/// reading waits.
final class CustomerPrefetch: @unchecked Sendable {
    /// One invoice account as read: its rows, unless its folder existed when it was read.
    struct Item: Sendable {
        let customer: CustomerRecord
        let members: [CustomerRecord]
        let rowsFingerprint: String
        let rowBytes: Int
        let rowCount: Int
        /// nil when the party's folder existed (it is linked, not rendered).
        let pending: PendingCustomer?

        init(_ pending: PendingCustomer, keepingRows: Bool) {
            customer = pending.customer
            members = pending.members
            rowsFingerprint = pending.rowsFingerprint
            rowBytes = pending.rowBytes
            rowCount = pending.rowCount
            self.pending = keepingRows ? pending : nil
        }
    }

    private let condition = NSCondition()
    private var queue: [Item] = []
    private var head = 0
    private var queuedBytes = 0
    private var done = false
    private var failure: StoreError?
    private var cancelled = false
    private let limit: Int
    private let thread = DispatchGroup()

    private init(limit: Int) {
        self.limit = limit
    }

    private static func cost(_ item: Item) -> Int { 1024 + (item.pending == nil ? 0 : item.rowBytes) }

    /// Starts reading; `witness` was taken before the build's transaction began (and that transaction has read).
    /// `folderExists` tells whether a party's folder exists (its rows are then not kept).
    static func start(databasePath: String, witness: [UInt8]?, limit: Int, wanted: @escaping @Sendable (CustomerRecord) -> Bool,
                      folderExists: @escaping @Sendable (PendingCustomer) -> Bool) -> CustomerPrefetch? {
        guard let witness else { return nil }
        let prefetch = CustomerPrefetch(limit: limit)
        let began = DispatchSemaphore(value: 0)
        let verdict = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var beganOK = false
        nonisolated(unsafe) var go = false
        prefetch.thread.enter()
        Thread.detachNewThread {
            defer { prefetch.thread.leave() }
            var signalled = false
            do {
                let database = try ExportDatabase(path: databasePath)
                try database.read { reader in
                    try reader.beginSnapshot()
                    beganOK = true
                    signalled = true
                    began.signal()
                    verdict.wait()
                    guard go else { return }
                    let stream = try reader.customerStream()
                    while let pending = try stream.next(wanted: wanted) {
                        guard prefetch.put(Item(pending, keepingRows: !folderExists(pending))) else { return }
                    }
                }
                prefetch.finish(nil)
            } catch let e as StoreError {
                prefetch.finish(e)
            } catch {
                prefetch.finish(.sqlite(path: databasePath, context: "reading customers beside the build", detail: "\(error)"))
            }
            if !signalled { began.signal() }
        }
        began.wait()
        go = beganOK && ExportDatabase.snapshotWitness(path: databasePath) == witness
        verdict.signal()
        guard go else {
            prefetch.thread.wait()
            return nil
        }
        return prefetch
    }

    /// Adds a party, waiting while the queue is full; false when the build no longer wants any.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, queuedBytes > 0, queuedBytes + Self.cost(item) > limit { condition.wait() }
        if cancelled { return false }
        queue.append(item)
        queuedBytes += Self.cost(item)
        condition.broadcast()
        return true
    }

    private func finish(_ error: StoreError?) {
        condition.lock()
        if !done {
            done = true
            failure = error
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The next invoice account in account order, waiting for it; nil after the last. Throws what stopped the reading.
    func next() throws(StoreError) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count, !done { condition.wait() }
        guard head < queue.count else {
            if let failure { throw failure }
            return nil
        }
        let item = queue[head]
        head += 1
        queuedBytes -= Self.cost(item)
        if head > 1024, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Stops the reading (the build ends, or failed) and waits for its thread, so no read outlives the build's.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        thread.wait()
    }
}
