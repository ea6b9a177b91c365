import Foundation
import PorticoCore
import PorticoModel
import PorticoTestSupport
import Testing

@Suite("the access rules a build writes")
struct AccessBuildTests {
    static let hash = "$2b$04$" + String(repeating: "A", count: 53)

    @Test("active users of published portals only; members reach their organisation's portal, disabled members nothing")
    func rules() throws {
        let sql = Fixture.small + """
        INSERT INTO customer VALUES ('C512','Closed Subsidiary','x@holding.example','en-US','EUR','C510',NULL,0);
        INSERT INTO portal_user VALUES
          ('org.user',NULL,NULL,'customer','C510','\(Self.hash)',1),
          ('sub.user',NULL,NULL,'customer','C511','\(Self.hash)',1),
          ('closed.user',NULL,NULL,'customer','C512','\(Self.hash)',1),
          ('gone.user',NULL,NULL,'vendor','V300','\(Self.hash)',1),
          ('left.user',NULL,NULL,'vendor','V100','\(Self.hash)',0),
          ('nobody.user',NULL,NULL,'vendor','V999','\(Self.hash)',1),
          ('sso.user',NULL,NULL,'vendor','V200',NULL,1);
        """
        let built = try Built(sql)
        let htpasswd = try String(contentsOfFile: built.out + "/access/htpasswd", encoding: .utf8)
        let logins = htpasswd.split(separator: "\n").map { String($0.split(separator: ":")[0]) }
        #expect(logins == ["ann", "jan", "org.user", "sub.user"])
        let conf = try String(contentsOfFile: built.out + "/access/nginx.conf", encoding: .utf8)
        let root = URL(fileURLWithPath: built.out).standardizedFileURL.path
        #expect(conf.contains("root \"\(root)/current\";"))
        #expect(conf.contains("""
            location ^~ /customers/C510/ {
                set $portico_allowed "";
                if ($remote_user = "") { set $portico_allowed 1; }
                if ($remote_user = "org.user") { set $portico_allowed 1; }
                if ($remote_user = "sub.user") { set $portico_allowed 1; }
                if ($portico_allowed = "") { return 403; }
            }
            """))
        for absent in ["closed.user", "gone.user", "left.user", "nobody.user", "sso.user", "/vendors/V300/", "/customers/C511/", "/customers/C512/"] {
            #expect(!conf.contains(absent), "\(absent)")
        }
    }

    @Test("a failed build leaves the access rules as they were")
    func failedBuild() throws {
        let out = Fixture.temporaryPath("out")
        _ = try Built(Fixture.small, out: out)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/access/nginx.conf"))
        let broken = Fixture.small + "INSERT INTO note VALUES (960,'vendor','V100',NULL,NULL,'external',NULL,'2026-11-01T10:00:00Z','See PO-000201.');"
        #expect(throws: CoreError.self) { _ = try Built(broken, out: out) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/access/nginx.conf")) == before)
    }
}

@Suite("an output folder the web server configuration cannot name")
struct UnsafeOutFolderTests {
    @Test("is refused before anything is read or written")
    func refused() throws {
        let out = Fixture.temporaryPath("out$x")
        #expect(throws: CoreError.self) { _ = try Built(Fixture.small, out: out) }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
