import Foundation
import PorticoModel
import PorticoPlan
import Testing

@Suite("The company's colours and the public pages in both languages")
struct SiteContentTests {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    func config(_ json: String) throws -> SiteConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portico-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try SiteConfig.load(path: path)
    }

    @Test("WCAG contrast: black on white is 21:1, the stylesheet's muted grey passes 4.5:1")
    func contrast() throws {
        let white = try #require(RGB(hex: "#ffffff")), black = try #require(RGB(hex: "#000000"))
        #expect(abs(white.contrast(with: black) - 21) < 0.001)
        let muted = try #require(RGB(hex: "#4d5766"))
        #expect(muted.contrast(with: white) >= 4.5)
        #expect(RGB(hex: "#777777")!.contrast(with: white) < 4.5)
        #expect(RGB(hex: "#12345") == nil && RGB(hex: "123456") == nil && RGB(hex: "#12345g") == nil)
        #expect(RGB(hex: "#A0b1C2")?.hex == "#a0b1c2")
    }

    @Test("the brand colour from the configuration: white text on a dark one, dark text on a light one, always 4.5:1")
    func brandColour() throws {
        let dark = try config(##"{"company": {"brand_color": "#5b2a86"}}"##)
        #expect(dark.theme.brandInk.hex == "#ffffff")
        #expect(dark.theme.css.contains("--brand: #5b2a86; --brand-ink: #ffffff;"))
        let light = try config(##"{"company": {"brand_color": "#ffd54f"}}"##)
        #expect(light.theme.brandInk.hex == "#1d2430")
        #expect(try #require(Theme(brand: "#777777")).brandInk.hex == "#000000")
        for hex in ["#000000", "#ffffff", "#777777", "#808080", "#ff0000", "#00ff00", "#0000ff", "#5b2a86", "#ffd54f"] {
            let theme = try #require(Theme(brand: hex))
            #expect(theme.brandInk.contrast(with: theme.brand) >= 4.5, "\(hex)")
        }
        // Every colour of a 16-step grid gets an ink with 4.5:1.
        for r in stride(from: 0, through: 255, by: 17) {
            for g in stride(from: 0, through: 255, by: 17) {
                for b in stride(from: 0, through: 255, by: 17) {
                    let hex = RGB(hex: "#" + [r, g, b].map { String(format: "%02x", $0) }.joined())!.hex
                    let theme = Theme(brand: hex)
                    #expect(theme != nil && theme!.brandInk.contrast(with: theme!.brand) >= 4.5, "\(hex)")
                }
            }
        }
        #expect(try config("{}").theme.brand.hex == Theme.defaultBrand)
        #expect(throws: PlanError.self) { try config(##"{"company": {"brand_color": "purple"}}"##) }
        do {
            _ = try config(##"{"company": {"brand_color": "purple"}}"##)
        } catch {
            #expect("\(error)".contains("company.brand_color 'purple'"))
        }
    }

    func env(_ locale: String) -> PlanEnvironment {
        var labels: [SupportedLocale: Labels] = [:]
        labels[.enUS] = Labels(language: "en", values: ["language_name": "English", "not_found_title": "Not found"])
        labels[.nlNL] = Labels(language: "nl", values: ["language_name": "Nederlands", "not_found_title": "Niet gevonden"])
        return PlanEnvironment(config: SiteConfig(defaultLocale: locale), labels: labels, exportedAt: Timestamp("2026-11-20T22:00:00Z")!,
                               companyName: "C", stylesheet: "assets/app.css", script: "assets/app.js")
    }

    let content = [
        ContentFile(path: "index.en.md", markdown: "# Welcome\n\nRead [Signing in](help/signing-in/)."),
        ContentFile(path: "index.nl.md", markdown: "# Welkom\n"),
        ContentFile(path: "help/signing-in.en.md", markdown: "# Signing in\n"),
        ContentFile(path: "help/signing-in.nl.md", markdown: "# Aanmelden\n"),
        ContentFile(path: "help/only-english.md", markdown: "# Only English\n"),
    ]

    @Test("the site's language at the root, the other under its language's folder, each linking to its twin")
    func languages() throws {
        for (locale, root, other) in [("en-US", "en", "nl"), ("nl-NL", "nl", "en")] {
            let files = SitePlanner(env: env(locale), content: content, formats: Formats()).plan()
            let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
            // A page without a language in its name is in the site's language.
            #expect(Set(byPath.keys) == ["index.html", "\(other)/index.html", "help/signing-in/index.html", "\(other)/help/signing-in/index.html",
                                         "help/only-english/index.html", "404.html"])
            guard case .page(_, let home)? = byPath["index.html"]?.content, case .page(_, let twin)? = byPath["\(other)/index.html"]?.content else {
                Issue.record("no landing pages")
                continue
            }
            #expect(home.lang == root && twin.lang == other)
            let homePage = try #require(home.page as? ContentPage), twinPage = try #require(twin.page as? ContentPage)
            #expect(homePage.alternates.map(\.href) == ["\(other)/"] && homePage.alternates.map(\.lang) == [other])
            #expect(twinPage.alternates.map(\.href) == ["../"] && twinPage.alternates.map(\.label) == [root == "en" ? "English" : "Nederlands"])
            // Navigation stays within one language.
            #expect(twin.nav.map(\.label) == (other == "nl" ? ["Aanmelden", "Welkom"] : ["Signing in", "Welcome"]))
            #expect(home.nav.count == 3)
        }
    }

    @Test("the shipped Content/ has every page in both languages")
    func shippedContent() throws {
        let folder = Self.root + "/Content"
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }
        let files = paths.map { ContentFile(path: $0, markdown: "") }
        #expect(files.allSatisfy { $0.language != nil }, "every Content page names its language: \(paths)")
        let stems = Set(files.map(\.stem))
        #expect(stems.contains("index") && stems.contains("help/signing-in"))
        for stem in stems {
            #expect(Set(files.filter { $0.stem == stem }.compactMap(\.language)) == ["en", "nl"], "\(stem) in both languages")
        }
    }
}
