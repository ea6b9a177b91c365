import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content-addressed party folders under `DIR/parties/<vendors|customers>/<segment>.<fingerprint>/`.
/// A release links each party's path to its folder, so an unchanged party costs one symbolic link, not a copy
/// of its files. A folder is complete once it has its final name (it is written under `.tmp-…` and renamed).
public struct PartyFolders: Sendable {
    public let outDirectory: String
    public var root: String { (outDirectory as NSString).appendingPathComponent("parties") }

    public init(outDirectory: String) {
        self.outDirectory = outDirectory
    }

    /// `parties/vendors/V1.0123456789abcdef` (relative to the output folder).
    public func name(area: String, segment: String, fingerprint: String) -> String {
        "parties/\(area)/\(segment).\(fingerprint.prefix(32))"
    }

    public func exists(_ name: String) -> Bool {
        var info = stat()
        return stat(outDirectory + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// What a finished folder recorded about itself: its number of pages and files.
    public func manifest(_ name: String) -> (pages: Int, files: Int)? {
        // Read with one system call: a nightly build reads this for every reused party.
        let fd = open(outDirectory + "/" + name + ".count", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return nil }
        let parts = String(decoding: buffer[..<n], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// A staging folder for a party; write its files through `ReleaseWriter(folder:inPlace:)`, then `finish`.
    ///
    /// `recycling`: a folder of the same party that no kept release links to (`unreferenced()`), taken as the staging
    /// folder instead of a new one: its files are written over in place and the rest removed (`removeUnwritten`).
    /// Creating a million files and removing the million of the last night's release cost more than writing over
    /// them. Returns the staging folder and whether it is a recycled one.
    public func begin(_ name: String, recycling: String? = nil) throws(PublishError) -> (path: String, recycled: Bool) {
        let final = (outDirectory as NSString).appendingPathComponent(name)
        let area = (final as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: area, withIntermediateDirectories: true)
        } catch {
            throw .io(path: area, detail: "cannot create (\(error.localizedDescription))")
        }
        let staging = (area as NSString).appendingPathComponent(".tmp-\((final as NSString).lastPathComponent)-\(getpid())")
        FileTree.remove(staging)
        if let recycling {
            let old = outDirectory + "/" + recycling
            // The folder leaves its name first: it is not complete from here on (its count goes after it).
            if rename(old, staging) == 0 {
                unlink(old + ".count")
                return (staging, true)
            }
        }
        guard mkdir(staging, 0o755) == 0 else { throw .io(path: staging, detail: String(cString: strerror(errno))) }
        return (staging, false)
    }

    /// Gives a staging folder its final name (and records its counts). When another build made the same folder first, the copy is dropped.
    public func finish(staging: String, name: String, pages: Int, files: Int) throws(PublishError) {
        let final = (outDirectory as NSString).appendingPathComponent(name)
        let count = final + ".count"
        // A plain write (Foundation's `createFile` wrote a temporary file, renamed it and synced): the folder is only
        // used once it has its final name, below.
        try FileTree.write(count, Array("\(pages) \(files)\n".utf8))
        if rename(staging, final) != 0 {
            let detail = String(cString: strerror(errno))
            if exists(name) {
                FileTree.remove(staging)
                return
            }
            throw .io(path: final, detail: detail)
        }
    }

    /// Removes staging folders of interrupted builds.
    public func removeLeftovers() {
        for area in ["vendors", "customers"] {
            let dir = (root as NSString).appendingPathComponent(area)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(".tmp-") {
                FileTree.remove((dir as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Asks the kernel to read the files of folders about to be recycled (`posix_fadvise(WILLNEED)`: the reads are
    /// queued, not waited for), so that writing over part of a block finds it in the page cache instead of reading it
    /// then, one file at a time. Best effort: a folder renamed or gone meanwhile is skipped.
    public func prefetch(_ names: [String]) {
        func walk(_ path: String) {
            for entry in FileTree.entries(path) ?? [] {
                let child = path + "/" + entry.name
                if entry.isFolder {
                    walk(child)
                } else {
                    let fd = open(child, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                    guard fd >= 0 else { continue }
                    _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
                    close(fd)
                }
            }
        }
        for name in names { walk(outDirectory + "/" + name) }
    }

    /// Party folders no kept release links to (names relative to the output folder, `parties/<area>/<segment>.<fp>`).
    public func unreferenced() -> [String] {
        let releases = (outDirectory as NSString).appendingPathComponent("releases")
        var referenced = Set<String>()
        // Releases only: not staging folders, nor releases set aside to be removed.
        for release in (try? FileManager.default.contentsOfDirectory(atPath: releases)) ?? [] where !release.hasPrefix(".") {
            for area in ["vendors", "customers"] {
                let dir = "\(releases)/\(release)/\(area)"
                for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                    if let target = FileTree.linkTarget("\(dir)/\(entry)") {
                        referenced.insert((target as NSString).lastPathComponent)
                    }
                }
            }
        }
        var found: [String] = []
        for area in ["vendors", "customers"] {
            let dir = (root as NSString).appendingPathComponent(area)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasPrefix(".") && !name.hasSuffix(".count") {
                if !referenced.contains(name) { found.append("parties/\(area)/\(name)") }
            }
        }
        return found.sorted()
    }

    /// Removes the party folders no kept release links to that were already unlinked in `before` (when the build
    /// began: they were left one build long to be recycled, and were not). Those this build's switch unlinked are
    /// kept for the next build to recycle. Returns how many were removed.
    @discardableResult
    public func collectGarbage(before: Set<String>) -> Int {
        // Two threads: removing files is the kernel's work, and the folders are independent.
        let next = Atomic<Int>(0)
        let garbage = unreferenced().filter { before.contains($0) }.map { outDirectory + "/" + $0 }
        DispatchQueue.concurrentPerform(iterations: min(2, garbage.count)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < garbage.count else { break }
                // The count first: a folder without its count is not taken for a finished one.
                FileTree.remove(garbage[i] + ".count")
                FileTree.remove(garbage[i])
            }
        }
        return garbage.count
    }
}

extension Release {
    /// Links `<area>/<segment>` of this release to a party folder (`parties/...`, relative to the output folder).
    /// The area's folder is made by its first link (one `symlink` per party, not a `mkdir` that fails as well).
    public func link(area: String, segment: String, to name: String) throws(PublishError) {
        let dir = staging + "/" + area
        let path = dir + "/" + segment
        let target = "../../../" + name
        if symlink(target, path) == 0 { return }
        guard errno == ENOENT else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw .io(path: dir, detail: String(cString: strerror(errno))) }
        guard symlink(target, path) == 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
    }

    /// The party folder the served release links `<area>/<segment>` to, if any (`parties/...`).
    public static func servedPartyFolder(outDirectory: String, area: String, segment: String) -> String? {
        let current = (outDirectory as NSString).appendingPathComponent("current")
        guard let release = try? FileManager.default.destinationOfSymbolicLink(atPath: current),
              let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(outDirectory)/\(release)/\(area)/\(segment)"),
              target.hasPrefix("../../../parties/")
        else { return nil }
        let name = String(target.dropFirst("../../../".count))
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: "\(outDirectory)/\(name)", isDirectory: &isDir) && isDir.boolValue ? name : nil
    }

    /// Every `<area>/<segment>` the served release has.
    public static func servedParties(outDirectory: String) -> Set<String> {
        let current = (outDirectory as NSString).appendingPathComponent("current")
        guard let release = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return [] }
        var result = Set<String>()
        for area in ["vendors", "customers"] {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "\(outDirectory)/\(release)/\(area)")) ?? [] {
                result.insert("\(area)/\(entry)")
            }
        }
        return result
    }

    /// Points `current` at the release before the served one. Returns its id.
    public static func rollback(outDirectory: String) throws(PublishError) -> String {
        let lock = try OutputLock(outDirectory: outDirectory, create: false)
        defer { withExtendedLifetime(lock) {} }
        let releases = (outDirectory as NSString).appendingPathComponent("releases")
        let link = (outDirectory as NSString).appendingPathComponent("current")
        guard let served = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else {
            throw .io(path: link, detail: "no served release to roll back from")
        }
        let id = (served as NSString).lastPathComponent
        let older = ((try? FileManager.default.contentsOfDirectory(atPath: releases)) ?? []).filter { !$0.hasPrefix(".") && $0 < id }.sorted()
        guard let previous = older.last else { throw .io(path: releases, detail: "no release older than \(id) is kept") }
        let temporary = (outDirectory as NSString).appendingPathComponent(".current-rollback")
        unlink(temporary)
        guard symlink("releases/\(previous)", temporary) == 0, rename(temporary, link) == 0 else {
            throw .io(path: link, detail: String(cString: strerror(errno)))
        }
        return previous
    }
}

extension ReleaseWriter {
    /// A writer for any folder (a party folder being staged); `inPlace` for a recycled one.
    public convenience init(folder: String, inPlace: Bool = false) {
        self.init(root: folder, inPlace: inPlace)
    }
}
