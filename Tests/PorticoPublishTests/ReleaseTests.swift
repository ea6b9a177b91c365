import Foundation
import PorticoPublish
import Testing

@Suite("Releases")
struct ReleaseTests {
    func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("portico-release-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("a published release becomes current; a discarded one leaves current as it was")
    func switching() throws {
        let out = temporaryDirectory()
        let first = try Release(outDirectory: out)
        try first.writer().write("index.html", Array("one".utf8))
        try first.publish()
        let current = (out as NSString).appendingPathComponent("current")
        #expect(try String(contentsOfFile: current + "/index.html", encoding: .utf8) == "one")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: current) == "releases/\(first.id)")

        let second = try Release(outDirectory: out)
        #expect(second.id != first.id)
        #expect(second.id > first.id)
        try second.writer().write("index.html", Array("two".utf8))
        second.discard()
        #expect(try String(contentsOfFile: current + "/index.html", encoding: .utf8) == "one")
        let releases = try FileManager.default.contentsOfDirectory(atPath: out + "/releases")
        #expect(releases == [first.id])
    }

    @Test("links parties into a release: the area's folder comes with its first link, and a taken name is an error naming it")
    func partyLinks() throws {
        let out = temporaryDirectory()
        let release = try Release(outDirectory: out)
        for area in ["vendors", "customers"] {
            try FileManager.default.createDirectory(atPath: "\(out)/parties/\(area)/a.f1", withIntermediateDirectories: true)
            try "a".write(toFile: "\(out)/parties/\(area)/a.f1/index.html", atomically: false, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: "\(out)/parties/\(area)/b.f2", withIntermediateDirectories: true)
        }
        #expect(!FileManager.default.fileExists(atPath: release.staging + "/vendors"))
        try release.link(area: "vendors", segment: "a", to: "parties/vendors/a.f1")
        try release.link(area: "vendors", segment: "b", to: "parties/vendors/b.f2")
        try release.link(area: "customers", segment: "a", to: "parties/customers/a.f1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: release.staging + "/vendors").sorted() == ["a", "b"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: release.staging + "/vendors/b") == "../../../parties/vendors/b.f2")
        #expect(try String(contentsOfFile: release.staging + "/customers/a/index.html", encoding: .utf8) == "a")
        #expect {
            try release.link(area: "vendors", segment: "a", to: "parties/vendors/b.f2")
        } throws: { error in
            "\(error)".contains(release.staging + "/vendors/a") && "\(error)".contains("File exists")
        }
        // The first link stays as it was.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: release.staging + "/vendors/a") == "../../../parties/vendors/a.f1")
        try release.publish()
        #expect(try String(contentsOfFile: out + "/current/vendors/a/index.html", encoding: .utf8) == "a")
    }

    @Test("keeps the newest releases only")
    func pruning() throws {
        let out = temporaryDirectory()
        var ids: [String] = []
        for _ in 0..<5 {
            let r = try Release(outDirectory: out)
            try r.writer().write("a/b.txt", [1])
            try r.publish(keep: 3)
            ids.append(r.id)
        }
        let releases = try FileManager.default.contentsOfDirectory(atPath: out + "/releases").sorted()
        #expect(releases == Array(ids.suffix(3)))

        // Set aside for the caller to remove: no longer a release; a leftover is removed by the next build.
        let next = try Release(outDirectory: out)
        try next.writer().write("a/b.txt", [2])
        let (_, retired) = try next.publishRetiring(keep: 3)
        #expect(retired == [out + "/releases/.retired-\(ids[2])"])
        #expect(FileManager.default.fileExists(atPath: retired[0] + "/a/b.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/releases").filter { !$0.hasPrefix(".") }.sorted() == [ids[3], ids[4], next.id])
        let after = try Release(outDirectory: out)
        after.discard()
        #expect(!FileManager.default.fileExists(atPath: retired[0]))
    }

    @Test("refuses paths that would leave the release", arguments: ["../x", "/etc/passwd", "a/../../x", "a//b", "", "a/./b", "a/", "..", ".", "a/..", "a/b\0c/d", "a\0"])
    func unsafePaths(_ path: String) throws {
        let release = try Release(outDirectory: temporaryDirectory())
        defer { release.discard() }
        #expect(throws: PublishError.self) { try release.writer().write(path, [1]) }
    }
}
