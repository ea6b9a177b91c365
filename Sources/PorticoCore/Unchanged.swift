import Dispatch
import Foundation
import PorticoModel
import PorticoPlan

/// The inputs' hash, computed on another thread while the build runs (reading 500 MB costs seconds).
final class InputsHash: @unchecked Sendable {
    private var value: String?
    private let group = DispatchGroup()

    init(databasePath: String, site: Site) {
        group.enter()
        DispatchQueue.global(qos: .utility).async {
            self.value = BuildState.inputs(databasePath: databasePath, site: site)
            self.group.leave()
        }
    }

    var result: String? {
        group.wait()
        return value
    }
}

/// A rebuild of unchanged inputs keeps the served release: the export file's bytes, the site (templates, labels,
/// configuration, `Public/`, `Content/`) and the program are the same as for the release `DIR/current` serves, so
/// a build would give the same bytes. `DIR/state.json` records what the last published release was made from.
struct BuildState: Codable {
    static let format = "portico-state-2"
    let format: String
    let inputs: String
    /// The export's size and modification time when it was hashed: when they differ now, the file changed, and the
    /// build need not wait for a hash to know it.
    let stamp: String
    let summary: BuildSummary
    /// How the last build that rendered (nearly) every party went, for the next one's progress line.
    var profile: ProgressProfile?

    /// Size and modification time (nanoseconds) of the export and its WAL file.
    static func stamp(databasePath: String) -> String {
        [databasePath, databasePath + "-wal"].map { path -> String in
            var s = stat()
            guard stat(path, &s) == 0 else { return "-" }
            return "\(s.st_size)@\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec)"
        }.joined(separator: " ")
    }

    /// The state the last published build left, if any (and of this format).
    static func load(out: String) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: path(out)),
              let state = try? JSONDecoder().decode(BuildState.self, from: data), state.format == format else { return nil }
        return state
    }

    static func path(_ out: String) -> String { (out as NSString).appendingPathComponent("state.json") }

    /// SHA-256 over the export's bytes (and its WAL file, if any), the site and the program; nil when unreadable.
    static func inputs(databasePath: String, site: Site) -> String? {
        var h = SHA256()
        h.field(format)
        h.field(site.fingerprint)
        for file in site.content {
            h.field(file.path)
            h.field(file.markdown)
        }
        for path in [databasePath, databasePath + "-wal"] {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                if path == databasePath { return nil }
                h.field("no wal")
                continue
            }
            defer { try? handle.close() }
            h.field(path == databasePath ? "db" : "wal")
            while true {
                let chunk: Data?
                do { chunk = try handle.read(upToCount: 4 << 20) } catch { return nil }
                // nil or empty: the end of the file.
                guard let chunk, !chunk.isEmpty else { break }
                chunk.withUnsafeBytes { h.update($0) }
            }
        }
        return h.hex()
    }

    /// The summary of the served release when `inputs` are what it was made from and it is still served.
    func unchanged(out: String, inputs: String) -> BuildSummary? {
        guard self.inputs == inputs else { return nil }
        let current = (out as NSString).appendingPathComponent("current")
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current),
              (target as NSString).lastPathComponent == summary.releaseID,
              FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("access/nginx.conf")),
              FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent("index.html")) else { return nil }
        return summary
    }

    /// Written after a release is published (atomically); removed when a build starts, so a failed build never
    /// leaves a state that names inputs it did not publish.
    static func write(out: String, inputs: String, stamp: String, summary: BuildSummary, profile: ProgressProfile?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(BuildState(format: format, inputs: inputs, stamp: stamp, summary: summary, profile: profile)) else { return }
        let target = path(out)
        if FileManager.default.createFile(atPath: target + ".tmp", contents: data) { _ = rename(target + ".tmp", target) }
    }
}
