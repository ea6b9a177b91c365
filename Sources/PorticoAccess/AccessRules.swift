import Foundation
import PorticoModel
import PorticoPlan

/// A user who may sign in, and the portal folder they reach (`vendors/<segment>/` or `customers/<segment>/`).
public struct PortalGrant: Sendable, Hashable {
    public let login: String
    /// The user's bcrypt hash, or nil when the user signs in through single sign-on only.
    public let passwordHash: String?
    /// Release-relative folder of the portal, ending in `/`.
    public let folder: String

    public init(login: String, passwordHash: String?, folder: String) {
        self.login = login
        self.passwordHash = passwordHash
        self.folder = folder
    }
}

/// How the web server learns who is signed in.
public struct AccessSettings: Sendable, Equatable {
    /// The nginx variable naming the signed-in user: `$remote_user` for HTTP basic authentication against the
    /// generated password file, or a variable set by single sign-on (`auth_request_set`, a trusted header).
    public var userVariable: String
    /// Origins the pages' forms may be sent to (payment provider, request endpoint), for the Content-Security-Policy.
    public var formOrigins: [String]

    /// Where actions are posted (`/actions/`), and the `host:port` of `portico receive`; nil when actions are off.
    public var actionsPath: String?
    public var receiver: String
    public var maxUploadBytes: Int

    public init(userVariable: String = "$remote_user", formOrigins: [String] = [], actionsPath: String? = nil,
                receiver: String = "127.0.0.1:8089", maxUploadBytes: Int = 10_485_760) {
        self.userVariable = userVariable
        self.formOrigins = formOrigins
        self.actionsPath = actionsPath
        self.receiver = receiver
        self.maxUploadBytes = maxUploadBytes
    }

    public var basicAuthentication: Bool { userVariable == "$remote_user" }
}

/// The generated access rules: an nginx configuration to include in a `server` block, and a password file.
/// Each user reaches exactly their party's portal, plus the shared assets and public pages; nothing else.
public enum AccessRules {
    /// Logins that are safe inside the web server's configuration (the check rejects others).
    public static func isSafeLogin(_ login: String) -> Bool {
        !login.isEmpty && login.utf8.count <= 128 && login.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "@") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        }
    }

    /// A bcrypt hash (`$2a$`, `$2b$`, `$2y$`), the only kind written to the password file.
    public static func isBcrypt(_ hash: String) -> Bool {
        let b = Array(hash.utf8)
        guard b.count == 60, b[0] == UInt8(ascii: "$"), b[1] == UInt8(ascii: "2"), [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(b[2]),
              b[3] == UInt8(ascii: "$"), (48...57).contains(b[4]), (48...57).contains(b[5]), b[6] == UInt8(ascii: "$") else { return false }
        return b[7...].allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
        }
    }

    /// A portal folder is safe in a location line when it is `vendors/` or `customers/` and one path segment
    /// of the characters `Paths.segment` produces.
    static func isSafeFolder(_ folder: String) -> Bool {
        let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "vendors" || parts[0] == "customers", parts[2].isEmpty, !parts[1].isEmpty,
              parts[1] != ".", parts[1] != ".." else { return false }
        return parts[1].utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "~")
        }
    }

    /// `login:hash` lines of the users who sign in with a password, sorted by login.
    public static func htpasswd(_ grants: [PortalGrant]) -> String {
        var lines: [String: String] = [:]
        for g in grants {
            guard isSafeLogin(g.login), let hash = g.passwordHash, isBcrypt(hash) else { continue }
            lines[g.login] = "\(g.login):\(hash)\n"
        }
        return lines.keys.sorted().map { lines[$0]! }.joined()
    }

    /// The Content-Security-Policy our pages satisfy: scripts, styles and data from the site itself only.
    public static func contentSecurityPolicy(_ settings: AccessSettings) -> String {
        let forms = (["'self'"] + settings.formOrigins.sorted()).joined(separator: " ")
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "form-action \(forms); base-uri 'none'; frame-ancestors 'none'"
    }

    /// The nginx configuration for a `server` block. `root` is the served release (`DIR/current`), `passwordFile`
    /// the generated htpasswd; both absolute.
    public static func nginx(grants: [PortalGrant], settings: AccessSettings, root: String, passwordFile: String, release: String) -> String {
        // Logins per folder, sorted and each once (arrays: a set per portal costs more memory than the rules).
        var byFolder: [String: [String]] = [:]
        for g in grants where isSafeLogin(g.login) && isSafeFolder(g.folder) {
            if settings.basicAuthentication, !(g.passwordHash.map(isBcrypt) ?? false) { continue }
            byFolder[g.folder, default: []].append(g.login)
        }
        for folder in byFolder.keys { byFolder[folder] = Array(Set(byFolder[folder]!)).sorted() }
        let user = settings.userVariable
        var out = """
        # Portico access rules for release \(release), written by `portico build`. Do not edit: every build rewrites this file.
        # Include it inside a `server { }` block (see the README, "Web server"). Each signed-in user reaches their own
        # party's portal, the landing page, help and assets; nothing else.
        root \(quoted(root));
        index index.html;
        autoindex off;
        charset utf-8;
        server_tokens off;
        default_type application/octet-stream;
        error_page 404 /404.html;

        add_header Cache-Control "private, no-cache" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header X-Frame-Options "DENY" always;
        add_header Referrer-Policy "same-origin" always;
        add_header Content-Security-Policy "\(contentSecurityPolicy(settings))" always;

        """
        if settings.basicAuthentication {
            out += """
            auth_basic "Portico";
            auth_basic_user_file \(quoted(passwordFile));

            # Public: the landing page and help (in every language), assets and the not-found page need no sign-in.
            location = / { auth_basic off; }
            location = /index.html { auth_basic off; }
            location = /404.html { auth_basic off; }
            location ^~ /help/ { auth_basic off; }
            location ^~ /nl/ { auth_basic off; }
            location ^~ /en/ { auth_basic off; }
            location ^~ /assets/ { auth_basic off; }

            """
        } else {
            out += """
            # Signed-in user: \(user) (single sign-on). The landing page, help and assets are public.

            """
        }
        out += """
        # Portals nobody is granted, and anything else under /vendors/ and /customers/: no one.
        location ^~ /vendors/ { return 403; }
        location ^~ /customers/ { return 403; }

        """
        // Without credentials the request goes on to authentication (401); with the wrong user, 403.
        let unauthenticated = settings.basicAuthentication
            ? "if (\(user) = \"\") { set $portico_allowed 1; }"
            : "if (\(user) = \"\") { return 401; }"
        for folder in byFolder.keys.sorted() {
            out += "location ^~ /\(folder) {\n    set $portico_allowed \"\";\n    \(unauthenticated)\n"
            for login in byFolder[folder]! {
                out += "    if (\(user) = \"\(login)\") { set $portico_allowed 1; }\n"
            }
            out += "    if ($portico_allowed = \"\") { return 403; }\n}\n"
        }
        if let actions = settings.actionsPath {
            // Actions: each portal's users may post to that portal's action path only; the receiver is told who.
            out += """

            # Actions (order responses, invoices): posted to \(actions)<portal folder>, forwarded to `portico receive` with the
            # signed-in user, only by that portal's users. Anything else under \(actions): no one. While the receiver is
            # down: /unavailable.html (nothing was stored; send again later); a post too large: /too-large.html.
            location ^~ \(actions) { return 403; }
            location = /unavailable.html { \(settings.basicAuthentication ? "auth_basic off; " : "")internal; }
            location = /too-large.html { \(settings.basicAuthentication ? "auth_basic off; " : "")internal; }

            """
            for folder in byFolder.keys.sorted() {
                out += "location = \(actions)\(folder) {\n    set $portico_allowed \"\";\n    \(unauthenticated)\n"
                for login in byFolder[folder]! {
                    out += "    if (\(user) = \"\(login)\") { set $portico_allowed 1; }\n"
                }
                out += """
                    if ($portico_allowed = "") { return 403; }
                    limit_except POST { deny all; }
                    client_max_body_size \(settings.maxUploadBytes + 1_048_576);
                    proxy_pass http://\(settings.receiver);
                    proxy_set_header Host $host;
                    proxy_set_header X-Portico-User \(user);
                    proxy_set_header X-Portico-Portal "\(folder)";
                    proxy_set_header X-Forwarded-For $remote_addr;
                    error_page 502 503 504 /unavailable.html;
                    error_page 413 /too-large.html;
                }

                """
            }
        }
        return out
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
