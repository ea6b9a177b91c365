import Foundation
import PorticoMarkdown
import PorticoModel

/// A Markdown page of `Content/`: `index.md` is the landing page, others go under `help/`.
public struct ContentFile: Sendable, Equatable {
    /// Relative to `Content/`, e.g. `index.md`, `help/signing-in.md`.
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
        return String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".md", with: "")
    }

    /// `index.md` -> `index.html`; `help.md` -> `help/index.html`; `help/x.md` -> `help/x/index.html`.
    var outputPath: String {
        let stem = String(path.dropLast(3))
        if stem == "index" { return "index.html" }
        if stem.hasSuffix("/index") { return String(stem.dropLast(5)) + "index.html" }
        return stem + "/index.html"
    }
}

/// Plans the public pages: the landing page and help from `Content/`, and `404.html`.
public struct SitePlanner {
    let env: PlanEnvironment
    let content: [ContentFile]
    let formats: Formats

    public init(env: PlanEnvironment, content: [ContentFile], formats: Formats) {
        self.env = env
        self.content = content
        self.formats = formats
    }

    public func plan() -> [PlannedFile] {
        let locale = env.defaultLocale
        let f = formats(locale)
        let t = env.labels[locale] ?? Labels(language: locale.language, values: [:])
        var files: [PlannedFile] = []
        let sorted = content.sorted { $0.path < $1.path }
        for file in sorted {
            let path = file.outputPath
            let nav = sorted.map { NavItem(label: $0.title, href: Paths.relative(from: path, to: $0.outputPath.replacingOccurrences(of: "index.html", with: "")), current: $0 == file) }
            let context = env.page(path: path, locale: locale, formats: f, title: file.title, party: nil, nav: nav,
                                   page: ContentPage(html: Markdown.html(file.markdown)))
            files.append(PlannedFile(path: path, content: .page(template: "content", context: context)))
        }
        let notFound = env.page(path: "404.html", locale: locale, formats: f, title: t["not_found_title"], party: nil, nav: [],
                                absoluteRoot: true, page: ContentPage(html: ""))
        files.append(PlannedFile(path: "404.html", content: .page(template: "not-found", context: notFound)))
        return files
    }
}
