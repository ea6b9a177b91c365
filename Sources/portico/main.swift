import ArgumentParser
import Foundation
import PorticoCore
import PorticoDemo
import PorticoModel
import PorticoStore

/// The `portico` command: parses arguments, calls PorticoCore, reports. Exit status 2 for anything that published nothing.
struct Portico: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portico",
        abstract: "Builds static vendor and customer portals from an ERP's SQLite export.",
        subcommands: [SchemaCommand.self, DemoCommand.self, CheckCommand.self, BuildCommand.self])
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
        Writes DIR/releases/<id>/ and points DIR/current at it. Exit status: 0 all published; \
        1 published, but some party was held back by data errors; 2 nothing published.
        """)
    @Option(help: "The domain database (SQLite).") var db: String
    @Option(help: "The output folder (holds current, releases/ and report.json).") var out: String
    @Option(help: "The configuration file (JSON).") var config: String?
    @Option(help: "The folder holding Templates/, Content/ and Public/ (default: the current folder).") var site: String = "."

    func run() throws {
        let summary: BuildSummary
        do {
            let loaded = try Site(directory: site, configPath: config)
            summary = try Builder(site: loaded, databasePath: db, outDirectory: out).run()
        } catch {
            throw fail("\(error)")
        }
        for problem in summary.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        print("""
        published release \(summary.releaseID): \(summary.partiesBuilt) parties, \(summary.pagesRendered) pages rendered, \
        \(summary.filesWritten) files, \(summary.heldBack.count) parties held back, \(String(format: "%.1f", summary.seconds)) s
        served from \(out)/current; report in \(out)/report.json
        """)
        if !summary.heldBack.isEmpty {
            print("held back (data errors, see above): " + summary.heldBack.map(\.description).joined(separator: ", "))
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

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
