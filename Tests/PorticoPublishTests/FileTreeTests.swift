import Foundation
@testable import PorticoPublish
import Testing

@Suite("Removing folder trees")
struct FileTreeTests {
    @Test("removes nested folders, files and links, never what a link points to")
    func remove() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portico-tree-\(UUID().uuidString)").path
        let tree = root + "/tree", outside = root + "/outside"
        for dir in [tree + "/a/b/c", tree + "/d", outside] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        for (i, file) in ["a/1.html", "a/b/2.html", "a/b/c/3.html", "d/4.csv", "5.txt"].enumerated() {
            try Data("file \(i)".utf8).write(to: URL(fileURLWithPath: tree + "/" + file))
        }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/keep.txt"))
        try FileManager.default.createSymbolicLink(atPath: tree + "/a/link", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: tree + "/dangling", withDestinationPath: root + "/nothing")
        #expect(FileTree.linkTarget(tree + "/a/link") == outside)
        #expect(FileTree.linkTarget(tree + "/5.txt") == nil)

        #expect(FileTree.remove(tree))
        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(try String(contentsOfFile: outside + "/keep.txt", encoding: .utf8) == "keep", "a link is removed, not followed")
        #expect(FileTree.remove(tree), "a missing path is already removed")
        // A single file, and a link given directly.
        try FileManager.default.createSymbolicLink(atPath: root + "/direct", withDestinationPath: outside)
        #expect(FileTree.remove(root + "/direct"))
        #expect(FileManager.default.fileExists(atPath: outside + "/keep.txt"))
        #expect(FileTree.remove(outside + "/keep.txt"))
        #expect(!FileManager.default.fileExists(atPath: outside + "/keep.txt"))
        FileTree.remove(root)
    }

    @Test("a recycled folder is written over in place (same inodes, exact new sizes), and what was not written again is removed")
    func writtenOver() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portico-recycle-\(UUID().uuidString)").path
        for dir in ["a", "b/c", "d", "e/f", "h"] { try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true) }
        let old = ["a/1.html": 10_000, "a/2.html": 50, "b/c/3.html": 8_000, "e/f/5.txt": 20, "top.json": 30, "h/in.txt": 5, "k": 7]
        for (path, size) in old { try Data(repeating: UInt8(ascii: "o"), count: size).write(to: URL(fileURLWithPath: root + "/" + path)) }
        func inode(_ path: String) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: root + "/" + path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let before = try inode("a/1.html")
        let writer = ReleaseWriter(folder: root, inPlace: true)
        // `h` was a folder and is a file now; `k` was a file and is a folder now.
        let new = ["a/1.html": "short", "b/c/3.html": String(repeating: "n", count: 9_000), "g/6.html": "new folder", "top.json": "{}",
                   "h": "file", "k/x.html": "in a folder"]
        for (path, text) in new { try writer.write(path, Array(text.utf8)) }
        // a/2.html, d/ and e/ (with e/f/5.txt) were not written: removed, folders whole.
        #expect(try writer.removeUnwritten() == 3)
        #expect(try Set(FileManager.default.subpathsOfDirectory(atPath: root))
            == ["a", "a/1.html", "b", "b/c", "b/c/3.html", "g", "g/6.html", "top.json", "h", "k", "k/x.html"])
        for (path, text) in new { #expect(try String(contentsOfFile: root + "/" + path, encoding: .utf8) == text, "\(path)") }
        #expect(try inode("a/1.html") == before, "written over, not made anew")
        // A writer that is not in place records nothing and empties files before writing.
        let plain = ReleaseWriter(folder: root)
        try plain.write("a/1.html", Array("x".utf8))
        #expect(try String(contentsOfFile: root + "/a/1.html", encoding: .utf8) == "x")
        FileTree.remove(root)
    }

    @Test("reading ahead the folders to be recycled changes nothing in them and skips a folder that is gone")
    func readAhead() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("portico-ahead-\(UUID().uuidString)").path
        let folder = out + "/parties/vendors/V1.0123"
        try FileManager.default.createDirectory(atPath: folder + "/invoices", withIntermediateDirectories: true)
        try Data("index".utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
        try Data(repeating: 7, count: 9_000).write(to: URL(fileURLWithPath: folder + "/invoices/1.html"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        PartyFolders(outDirectory: out).prefetch(["parties/vendors/V1.0123", "parties/vendors/GONE.4567"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: out).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/invoices/1.html")) == Data(repeating: 7, count: 9_000))
        FileTree.remove(out)
    }
}
