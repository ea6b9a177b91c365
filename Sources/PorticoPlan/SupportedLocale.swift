/// The locales pages are written in. A party's `locale` picks one by language; anything else gets the site default.
public enum SupportedLocale: String, Sendable, CaseIterable, Hashable {
    case nlNL = "nl-NL"
    case enUS = "en-US"

    /// The locale for a BCP 47 tag: exact match, else same language (`nl-BE` reads Dutch), else nil.
    public init?(tag: String?) {
        guard let tag else { return nil }
        if let exact = SupportedLocale(rawValue: tag) { self = exact; return }
        let language = tag.prefix(2).lowercased()
        guard let match = SupportedLocale.allCases.first(where: { $0.language == language }) else { return nil }
        self = match
    }

    /// The language code, also the translation file's name and the page's `lang`.
    public var language: String { String(rawValue.prefix(2)) }
    /// Foundation's identifier.
    public var foundationIdentifier: String { rawValue.split(separator: "-").joined(separator: "_") }
}
