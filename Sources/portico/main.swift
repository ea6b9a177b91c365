import ArgumentParser
import CProcessSetup
import Foundation
import PorticoCore
import PorticoDemo
import PorticoModel
import PorticoPlan
import PorticoPublish
import PorticoReceive
import PorticoRender
import PorticoStore

/// The `portico` command: parses arguments, calls PorticoCore, reports. Exit status 2 for anything that published nothing.
struct Portico: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portico",
        abstract: "Builds static vendor and customer portals from an ERP's SQLite export.",
        subcommands: [SchemaCommand.self, DemoCommand.self, CheckCommand.self, BuildCommand.self, RollbackCommand.self, ReceiveCommand.self])
}

func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("portico: error: \(message)\n".utf8))
    return ExitCode(2)
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the DDL of the domain database (schema version 1).")
    func run() throws { print(Schema.ddl(), terminator: "") }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Write a realistic demo database.")
    @Option(help: "The database file to write (replaced if it exists).") var db: String
    @Option(help: "small, medium or large.") var scale: DemoScale = .small
    @Option(help: "The random seed; the same seed gives the same bytes.") var seed: UInt64 = 1

    func run() throws {
        let started = Date()
        do {
            let summary = try DemoGenerator.write(path: db, scale: scale, seed: seed)
            let rows = summary.rowsPerTable.reduce(0) { $0 + $1.rows }
            print("wrote \(db): \(scale.rawValue) demo, seed \(seed), \(summary.vendors) vendors, \(summary.customers) customers, \(rows) rows in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        } catch {
            throw fail("\(error)")
        }
    }
}

extension DemoScale: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report every data error of the database.",
        discussion: "Exit status: 0 no errors, 1 data errors (listed), 2 not a schema-version-1 database.")
    @Option(help: "The domain database (SQLite).") var db: String

    func run() throws {
        let result: (info: ExportInfo?, problems: [PorticoModel.Problem])
        do { result = try Checker.run(databasePath: db) } catch { throw fail("\(error)") }
        for problem in result.problems { print(problem) }
        if result.problems.isEmpty {
            print("\(db): no errors (exported \(result.info.map { "\($0.exportedAt)" } ?? "?"))")
            return
        }
        let parties = Set(result.problems.compactMap(\.party)).count
        let unattributed = result.problems.filter { $0.party == nil }.count
        print("\(result.problems.count) errors: \(parties) parties affected, \(unattributed) errors belong to no party")
        throw ExitCode(1)
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the portals and publish them as a new release.",
        discussion: """
        Writes DIR/releases/<id>/ and points DIR/current at it. Unchanged parties are linked from the last build, \
        not rendered again. Exit status: 0 all published; 1 published, but some party was held back by data errors; \
        2 nothing published.
        """)
    @Option(help: "The domain database (SQLite).") var db: String
    @Option(help: "The output folder (holds current, releases/, parties/, access/ and report.json).") var out: String
    @Option(help: "The configuration file (JSON).") var config: String?
    @Option(help: "The folder holding Templates/, Content/ and Public/ (default: the current folder).") var site: String = "."
    @Flag(help: "Render every party, reusing nothing from earlier builds.") var full = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Also list every data error and the parties rendered, reused and removed.") var verbose = false

    func run() throws {
        let summary: BuildSummary
        let terminal = isatty(2) == 1 && !quiet
        do {
            let setting = ProcessInfo.processInfo.environment["PORTICO_RENDERER"] ?? ""
            guard let engine = setting.isEmpty ? .compiled : Renderer.Engine(rawValue: setting) else {
                throw ValidationError("PORTICO_RENDERER is '\(setting)': use 'compiled' (the default) or 'swift-mustache'")
            }
            let loaded = try Site(directory: site, configPath: config, renderer: engine)
            if let reason = loaded.renderer.notCompiled, !quiet {
                FileHandle.standardError.write(Data("note: Templates/\(reason); every page is rendered through swift-mustache (same pages, slower)\n".utf8))
            }
            var builder = Builder(site: loaded, databasePath: db, outDirectory: out)
            builder.full = full
            if terminal {
                builder.progress = { p in FileHandle.standardError.write(Data("\r\u{1B}[K\(p.line)".utf8)) }
            }
            summary = try builder.run()
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } catch {
            throw fail("\(error)")
        }
        if verbose || !summary.heldBack.isEmpty {
            for problem in summary.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        }
        if !quiet && summary.unchanged {
            print("""
            nothing changed since release \(summary.releaseID) (the same export file, site and program): it stays served; \
            \(summary.pagesReused) pages, \(summary.partiesReused.count) parties, \(summary.heldBack.count) held back; \
            \(String(format: "%.1f", summary.seconds)) s
            served from \(out)/current; report in \(out)/report.json
            """)
        } else if !quiet {
            print("""
            published release \(summary.releaseID) in \(String(format: "%.1f", summary.seconds)) s: \
            \(summary.pagesRendered) pages rendered, \(summary.pagesReused) reused; parties: \(summary.partiesRendered.count) rendered, \
            \(summary.partiesReused.count) reused, \(summary.partiesRemoved.count) removed, \(summary.heldBack.count) held back
            served from \(out)/current; report in \(out)/report.json
            """)
        }
        if verbose {
            print("rendered: " + summary.partiesRendered.map(\.description).joined(separator: ", "))
            print("reused: " + summary.partiesReused.map(\.description).joined(separator: ", "))
            print("removed: " + summary.partiesRemoved.joined(separator: ", "))
        }
        if !summary.heldBack.isEmpty {
            FileHandle.standardError.write(Data(("held back by data errors (their last good pages stay): " + summary.heldBack.map(\.description).joined(separator: ", ") + "\n").utf8))
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rollback", abstract: "Serve the release before the current one again.")
    @Option(help: "The output folder of the builds.") var out: String

    func run() throws {
        do {
            let id = try Release.rollback(outDirectory: out)
            print("\(out)/current now serves release \(id)")
        } catch {
            throw fail("\(error)")
        }
    }
}

// Allocations of 128 KiB and more get pages of their own, which go back to the system when freed. glibc otherwise
// raises this threshold to the largest block freed so far, and from then on serves such blocks from its heap, which
// keeps their pages when freed: the transient buffers of a large build (SQLite's sorters as the customers' reading
// starts, a party's rows) then stayed in the resident size to the end, 10-15 MiB more at `large` than at `medium`.
_ = portico_malloc_setup(128 << 10)

// Parse errors exit with 2 (the spec's "bad arguments"), not ArgumentParser's usual 64.
do {
    var command = try Portico.parseAsRoot()
    try command.run()
} catch {
    let code = Portico.exitCode(for: error)
    if code == .success || error is ExitCode {
        Portico.exit(withError: error)
    }
    FileHandle.standardError.write(Data((Portico.fullMessage(for: error) + "\n").utf8))
    exit(2)
}

struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Receive the portals' actions (order responses, invoices) behind the generated nginx rules.",
        discussion: """
        Listens on the configuration's actions.receiver (default 127.0.0.1:8089) for the posts nginx forwards with the \
        signed-in user. Each is checked against the export given by --db (opened anew for every post, so the newest \
        nightly export counts) and, when accepted, stored in the inbox before the user gets an answer. See docs/actions.md.
        """)
    @Option(help: "The domain database (SQLite): the latest export.") var db: String
    @Option(help: "The inbox (SQLite; created when missing).") var inbox: String
    @Option(help: "The configuration file (JSON), as for build.") var config: String?
    @Option(help: "The folder holding Templates/ (default: the current folder).") var site: String = "."
    @Option(help: "The build's output folder, for the answer pages' stylesheet.") var out: String?
    @Option(help: "host:port to listen on (default: the configuration's actions.receiver).") var listen: String?

    func run() throws {
        let settings: SiteConfig
        let receiver: Receiver
        let server: HTTPServer
        do {
            settings = try config.map { (p: String) throws(PlanError) in try SiteConfig.load(path: p) } ?? SiteConfig()
            let box = try Inbox(path: inbox)
            receiver = try Receiver(exportPath: db, inbox: box, config: settings, siteDirectory: site, outDirectory: out)
            server = try HTTPServer(address: listen ?? settings.actions.receiver, maxBody: settings.actions.maxUploadBytes + 1_048_576)
        } catch {
            throw fail("\(error)")
        }
        FileHandle.standardError.write(Data("portico receive: listening on \(listen ?? settings.actions.receiver); inbox \(inbox)\n".utf8))
        server.serve { receiver.handle($0) }
    }
}
