import PorticoModel

/// One file of a release, planned: a page to render through a template, or bytes to write as they are.
public struct PlannedFile: Sendable {
    public enum Content: Sendable {
        case page(template: String, context: PageContext)
        case bytes([UInt8])
    }
    /// Relative to the release root, `/`-separated, never starting with `/` or containing `..`.
    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}

/// What planning needs beyond one party's catalog; the same for every party of a build.
public struct PlanEnvironment: Sendable {
    public let config: SiteConfig
    public let labels: [SupportedLocale: Labels]
    public let exportedAt: Timestamp
    public let companyName: String
    /// Fingerprinted asset paths relative to the release root, e.g. `assets/app.3f9c2a1b.css`.
    public let stylesheet: String
    public let script: String
    /// The site's context, made once: every page refers to it.
    public let site: SiteContext

    public init(config: SiteConfig, labels: [SupportedLocale: Labels], exportedAt: Timestamp, companyName: String, stylesheet: String, script: String) {
        self.config = config
        self.labels = labels
        self.exportedAt = exportedAt
        self.companyName = companyName
        self.stylesheet = stylesheet
        self.script = script
        let c = config.company
        site = SiteContext(
            title: config.siteTitle, companyName: c.name.isEmpty ? companyName : c.name,
            companyAddress: c.address.isEmpty ? nil : c.address, companyEmail: c.email.isEmpty ? nil : c.email,
            companyPhone: c.phone.isEmpty ? nil : c.phone)
    }

    public var defaultLocale: SupportedLocale { SupportedLocale(tag: config.defaultLocale) ?? .enUS }

    public func locale(for tag: String?) -> SupportedLocale { SupportedLocale(tag: tag) ?? defaultLocale }

    /// The root context of a page at `path`.
    /// `absoluteRoot` serves pages that may be shown at any URL (404.html): links then start at `base_url`.
    public func page(path: String, locale: SupportedLocale, formats: LocaleFormats, title: String, party: PartyContext?,
                     nav: [NavItem], absoluteRoot: Bool = false, page: any TemplateContext) -> PageContext {
        let base = config.baseURL.hasSuffix("/") ? config.baseURL : config.baseURL + "/"
        let root = absoluteRoot ? base : Paths.root(from: path)
        let labels = labels[locale] ?? Labels(language: locale.language, values: [:])
        return PageContext(
            lang: locale.language, title: title, t: labels, site: site, asOf: formats.timestamp(exportedAt), asOfISO: exportedAt.description,
            root: root, stylesheet: root + stylesheet, script: root + script, party: party, nav: nav,
            noindex: party != nil, page: page)
    }
}
