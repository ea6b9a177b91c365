import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a release could not be written or switched. Messages name the path.
public enum PublishError: Error, CustomStringConvertible, Equatable {
    case io(path: String, detail: String)
    case unsafePath(String)
    /// Another build or rollback holds the output folder's lock.
    case busy(path: String)

    public var description: String {
        switch self {
        case .io(let path, let detail): "\(path): \(detail)"
        case .unsafePath(let path): "refusing to write outside the release: '\(path)'"
        case .busy(let path): "\(path): another portico build or rollback is working on this folder; nothing was changed"
        }
    }
}

/// One build or rollback at a time per output folder: an exclusive `flock` on `DIR/.lock`, held until released
/// (or until the process ends, however it ends, so a killed build never leaves the folder locked).
public final class OutputLock: Sendable {
    private let fd: Int32

    /// Takes the lock or fails at once with `.busy`; `create` makes the folder first if it is missing.
    public init(outDirectory: String, create: Bool = true) throws(PublishError) {
        if create {
            do {
                try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            } catch {
                throw .io(path: outDirectory, detail: "cannot create (\(error.localizedDescription))")
            }
        }
        let path = (outDirectory as NSString).appendingPathComponent(".lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let detail = String(cString: strerror(errno))
            close(fd)
            throw busy ? .busy(path: outDirectory) : .io(path: path, detail: detail)
        }
        self.fd = fd
    }

    deinit { close(fd) }
}

/// A release being written: files go into a staging folder under `DIR/releases/`, which becomes
/// `DIR/releases/<id>/` and then, in one atomic rename of a symbolic link, `DIR/current`.
/// Until `publish()` nothing the web server sees changes; `discard()` removes the staging folder.
public final class Release: Sendable {
    public let outDirectory: String
    public let id: String
    public let staging: String

    /// Starts a release under `outDirectory` (created if needed), removing leftovers of interrupted builds.
    public init(outDirectory: String, now: Date = Date()) throws(PublishError) {
        self.outDirectory = outDirectory
        let releases = (outDirectory as NSString).appendingPathComponent("releases")
        do {
            try FileManager.default.createDirectory(atPath: releases, withIntermediateDirectories: true)
        } catch {
            throw .io(path: releases, detail: "cannot create (\(error.localizedDescription))")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: releases)) ?? [] where name.hasPrefix(".staging-") || name.hasPrefix(".retired-") {
            FileTree.remove((releases as NSString).appendingPathComponent(name))
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outDirectory)) ?? [] where name.hasPrefix(".current-") {
            unlink((outDirectory as NSString).appendingPathComponent(name))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: now)
        // Ids sort by time; within one second a sequence number follows the highest id used so far.
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: releases)) ?? []).map {
            $0.hasPrefix(".staging-") ? String($0.dropFirst(".staging-".count)) : $0
        }
        let used = existing.filter { $0.hasPrefix(stamp + "-") }.compactMap { Int($0.dropFirst(stamp.count + 1)) }
        let latest = existing.filter { !$0.hasPrefix(".") }.max() ?? ""
        var n = (used.max() ?? 0) + 1
        var candidate = "\(stamp)-\(String(format: "%03d", n))"
        while candidate <= latest {
            n += 1
            candidate = "\(stamp)-\(String(format: "%03d", n))"
        }
        id = candidate
        staging = (releases as NSString).appendingPathComponent(".staging-\(candidate)")
        guard mkdir(staging, 0o755) == 0 else { throw .io(path: staging, detail: String(cString: strerror(errno))) }
    }

    /// A writer for one worker thread (each keeps its own cache of folders made).
    public func writer() -> ReleaseWriter { ReleaseWriter(root: staging) }

    /// Makes the release the served one. Returns the path of the release folder.
    @discardableResult
    public func publish(keep: Int = 3) throws(PublishError) -> String {
        let (final, retired) = try publishRetiring(keep: keep)
        for path in retired { FileTree.remove(path) }
        return final
    }

    /// Makes the release the served one and sets the releases beyond the newest `keep` aside (renamed
    /// `releases/.retired-<id>`, no longer a release), for the caller to remove: their paths.
    public func publishRetiring(keep: Int = 3) throws(PublishError) -> (path: String, retired: [String]) {
        let releases = (outDirectory as NSString).appendingPathComponent("releases")
        let final = (releases as NSString).appendingPathComponent(id)
        guard rename(staging, final) == 0 else { throw .io(path: final, detail: String(cString: strerror(errno))) }
        let link = (outDirectory as NSString).appendingPathComponent("current")
        let temporary = (outDirectory as NSString).appendingPathComponent(".current-\(id)")
        unlink(temporary)
        guard symlink("releases/\(id)", temporary) == 0 else { throw .io(path: temporary, detail: String(cString: strerror(errno))) }
        guard rename(temporary, link) == 0 else {
            let detail = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: link, detail: detail)
        }
        return (final, retire(releases: releases, keep: keep))
    }

    /// Removes the staging folder of a release that will not be published.
    public func discard() {
        FileTree.remove(staging)
    }

    /// Keeps the newest `keep` releases (the served one always among them); the others are renamed aside.
    func retire(releases: String, keep: Int) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: releases)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        guard names.count > keep else { return [] }
        var retired: [String] = []
        for name in names.dropLast(max(keep, 1)) where name != id {
            let from = (releases as NSString).appendingPathComponent(name), to = (releases as NSString).appendingPathComponent(".retired-\(name)")
            if rename(from, to) == 0 { retired.append(to) } else { FileTree.remove(from) }
        }
        return retired
    }
}

/// Writes files into a release's staging folder, one buffered write per file.
public final class ReleaseWriter {
    let root: String
    private var made: Set<String> = []
    /// Writing into a recycled folder: files are written over in place (`FileTree.write(inPlace:)`), and what was
    /// written is recorded, so that `removeUnwritten` can remove what the folder held before and this writer did not write.
    let inPlace: Bool
    private var written: Set<String> = []

    init(root: String, inPlace: Bool = false) {
        self.root = root
        self.inPlace = inPlace
    }

    /// Writes `bytes` at `path` (relative, `/`-separated; `..`, empty or absolute segments are refused).
    public func write(_ path: String, _ bytes: [UInt8]) throws(PublishError) {
        // On the path's bytes: each segment is checked, and only the file's folder (relative) is looked up among the
        // folders made; its parents are made with it the first time (a lookup per folder level was most of this).
        var relative = path
        let checked: (safe: Bool, folder: String?) = relative.withUTF8 { p in
            let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
            var start = 0
            var lastSlash = -1
            for i in 0...p.count {
                guard i == p.count || p[i] == slash else {
                    if p[i] == 0 { return (false, nil) }
                    continue
                }
                let length = i - start
                if length == 0 || (length == 1 && p[start] == dot) || (length == 2 && p[start] == dot && p[start + 1] == dot) {
                    return (false, nil)
                }
                if i < p.count { lastSlash = i }
                start = i + 1
            }
            return (true, lastSlash < 0 ? nil : String(decoding: UnsafeBufferPointer(rebasing: p[..<lastSlash]), as: UTF8.self))
        }
        guard checked.safe else { throw .unsafePath(path) }
        if let folder = checked.folder, !made.contains(folder) {
            try makeFolder(folder)
        }
        let full = root + "/" + path
        try FileTree.write(full, bytes, inPlace: inPlace)
        if inPlace { written.insert(path) }
    }

    /// Makes `relative` (checked) under the root, and its parents where they are missing: the folder itself is tried
    /// first, so a folder whose parent exists costs one `mkdir` (trying every level from the root failed with
    /// `EEXIST` for each parent: a sixth of a build's `mkdir` calls). Each folder it makes or finds, parents included,
    /// is recorded in `made`, so that no later file tries it again.
    private func makeFolder(_ relative: String) throws(PublishError) {
        let path = root + "/" + relative
        if mkdir(path, 0o755) != 0 {
            switch errno {
            case EEXIST:
                // In a recycled folder, a file of the last build may stand where this build needs a folder.
                var info = stat()
                if inPlace, lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                    guard FileTree.remove(path), mkdir(path, 0o755) == 0 else {
                        throw .io(path: path, detail: String(cString: strerror(errno)))
                    }
                }
            case ENOENT, ENOTDIR:
                // A parent is missing (or, in a recycled folder, is a file): make it, then this folder.
                guard let slash = relative.lastIndex(of: "/") else { throw .io(path: path, detail: String(cString: strerror(errno))) }
                try makeFolder(String(relative[..<slash]))
                guard mkdir(path, 0o755) == 0 else { throw .io(path: path, detail: String(cString: strerror(errno))) }
            default:
                throw .io(path: path, detail: String(cString: strerror(errno)))
            }
        }
        made.insert(relative)
    }

    /// Removes every file and folder under the root that this writer did not write (or make to hold what it wrote):
    /// what a recycled folder held of the party's last pages. Returns how many files and folders it removed.
    @discardableResult
    public func removeUnwritten() throws(PublishError) -> Int {
        var folders: Set<String> = []
        for path in written {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                folders.insert(String(folder))
            }
        }
        var removed = 0
        func sweep(_ relative: String) throws(PublishError) {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let entries = FileTree.entries(path) else { throw .io(path: path, detail: "cannot be read") }
            for entry in entries {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.isFolder && folders.contains(child) {
                    try sweep(child)
                } else if entry.isFolder ? !folders.contains(child) : !written.contains(child) {
                    guard FileTree.remove(root + "/" + child) else { throw .io(path: root + "/" + child, detail: "cannot be removed") }
                    removed += 1
                }
            }
        }
        try sweep("")
        return removed
    }
}
