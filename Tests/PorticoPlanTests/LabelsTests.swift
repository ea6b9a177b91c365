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
    }
}
