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
}
