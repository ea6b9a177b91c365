import Dispatch
import Foundation
import PorticoCatalog
import PorticoModel
import PorticoPlan
import PorticoPublish
import PorticoRender
import PorticoStore
import Synchronization

/// What a build did.
public struct BuildSummary: Sendable {
    public var releasePath = ""
    public var releaseID = ""
    public var filesWritten = 0
    public var pagesRendered = 0
    public var partiesBuilt = 0
    public var heldBack: [PartyRef] = []
    public var problems: [Problem] = []
    public var seconds = 0.0
    /// Every customer account with a portal, and the invoice account whose portal its users get (for the access rules).
    public var customerPortals: [String: String] = [:]
    /// 0 all published, 1 published with parties held back.
    public var exitStatus: Int32 { heldBack.isEmpty ? 0 : 1 }
}

/// The build: database -> catalogs -> planned pages -> rendered files -> a published release.
public struct Builder {
    public let site: Site
    public let databasePath: String
    public let outDirectory: String
    /// Parties rendered at once; memory holds at most this many parties' pages.
    public var batchSize = 64
    public var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    public init(site: Site, databasePath: String, outDirectory: String) {
        self.site = site
        self.databasePath = databasePath
        self.outDirectory = outDirectory
    }

    public func run() throws(CoreError) -> BuildSummary {
        let started = Date()
        let database: ExportDatabase
        do { database = try ExportDatabase(path: databasePath) } catch { throw .store(error) }
        var summary = BuildSummary()
        do {
            summary = try database.read { reader in try build(reader) }
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
        return summary
    }

    func build(_ reader: ExportReader) throws(CoreError) -> BuildSummary {
        var summary = BuildSummary()
        let info: ExportInfo
        let problems: [Problem]
        do {
            info = try reader.info()
            problems = try reader.problems()
        } catch { throw .store(error) }
        summary.problems = problems
        let unattributed = problems.filter { $0.party == nil }
        guard unattributed.isEmpty else { throw .unattributed(unattributed) }
        let badParties = Set(problems.compactMap(\.party))

        let release: Release
        do { release = try Release(outDirectory: outDirectory) } catch { throw .publish(error) }
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

            let stream: VendorStream
            do { stream = try reader.vendorStream() } catch { throw CoreError.store(error) }
            var heldBack: [PartyRef] = []
            var portalMap: [String: String] = [:]
            let pool = WorkerPool(release: release, renderer: site.renderer, env: env, count: workers)
            while true {
                var batch: [VendorCatalog] = []
                do {
                    while batch.count < batchSize, let records = try stream.next(wanted: { v in
                        guard v.portalEnabled else { return false }
                        if badParties.contains(PartyRef(.vendor, v.account)) { heldBack.append(PartyRef(.vendor, v.account)); return false }
                        return true
                    }) {
                        batch.append(VendorCatalog(records))
                    }
                } catch { throw CoreError.store(error) }
                if batch.isEmpty { break }
                let counts = try pool.render(batch) { catalog, formats in VendorPlanner(env: env, catalog: catalog, formats: formats).plan() }
                summary.filesWritten += counts.files
                summary.pagesRendered += counts.pages
                summary.partiesBuilt += batch.count
            }
            // Customers: one portal per invoice account; a member's errors hold back its invoice account's portal.
            let portals: [String: String]
            let customerStream: CustomerStream
            do {
                portals = try reader.customerPortals()
                customerStream = try reader.customerStream()
            } catch { throw CoreError.store(error) }
            let badPortals = Set(badParties.filter { $0.kind == .customer }.map { portals[$0.account] ?? $0.account })
            while true {
                var batch: [CustomerCatalog] = []
                do {
                    while batch.count < batchSize, let records = try customerStream.next(wanted: { c in
                        guard c.portalEnabled else { return false }
                        if badPortals.contains(c.account) { heldBack.append(PartyRef(.customer, c.account)); return false }
                        return true
                    }) {
                        batch.append(CustomerCatalog(records, asOf: info.asOf))
                    }
                } catch { throw CoreError.store(error) }
                if batch.isEmpty { break }
                let counts = try pool.render(batch) { catalog, formats in CustomerPlanner(env: env, catalog: catalog, formats: formats).plan() }
                summary.filesWritten += counts.files
                summary.pagesRendered += counts.pages
                summary.partiesBuilt += batch.count
                for catalog in batch {
                    portalMap[catalog.customer.account] = catalog.customer.account
                    for member in catalog.members where member.portalEnabled { portalMap[member.account] = catalog.customer.account }
                }
            }
            summary.heldBack = heldBack
            summary.customerPortals = portalMap
            summary.releaseID = release.id
            summary.releasePath = try release.publish()
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
        return summary
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

    /// `DIR/report.json`: the last build's parties and errors.
    func writeReport(_ summary: BuildSummary) {
        struct Report: Encodable {
            let release: String
            let files_written: Int
            let pages_rendered: Int
            let parties_built: Int
            let parties_held_back: [PartyRef]
            let errors: [Problem]
            let seconds: Double
        }
        let report = Report(release: summary.releaseID, files_written: summary.filesWritten, pages_rendered: summary.pagesRendered,
                            parties_built: summary.partiesBuilt, parties_held_back: summary.heldBack, errors: summary.problems,
                            seconds: (summary.seconds * 1000).rounded() / 1000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return }
        let path = (outDirectory as NSString).appendingPathComponent("report.json")
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: data) { _ = rename(temporary, path) }
    }
}

/// Renders batches of parties on several threads; each worker keeps its own formatters and writer.
final class WorkerPool: @unchecked Sendable {
    struct Worker {
        let formats = Formats()
        let writer: ReleaseWriter
    }
    let renderer: Renderer
    let env: PlanEnvironment
    // Each worker index is used by one thread at a time (concurrentPerform gives each iteration its own index).
    private let workers: [Worker]

    init(release: Release, renderer: Renderer, env: PlanEnvironment, count: Int) {
        self.renderer = renderer
        self.env = env
        workers = (0..<count).map { _ in Worker(writer: release.writer()) }
    }

    func render<Catalog: Sendable>(_ batch: [Catalog], plan: @Sendable (Catalog, Formats) -> [PlannedFile]) throws -> (files: Int, pages: Int) {
        let next = Atomic<Int>(0)
        let outcome = Mutex<(files: Int, pages: Int, error: (any Error)?)>((0, 0, nil))
        DispatchQueue.concurrentPerform(iterations: workers.count) { w in
            let worker = workers[w]
            var files = 0, pages = 0
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < batch.count else { break }
                do {
                    for file in plan(batch[i], worker.formats) {
                        try worker.writer.write(file.path, try renderer.render(file))
                        files += 1
                        if case .page = file.content { pages += 1 }
                    }
                } catch {
                    outcome.withLock { if $0.error == nil { $0.error = error } }
                    break
                }
            }
            outcome.withLock { $0.files += files; $0.pages += pages }
        }
        let result = outcome.withLock { $0 }
        if let error = result.error { throw error }
        return (result.files, result.pages)
    }
}
