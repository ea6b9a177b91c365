import Dispatch
import Foundation
import PorticoAccess
import PorticoCatalog
import PorticoModel
import PorticoPlan
import PorticoPublish
import PorticoRender
import PorticoStore
import Synchronization

/// What a build did.
public struct BuildSummary: Sendable, Codable {
    public var releasePath = ""
    public var releaseID = ""
    public var filesWritten = 0
    /// Party folders written over in place (an unlinked folder of the same party) rather than made anew.
    public var foldersRecycled = 0
    public var pagesRendered = 0
    public var pagesReused = 0
    public var partiesRendered: [PartyRef] = []
    public var partiesReused: [PartyRef] = []
    /// Parties the served release had that the new one has not (gone or disabled).
    public var partiesRemoved: [String] = []
    public var heldBack: [PartyRef] = []
    /// Parties in the new release made from this build's data (rendered or reused).
    public var partiesBuilt: Int { partiesRendered.count + partiesReused.count }
    public var problems: [Problem] = []
    public var seconds = 0.0
    public var timings: [String: Double] = [:]
    /// Every customer account with a portal, and the invoice account whose portal its users get (for the access rules).
    public var customerPortals: [String: String] = [:]
    /// Nothing changed since the served release (export file, site, program): it was kept, nothing written.
    public var unchanged = false
    /// The invoice accounts were read on a connection of their own beside the vendors (not kept in the state).
    public var customersReadBeside = false
    /// 0 all published, 1 published with parties held back.
    public var exitStatus: Int32 { heldBack.isEmpty ? 0 : 1 }

    /// Kept in `DIR/state.json`. `foldersRecycled` is left out: a field the last program did not write would make
    /// its state unreadable (and the next build a full one), and the count says nothing about the served release.
    enum CodingKeys: String, CodingKey {
        case releasePath, releaseID, filesWritten, pagesRendered, pagesReused, partiesRendered, partiesReused, partiesRemoved, heldBack,
             problems, seconds, timings, customerPortals, unchanged
    }
}

/// The build: database -> catalogs -> planned pages -> rendered files -> a published release.
/// Each party's files live in a folder named by the fingerprint of everything they depend on; a party whose
/// fingerprint is unchanged is linked, not rendered again.
public struct Builder {
    public let site: Site
    public let databasePath: String
    public let outDirectory: String
    /// Parties read before they are rendered together: at most this many, and no more rows than `batchBytes`
    /// (so memory does not grow with the size of the parties in a larger export).
    public var batchSize = 64
    public var batchBytes = 2 << 20
    /// While the check runs alongside the reading, parties to be rendered wait for it with their rows: at most this
    /// many bytes of rows, then the reading waits for the check too.
    public var deferBytes = 16 << 20
    /// Run the check on other connections alongside the reading when they can see the same snapshot.
    public var checkAlongside = true
    /// How many connections share the check's parts when it runs alongside.
    public var checkConnections = 2
    /// When the last release is served (a nightly build, not `--full`), read the invoice accounts on a connection
    /// of their own beside the vendors (see `CustomerPrefetch`).
    public var prefetchCustomers = true
    public var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    /// Render every party, reusing nothing.
    public var full = false
    public var progress: (@Sendable (BuildProgress) -> Void)?
    /// With `progress`: when no report has come for this long, the last one is shown again, its clock moved on.
    public var tickSeconds = 0.5

    public init(site: Site, databasePath: String, outDirectory: String) {
        self.site = site
        self.databasePath = databasePath
        self.outDirectory = outDirectory
    }

    /// The output folder as an absolute path the web server configuration can hold (checked before anything is read).
    func absoluteOut() throws(CoreError) -> String {
        let out = URL(fileURLWithPath: outDirectory).standardizedFileURL.path
        if let bad = out.unicodeScalars.first(where: { "$\"\\;{}'".unicodeScalars.contains($0) || $0.value < 0x20 }) {
            throw .site(path: out, detail: "the output folder's path holds '\(bad)', which the web server configuration cannot hold")
        }
        return out
    }

    public func run() throws(CoreError) -> BuildSummary {
        let started = Date()
        _ = try absoluteOut()
        // A file that is missing, not SQLite or of another schema version is refused before the output folder is
        // touched (a first build would otherwise leave an empty folder behind).
        let database: ExportDatabase
        do { database = try ExportDatabase(path: databasePath) } catch { throw .store(error) }
        // One build or rollback at a time in this folder (a nightly run and a manual one must not interleave).
        let lock: OutputLock
        do { lock = try OutputLock(outDirectory: outDirectory) } catch { throw .publish(error) }
        defer { withExtendedLifetime(lock) {} }
        // Unchanged inputs: keep the served release (a rebuild would write the same bytes). The export's hash is only
        // waited for when its size and time are those of the last build; otherwise it is computed alongside.
        let stamp = BuildState.stamp(databasePath: databasePath)
        let hashing = InputsHash(databasePath: databasePath, site: site)
        let previous = BuildState.load(out: outDirectory)
        // The progress line, kept moving between the build's reports (see `ProgressTicker`).
        let ticker = progress.map { ProgressTicker(every: tickSeconds, started: started, emit: $0) }
        defer { ticker?.stop() }
        if !full, let state = previous, state.stamp == stamp, let inputs = hashing.result,
           var kept = state.unchanged(out: outDirectory, inputs: inputs) {
            kept.pagesReused += kept.pagesRendered
            kept.pagesRendered = 0
            kept.partiesReused = (kept.partiesRendered + kept.partiesReused).sorted()
            kept.partiesRendered = []
            kept.partiesRemoved = []
            kept.filesWritten = 0
            kept.unchanged = true
            kept.seconds = Date().timeIntervalSince(started)
            kept.timings = ["unchanged": (kept.seconds * 1000).rounded() / 1000]
            writeReport(kept)
            return kept
        }
        try? FileManager.default.removeItem(atPath: BuildState.path(outDirectory))
        var summary = BuildSummary()
        var estimate: ProgressEstimate?
        do {
            let witness = ExportDatabase.snapshotWitness(path: databasePath)
            (summary, estimate) = try database.read { reader in
                try build(reader, started: started, witness: witness, previousProfile: previous?.profile, ticker: ticker)
            }
        } catch let e as CoreError {
            throw e
        } catch let e as StoreError {
            throw .store(e)
        } catch {
            throw .store(.sqlite(path: databasePath, context: "reading", detail: "\(error)"))
        }
        summary.seconds = Date().timeIntervalSince(started)
        writeReport(summary)
        writePortalMap(summary)
        // The stamp taken before the hash: if the file changed meanwhile, the next build hashes again.
        // The timeline this build leaves for the next one's progress line, if it rendered (nearly) everything;
        // else the last one's is kept.
        let tail = estimate?.lastDone.map { Date().timeIntervalSince($0) } ?? 0
        let profile = estimate?.recordedProfile(tail: tail) ?? previous?.profile
        if let inputs = hashing.result { BuildState.write(out: outDirectory, inputs: inputs, stamp: stamp, summary: summary, profile: profile) }
        return summary
    }

    /// One party waiting to be rendered into its folder.
    struct Job<Catalog: Sendable>: Sendable {
        let catalog: Catalog
        let party: PartyRef
        let prefix: String
        let folder: String
        /// What of this party is internal, for the leak guard.
        let internals: InternalContent?
        /// The rows it is made from (for the progress line).
        let rowCount: Int
        /// A folder of this party no kept release links to, to be written over instead of a new one.
        let recycle: String?
    }

    /// A party as read: its records (nil once dropped: its folder exists), the fingerprint of its rows, and how many
    /// rows it was made from (the progress line's measure of work).
    struct ReadParty<Catalog: Sendable> {
        let catalog: Catalog
        let party: PartyRef
        let fingerprint: String
        let rowCount: Int
    }

    /// Which parties the check holds back.
    struct Verdict {
        let badParties: Set<PartyRef>
        /// Invoice accounts whose portal is held back (a member's errors hold back its organisation's portal).
        let badPortals: Set<String>
    }

    /// `witness`: the export's snapshot witness taken before `reader`'s transaction began.
    /// Returns the summary and the progress estimate (the timeline this build leaves).
    func build(_ reader: ExportReader, started: Date, witness: [UInt8]?, previousProfile: ProgressProfile?,
               ticker: ProgressTicker?) throws(CoreError) -> (BuildSummary, ProgressEstimate) {
        var summary = BuildSummary()
        var clock = Date()
        func lap(_ name: String) {
            summary.timings[name] = ((summary.timings[name] ?? 0) + Date().timeIntervalSince(clock) * 1000).rounded() / 1000
            clock = Date()
        }
        let info: ExportInfo
        do {
            info = try reader.info()
        } catch { throw .store(error) }
        // The check runs alongside the reading when it can see the same snapshot; otherwise first, on this connection.
        // (A file missing tables or columns is checked here: only its structure is reported.)
        let structureComplete: Bool
        do { structureComplete = try reader.structureProblems().isEmpty } catch { throw .store(error) }
        // The leak guard's data (whose each identifier is, what of each party is internal) is read by one of the
        // check's connections when it runs alongside, else here.
        let sideRead = GuardInputs.Box()
        let checking = checkAlongside && structureComplete
            ? ConcurrentCheck.start(databasePath: databasePath, witness: witness, connections: checkConnections,
                                    side: { reader throws(StoreError) in sideRead.inputs = try GuardInputs(reader) }) : nil
        var verdict: Verdict?
        /// The parties' progress (see `ProgressEstimate`), made when the parties are counted.
        var estimate = ProgressEstimate(vendors: 0, vendorRows: 0, customers: 0, customerRows: 0)
        var partiesDone = 0, partiesTotal = 0
        func report(_ stage: BuildProgress.Stage = .parties) {
            guard let ticker else { return }
            let now = Date()
            let elapsed = estimate.elapsed(at: now)
            ticker.report(BuildProgress(stage: stage, partiesDone: partiesDone, partiesTotal: partiesTotal, pagesRendered: summary.pagesRendered,
                                   seconds: now.timeIntervalSince(started), pagesPerSecond: elapsed > 0 ? Double(summary.pagesRendered) / elapsed : 0,
                                   // Publishing takes time only a timeline knows (the rows-based estimate ends with the parties).
                                   secondsLeft: stage == .publishing && !estimate.timelineApplies ? nil : estimate.secondsLeft(at: now)))
        }
        /// The check's outcome: its problems, and which parties they hold back. Waits for the check if it runs alongside.
        func settle(portals: [String: String]) throws(CoreError) -> Verdict {
            if let verdict { return verdict }
            let problems: [Problem]
            let waited = Date()
            do {
                if let checking {
                    let outcome = try checking.wait { report(.checking) }
                    problems = try reader.finish(outcome.problems)
                    summary.timings["check"] = (outcome.seconds * 1000).rounded() / 1000
                    summary.timings["check_wait"] = (Date().timeIntervalSince(waited) * 1000).rounded() / 1000
                } else {
                    problems = try reader.problems()
                    summary.timings["check"] = (Date().timeIntervalSince(waited) * 1000).rounded() / 1000
                }
            } catch { throw .store(error) }
            let wait = Date().timeIntervalSince(waited)
            clock = clock.addingTimeInterval(wait)
            // The reading waited for the verdict: not time spent on parties (nothing before the stage began counts).
            estimate.pause(wait)
            summary.problems = problems
            let unattributed = problems.filter { $0.party == nil }
            guard unattributed.isEmpty else { throw .unattributed(unattributed) }
            let bad = Set(problems.compactMap(\.party))
            let settled = Verdict(badParties: bad, badPortals: Set(bad.filter { $0.kind == .customer }.map { portals[$0.account] ?? $0.account }))
            verdict = settled
            return settled
        }
        let portals: [String: String]
        do { portals = try reader.customerPortals() } catch { throw .store(error) }
        if checking == nil { _ = try settle(portals: portals) }

        var guardInputs: GuardInputs?
        /// The leak guard's data, waiting for the connection that reads it if need be (the wait is the "guard" timing).
        func guardData() throws(CoreError) -> GuardInputs {
            if let guardInputs { return guardInputs }
            let waited = Date()
            let inputs: GuardInputs
            do throws(StoreError) {
                if let checking {
                    try checking.waitSide()
                    guard let read = sideRead.inputs else { throw .sqlite(path: databasePath, context: "reading the leak guard's data", detail: "not read") }
                    inputs = read
                } else {
                    inputs = try GuardInputs(reader)
                }
            } catch { throw .store(error) }
            summary.timings["guard"] = (Date().timeIntervalSince(waited) * 1000).rounded() / 1000
            clock = clock.addingTimeInterval(Date().timeIntervalSince(waited))
            guardInputs = inputs
            return inputs
        }
        if checking == nil { _ = try guardData() }

        let release: Release
        do { release = try Release(outDirectory: outDirectory) } catch { throw .publish(error) }
        let folders = PartyFolders(outDirectory: outDirectory)
        folders.removeLeftovers()
        let served = Release.servedParties(outDirectory: outDirectory)
        // Party folders no kept release links to (the last build's switch unlinked them): a party rendered again is
        // written over its old folder (see `PartyFolders.begin(recycling:)`); those not taken are removed at the end.
        let unlinkedBefore = folders.unreferenced()
        var recyclable: [String: [String]] = [:]
        for name in unlinkedBefore {
            guard let dot = name.lastIndex(of: ".") else { continue }
            recyclable[String(name[..<dot]), default: []].append(name)
        }
        /// Takes a recyclable folder of the party at `parties/<area>/<segment>`, if any.
        func recycle(_ area: String, _ segment: String) -> String? {
            let key = "parties/\(area)/\(segment)"
            guard var names = recyclable[key], let name = names.popLast() else { return nil }
            recyclable[key] = names.isEmpty ? nil : names
            return name
        }
        do {
            let assets = try site.assets()
            let writer = release.writer()
            var assetPaths: [String: String] = [:]
            for asset in assets {
                try writer.write(asset.path, asset.bytes)
                assetPaths[asset.source] = asset.path
            }
            let env = PlanEnvironment(
                config: site.config, labels: site.labels, exportedAt: info.exportedAt, companyName: info.companyName,
                stylesheet: assetPaths["app.css"] ?? "assets/app.css", script: assetPaths["app.js"] ?? "assets/app.js")
            let formats = Formats()
            for file in SitePlanner(env: env, content: site.content, formats: formats).plan() {
                try writer.write(file.path, try site.renderer.render(file))
                summary.filesWritten += 1
                if case .page = file.content { summary.pagesRendered += 1 }
            }
            summary.filesWritten += assets.count

            // Every party's pages also show the export time and (customers) depend on its day.
            var common = SHA256()
            common.field(site.fingerprint)
            common.field(info.exportedAt.description)
            common.field(info.companyName)
            let commonFingerprint = common.hex()
            func fingerprint(_ party: PartyRef, _ rows: String) -> String {
                Self.partyFingerprint(common: commonFingerprint, party, rows)
            }

            do {
                let vendorCount = try reader.enabledVendorCount(), customerCount = try reader.enabledCustomerPortalCount()
                partiesTotal = vendorCount + customerCount
                // Counting the rows costs a few milliseconds. They are counted without a terminal too: the
                // timeline this build leaves (for a later build's line) is scaled by them.
                let rows = try reader.partyRowTotals()
                estimate = ProgressEstimate(vendors: vendorCount, vendorRows: rows.vendors, customers: customerCount, customerRows: rows.customers)
                // The last build's timeline is this one's when this one renders everything again, as that one did.
                estimate.profile = ProgressEstimate.applicable(previousProfile, full: full, common: commonFingerprint)
                estimate.common = commonFingerprint
            } catch { throw CoreError.store(error) }
            /// Made when the first batch is rendered (it holds the leak guard, which may still be being read).
            var workerPool: WorkerPool?
            var linked = Set<String>()
            /// Which account each folder was made for: two accounts never share one (a guard on `Paths.segment`).
            var folderOwners: [String: String] = [:]
            func claim(_ area: String, _ segment: String, _ account: String) throws {
                if let other = folderOwners["\(area)/\(segment)"], other != account {
                    throw CoreError.site(path: "\(area)/\(segment)", detail: "accounts '\(other)' and '\(account)' would share this folder")
                }
                folderOwners["\(area)/\(segment)"] = account
            }

            /// Links a held-back party to the folder the served release has for it, if any.
            func keepServed(_ party: PartyRef, area: String, rowCount: Int) throws {
                summary.heldBack.append(party)
                partiesDone += 1
                estimate.done(party.kind, rows: rowCount, at: Date(), rendered: false)
                let segment = Paths.segment(party.account)
                try claim(area, segment, party.account)
                if let name = Release.servedPartyFolder(outDirectory: outDirectory, area: area, segment: segment) {
                    try release.link(area: area, segment: segment, to: name)
                    linked.insert("\(area)/\(segment)")
                }
            }

            /// Links a party whose folder exists (unless `--full`): true when it was reused.
            func reuse(_ party: PartyRef, area: String, rows: String, rowCount: Int) throws -> Bool {
                let segment = Paths.segment(party.account)
                let name = folders.name(area: area, segment: segment, fingerprint: fingerprint(party, rows))
                guard !full, folders.exists(name) else { return false }
                try claim(area, segment, party.account)
                try release.link(area: area, segment: segment, to: name)
                linked.insert("\(area)/\(segment)")
                summary.partiesReused.append(party)
                summary.pagesReused += folders.manifest(name)?.pages ?? 0
                partiesDone += 1
                estimate.done(party.kind, rows: rowCount, at: Date(), rendered: false)
                if partiesDone % 500 == 0 { report() }
                return true
            }

            /// The batch being rendered on the workers while this thread reads the next one.
            final class InFlight: @unchecked Sendable {
                let group = DispatchGroup()
                var result: Result<WorkerPool.Counts, any Error> = .success(WorkerPool.Counts())
                let finish: (WorkerPool.Counts) throws -> Void
                init(finish: @escaping (WorkerPool.Counts) throws -> Void) { self.finish = finish }
            }
            var inFlight: InFlight?
            /// Waits for the batch in flight (if any) and links its parties. Called before the next batch starts, and
            /// before anything that needs every rendered party in place.
            func land() throws {
                guard let batch = inFlight else { return }
                inFlight = nil
                batch.group.wait()
                try batch.finish(try batch.result.get())
            }
            // Whatever happens, no batch is still writing when the build returns or throws.
            defer { inFlight?.group.wait() }

            /// Renders a batch of parties in parallel, each into its own folder (catalogs are built on the worker
            /// threads), and links them. The batch renders while this thread reads the next one (reading used to
            /// leave a core idle); at most two batches are held. Reused parties never wait in a batch.
            func run<Catalog: Sendable>(_ batch: [ReadParty<Catalog>], area: String,
                                        plan: @escaping @Sendable (Catalog, Formats) -> [PlannedFile]) throws {
                let inputs = try guardData()
                let pool = workerPool ?? WorkerPool(renderer: site.renderer, count: workers, leakGuard: inputs.leakGuard)
                workerPool = pool
                var jobs: [Job<Catalog>] = []
                for read in batch {
                    let party = read.party, segment = Paths.segment(party.account)
                    try claim(area, segment, party.account)
                    let name = folders.name(area: area, segment: segment, fingerprint: fingerprint(party, read.fingerprint))
                    jobs.append(Job(catalog: read.catalog, party: party, prefix: "\(area)/\(segment)/", folder: name, internals: inputs.internals[party],
                                    rowCount: read.rowCount, recycle: recycle(area, segment)))
                    linked.insert("\(area)/\(segment)")
                }
                // The folders this batch writes over are read ahead while the last batch renders.
                let recycled = jobs.compactMap(\.recycle)
                if !recycled.isEmpty {
                    DispatchQueue.global(qos: .utility).async { folders.prefetch(recycled) }
                }
                try land()
                let flight = InFlight { counts in
                    for job in jobs {
                        try release.link(area: area, segment: Paths.segment(job.party.account), to: job.folder)
                        summary.partiesRendered.append(job.party)
                    }
                    summary.filesWritten += counts.files
                    summary.pagesRendered += counts.pages
                    summary.foldersRecycled += counts.recycled
                    partiesDone += jobs.count
                    let now = Date()
                    for job in jobs { estimate.done(job.party.kind, rows: job.rowCount, at: now) }
                    report()
                }
                let work = jobs
                DispatchQueue.global().async(group: flight.group) {
                    flight.result = Result { try pool.render(work, folders: folders, plan: plan) }
                }
                inFlight = flight
            }

            /// Parties read before the check has finished, in reading order. Those whose folder exists are kept
            /// without their rows; the rows of the others are kept until the check is known (at most `deferBytes`,
            /// then the reading waits for the check).
            var deferredVendors: [ReadParty<PendingVendor?>] = []
            var deferredCustomers: [ReadParty<PendingCustomer?>] = []
            var deferredBytes = 0
            // With nothing served (a first build) or `--full`, every party is rendered: holding their rows while the
            // check runs would only cost memory, so the reading waits for the check at the first party.
            let deferLimit = full || served.isEmpty ? 0 : deferBytes
            let folderExists: @Sendable (String, PartyRef, String) -> Bool = { [full, commonFingerprint] area, party, rows in
                !full && folders.exists(folders.name(area: area, segment: Paths.segment(party.account),
                                                     fingerprint: Self.partyFingerprint(common: commonFingerprint, party, rows)))
            }
            let planVendor: @Sendable (PendingVendor, Formats) -> [PlannedFile] = { records, formats in
                VendorPlanner(env: env, catalog: VendorCatalog(records.records()), formats: formats).plan()
            }
            let asOf = info.asOf
            let planCustomer: @Sendable (PendingCustomer, Formats) -> [PlannedFile] = { records, formats in
                CustomerPlanner(env: env, catalog: CustomerCatalog(records.records(), asOf: asOf), formats: formats).plan()
            }
            /// The parties read while the check ran, now that it is known: held-back parties keep their served
            /// folder, reused ones are linked, and the others are rendered in batches.
            func dispatch<Catalog: Sendable>(_ parties: [ReadParty<Catalog?>], area: String, bad: (PartyRef) -> Bool,
                                             size: (Catalog) -> Int, plan: @escaping @Sendable (Catalog, Formats) -> [PlannedFile]) throws {
                var batch: [ReadParty<Catalog>] = []
                var bytes = 0
                for read in parties {
                    if bad(read.party) {
                        try keepServed(read.party, area: area, rowCount: read.rowCount)
                        continue
                    }
                    if try reuse(read.party, area: area, rows: read.fingerprint, rowCount: read.rowCount) { continue }
                    guard let catalog = read.catalog else {
                        throw CoreError.site(path: "parties/\(area)", detail: "the party folder of \(read.party) went away during the build")
                    }
                    batch.append(ReadParty(catalog: catalog, party: read.party, fingerprint: read.fingerprint, rowCount: read.rowCount))
                    bytes += size(catalog)
                    if batch.count >= batchSize || bytes >= batchBytes {
                        try run(batch, area: area, plan: plan)
                        batch = []
                        bytes = 0
                    }
                }
                if !batch.isEmpty { try run(batch, area: area, plan: plan) }
            }
            /// Waits for the check, then handles the parties read meanwhile.
            func settleDeferred() throws {
                let known = verdict != nil
                let settled = try settle(portals: portals)
                if !known {
                    try dispatch(deferredVendors, area: "vendors", bad: { settled.badParties.contains($0) }, size: \.rowBytes, plan: planVendor)
                    try dispatch(deferredCustomers, area: "customers", bad: { settled.badPortals.contains($0.account) }, size: \.rowBytes,
                                 plan: planCustomer)
                    deferredVendors = []
                    deferredCustomers = []
                    deferredBytes = 0
                }
            }

            /// Time spent reading and fingerprinting rows (part of "render"), for the report.
            var readSeconds = 0.0
            func reading<T>(_ next: () throws -> T) rethrows -> T {
                let t = Date()
                defer { readSeconds += Date().timeIntervalSince(t) }
                return try next()
            }

            /// One party as read. Until the check's verdict it waits, with its rows unless its folder exists (true: the
            /// waiting rows reached `deferLimit`, so the reading must wait for the check); after it, the party is held
            /// back, linked, or joins `batch`.
            /// `records` is nil when the party's folder was found when it was read (its rows were not kept).
            func offer<Catalog: Sendable>(_ records: Catalog?, _ party: PartyRef, rows: String, size: Int, count: Int, area: String,
                                          deferred: inout [ReadParty<Catalog?>], heldBack: (Verdict) -> Bool,
                                          batch: inout [ReadParty<Catalog>], bytes: inout Int) throws -> Bool {
                guard let settled = verdict else {
                    let kept = records == nil || folderExists(area, party, rows)
                    deferred.append(ReadParty(catalog: kept ? nil : records, party: party, fingerprint: rows, rowCount: count))
                    deferredBytes += kept ? 0 : size
                    if deferred.count % 500 == 0 { report(.checking) }
                    return deferredBytes >= deferLimit
                }
                if heldBack(settled) {
                    try keepServed(party, area: area, rowCount: count)
                } else if try !reuse(party, area: area, rows: rows, rowCount: count) {
                    guard let records else {
                        throw CoreError.site(path: "parties/\(area)", detail: "the party folder of \(party) went away during the build")
                    }
                    batch.append(ReadParty(catalog: records, party: party, fingerprint: rows, rowCount: count))
                    bytes += size
                }
                return false
            }

            // A nightly build (something served, not `--full`) reads the invoice accounts beside the vendors, on a
            // connection of its own; rows of parties whose folder exists are not kept.
            let prefetch = prefetchCustomers && deferLimit > 0
                ? CustomerPrefetch.start(databasePath: databasePath, witness: witness, limit: deferBytes, wanted: { $0.portalEnabled },
                                         folderExists: { folderExists("customers", PartyRef(.customer, $0.customer.account), $0.rowsFingerprint) })
                : nil
            defer { prefetch?.cancel() }
            summary.customersReadBeside = prefetch != nil

            // Vendors. The parties' stage begins (time the reading waits for the check is not counted in it).
            estimate.begin(at: Date())
            let vendors: VendorStream
            do { vendors = try reader.vendorStream() } catch { throw CoreError.store(error) }
            while true {
                var batch: [ReadParty<PendingVendor>] = []
                var bytes = 0
                do {
                    while batch.count < batchSize, bytes < batchBytes, let records = try reading({ try vendors.next(wanted: { $0.portalEnabled }) }) {
                        let party = PartyRef(.vendor, records.vendor.account)
                        if try offer(records, party, rows: records.rowsFingerprint, size: records.rowBytes, count: records.rowCount, area: "vendors",
                                     deferred: &deferredVendors, heldBack: { $0.badParties.contains(party) }, batch: &batch, bytes: &bytes) {
                            try settleDeferred()
                        }
                    }
                } catch let e as StoreError { throw CoreError.store(e) }
                if batch.isEmpty { break }
                try run(batch, area: "vendors", plan: planVendor)
            }

            // Customers: one portal per invoice account; a member's errors hold back its invoice account's portal. When
            // they are being read beside the vendors, they are taken from that reading.
            var customers: CustomerStream?
            if prefetch == nil {
                do { customers = try reader.customerStream() } catch { throw CoreError.store(error) }
            }
            func nextCustomer() throws(StoreError) -> CustomerPrefetch.Item? {
                if let prefetch { return try prefetch.next() }
                return try customers?.next(wanted: { $0.portalEnabled }).map { CustomerPrefetch.Item($0, keepingRows: true) }
            }
            var portalMap: [String: String] = [:]
            while true {
                var batch: [ReadParty<PendingCustomer>] = []
                var bytes = 0
                do {
                    while batch.count < batchSize, bytes < batchBytes, let read = try reading({ try nextCustomer() }) {
                        let party = PartyRef(.customer, read.customer.account)
                        portalMap[read.customer.account] = read.customer.account
                        for member in read.members where member.portalEnabled { portalMap[member.account] = read.customer.account }
                        // Customers' figures (overdue, aging) are as of the export day, which the common fingerprint holds.
                        if try offer(read.pending, party, rows: read.rowsFingerprint, size: read.rowBytes, count: read.rowCount, area: "customers",
                                     deferred: &deferredCustomers, heldBack: { $0.badPortals.contains(party.account) }, batch: &batch, bytes: &bytes) {
                            try settleDeferred()
                        }
                    }
                } catch let e as StoreError { throw CoreError.store(e) }
                if batch.isEmpty { break }
                try run(batch, area: "customers", plan: planCustomer)
            }
            try settleDeferred()
            try land()
            report(.publishing)
            summary.timings["read"] = (readSeconds * 1000).rounded() / 1000
            lap("render")
            summary.customerPortals = portalMap
            summary.partiesRemoved = served.subtracting(linked).sorted()
            summary.releaseID = release.id
            // The users are read now, in the build's snapshot, rather than held through the rendering (megabytes at
            // the largest export).
            let users: [PortalUserRecord]
            do { users = try reader.portalUsers() } catch { throw CoreError.store(error) }
            try writeAccessRules(users: users, portals: portalMap, published: linked, release: release.id)
            lap("access")
            let (path, retired) = try release.publishRetiring(keep: site.config.keepReleases)
            summary.releasePath = path
            lap("publish")
            // Old releases and unlinked party folders are removed on two threads (deleting is the kernel's work).
            let removing = DispatchGroup()
            DispatchQueue.global().async(group: removing) { for path in retired { FileTree.remove(path) } }
            folders.collectGarbage(before: Set(unlinkedBefore))
            removing.wait()
            lap("collect")
        } catch let e as CoreError {
            release.discard()
            throw e
        } catch let e as PublishError {
            release.discard()
            throw .publish(e)
        } catch let e as RenderError {
            release.discard()
            throw .render(e)
        } catch {
            release.discard()
            throw .site(path: outDirectory, detail: "\(error)")
        }
        return (summary, estimate)
    }

    /// The fingerprint a party's folder is named by: the rows', and what every page shows (`common`).
    static func partyFingerprint(common: String, _ party: PartyRef, _ rows: String) -> String {
        var h = SHA256()
        h.field(common)
        h.field(party.kind.rawValue)
        h.field(party.account)
        h.field(rows)
        return h.hex()
    }

    /// `DIR/access/nginx.conf` and `DIR/access/htpasswd`: each active user reaches the portal of their party
    /// (a member customer's users their organisation's) when it is in the release. `portals` holds the customer
    /// accounts with a portal (enabled ones; members only when enabled themselves). Written before the switch.
    func writeAccessRules(users: [PortalUserRecord], portals: [String: String], published: Set<String>, release: String) throws(CoreError) {
        let out = try absoluteOut()
        var grants: [PortalGrant] = []
        for user in users where user.active {
            guard let kind = user.partyKind else { continue }
            let folder: String
            switch kind {
            case .vendor: folder = Paths.vendor(user.account)
            case .customer:
                guard let portal = portals[user.account] else { continue }
                folder = Paths.customer(portal)
            }
            guard published.contains(String(folder.dropLast())) else { continue }
            grants.append(PortalGrant(login: user.login, passwordHash: user.passwordHash, folder: folder))
        }
        let actions = site.config.actions
        let settings = AccessSettings(userVariable: site.config.access.userVariable, formOrigins: site.config.formOrigins,
                                      actionsPath: actions.mode == .endpoint ? actions.path : nil, receiver: actions.receiver,
                                      maxUploadBytes: actions.maxUploadBytes)
        let folder = (out as NSString).appendingPathComponent("access")
        let htpasswd = (folder as NSString).appendingPathComponent("htpasswd")
        let files = [
            ("htpasswd", AccessRules.htpasswd(grants)),
            ("nginx.conf", AccessRules.nginx(grants: grants, settings: settings, root: (out as NSString).appendingPathComponent("current"),
                                             passwordFile: htpasswd, release: release)),
        ]
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                let path = (folder as NSString).appendingPathComponent(name)
                // Written from the string's own bytes: at the large scale the rules are megabytes, and a copy would
                // be the build's peak of memory.
                var text = text
                let written = text.withUTF8 { bytes in
                    (try? FileTree.write(path + ".tmp", UnsafeRawBufferPointer(bytes), exactMode: 0o644)) != nil
                }
                guard written, rename(path + ".tmp", path) == 0 else { throw CoreError.site(path: path, detail: "cannot be written") }
            }
        } catch let e as CoreError { throw e } catch { throw .site(path: folder, detail: "\(error)") }
    }

    /// `DIR/access/customer-portals.json`: which invoice account's portal each customer's users get (members get their organisation's).
    func writePortalMap(_ summary: BuildSummary) {
        let folder = (outDirectory as NSString).appendingPathComponent("access")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(summary.customerPortals) else { return }
        let path = (folder as NSString).appendingPathComponent("customer-portals.json")
        if FileManager.default.createFile(atPath: path + ".tmp", contents: data) { _ = rename(path + ".tmp", path) }
    }

    /// `DIR/report.json`: the last build's parties, errors, counts and timings.
    func writeReport(_ summary: BuildSummary) {
        struct Report: Encodable {
            let release: String
            /// The served release was kept: nothing changed since it was made.
            let unchanged: Bool
            let parties_rendered: [PartyRef]
            let parties_reused: [PartyRef]
            let parties_removed: [String]
            let parties_held_back: [PartyRef]
            let errors: [Problem]
            let counts: [String: Int]
            let seconds: [String: Double]
        }
        let report = Report(
            release: summary.releaseID, unchanged: summary.unchanged, parties_rendered: summary.partiesRendered, parties_reused: summary.partiesReused,
            parties_removed: summary.partiesRemoved, parties_held_back: summary.heldBack, errors: summary.problems,
            counts: ["pages_rendered": summary.pagesRendered, "pages_reused": summary.pagesReused, "files_written": summary.filesWritten,
                     "folders_recycled": summary.foldersRecycled,
                     "parties_rendered": summary.partiesRendered.count, "parties_reused": summary.partiesReused.count,
                     "parties_removed": summary.partiesRemoved.count, "parties_held_back": summary.heldBack.count, "errors": summary.problems.count],
            seconds: summary.timings.merging(["total": (summary.seconds * 1000).rounded() / 1000]) { a, _ in a })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return }
        let path = (outDirectory as NSString).appendingPathComponent("report.json")
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: data) { _ = rename(temporary, path) }
    }
}

/// Renders parties on several threads, each into its own staging folder; each worker keeps its own formatters.
final class WorkerPool: @unchecked Sendable {
    let renderer: Renderer
    let leakGuard: LeakGuard
    // Each worker index is used by one thread at a time (concurrentPerform gives each iteration its own index).
    private let formats: [Formats]
    /// Each worker's memo of tokens the leak guard found clean (its parties' pages repeat most of them).
    private let memos: [ScanMemo]

    init(renderer: Renderer, count: Int, leakGuard: LeakGuard) {
        self.renderer = renderer
        self.leakGuard = leakGuard
        formats = (0..<count).map { _ in Formats() }
        memos = (0..<count).map { _ in ScanMemo() }
    }

    /// What a batch wrote.
    struct Counts: Sendable {
        var files = 0, pages = 0
        /// Party folders written over (recycled) rather than made.
        var recycled = 0
    }

    func render<Catalog: Sendable>(_ jobs: [Builder.Job<Catalog>], folders: PartyFolders,
                                   plan: @escaping @Sendable (Catalog, Formats) -> [PlannedFile]) throws -> Counts {
        guard !jobs.isEmpty else { return Counts() }
        let next = Atomic<Int>(0)
        let outcome = Mutex<(counts: Counts, error: (any Error)?)>((Counts(), nil))
        DispatchQueue.concurrentPerform(iterations: min(formats.count, jobs.count)) { w in
            let formats = self.formats[w]
            let memo = self.memos[w]
            var counts = Counts()
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < jobs.count else { break }
                let job = jobs[i]
                var begun: String?
                do {
                    let (staging, recycled) = try folders.begin(job.folder, recycling: job.recycle)
                    begun = staging
                    let writer = ReleaseWriter(folder: staging, inPlace: recycled)
                    var partyPages = 0, partyFiles = 0
                    let forbidden = (job.internals?.attachments ?? []).map { "\(job.prefix)attachments/\($0)/" }
                    for file in plan(job.catalog, formats) {
                        guard file.path.hasPrefix(job.prefix) else { throw PublishError.unsafePath(file.path) }
                        let bytes = try renderer.render(file)
                        // The leak guard: nothing of another party, nothing internal.
                        var leaks = leakGuard.scan(bytes, file: file.path, owner: job.party, internalSnippets: job.internals?.noteSnippets ?? [],
                                                   memo: memo)
                        if forbidden.contains(where: { file.path.hasPrefix($0) }) {
                            leaks.append(Leak(file: file.path, what: "is an internal attachment"))
                        }
                        guard leaks.isEmpty else { throw CoreError.leak(leaks) }
                        try writer.write(String(file.path.dropFirst(job.prefix.count)), bytes)
                        partyFiles += 1
                        if case .page = file.content { partyPages += 1 }
                    }
                    // A recycled folder keeps nothing of the party's last pages that this build did not write.
                    if recycled { try writer.removeUnwritten() }
                    try folders.finish(staging: staging, name: job.folder, pages: partyPages, files: partyFiles)
                    counts.files += partyFiles
                    counts.pages += partyPages
                    if recycled { counts.recycled += 1 }
                } catch {
                    // A party that failed (a leak, a write error) leaves no half-written folder behind.
                    if let begun { FileTree.remove(begun) }
                    outcome.withLock { if $0.error == nil { $0.error = error } }
                    break
                }
            }
            outcome.withLock {
                $0.counts.files += counts.files
                $0.counts.pages += counts.pages
                $0.counts.recycled += counts.recycled
            }
        }
        let result = outcome.withLock { $0 }
        if let error = result.error { throw error }
        return result.counts
    }
}

/// What the leak guard reads from the export: whose each identifier is, and what of each party is internal.
struct GuardInputs: Sendable {
    let leakGuard: LeakGuard
    let internals: [PartyRef: InternalContent]

    init(_ reader: ExportReader) throws(StoreError) {
        var builder = LeakGuard.Builder(capacity: try reader.identifierCount())
        try reader.partyIdentifiers { builder.add($0, party: $1) }
        internals = try reader.internalContent(snippet: LeakGuard.snippet(ofNote:))
        leakGuard = builder.build()
    }

    /// Where the connection that reads them leaves them; read only after `ConcurrentCheck.waitSide`.
    final class Box: @unchecked Sendable {
        var inputs: GuardInputs?
    }
}
