import Foundation
import PorticoModel
import PorticoPlan
import Testing

@Suite("Labels")
struct LabelsTests {
    let t = Labels(language: "en", values: [
        "two": "{a} and {b}, again {a}", "plain": "No placeholders", "unknown": "{a} {missing} {", "nested": "{a{b}}",
        "unicode": "€ {amount} – {who}",
    ])

    @Test("placeholders are replaced by their arguments once, in one pass")
    func format() {
        #expect(t.format("two", ["a": "1", "b": "2"]) == "1 and 2, again 1")
        #expect(t.format("plain", ["a": "1"]) == "No placeholders")
        #expect(t.format("unknown", ["a": "x"]) == "x {missing} {")
        #expect(t.format("nested", ["b": "B", "a{b": "no"]) == "no}")
        #expect(t.format("unicode", ["amount": "1.234,50", "who": "Zoë"]) == "€ 1.234,50 – Zoë")
        // A value that reads like a placeholder (text from the export) is shown as it is.
        #expect(t.format("two", ["a": "{b}", "b": "{a}"]) == "{b} and {a}, again {b}")
        #expect(t.format("absent", [:]) == "[absent]")
        // The text is written into storage sized from the label and its longest argument: a long value, used twice.
        let long = String(repeating: "é€x", count: 700)
        #expect(t.format("two", ["a": long, "b": ""]) == long + " and , again " + long)
        // Arguments in a dictionary (messages made elsewhere) give the same text.
        for (key, arguments) in [("two", ["a": "1", "b": "2"]), ("unknown", ["a": "x"]), ("nested", ["b": "B", "a{b": "no"]),
                                 ("unicode", ["amount": "1.234,50", "who": "Zoë"]), ("plain", [:])] {
            let pairs = arguments.sorted { $0.key < $1.key }
            var expected = t[key]
            for (name, value) in pairs where !name.contains("{") { expected = expected.replacingOccurrences(of: "{\(name)}", with: value) }
            if key == "nested" { expected = "no}" }
            #expect(t.format(key, with: arguments) == expected, "\(key)")
        }
    }

    @Test("formatting random labels gives what a byte-by-byte replacement gives")
    func formatRandom() {
        /// The rule, one byte at a time: at `{`, the text up to the next `}` names an argument; if there is one, its
        /// value replaces the placeholder, else the `{` stays and the scan goes on after it.
        func reference(_ text: String, _ arguments: [(String, String)]) -> String {
            let t = Array(text.utf8)
            var out: [UInt8] = []
            var i = 0
            while i < t.count {
                if t[i] == UInt8(ascii: "{"), let close = t[(i + 1)...].firstIndex(of: UInt8(ascii: "}")),
                   let value = arguments.first(where: { Array($0.0.utf8) == Array(t[(i + 1)..<close]) })?.1 {
                    out += Array(value.utf8)
                    i = close + 1
                } else {
                    out.append(t[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var rng = SplitMix64(seed: 9)
        let pieces = ["{", "}", "a", "b", "ab", "{a}", "{b}", "{c}", " ", "é", "€", "x"]
        var values: [String: String] = [:]
        var cases: [(String, [(String, String)])] = []
        for n in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            values["k\(n)"] = text
            let names = ["a", "b", "a{b", "ab", ""].filter { _ in Bool.random(using: &rng) }
            cases.append(("k\(n)", names.map { ($0, ["1", "{a}", "", "ü"].randomElement(using: &rng)!) }))
        }
        let labels = Labels(language: "en", values: values)
        for (key, arguments) in cases {
            let expected = reference(values[key]!, arguments)
            var dictionary: [String: String] = [:]
            for (name, value) in arguments { dictionary[name] = value }
            #expect(labels.format(key, with: dictionary) == expected, "\(values[key]!) \(arguments)")
        }
    }

    @Test("every label is found by its key, among thousands; a missing key shows as [key]")
    func lookup() {
        var values: [String: String] = [:]
        for n in 0..<3000 { values["key_\(n * 7919 % 3001)_\(n % 3 == 0 ? "é" : "x")"] = "value \(n)" }
        values[""] = "empty key"
        let labels = Labels(language: "en", values: values)
        var wrong = 0
        for (key, value) in values where labels[key] != value { wrong += 1 }
        #expect(wrong == 0)
        #expect(labels["key_missing"] == "[key_missing]" && labels["key_1_"] == "[key_1_]")
        #expect(Labels(language: "en", values: [:])["a"] == "[a]")
    }

    @Test("a key given in three parts finds what the whole key finds, with and without dashes read as underscores")
    func keyInParts() throws {
        // The real language files, and keys with non-ASCII bytes and dashes elsewhere.
        var files: [[String: String]] = []
        for language in ["en", "nl"] {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Templates/i18n/\(language).json")
            files.append(try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url)))
        }
        files.append(["é_a_x": "1", "a_b": "2", "a-b": "3", "status_in_review": "4", "": "5"])
        var checked = 0
        for values in files {
            let labels = Labels(language: "en", values: values)
            for key in values.keys {
                let bytes = Array(key.utf8)
                for i in 0...bytes.count {
                    for j in i...bytes.count {
                        // Split on character boundaries only (the parts are strings).
                        guard let a = String(bytes: bytes[..<i], encoding: .utf8), let b = String(bytes: bytes[i..<j], encoding: .utf8),
                              let c = String(bytes: bytes[j...], encoding: .utf8) else { continue }
                        #expect(labels.label(a, b, c) == labels[key], "\(a)|\(b)|\(c)")
                        checked += 1
                        // The same value written with dashes where the key has underscores.
                        if b.contains("_") && !a.contains("-") && !c.contains("-") {
                            let dashed = b.replacingAll("_", with: "-")
                            #expect(labels.label(a, dashed, c, dashesAsUnderscores: true) == labels[key])
                            #expect(labels.label(a, dashed, c) == labels[a + dashed + c])
                        }
                    }
                }
            }
            #expect(labels.label("status_", "nonexistent") == "[status_nonexistent]")
            #expect(labels.label("tile_", "approved-unpaid", "_x", dashesAsUnderscores: true) == labels["tile_approved_unpaid_x"])
            #expect(labels.label("", "") == labels[""])
        }
        #expect(checked > 10_000)
    }
}

