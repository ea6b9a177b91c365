import Foundation
import PorticoModel

/// The operator's configuration (a JSON file; every key optional).
public struct SiteConfig: Sendable, Equatable, Codable {
    /// Shown in every page's header and title.
    public var siteTitle: String
    /// The locale of parties without one, and of the landing page: `nl-NL` or `en-US`.
    public var defaultLocale: String
    /// Where the site is served, e.g. `https://portal.example.com/` (used for absolute links such as feeds).
    public var baseURL: String
    public var company: Company
    /// Rows per page of the lists that work without JavaScript.
    public var pageSize: Int
    /// Where "Pay invoice" sends a customer; nil leaves the form out.
    public var payment: Payment?
    /// How "Request invoice" works.
    public var requests: Requests
    /// How many releases to keep (the served one among them).
    public var keepReleases: Int
    /// How the web server knows who is signed in (for the generated access rules).
    public var access: Access
    /// Where vendors' order responses and invoices are sent (`portico receive` behind the web server).
    public var actions: Actions

    /// The readers' actions: forms in the pages posting to one same-origin path, forwarded by the web server to
    /// `portico receive`; or pre-filled e-mail; or no forms.
    public struct Actions: Sendable, Equatable, Codable {
        public enum Mode: String, Sendable, Codable { case endpoint, email, none }
        public var mode: Mode
        /// The same-origin path the forms post to, followed by the party's portal folder: `/actions/vendors/V10001/`.
        public var path: String
        /// For `email`: where the pre-filled message goes.
        public var email: String?
        /// Where the web server forwards actions: the `host:port` `portico receive` listens on.
        public var receiver: String
        /// The largest request (form and files together) the web server forwards and the receiver reads.
        public var maxUploadBytes: Int
        enum CodingKeys: String, CodingKey { case mode, path, email, receiver, maxUploadBytes = "max_upload_bytes" }
        public init(mode: Mode = .none, path: String = "/actions/", email: String? = nil, receiver: String = "127.0.0.1:8089", maxUploadBytes: Int = 10_485_760) {
            self.mode = mode
            self.path = path
            self.email = email
            self.receiver = receiver
            self.maxUploadBytes = maxUploadBytes
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Actions()
            mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? d.mode
            path = try c.decodeIfPresent(String.self, forKey: .path) ?? d.path
            email = try c.decodeIfPresent(String.self, forKey: .email)
            receiver = try c.decodeIfPresent(String.self, forKey: .receiver) ?? d.receiver
            maxUploadBytes = try c.decodeIfPresent(Int.self, forKey: .maxUploadBytes) ?? d.maxUploadBytes
        }
    }

    public struct Access: Sendable, Equatable, Codable {
        /// The nginx variable holding the signed-in user's login: `$remote_user` (HTTP basic authentication against
        /// the generated password file, the default) or a variable set by single sign-on.
        public var userVariable: String
        enum CodingKeys: String, CodingKey { case userVariable = "user_variable" }
        public init(userVariable: String = "$remote_user") { self.userVariable = userVariable }
    }

    /// The origins (`https://host[:port]`) of the absolute URLs the pages' forms are sent to.
    public var formOrigins: [String] {
        var origins = Set<String>()
        for template in [payment?.urlTemplate, requests.mode == .endpoint ? requests.urlTemplate : nil].compactMap({ $0 }) {
            guard let url = URL(string: template.replacingAll("{", with: "").replacingAll("}", with: "")),
                  let scheme = url.scheme, let host = url.host else { continue }
            origins.insert("\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? ""))
        }
        // A pre-filled e-mail is a form sent to a mailto: address.
        if actions.mode == .email { origins.insert("mailto:") }
        return origins.sorted()
    }

    public struct Payment: Sendable, Equatable, Codable {
        /// A URL with `{account}`, `{invoice}`, `{amount}` (major units, `.` as separator) and `{currency}`, each filled in percent-encoded.
        public var urlTemplate: String
        /// The smallest amount one may pay, in major units of the invoice's currency (default 1).
        public var minimum: String
        enum CodingKeys: String, CodingKey { case urlTemplate = "url_template", minimum }
        public init(urlTemplate: String, minimum: String = "1") {
            self.urlTemplate = urlTemplate
            self.minimum = minimum
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            urlTemplate = try c.decode(String.self, forKey: .urlTemplate)
            minimum = try c.decodeIfPresent(String.self, forKey: .minimum) ?? "1"
        }
    }

    public struct Requests: Sendable, Equatable, Codable {
        /// `actions`: a form posted to `actions.path` for `portico receive` (needs `actions.mode` `endpoint`).
        public enum Mode: String, Sendable, Codable { case endpoint, email, actions, none }
        public var mode: Mode
        /// For `endpoint`: a URL with `{account}`, `{invoice}` and `{email}`.
        public var urlTemplate: String?
        /// For `email`: where the pre-filled message goes.
        public var email: String?
        enum CodingKeys: String, CodingKey { case mode, urlTemplate = "url_template", email }
        public init(mode: Mode = .none, urlTemplate: String? = nil, email: String? = nil) {
            self.mode = mode
            self.urlTemplate = urlTemplate
            self.email = email
        }
    }

    public struct Company: Sendable, Equatable, Codable {
        /// Empty: the export's `company_name` is used.
        public var name: String
        public var address: String
        public var email: String
        public var phone: String
        /// The company's colour, `#rrggbb`: the pages' header, the tiles' edges, the chart's bars.
        public var brandColor: String
        enum CodingKeys: String, CodingKey { case name, address, email, phone, brandColor = "brand_color" }
        public init(name: String = "", address: String = "", email: String = "", phone: String = "", brandColor: String = Theme.defaultBrand) {
            self.name = name
            self.address = address
            self.email = email
            self.phone = phone
            self.brandColor = brandColor
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Company()
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
            address = try c.decodeIfPresent(String.self, forKey: .address) ?? d.address
            email = try c.decodeIfPresent(String.self, forKey: .email) ?? d.email
            phone = try c.decodeIfPresent(String.self, forKey: .phone) ?? d.phone
            brandColor = try c.decodeIfPresent(String.self, forKey: .brandColor) ?? d.brandColor
        }
    }

    /// The stylesheet's colours from the configuration (valid once `load` accepted the file).
    public var theme: Theme { Theme(brand: company.brandColor) ?? Theme(brand: Theme.defaultBrand)! }

    public init(siteTitle: String = "Portico", defaultLocale: String = "en-US", baseURL: String = "/", company: Company = Company(), pageSize: Int = 50,
                payment: Payment? = nil, requests: Requests = Requests(), keepReleases: Int = 3, access: Access = Access(), actions: Actions = Actions()) {
        self.keepReleases = keepReleases
        self.access = access
        self.actions = actions
        self.siteTitle = siteTitle
        self.defaultLocale = defaultLocale
        self.baseURL = baseURL
        self.company = company
        self.pageSize = pageSize
        self.payment = payment
        self.requests = requests
    }

    enum CodingKeys: String, CodingKey {
        case siteTitle = "site_title", defaultLocale = "default_locale", baseURL = "base_url", company, pageSize = "page_size", payment, requests, keepReleases = "keep_releases", access, actions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SiteConfig()
        siteTitle = try c.decodeIfPresent(String.self, forKey: .siteTitle) ?? d.siteTitle
        defaultLocale = try c.decodeIfPresent(String.self, forKey: .defaultLocale) ?? d.defaultLocale
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL) ?? d.baseURL
        company = try c.decodeIfPresent(Company.self, forKey: .company) ?? d.company
        pageSize = try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? d.pageSize
        payment = try c.decodeIfPresent(Payment.self, forKey: .payment)
        requests = try c.decodeIfPresent(Requests.self, forKey: .requests) ?? d.requests
        keepReleases = try c.decodeIfPresent(Int.self, forKey: .keepReleases) ?? d.keepReleases
        access = try c.decodeIfPresent(Access.self, forKey: .access) ?? d.access
        actions = try c.decodeIfPresent(Actions.self, forKey: .actions) ?? d.actions
    }

    /// Reads a configuration file; unknown keys and wrong types are errors naming the key.
    public static func load(path: String) throws(PlanError) -> SiteConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw .configuration(file: path, detail: "cannot be read") }
        let config: SiteConfig
        do {
            let object = try JSONSerialization.jsonObject(with: data)
            guard let dict = object as? [String: Any] else { throw PlanError.configuration(file: path, detail: "must be a JSON object") }
            let known = Set(["site_title", "default_locale", "base_url", "company", "page_size", "payment", "requests", "keep_releases", "access", "actions"])
            if let unknown = dict.keys.sorted().first(where: { !known.contains($0) }) {
                throw PlanError.configuration(file: path, detail: "unknown key '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
            }
            config = try JSONDecoder().decode(SiteConfig.self, from: data)
        } catch let e as PlanError {
            throw e
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw .configuration(file: path, detail: "'\(ctx.codingPath.map(\.stringValue).joined(separator: "."))': \(ctx.debugDescription)")
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw .configuration(file: path, detail: "'\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is missing")
        } catch {
            throw .configuration(file: path, detail: "not valid JSON (\((error as NSError).localizedDescription))")
        }
        guard SupportedLocale(tag: config.defaultLocale) != nil else {
            throw .configuration(file: path, detail: "default_locale '\(config.defaultLocale)' is not supported (nl-NL, en-US)")
        }
        guard config.pageSize >= 5 && config.pageSize <= 1000 else {
            throw .configuration(file: path, detail: "page_size \(config.pageSize) must be between 5 and 1000")
        }
        guard config.keepReleases >= 1 else {
            throw .configuration(file: path, detail: "keep_releases \(config.keepReleases) must be at least 1")
        }
        if let payment = config.payment {
            guard payment.urlTemplate.contains("{amount}"), payment.urlTemplate.hasPrefix("https://") || payment.urlTemplate.hasPrefix("http://") || payment.urlTemplate.hasPrefix("/") else {
                throw .configuration(file: path, detail: "payment.url_template must be an http(s) or site-relative URL containing {amount}")
            }
            guard let minimum = Double(payment.minimum), minimum >= 0 else {
                throw .configuration(file: path, detail: "payment.minimum '\(payment.minimum)' must be a non-negative number such as \"1.00\"")
            }
        }
        let variable = Array(config.access.userVariable.utf8)
        guard variable.count >= 2, variable[0] == UInt8(ascii: "$"),
              variable.dropFirst().allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }) else {
            throw .configuration(file: path, detail: "access.user_variable '\(config.access.userVariable)' must be an nginx variable such as $remote_user or $http_x_portal_user")
        }
        guard Theme(brand: config.company.brandColor) != nil else {
            throw .configuration(file: path, detail: "company.brand_color '\(config.company.brandColor)' must be a colour #rrggbb, such as \"\(Theme.defaultBrand)\"")
        }
        let actions = config.actions
        let pathBytes = Array(actions.path.utf8)
        guard pathBytes.count >= 2, actions.path.hasPrefix("/"), actions.path.hasSuffix("/"),
              pathBytes.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
              !["/vendors/", "/customers/", "/assets/", "/help/", "/nl/", "/en/"].contains(where: { actions.path.hasPrefix($0) }) else {
            throw .configuration(file: path, detail: "actions.path '\(actions.path)' must be a path of its own such as /actions/ (lower-case letters, digits, - and _, between slashes)")
        }
        if actions.mode == .email, (actions.email ?? "").isEmpty || !(actions.email ?? "").contains("@") {
            throw .configuration(file: path, detail: "actions.mode 'email' needs actions.email, an e-mail address")
        }
        let receiver = actions.receiver.split(separator: ":")
        guard receiver.count == 2, receiver[0].hasPrefix("127."), receiver[0].allSatisfy({ $0.isNumber || $0 == "." }),
              let port = Int(receiver[1]), port > 0, port < 65536 else {
            throw .configuration(file: path, detail: "actions.receiver '\(actions.receiver)' must be a loopback address and port, such as 127.0.0.1:8089 (the receiver trusts the web server on the same machine)")
        }
        guard actions.maxUploadBytes >= 65536 && actions.maxUploadBytes <= 104_857_600 else {
            throw .configuration(file: path, detail: "actions.max_upload_bytes \(actions.maxUploadBytes) must be between 65536 and 104857600")
        }
        switch config.requests.mode {
        case .endpoint where config.requests.urlTemplate == nil:
            throw .configuration(file: path, detail: "requests.mode 'endpoint' needs requests.url_template")
        case .email where config.requests.email == nil:
            throw .configuration(file: path, detail: "requests.mode 'email' needs requests.email")
        case .actions where config.actions.mode != .endpoint:
            throw .configuration(file: path, detail: "requests.mode 'actions' needs actions.mode 'endpoint'")
        default: break
        }
        return config
    }
}
