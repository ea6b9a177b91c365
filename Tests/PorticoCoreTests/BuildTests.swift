import Foundation
import PorticoCore
import PorticoModel
import PorticoRender
import PorticoTestSupport
import Testing

/// Builds a database into a fresh output folder and gives the release's files.
struct Built {
    let out: String
    let summary: BuildSummary
    var current: String {
        out + "/" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/current")) ?? "current")
    }

    init(_ sql: String, constraints: Bool = true, site: String = Fixture.repositoryRoot, config: String? = nil, out: String? = nil, full: Bool = false,
         renderer: Renderer.Engine = .compiled) throws {
        try self.init(databasePath: try Fixture.database(sql, constraints: constraints), site: site, config: config, out: out, full: full, renderer: renderer)
    }

    init(databasePath db: String, site: String = Fixture.repositoryRoot, config: String? = nil, out: String? = nil, full: Bool = false,
         renderer: Renderer.Engine = .compiled) throws {
        self.out = out ?? Fixture.temporaryPath("out")
        var builder = Builder(site: try Site(directory: site, configPath: config, renderer: renderer), databasePath: db, outDirectory: self.out)
        builder.full = full
        summary = try builder.run()
    }

    /// Every file of the served release, relative to it, sorted.
    func files() throws -> [String] {
        try Built.files(in: current)
    }

    /// Every file under `root`, following symbolic links to folders (party folders are linked into releases).
    static func files(in root: String) throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                let path = relative.isEmpty ? name : relative + "/" + name
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir) else { continue }
                if isDir.boolValue { try walk(path) } else { result.append(path) }
            }
        }
        try walk("")
        return result.sorted()
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: current + "/" + path, encoding: .utf8) }
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: current + "/" + path)) }
}

@Suite("Building the vendor invoicing portal")
struct BuildTests {
    @Test("writes every page of the vendor invoicing portal")
    func pages() throws {
        let built = try Built(Fixture.small)
        #expect(built.summary.exitStatus == 0)
        #expect(built.summary.partiesBuilt == 5, "two vendors and three customer portals")
        let files = Set(try built.files())
        for path in ["index.html", "help/signing-in/index.html", "404.html",
                     "vendors/V100/index.html", "vendors/V100/invoices/index.html", "vendors/V100/invoices/draft/index.html",
                     "vendors/V100/invoices/submitted/index.html", "vendors/V100/invoices/approved-unpaid/index.html",
                     "vendors/V100/invoices/paid/index.html", "vendors/V100/invoices/1.html", "vendors/V100/invoices/6.html",
                     "vendors/V100/payments/index.html", "vendors/V100/transactions/index.html", "vendors/V100/invoices/invoices.csv",
                     "vendors/V100/invoices/invoices.json", "vendors/V100/attachments/1/invoice_VD-2026-001.pdf", "vendors/V200/index.html"] {
            #expect(files.contains(path), "missing \(path)")
        }
        #expect(files.contains { $0.hasPrefix("assets/app.") && $0.hasSuffix(".css") })
        #expect(!files.contains { $0.hasPrefix("vendors/V300/") }, "a disabled vendor has no portal")
    }

    @Test("tiles count and total the right invoices")
    func tiles() throws {
        let built = try Built(Fixture.small)
        let workspace = try built.text("vendors/V100/index.html")
        func tile(_ key: String) -> String {
            guard let start = workspace.range(of: "tile-\(key)\"") else { return "" }
            return String(workspace[start.upperBound...].prefix(400))
        }
        #expect(tile("draft").contains("<span class=\"tile-count\">1</span>"))
        #expect(tile("submitted").contains("<span class=\"tile-count\">2</span>"))
        #expect(tile("approved-unpaid").contains("<span class=\"tile-count\">1</span>"))
        #expect(tile("paid").contains("<span class=\"tile-count\">1</span>"))
        #expect(tile("paid").contains("302,50"), "the paid total of VD-2026-001 (nl-NL)")
        let paid = try built.text("vendors/V100/invoices/paid/index.html")
        #expect(paid.contains("VD-2026-001"))
        #expect(!paid.contains("VD-2026-002"))
        let all = try built.text("vendors/V100/invoices/index.html")
        #expect(all.contains("VD-2026-006"), "cancelled invoices are in the full list")
        // newest first
        let order = ["VD-2026-004", "VD-2026-003", "VD-2026-005", "VD-2026-002", "VD-2026-001", "VD-2026-006"].compactMap { all.range(of: $0)?.lowerBound }
        #expect(order.count == 6 && order == order.sorted())
    }

    @Test("no vendor's folder holds another party's identifiers")
    func noLeaks() throws {
        let built = try Built(Fixture.small)
        let theirs: [String: [String]] = [
            "vendors/V100/": ["V200", "AC-77001", "PAY-AC-12", "Acme"],
            "vendors/V200/": ["V100", "VD-2026-00", "PAY-VD-11", "Van Dijk"],
        ]
        for path in try built.files() {
            let text = String(decoding: try built.bytes(path), as: UTF8.self)
            for (folder, forbidden) in theirs where path.hasPrefix(folder) {
                for id in forbidden { #expect(!text.contains(id), "\(path) contains \(id)") }
            }
        }
    }

    @Test("internal notes and attachments, and draft orders, appear nowhere")
    func nothingInternal() throws {
        let built = try Built(Fixture.small)
        let files = try built.files()
        #expect(!files.contains { $0.contains("internal") })
        #expect(!files.contains { $0.contains("PO-000199") })
        for path in files {
            let text = String(decoding: try built.bytes(path), as: UTF8.self)
            #expect(!text.contains("INTERNAL-ONLY"), "\(path)")
            #expect(!text.contains("internal-review"), "\(path)")
            #expect(!text.contains("PO-000199"), "\(path) shows the draft order")
            #expect(!text.contains("Secret draft"), "\(path) shows the draft order")
        }
    }

    @Test("notes are safe on the page")
    func safeNotes() throws {
        let built = try Built(Fixture.small)
        let page = try built.text("vendors/V100/invoices/5.html").lowercased()
        #expect(page.contains("please check"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("onerror"))
        #expect(!page.contains("javascript:"))
        #expect(!page.contains("data:text"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("onmouseover"))
        #expect(page.contains("<a href=\"https://evil.example/x.png\">x</a>"))
    }

    @Test("an invoice page shows lines, totals, history, next steps and payments")
    func invoicePage() throws {
        let built = try Built(Fixture.small)
        let page = try built.text("vendors/V100/invoices/2.html")
        #expect(page.contains("<html lang=\"nl\">"))
        #expect(page.contains("Installation on site"))
        #expect(page.contains("Gedeeltelijk betaald"))
        #expect(page.contains("60,50"), "settled")
        #expect(page.contains("Statusgeschiedenis"))
        #expect(page.contains("PAY-VD-11"))
        let onHold = try built.text("vendors/V100/invoices/5.html")
        #expect(onHold.contains("heropent de factuur en zet de beoordeling voort"), "on hold with a line in progress reopens to in review")
        let english = try built.text("vendors/V200/invoices/7.html")
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("$1,000.00"))
        #expect(english.contains("Fully paid"))
    }

    @Test("two builds of the same inputs give the same bytes")
    func reproducible() throws {
        let a = try Built(Fixture.small)
        let b = try Built(Fixture.small)
        let files = try a.files()
        #expect(files == (try b.files()))
        for path in files { #expect(try a.bytes(path) == (try b.bytes(path)), "\(path) differs") }
    }

    @Test("a vendor with data errors gets no pages, the others are published, exit status 1")
    func heldBack() throws {
        let broken = Fixture.small + "UPDATE vendor_invoice SET status = 'approved' WHERE id = 7;"
        let built = try Built(broken, constraints: false)
        #expect(built.summary.exitStatus == 1)
        #expect(built.summary.heldBack == [PartyRef(.vendor, "V200")])
        let files = try built.files()
        #expect(files.contains("vendors/V100/index.html"))
        #expect(!files.contains { $0.hasPrefix("vendors/V200/") })
        let report = try String(contentsOfFile: built.out + "/report.json", encoding: .utf8)
        #expect(report.contains("\"table\" : \"vendor_invoice\""))
        #expect(report.contains("approved"))
    }
}

@Suite("Bad input publishes nothing")
struct BadInputTests {
    func assertNothingPublished(_ out: String) {
        #expect(!FileManager.default.fileExists(atPath: out + "/current"))
    }

    @Test("errors that belong to no party stop the build")
    func unattributed() throws {
        let db = try Fixture.database(Fixture.small + "INSERT INTO vendor_invoice VALUES (99,'V999','X-1',NULL,'2026-10-01','2026-10-31','EUR','draft',1,0,'matched',NULL,NULL);", constraints: false)
        let out = Fixture.temporaryPath("out")
        #expect(throws: CoreError.self) { try Builder(site: Site(directory: Fixture.repositoryRoot, configPath: nil), databasePath: db, outDirectory: out).run() }
        assertNothingPublished(out)
    }

    @Test("a file that is not a SQLite export is refused by name, and the output folder is not made")
    func notSQLite() throws {
        let db = Fixture.temporaryPath("export.sqlite")
        try "not a database".write(toFile: db, atomically: true, encoding: .utf8)
        let out = Fixture.temporaryPath("out")
        do {
            _ = try Builder(site: Site(directory: Fixture.repositoryRoot, configPath: nil), databasePath: db, outDirectory: out).run()
            Issue.record("a file that is not SQLite was built")
        } catch {
            #expect("\(error)".contains(db))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a broken template publishes nothing and keeps the served release")
    func brokenTemplate() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("out")
        _ = try Builder(site: Site(directory: Fixture.repositoryRoot, configPath: nil), databasePath: db, outDirectory: out).run()
        let before = try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current")

        let site = Fixture.temporaryPath("site")
        for folder in ["Templates", "Content", "Public"] {
            try FileManager.default.copyItem(atPath: Fixture.repositoryRoot + "/" + folder, toPath: site + "/" + folder)
        }
        try "{{#page}}\n{{/nope}}\n".write(toFile: site + "/Templates/vendor/invoice.mustache", atomically: true, encoding: .utf8)
        do {
            _ = try Site(directory: site, configPath: nil)
            Issue.record("a broken template was accepted")
        } catch {
            #expect(error.description.contains("invoice.mustache:2"))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current") == before)
    }

    @Test("a bad configuration names the file and key")
    func badConfig() throws {
        let path = Fixture.temporaryPath("config") + ".json"
        try #"{"site_title": "X", "default_locale": "fr-FR"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CoreError.self) { try Site(directory: Fixture.repositoryRoot, configPath: path) }
        try #"{"site_tittle": "X"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Site(directory: Fixture.repositoryRoot, configPath: path)
            Issue.record("unknown key accepted")
        } catch {
            #expect(error.description.contains(path))
            #expect(error.description.contains("site_tittle"))
        }
    }
}

@Suite("Lists split into pages")
struct PaginationTests {
    @Test("long lists are split into pages that link to each other and work without JavaScript")
    func pages() throws {
        let config = Fixture.temporaryPath("config") + ".json"
        try #"{"page_size": 5}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let built = try Built(Fixture.small, config: config)
        let first = try built.text("vendors/V100/invoices/index.html")
        let second = try built.text("vendors/V100/invoices/page-2.html")
        #expect(first.contains("1–5 van 6"))
        #expect(second.contains("6–6 van 6"))
        #expect(first.contains("<a href=\"page-2.html\" rel=\"next\">Volgende</a>"))
        #expect(second.contains("<a href=\"./\" rel=\"prev\">Vorige</a>"))
        #expect(second.contains("<title>Alle facturen, pagina 2 · Portico</title>"))
        #expect(second.contains("VD-2026-006") && !first.contains("VD-2026-006"), "the oldest invoice is on the second page")
        let history = try built.text("vendors/V100/purchase-orders/history/index.html")
        #expect(history.contains("1–5 van 5"), "five versions of four orders fit one page")
        #expect(!history.contains("rel=\"next\""))
    }
}
