import Foundation
import PorticoModel
import PorticoPlan
import Testing

/// Random account numbers and file names mapped to output paths: every path stays one safe segment inside
/// its folder, and two accounts never share a folder.
@Suite("paths from hostile account numbers and file names")
struct PathsFuzzTests {
    static let alphabet: [String] = ["a", "Z", "0", "9", ".", "..", "/", "\\", "%", "%2F", "%252e", "~", "~2F", " ", "-", "_", ":", "\0", "\n",
                                     "А", "Ο", "ı", "ß", "é", "e\u{301}", "\u{202E}", "\u{FEFF}", "😀", "CON", "NUL", "LPT1", "*", "?", "\"", "<", ">", "|"]

    static func randomString(_ rng: inout SplitMix64, maxPieces: Int) -> String {
        let n = Int.random(in: 0...maxPieces, using: &rng)
        return (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    static func isSafeSegment(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && !s.hasPrefix(".") && s.utf8.count <= 200
            && s.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: "~")
            }
    }

    @Test("a key that is safe as it is stays as it is; anything else is encoded")
    func segments() {
        #expect(Paths.segment("V10001") == "V10001")
        #expect(Paths.segment("PO-000123_a.b") == "PO-000123_a.b")
        #expect(Paths.segment(".hidden") == "~2Ehidden")
        #expect(Paths.segment("a/b") == "a~2Fb")
        #expect(Paths.segment("") == "~")
        let safe120 = String(repeating: "a", count: 120), safe121 = String(repeating: "a", count: 121)
        #expect(Paths.segment(safe120) == safe120)
        #expect(Paths.segment(safe121).hasPrefix(String(repeating: "a", count: 80) + "~~"))
        #expect(Paths.segment(safe121).utf8.count == 80 + 2 + 32)
    }

    @Test("account numbers: one safe segment each, never shared (bounded in time)")
    func accounts() {
        let seed = UInt64(ProcessInfo.processInfo.environment["PORTICO_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix64(seed: seed)
        var owners: [String: String] = [:]
        let deadline = Date().addingTimeInterval(1.5)
        var runs = 0
        while runs < 1_000 || (Date() < deadline && runs < 200_000) {
            let account = runs % 50 == 0 ? String(repeating: Self.randomString(&rng, maxPieces: 4), count: 200) : Self.randomString(&rng, maxPieces: 12)
            let segment = Paths.segment(account)
            #expect(Self.isSafeSegment(segment), "seed \(seed): \(account.debugDescription) -> \(segment)")
            if let other = owners[segment], other != account {
                Issue.record("seed \(seed): \(account.debugDescription) and \(other.debugDescription) share the folder \(segment)")
            }
            owners[segment] = account
            #expect(Paths.vendor(account) == "vendors/\(segment)/")
            runs += 1
        }
    }

    @Test("known traps: look-alikes, case, dots and long accounts stay apart")
    func traps() {
        let accounts = ["V100", "v100", "V1OO", "V100.", "V100..", ".", "..", "", "~", "~7E", "A/B", "A~2FB", "A%2FB", "V\u{0410}100", "e\u{301}", "\u{E9}",
                        String(repeating: "x", count: 300), String(repeating: "x", count: 299) + "y", String(repeating: "é", count: 100)]
        let segments = accounts.map(Paths.segment)
        #expect(Set(segments).count == accounts.count, "\(segments)")
        #expect(segments.allSatisfy(Self.isSafeSegment), "\(segments)")
    }

    @Test("file names: one safe name inside its folder, never a page the browser would run (bounded in time)")
    func fileNames() {
        let seed = UInt64(ProcessInfo.processInfo.environment["PORTICO_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix64(seed: seed)
        let deadline = Date().addingTimeInterval(1.5)
        var runs = 0
        let extensions = ["", ".pdf", ".html", ".HTM", ".svg", ".js", ".xml", ".txt", ".tar.gz", ".", ".Html."]
        while runs < 1_000 || (Date() < deadline && runs < 200_000) {
            let name = Self.randomString(&rng, maxPieces: 10) + extensions.randomElement(using: &rng)!
            let safe = Paths.fileName(name)
            #expect(Self.isSafeSegment(safe) && !safe.contains("~"), "seed \(seed): \(name.debugDescription) -> \(safe)")
            let ext = safe.split(separator: ".").last.map { $0.lowercased() } ?? ""
            #expect(!["html", "htm", "svg", "js", "xml", "xhtml"].contains(ext) || !safe.contains("."), "seed \(seed): \(name.debugDescription) -> \(safe)")
            runs += 1
        }
    }

    /// Resolves `link` against the folder of the page `from`, as a browser does (both relative to the release root).
    static func resolve(_ link: String, from: String) -> String {
        var parts = from.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for piece in link.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            if piece == ".." { parts.removeLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    @Test("relative links lead from every page to every target, with no needless ../ (random paths)")
    func relativeLinks() {
        let seed = UInt64(ProcessInfo.processInfo.environment["PORTICO_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix64(seed: seed)
        let segments = ["vendors", "V1", "V10", "invoices", "inv", "7.html", "index.html", "a", "ab", "é"]
        func path(folder: Bool) -> String {
            let n = Int.random(in: 0...4, using: &rng)
            let dirs = (0..<n).map { _ in segments.randomElement(using: &rng)! + "/" }.joined()
            return folder ? dirs : dirs + segments.randomElement(using: &rng)!
        }
        for _ in 0..<20_000 {
            let from = path(folder: false)
            let to = path(folder: Bool.random(using: &rng))
            let link = Paths.relative(from: from, to: to)
            let expected = to.isEmpty ? "" : to
            let resolved = Self.resolve(link, from: from)
            // A folder link resolves to the folder without its final `/`: compare folder to folder.
            #expect(resolved == expected || resolved + "/" == expected || (link == "./" && expected == String(from.prefix(upTo: from.lastIndex(of: "/").map { from.index(after: $0) } ?? from.startIndex))),
                    "seed \(seed): from \(from) to \(to): \(link) resolves to \(resolved)")
            // No ../ climbs out of a folder the target shares with the page.
            let fromDirs = from.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let toDirs = to.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let shared = zip(fromDirs, toDirs).prefix { $0 == $1 }.count
            #expect(link.components(separatedBy: "../").count - 1 == fromDirs.count - shared, "seed \(seed): from \(from) to \(to): \(link)")
        }
    }
}
