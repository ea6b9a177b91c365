import Foundation
import PorticoMarkdown
import PorticoModel

/// A Markdown page of `Content/`: `index.md` is the landing page, others go under `help/`. A page in another
/// language than the site's default is the same name with the language before `.md`: `index.nl.md`,
/// `help/signing-in.en.md`; it is published under that language's folder (`nl/`, `nl/help/signing-in/`).
public struct ContentFile: Sendable, Equatable {
    /// Relative to `Content/`, e.g. `index.md`, `help/signing-in.nl.md`.
    public let path: String
    public let markdown: String
    public init(path: String, markdown: String) {
        self.path = path
        self.markdown = markdown
    }

    /// The first `# ` heading, else the file name.
    var title: String {
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("# ") {
            return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        return String(stem.split(separator: "/").last ?? "")
    }

    /// The language named in the file name (`nl` of `index.nl.md`), nil for the site's default language.
    public var language: String? {
        let parts = String(path.dropLast(3)).split(separator: ".")
        guard parts.count >= 2, let last = parts.last, SupportedLocale.allCases.contains(where: { $0.language == last }) else { return nil }
        return String(last)
    }

    /// The path without the language and `.md`: `help/signing-in`.
    public var stem: String {
        let plain = String(path.dropLast(3))
        guard let language else { return plain }
        return String(plain.dropLast(language.count + 1))
    }

    /// `index` -> `index.html`; `help` -> `help/index.html`; `help/x` -> `help/x/index.html`; under `prefix` when given.
    func outputPath(prefix: String) -> String {
        let path: String
        if stem == "index" { path = "index.html" } else if stem.hasSuffix("/index") { path = String(stem.dropLast(5)) + "index.html" } else { path = stem + "/index.html" }
        return prefix + path
    }
}

/// Plans the public pages: the landing page and help from `Content/` in every language they are written in, and `404.html`.
public struct SitePlanner {
    let env: PlanEnvironment
    let content: [ContentFile]
    let formats: Formats

    public init(env: PlanEnvironment, content: [ContentFile], formats: Formats) {
        self.env = env
        self.content = content
        self.formats = formats
    }

    /// The pages of one language, with where they are published.
    struct LanguagePages {
        let locale: SupportedLocale
        let prefix: String
        var pages: [(file: ContentFile, path: String)]
    }

    func languages() -> [LanguagePages] {
        let site = env.defaultLocale
        var result: [LanguagePages] = []
        for locale in [site] + SupportedLocale.allCases.filter({ $0 != site }) {
            let prefix = locale == site ? "" : locale.language + "/"
            let files = content.filter { ($0.language ?? site.language) == locale.language }.sorted { $0.stem < $1.stem }
            guard !files.isEmpty else { continue }
            result.append(LanguagePages(locale: locale, prefix: prefix, pages: files.map { ($0, $0.outputPath(prefix: prefix)) }))
        }
        return result
    }

    public func plan() -> [PlannedFile] {
        let locale = env.defaultLocale
        let f = formats(locale)
        let t = env.labels[locale] ?? Labels(language: locale.language, values: [:])
        var files: [PlannedFile] = []
        let languages = languages()
        for language in languages {
            let lf = formats(language.locale)
            for (file, path) in language.pages {
                let nav = language.pages.map { other in
                    NavItem(label: other.file.title, href: Paths.relative(from: path, to: other.path.replacingAll("index.html", with: "")), current: other.file == file)
                }
                // The same page in the other languages.
                let alternates = languages.filter { $0.locale != language.locale }.compactMap { other -> LanguageLink? in
                    guard let twin = other.pages.first(where: { $0.file.stem == file.stem }) else { return nil }
                    let name = env.labels[other.locale]?["language_name"] ?? other.locale.language
                    return LanguageLink(label: name, href: Paths.relative(from: path, to: twin.path.replacingAll("index.html", with: "")), lang: other.locale.language)
                }
                let context = env.page(path: path, locale: language.locale, formats: lf, title: file.title, party: nil, nav: nav,
                                       page: ContentPage(html: Markdown.html(file.markdown), alternates: alternates))
                files.append(PlannedFile(path: path, content: .page(template: "content", context: context)))
            }
        }
        let notFound = env.page(path: "404.html", locale: locale, formats: f, title: t["not_found_title"], party: nil, nav: [],
                                absoluteRoot: true, page: ContentPage(html: "", alternates: []))
        files.append(PlannedFile(path: "404.html", content: .page(template: "not-found", context: notFound)))
        if env.config.actions.mode == .endpoint {
            // Shown by nginx when the receiver is down, or a post is too large for it to forward (README, "Web server");
            // every language, since anyone may meet them.
            let megabytes = String(env.config.actions.maxUploadBytes / 1_048_576)
            let order = [locale] + SupportedLocale.allCases.filter { $0 != locale }
            for (name, key) in [("unavailable.html", "unavailable"), ("too-large.html", "too_large")] {
                let messages = order.map { l in
                    let labels = env.labels[l] ?? Labels(language: l.language, values: [:])
                    return LanguageText(lang: l.language, title: labels["\(key)_title"], text: labels.format("\(key)_text", ["max": megabytes]), isFirst: l == locale)
                }
                let page = env.page(path: name, locale: locale, formats: f, title: t["\(key)_title"], party: nil, nav: [],
                                    absoluteRoot: true, page: UnavailablePage(messages: messages))
                files.append(PlannedFile(path: name, content: .page(template: "unavailable", context: page)))
            }
        }
        return files
    }
}
