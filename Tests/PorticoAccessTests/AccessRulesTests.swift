import PorticoAccess
import PorticoModel
import PorticoPlan
import Testing

@Suite("access rules: one portal per user, nothing else")
struct AccessRulesTests {
    let hash = "$2y$10$" + String(repeating: "a", count: 53)

    @Test("the password file holds active users with a bcrypt hash, sorted, and nothing that could break a line")
    func htpasswd() {
        let grants = [
            PortalGrant(login: "zoe", passwordHash: hash, folder: "vendors/V1/"),
            PortalGrant(login: "adam", passwordHash: hash, folder: "customers/C1/"),
            PortalGrant(login: "nohash", passwordHash: nil, folder: "vendors/V1/"),
            PortalGrant(login: "short", passwordHash: "$2y$10$abc", folder: "vendors/V1/"),
            PortalGrant(login: "inject", passwordHash: "$2y$10$" + String(repeating: "a", count: 40) + "\nroot:$2y$10$aaaa", folder: "vendors/V1/"),
            PortalGrant(login: "bad:login", passwordHash: hash, folder: "vendors/V1/"),
            PortalGrant(login: "md5", passwordHash: "$apr1$" + String(repeating: "a", count: 54), folder: "vendors/V1/"),
        ]
        #expect(AccessRules.htpasswd(grants) == "adam:\(hash)\nzoe:\(hash)\n")
    }

    @Test("logins and hashes: what is safe in the web server's files")
    func safeValues() {
        #expect(AccessRules.isSafeLogin("anna.de-vries+portal@example.com"))
        for bad in ["", "a b", "a\"b", "a$b", "a;b", "a:b", "a\nb", "ä", String(repeating: "a", count: 129), "a{b}", "a\\b"] {
            #expect(!AccessRules.isSafeLogin(bad), "\(bad)")
        }
        #expect(AccessRules.isBcrypt(hash))
        #expect(AccessRules.isBcrypt("$2b$12$" + String(repeating: "./Az09", count: 8) + "abcde"))
        #expect(!AccessRules.isBcrypt("$2x$10$" + String(repeating: "a", count: 53)))
        #expect(!AccessRules.isBcrypt("$2y$10$" + String(repeating: "a", count: 52) + "\""))
    }

    @Test("each portal gets a location that lets its own users in and everyone else out")
    func nginx() {
        let grants = [
            PortalGrant(login: "anna", passwordHash: hash, folder: "vendors/V100/"),
            PortalGrant(login: "bert", passwordHash: hash, folder: "vendors/V100/"),
            PortalGrant(login: "carl", passwordHash: hash, folder: "customers/C~2F1./"),
            PortalGrant(login: "dora", passwordHash: nil, folder: "vendors/V200/"),
            PortalGrant(login: "evil", passwordHash: hash, folder: "vendors/../"),
            PortalGrant(login: "evil2", passwordHash: hash, folder: "vendors/a/b/"),
        ]
        let conf = AccessRules.nginx(grants: grants, settings: AccessSettings(), root: "/srv/portal/current",
                                     passwordFile: "/srv/portal/access/htpasswd", release: "R1")
        #expect(conf.contains("root \"/srv/portal/current\";"))
        #expect(conf.contains("auth_basic_user_file \"/srv/portal/access/htpasswd\";"))
        #expect(conf.contains("""
            location ^~ /vendors/V100/ {
                set $portico_allowed "";
                if ($remote_user = "") { set $portico_allowed 1; }
                if ($remote_user = "anna") { set $portico_allowed 1; }
                if ($remote_user = "bert") { set $portico_allowed 1; }
                if ($portico_allowed = "") { return 403; }
            }
            """))
        #expect(conf.contains("location ^~ /customers/C~2F1./ {"))
        // A user without a password cannot sign in with basic authentication: no location for them.
        #expect(!conf.contains("/vendors/V200/"))
        #expect(!conf.contains("evil"))
        #expect(conf.contains("location ^~ /vendors/ { return 403; }"))
        #expect(conf.contains("autoindex off;"))
        #expect(conf.contains("add_header X-Content-Type-Options \"nosniff\" always;"))
        #expect(conf.contains("add_header Cache-Control \"private, no-cache\" always;"))
        #expect(conf.contains("script-src 'self'"))
        #expect(!conf.contains("unsafe-inline"))
    }

    @Test("behind single sign-on the user comes from the configured variable; no one is let in unnamed")
    func singleSignOn() {
        let grants = [PortalGrant(login: "dora", passwordHash: nil, folder: "vendors/V200/")]
        let conf = AccessRules.nginx(grants: grants, settings: AccessSettings(userVariable: "$sso_user", formOrigins: ["https://pay.example.com"]),
                                     root: "/srv/p/current", passwordFile: "/srv/p/access/htpasswd", release: "R1")
        #expect(!conf.contains("auth_basic"))
        #expect(conf.contains("if ($sso_user = \"\") { return 401; }"))
        #expect(conf.contains("if ($sso_user = \"dora\") { set $portico_allowed 1; }"))
        #expect(conf.contains("form-action 'self' https://pay.example.com;"))
    }

    @Test("actions: each portal's users may post to its action path only, forwarded with who they are; off means no locations")
    func actions() {
        let grants = [PortalGrant(login: "anna", passwordHash: hash, folder: "vendors/V100/"), PortalGrant(login: "carl", passwordHash: hash, folder: "customers/C1/")]
        let off = AccessRules.nginx(grants: grants, settings: AccessSettings(), root: "/r", passwordFile: "/p", release: "R")
        #expect(!off.contains("/actions/") && !off.contains("proxy_pass"))
        let on = AccessRules.nginx(grants: grants, settings: AccessSettings(actionsPath: "/actions/", receiver: "127.0.0.1:9000", maxUploadBytes: 2_000_000),
                                   root: "/r", passwordFile: "/p", release: "R")
        #expect(on.contains("location ^~ /actions/ { return 403; }"))
        #expect(on.contains("""
            location = /actions/vendors/V100/ {
                set $portico_allowed "";
                if ($remote_user = "") { set $portico_allowed 1; }
                if ($remote_user = "anna") { set $portico_allowed 1; }
                if ($portico_allowed = "") { return 403; }
                limit_except POST { deny all; }
                client_max_body_size 3048576;
                proxy_pass http://127.0.0.1:9000;
                proxy_set_header Host $host;
                proxy_set_header X-Portico-User $remote_user;
                proxy_set_header X-Portico-Portal "vendors/V100/";
            """))
        #expect(on.contains("location = /actions/customers/C1/ {"))
        let sso = AccessRules.nginx(grants: grants, settings: AccessSettings(userVariable: "$sso_user", actionsPath: "/actions/"), root: "/r", passwordFile: "/p", release: "R")
        #expect(sso.contains("proxy_set_header X-Portico-User $sso_user;"))
    }

    @Test("the same grants give the same bytes, whatever their order")
    func deterministic() {
        let a = [PortalGrant(login: "b", passwordHash: hash, folder: "vendors/V2/"), PortalGrant(login: "a", passwordHash: hash, folder: "vendors/V1/")]
        let s = AccessSettings()
        #expect(AccessRules.nginx(grants: a, settings: s, root: "/r", passwordFile: "/p", release: "R")
            == AccessRules.nginx(grants: a.reversed(), settings: s, root: "/r", passwordFile: "/p", release: "R"))
        #expect(AccessRules.htpasswd(a) == AccessRules.htpasswd(a.reversed()))
    }
}
