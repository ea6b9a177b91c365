import Foundation
import PorticoPlan
import PorticoRender
import Testing

@Suite("Templates and translations")
struct TemplateTests {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
    static var templates: String { root + "/Templates" }

    func texts() throws -> [(name: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.templates))
        var result: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            result.append((path, try String(contentsOfFile: Self.templates + "/" + path, encoding: .utf8)))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    @Test("the templates load")
    func load() throws {
        let renderer = try Renderer(directory: Self.templates)
        #expect(renderer.templateNames.contains("layout"))
        #expect(renderer.templateNames.contains("vendor/invoice"))
        #expect(renderer.engine == .compiled, "not compiled: \(renderer.notCompiled ?? "")")
        #expect(renderer.notCompiled == nil)
    }

    @Test("every key a template uses exists in a context type, and every label in every language")
    func keysExist() throws {
        let known = Set(ContextRegistry.allFieldNames.values.flatMap { $0 })
        let labels = try Labels.load(directory: Self.templates + "/i18n")
        var checked = 0
        for (name, text) in try texts() {
            for tag in TemplateScanner.tags(in: text) where [.variable, .section, .inverted].contains(tag.kind) {
                guard tag.name != "." else { continue }
                let parts = tag.name.split(separator: ".").map(String.init)
                if parts.first == "t" {
                    #expect(parts.count == 2, "\(name):\(tag.line): label tag {{\(tag.name)}}")
                    for locale in SupportedLocale.allCases {
                        #expect(labels[locale]?.values[parts[1]] != nil, "\(name):\(tag.line): label '\(parts[1])' missing in \(locale.language)")
                    }
                } else {
                    for part in parts {
                        #expect(known.contains(part), "\(name):\(tag.line): key '\(part)' of {{\(tag.name)}} is in no context type")
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("nl and en have the same label keys, none empty, and Dutch differs from English")
    func translationsComplete() throws {
        let labels = try Labels.load(directory: Self.templates + "/i18n")
        let en = try #require(labels[.enUS]).values
        let nl = try #require(labels[.nlNL]).values
        #expect(Set(en.keys) == Set(nl.keys))
        #expect(en.values.allSatisfy { !$0.isEmpty })
        #expect(nl.values.allSatisfy { !$0.isEmpty })
        let same = en.keys.filter { en[$0] == nl[$0] }.sorted()
        // Words that are the same in both languages.
        #expect(Set(same).isSubset(of: ["col_status", "col_matching", "order", "order_title", "col_order_number"]), "untranslated: \(same)")
    }

    @Test("templates hold no words of their own: every text a reader sees or hears comes from the labels")
    func noHardCodedText() throws {
        var checked = 0
        for (name, text) in try texts() {
            // Drop Mustache tags, comments and the tags' names; keep text and the attributes a reader meets.
            var rest = text.replacing(/\{\{\{.*?\}\}\}/.dotMatchesNewlines(), with: "")
            rest = rest.replacing(/\{\{.*?\}\}/.dotMatchesNewlines(), with: "")
            rest = rest.replacing(/<!--.*?-->/.dotMatchesNewlines(), with: "")
            var spoken: [String] = []
            for match in rest.matches(of: /(?:aria-label|title|alt|placeholder)="([^"]*)"/) { spoken.append(String(match.1)) }
            // A value is read out only on a button-like input; elsewhere it is a machine value (`response=accepted`).
            for match in rest.matches(of: /<input[^>]*type="(?:submit|button|reset)"[^>]*value="([^"]*)"/) { spoken.append(String(match.1)) }
            rest = rest.replacing(/<[^>]*>/.dotMatchesNewlines(), with: " ")
            spoken.append(rest)
            for part in spoken {
                let words = part.matches(of: /[A-Za-z]{2,}/).map { String($0.0) }
                #expect(words.isEmpty, "\(name): words not from a label: \(words.prefix(5))")
            }
            checked += 1
        }
        #expect(checked >= 15)
    }

    @Test("a page's own words in the other language would be found: the check sees attribute and text words")
    func noHardCodedTextCheckBites() {
        let text = #"<nav aria-label="Pages">{{#x}}<p>{{t.a}} Total</p>{{/x}}</nav>"#
        let attribute = text.matches(of: /(?:aria-label|title|alt|placeholder)="([^"]*)"/).map { String($0.1) }
        #expect(attribute == ["Pages"])
        let button = #"<input type="submit" value="Send"> <input type="radio" name="r" value="accepted">"#
        #expect(button.matches(of: /<input[^>]*type="(?:submit|button|reset)"[^>]*value="([^"]*)"/).map { String($0.1) } == ["Send"])
        let stripped = text.replacing(/\{\{.*?\}\}/, with: "").replacing(/<[^>]*>/, with: " ")
        #expect(stripped.matches(of: /[A-Za-z]{2,}/).map { String($0.0) } == ["Total"])
    }

    func writeTemplates(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("portico-templates-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test("a syntax error names the file and line")
    func syntaxError() throws {
        let dir = try writeTemplates(["layout.mustache": "ok\n", "page.mustache": "line one\n{{#open}}\nnever closed\n"])
        do {
            _ = try Renderer(directory: dir)
            Issue.record("a broken template was accepted")
        } catch {
            guard case .syntax(let file, let line, _, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file.hasSuffix("page.mustache"))
            #expect(line >= 2)
            #expect(error.description.contains("page.mustache:"))
        }
    }

    @Test("with several broken templates (parsed in parallel), the first in file order is named, every time")
    func firstSyntaxError() throws {
        var files: [String: String] = ["layout.mustache": "ok\n"]
        for n in 0..<12 { files["page\(n).mustache"] = n == 3 || n == 9 ? "x\n{{#open}}\n" : "fine {{name}}\n" }
        let dir = try writeTemplates(files)
        for _ in 0..<5 {
            do {
                _ = try Renderer(directory: dir)
                Issue.record("broken templates were accepted")
            } catch {
                guard case .syntax(let file, _, _, _) = error else { Issue.record("wrong error \(error)"); return }
                // Sorted names: page0, page1, page10, page11, page2, page3, ...: page3 comes before page9.
                #expect(file.hasSuffix("/page3.mustache"))
            }
        }
    }

    @Test("an unknown partial names the file and line")
    func unknownPartial() throws {
        let dir = try writeTemplates(["layout.mustache": "a\nb\n{{> nothere}}\n"])
        #expect(throws: RenderError.unknownPartial(file: dir + "/layout.mustache", line: 3, partial: "nothere")) {
            try Renderer(directory: dir)
        }
    }
}
