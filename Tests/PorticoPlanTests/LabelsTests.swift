import Foundation
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
}

