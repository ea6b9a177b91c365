import Foundation
import PorticoCore
import PorticoDemo
import PorticoRender
import PorticoTestSupport
import Testing

/// The fixture site's pages, byte for byte. After an intended change, re-record with
/// `PORTICO_RECORD_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite("Golden pages")
struct GoldenTests {
    static var goldenDirectory: String {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        return url.path + "/Golden"
    }

    @Test("the fixture site matches the recorded pages")
    func golden() throws {
        let built = try Built(Fixture.small)
        let files = try built.files()
        let record = ProcessInfo.processInfo.environment["PORTICO_RECORD_GOLDEN"] == "1"
        let golden = Self.goldenDirectory
        if record {
            try? FileManager.default.removeItem(atPath: golden)
            for path in files {
                let target = golden + "/" + path
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try built.bytes(path).write(to: URL(fileURLWithPath: target))
            }
            return
        }
        let enumerator = try #require(FileManager.default.enumerator(atPath: golden), "no golden pages recorded at \(golden)")
        var recorded: [String] = []
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: golden + "/" + path, isDirectory: &isDir), !isDir.boolValue { recorded.append(path) }
        }
        #expect(files == recorded.sorted(), "the set of files changed")
        for path in files where recorded.contains(path) {
            let expected = try Data(contentsOf: URL(fileURLWithPath: golden + "/" + path))
            let actual = try built.bytes(path)
            if expected != actual {
                let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
                Issue.record("\(path) differs from the golden page at line \(line + 1):\n- \(line < e.count ? e[line] : "")\n+ \(line < a.count ? a[line] : "")")
            }
        }
    }

    @Test("swift-mustache, the reference renderer, gives the same bytes for every file of the fixture and the small demo site",
          arguments: ["fixture", "demo"])
    func reference(database: String) throws {
        let db: String
        if database == "demo" {
            db = Fixture.temporaryPath("demo") + ".sqlite"
            _ = try DemoGenerator.write(path: db, scale: .small, seed: 1)
        } else {
            db = try Fixture.database(Fixture.small)
        }
        let compiled = try Built(databasePath: db)
        let reference = try Built(databasePath: db, renderer: .swiftMustache)
        let files = try compiled.files()
        #expect(files == (try reference.files()))
        #expect(files.filter { $0.hasSuffix(".html") }.count > (database == "demo" ? 500 : 50))
        for path in files where try compiled.bytes(path) != reference.bytes(path) {
            Issue.record("\(path): the compiled templates and swift-mustache differ")
        }
    }
}
