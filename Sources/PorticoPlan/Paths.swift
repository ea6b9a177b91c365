import PorticoModel

/// Paths inside a release. Accounts and file names become path segments that are safe for any file system and URL,
/// and two different accounts never become the same segment.
public enum Paths {
    /// An account as one path segment: ASCII letters, digits, `-` and `_` stay; `.` stays unless first;
    /// every other byte of its UTF-8 becomes `~XX` (hex), `~` included. `A/1` becomes `A~2F1`.
    public static func segment(_ account: String) -> String {
        // Most keys are already safe as they are (every byte kept, at most 120 bytes): the key itself, without
        // building it again a scalar at a time.
        var key = account
        let safe = key.withUTF8 { bytes in
            !bytes.isEmpty && bytes.count <= 120 && bytes.indices.allSatisfy { keeps(bytes[$0], at: $0) }
        }
        if safe { return key }
        var out = ""
        for (i, byte) in account.utf8.enumerated() {
            if keeps(byte, at: i) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                out.append("~")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        if out.isEmpty { return "~" }
        // A file name holds at most 255 bytes: a long account keeps a readable start and ends in a digest of the
        // whole account after `~~` (which the encoding above never produces, so it cannot meet a short account).
        if out.utf8.count > 120 {
            var h = SHA256()
            h.update(account.utf8)
            out = String(out.prefix(80)) + "~~" + String(h.hex().prefix(32))
        }
        return out
    }

    /// Whether `segment` keeps the byte at `index` of a key as it is: ASCII letters, digits, `-`, `_`, and `.` unless first.
    @inline(__always)
    static func keeps(_ byte: UInt8, at index: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        case UInt8(ascii: "."):
            index > 0
        default:
            false
        }
    }

    /// A file name safe to publish: letters, digits, `.`, `-`, `_` kept, others `_`; no leading dot; at most 120 characters.
    public static func fileName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || s == "." || s == "-" || s == "_"
            return ok ? Character(s) : "_"
        })
        while out.hasPrefix(".") { out.removeFirst() }
        if out.count > 120 { out = String(out.suffix(120)) }
        if out.isEmpty { return "file" }
        // Files a browser would run or render as a page (HTML, SVG, XML, scripts) are published as text,
        // so an uploaded file can never act as one of the portal's own pages.
        let ext = out.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if out.contains("."), activeExtensions.contains(ext) { out += ".txt" }
        return out
    }

    static let activeExtensions: Set<String> = ["html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "css", "swf", "mht", "mhtml"]

    public static func vendor(_ account: String) -> String { "vendors/\(segment(account))/" }
    public static func customer(_ account: String) -> String { "customers/\(segment(account))/" }

    /// The prefix that leads from the folder of `path` back to the release root (`vendors/a/index.html` -> `../../`).
    public static func root(from path: String) -> String {
        // One `../` per `/`, counted on bytes (splitting the `String` into `Character`s cost about 18,000
        // instructions a page).
        var slashes = 0
        for b in path.utf8 where b == UInt8(ascii: "/") { slashes += 1 }
        return String(repeating: "../", count: slashes)
    }

    /// The relative link from the page at `from` to the file or folder `to` (both relative to the release root; folders end in `/`).
    public static func relative(from: String, to: String) -> String {
        // On bytes: the shared leading folders are the common prefix up to its last `/`; every `/` of `from` after
        // them is one `../`. (A page has a link or two per row, so this runs millions of times in a large build.)
        var from = from
        var to = to
        return from.withUTF8 { f in
            to.withUTF8 { t in
                let slash = UInt8(ascii: "/")
                var shared = 0
                var i = 0
                while i < f.count, i < t.count, f[i] == t[i] {
                    if f[i] == slash { shared = i + 1 }
                    i += 1
                }
                var ups = 0
                for j in shared..<f.count where f[j] == slash { ups += 1 }
                let restCount = t.count - shared
                if ups == 0 && restCount == 0 { return "./" }
                return String(unsafeUninitializedCapacity: ups * 3 + restCount) { out in
                    var n = 0
                    for _ in 0..<ups {
                        out[n] = UInt8(ascii: "."); out[n + 1] = UInt8(ascii: "."); out[n + 2] = slash
                        n += 3
                    }
                    for j in shared..<t.count { out[n] = t[j]; n += 1 }
                    return n
                }
            }
        }
    }
}
