import Foundation
import PorticoModel
import PorticoPlan
import PorticoPublish
import PorticoRender

/// The operator's site folder: `Templates/` (with `i18n/`), `Content/`, `Public/`, and the configuration.
public struct Site: Sendable {
    public let directory: String
    public let config: SiteConfig
    public let labels: [SupportedLocale: Labels]
    public let renderer: Renderer
    public let content: [ContentFile]
    /// SHA-256 over what every party's pages depend on besides its rows: templates, labels, configuration, `Public/`.
    public let fingerprint: String

    /// Loads and checks everything; any error names its file. `renderer` `.swiftMustache` renders every page through
    /// swift-mustache itself (the reference; same bytes, slower).
    public init(directory: String, configPath: String?, renderer engine: Renderer.Engine = .compiled) throws(CoreError) {
        self.directory = directory
        do {
            config = try configPath.map { (p: String) throws(PlanError) in try SiteConfig.load(path: p) } ?? SiteConfig()
            labels = try Labels.load(directory: Self.join(directory, "Templates/i18n"))
        } catch {
            throw .plan(error)
        }
        do {
            renderer = try Renderer(directory: Self.join(directory, "Templates"), engine: engine)
        } catch {
            throw .render(error)
        }
        content = try Self.loadContent(Self.join(directory, "Content"))
        var h = SHA256()
        h.field(Site.version)
        for folder in ["Templates", "Public"] {
            let root = Self.join(directory, folder)
            let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
            for path in paths {
                guard let data = FileManager.default.contents(atPath: Self.join(root, path)) else { continue }
                h.field(folder + "/" + path)
                h.field(String(data.count))
                h.update([UInt8](data))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        h.update([UInt8]((try? encoder.encode(config)) ?? Data()))
        fingerprint = h.hex()
    }

    /// Changes whenever the way pages are made changes, so no party folder of an older program is reused.
    public static let version = "portico-1"

    static func join(_ a: String, _ b: String) -> String { (a as NSString).appendingPathComponent(b) }

    static func loadContent(_ folder: String) throws(CoreError) -> [ContentFile] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [ContentFile] = []
        for case let path as String in enumerator where path.hasSuffix(".md") {
            let full = join(folder, path)
            guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                throw .site(path: full, detail: "cannot be read as UTF-8 text")
            }
            files.append(ContentFile(path: path, markdown: text))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The files of `Public/` with content-fingerprinted names under `assets/` (`app.css` -> `assets/app.3f9c2a1b.css`).
    public func assets() throws(CoreError) -> [(source: String, path: String, bytes: [UInt8])] {
        let folder = Self.join(directory, "Public")
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [(String, String, [UInt8])] = []
        for case let path as String in enumerator {
            let full = Self.join(folder, path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: full) else { throw .site(path: full, detail: "cannot be read") }
            var bytes = [UInt8](data)
            // The stylesheet ends with the company's colours from the configuration.
            if path == "app.css" { bytes += Array(config.theme.css.utf8) }
            let name = path as NSString
            let ext = name.pathExtension
            let stem = name.deletingPathExtension
            let fingerprinted = ext.isEmpty ? "\(stem).\(Fingerprint.hex(bytes))" : "\(stem).\(Fingerprint.hex(bytes)).\(ext)"
            result.append((path, "assets/" + fingerprinted, bytes))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}

/// FNV-1a, 64 bits: a content fingerprint for asset names (not a security measure).
enum Fingerprint {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let s = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - s.count) + s).prefix(8))
    }
}
