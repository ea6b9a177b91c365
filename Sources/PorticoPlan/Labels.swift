import Foundation
import PorticoModel
import Mustache

/// All labels of one language, from `Templates/i18n/<language>.json` (a flat object of key to text).
/// In templates: `{{t.key}}`.
/// A class: pages refer to their language's one instance (`{{t.key}}` is the most common lookup, and a class in a
/// `TemplateValue` is a reference, not a copy in a heap box).
public final class Labels: ContextRef, TemplateContext {
    public let language: String
    public let values: [String: String]

    /// The same labels by `FieldKey.id`, for templates (nil: no such label).
    let keyed: [String?]

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
        let keys = values.map { (FieldKey($0.key), $0.value) }
        var keyed = [String?](repeating: nil, count: Int(keys.map(\.0.id).max() ?? -1) + 1)
        for (key, value) in keys { keyed[Int(key.id)] = value }
        self.keyed = keyed
        var size = 16
        while size < values.count * 2 { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        let entries = values.sorted { $0.key < $1.key }
        let hashes = entries.map { FNV1a.hash(string: $0.key) }
        for n in entries.indices {
            var slot = Int(truncatingIfNeeded: hashes[n] >> 17) & (size - 1)
            while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(n)
        }
        self.table = table
        tableHashes = hashes
        tableKeys = entries.map(\.key)
        tableValues = entries.map(\.value)
    }

    /// Labels have no fixed keys: any key of the language file (`{{t.key}}`); a test checks the templates' keys.
    public static let fields: FieldTable<Labels> = [:]
    public override func value(for key: FieldKey) -> TemplateValue? {
        let id = Int(key.id)
        guard id < keyed.count, let text = keyed[id] else { return nil }
        return .text(text)
    }
    public static func value(at pointer: UnsafePointer<Labels>, for key: FieldKey) -> TemplateValue? { pointer.pointee.value(for: key) }
    public override var context: any TemplateContext { self }
    public var templateValue: TemplateValue { .context(self) }

    /// The label for `key`; a missing key shows as `[key]` (a test keeps every key present in every language).
    public subscript(_ key: String) -> String { lookup(key) ?? "[\(key)]" }

    /// `values` again, as an open-addressing table by FNV-1a of the key's bytes: planners ask for about 16 labels a
    /// page, and hashing each key for a `Dictionary` (SipHash) was 1.3 % of a full build's instructions.
    private let table: [Int32]
    private let tableHashes: [UInt64]
    private let tableKeys: [String]
    private let tableValues: [String]

    private func lookup(_ key: String) -> String? {
        find(hash: FNV1a.hash(string: key)) { tableKeys[$0] == key }
    }

    /// The value of the entry whose key has `hash` and `matches`, probing `table` from the hash's slot. The key itself
    /// is compared only where the whole hash matches.
    @inline(__always)
    private func find(hash: UInt64, matches: (Int) -> Bool) -> String? {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 17) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { return nil }
            if tableHashes[entry] == hash, matches(entry) { return tableValues[entry] }
            slot = (slot + 1) & mask
        }
    }

    /// The label whose key is `prefix + value + suffix` (`value`'s `-` read as `_` when `dashesAsUnderscores`), found
    /// without making the key: the planners ask for a key made from a status or kind for most rows of a page
    /// (`status_confirmed`), and an interpolated key cost a new string, about 450 instructions, before its lookup.
    /// A missing key shows as `[key]`, as with the subscript.
    public func label(_ prefix: String, _ value: String, _ suffix: String = "", dashesAsUnderscores: Bool = false) -> String {
        var prefix = prefix, value = value, suffix = suffix
        let found: String? = prefix.withUTF8 { p in value.withUTF8 { v in suffix.withUTF8 { s in
            @inline(__always) func mapped(_ b: UInt8) -> UInt8 { dashesAsUnderscores && b == 0x2D ? 0x5F : b }
            var hash = FNV1a()
            for b in p { hash.add(b) }
            for b in v { hash.add(mapped(b)) }
            for b in s { hash.add(b) }
            return find(hash: hash.value) { entry in
                var key = tableKeys[entry]
                return key.withUTF8 { k in
                    guard k.count == p.count + v.count + s.count else { return false }
                    for i in 0..<p.count where k[i] != p[i] { return false }
                    for i in 0..<v.count where k[p.count + i] != mapped(v[i]) { return false }
                    for i in 0..<s.count where k[p.count + v.count + i] != s[i] { return false }
                    return true
                }
            }
        } } }
        if let found { return found }
        return "[\(prefix)\(dashesAsUnderscores ? value.replacingAll("-", with: "_") : value)\(suffix)]"
    }

    /// The label `key` with its `{name}` placeholders replaced by `arguments[name]`, in one pass: an argument's
    /// value is inserted as it is (a value holding `{other}` is not replaced again), and a placeholder without an
    /// argument stays as written.
    public func format(_ key: String, _ arguments: KeyValuePairs<String, String>) -> String {
        format(key, argument: { Self.argument($0, in: arguments) }, longest: arguments.reduce(0) { max($0, $1.value.utf8.count) })
    }

    /// `format` with arguments held in a dictionary (messages made elsewhere).
    public func format(_ key: String, with arguments: [String: String]) -> String {
        format(key, argument: { arguments[String(decoding: $0, as: UTF8.self)] }, longest: arguments.values.reduce(0) { max($0, $1.utf8.count) })
    }

    private func format(_ key: String, argument: (UnsafeBufferPointer<UInt8>) -> String?, longest: Int) -> String {
        var text = self[key]
        let formatted = text.withUTF8 { t -> String? in
            let open = UInt8(ascii: "{")
            guard var i = t.firstIndex(of: open) else { return nil }
            // Written straight into the new string's storage: each placeholder (at least `{}`) gives way to at most
            // the longest argument. (A byte array turned into a string at the end was most of the cost.)
            var placeholders = 0
            for b in t where b == open { placeholders += 1 }
            return String(unsafeUninitializedCapacity: t.count + placeholders * longest) { out in
                var n = 0
                func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                    (out.baseAddress! + n).update(from: base, count: bytes.count)
                    n += bytes.count
                }
                // Text between placeholders is copied in runs.
                var copied = 0
                while i < t.count {
                    if let close = t[(i + 1)...].firstIndex(of: UInt8(ascii: "}")),
                       var value = argument(UnsafeBufferPointer(rebasing: t[(i + 1)..<close])) {
                        copy(UnsafeBufferPointer(rebasing: t[copied..<i]))
                        value.withUTF8 { copy($0) }
                        copied = close + 1
                        i = close + 1
                    } else {
                        i += 1
                    }
                    while i < t.count, t[i] != open { i += 1 }
                }
                copy(UnsafeBufferPointer(rebasing: t[copied..<t.count]))
                return n
            }
        }
        // A label without placeholders is the label itself (no copy).
        return formatted ?? text
    }

    /// The value of the argument named by `name`'s bytes: the first one, as a dictionary literal would keep only
    /// one (arguments are a handful; a `Dictionary` made per call cost more than the search).
    private static func argument(_ name: UnsafeBufferPointer<UInt8>, in arguments: KeyValuePairs<String, String>) -> String? {
        for (key, value) in arguments {
            var key = key
            if key.withUTF8({ $0.elementsEqual(name) }) { return value }
        }
        return nil
    }

    /// Loads every supported language from `directory`.
    public static func load(directory: String) throws(PlanError) -> [SupportedLocale: Labels] {
        var result: [SupportedLocale: Labels] = [:]
        for locale in SupportedLocale.allCases {
            let file = (directory as NSString).appendingPathComponent("\(locale.language).json")
            guard let data = FileManager.default.contents(atPath: file) else { throw .translations(file: file, detail: "cannot be read") }
            do {
                let values = try JSONDecoder().decode([String: String].self, from: data)
                result[locale] = Labels(language: locale.language, values: values)
            } catch {
                throw .translations(file: file, detail: "must be a JSON object of strings (\(error))")
            }
        }
        return result
    }
}
