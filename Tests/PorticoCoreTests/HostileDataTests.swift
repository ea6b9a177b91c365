import Foundation
import PorticoCore
import PorticoModel
import PorticoTestSupport
import Testing

/// A database written by someone hostile: accounts that are paths, look-alikes and very long; HTML and script in
/// text; Markdown with raw HTML and unsafe links; attachment names that are paths; invalid UTF-8; numbers beyond
/// 64 bits. The build gives safe output or an error naming the row, and writes nothing outside its folder.
@Suite("hostile data, safe output")
struct HostileDataTests {
    static let long = String(repeating: "L", count: 300)
    static let megabyteNote = String(repeating: "A long note line with <b>tags</b> and [links](javascript:alert(1)).\n", count: 16_000)
    static let nested = (0..<300).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n")

    static let sql = Fixture.small + """
    INSERT INTO vendor VALUES
      ('V/../../escape','<script>alert(1)</script> B.V.','x@x.example','en-US','EUR',1),
      ('..','Dots "quoted" & <i>italic</i>','d@x.example','en-US','EUR',1),
      ('V100.','Trailing dot','t@x.example','en-US','EUR',1),
      ('v100','Lower case','l@x.example','en-US','EUR',1),
      ('V1\u{041E}\u{041E}','Cyrillic look-alike','c@x.example','en-US','EUR',1),
      ('100% sure ','Percent and space','p@x.example','en-US','EUR',1),
      ('\(long)','Very long account','v@x.example','en-US','EUR',1),
      ('VBIG','Big numbers','b@x.example','en-US','EUR',1),
      ('VUTF',CAST(X'4261642055544638FF2066E9' AS TEXT),'u@x.example','en-US','EUR',1);
    INSERT INTO vendor_invoice VALUES
      (901,'..','<img src=x onerror=alert(1)>',NULL,'2026-10-01','2026-10-31','EUR','draft',1000,0,'not_matched',NULL,NULL),
      (902,'VBIG','BIG-1',NULL,'2026-10-01','2026-10-31','EUR','draft','99999999999999999999',0,'not_matched',NULL,NULL);
    INSERT INTO vendor_invoice_line VALUES (901,1,NULL,'ITM-BOLT','"><script>alert(1)</script>','10',100,1000,'not_started'),
                                           (902,1,NULL,'ITM-BOLT','big','1e999',100,1000,'not_started');
    INSERT INTO vendor_invoice_event VALUES (901,1,'2026-10-01T08:00:00Z',NULL,'draft','<script>x</script>','<img src=x onerror=alert(1)>'),
                                            (902,1,'2026-10-01T08:00:00Z',NULL,'draft',NULL,NULL);
    INSERT INTO note VALUES
      (901,'vendor','..',NULL,NULL,'external','<b>me</b>','2026-10-01T08:00:00Z',
       '<script>alert(1)</script> [a](javascript:alert(1)) [b](vbscript:msgbox(1)) [c](data:text/html;base64,PHNjcmlwdD4=) ![i](x" onerror="alert(1)) <img src=x onerror=alert(1)>'),
      (902,'vendor','..',NULL,NULL,'external',NULL,'2026-10-01T09:00:00Z','\(nested)'),
      (903,'vendor','..',NULL,NULL,'external',NULL,'2026-10-01T10:00:00Z','\(megabyteNote)');
    INSERT INTO attachment VALUES
      (901,'vendor','..',NULL,NULL,'external','../../../../escape.pdf','application/pdf',X'25504446','2026-10-01T08:00:00Z'),
      (902,'vendor','..',NULL,NULL,'external','a/b\\c' || char(0) || 'd.html','text/html',X'3C7363726970743E616C6572742831293C2F7363726970743E','2026-10-01T08:00:00Z'),
      (903,'vendor','..',NULL,NULL,'external','CON','application/octet-stream',X'00','2026-10-01T08:00:00Z'),
      (904,'vendor','..',NULL,NULL,'external','.htaccess','text/plain',X'00','2026-10-01T08:00:00Z'),
      (905,'vendor','..',NULL,NULL,'external','drawing.SVG','image/svg+xml',X'3C7376672F3E','2026-10-01T08:00:00Z');
    """

    @Test("every account gets its own safe folder; text, notes and file names are safe; numbers beyond 64 bits are errors naming the row")
    func hostile() throws {
        let built = try Built(Self.sql)
        // Numbers beyond 64 bits: an error naming the row, and that vendor held back; everyone else published.
        #expect(built.summary.exitStatus == 1)
        #expect(built.summary.heldBack == [PartyRef(.vendor, "VBIG")])
        let big = built.summary.problems.filter { $0.party == PartyRef(.vendor, "VBIG") }
        #expect(big.contains { $0.table == "vendor_invoice" && $0.key == "902" && $0.column == "total_minor" })
        #expect(big.contains { $0.table == "vendor_invoice_line" && $0.column == "quantity" })

        // One folder per account, all distinct, all one plain segment: V100, V200 and the eight hostile ones that
        // were published (VBIG, held back in its first build, has none).
        let vendorFolders = try FileManager.default.contentsOfDirectory(atPath: built.current + "/vendors").sorted()
        #expect(vendorFolders.count == 10, "\(vendorFolders)")
        #expect(!vendorFolders.contains("VBIG"))
        for folder in vendorFolders {
            #expect(!folder.hasPrefix(".") && folder.utf8.count <= 200 && !folder.contains("/"), "\(folder)")
        }

        // Nothing outside the output folder: every file, links followed, resolves inside it.
        let outReal = URL(fileURLWithPath: built.out).resolvingSymlinksInPath().path
        let parent = (outReal as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: parent + "/escape"))
        #expect(!FileManager.default.fileExists(atPath: parent + "/escape.pdf"))
        let files = try built.files()
        for file in files {
            let real = URL(fileURLWithPath: built.current + "/" + file).resolvingSymlinksInPath().path
            #expect(real.hasPrefix(outReal + "/"), "\(file) -> \(real)")
        }

        // Pages: no script but our own, no event handlers, no unsafe URLs; hostile text shown escaped.
        var sawEscapedScript = false
        for file in files where file.hasSuffix(".html") {
            let html = try built.text(file)
            let lower = html.lowercased()
            let scripts = lower.components(separatedBy: "<script").count - 1
            #expect(scripts <= 1, "\(file): \(scripts) script elements")
            if scripts == 1 { #expect(lower.contains("<script src=\"") && lower.contains("assets/app."), "\(file)") }
            #expect(lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(file): an event handler attribute")
            #expect(lower.range(of: #"(href|src|action)\s*=\s*"\s*(javascript|vbscript|data):"#, options: .regularExpression) == nil, "\(file): an unsafe URL")
            #expect(!lower.contains("<img"), "\(file)")
            if html.contains("&lt;script&gt;alert(1)&lt;/script&gt; B.V.") { sawEscapedScript = true }
        }
        #expect(sawEscapedScript, "the hostile vendor name is shown, escaped")

        // Attachments: names reduced to one safe file name; pages a browser would run are published as text.
        let dots = vendorFolders.first { $0.hasPrefix("~2E") }!
        let attachments = files.filter { $0.hasPrefix("vendors/\(dots)/attachments/") }
        #expect(attachments.count == 5, "\(attachments)")
        for a in attachments {
            let name = (a as NSString).lastPathComponent
            #expect(!name.hasPrefix(".") && !name.contains("\\") && !name.contains("\0"), "\(a)")
            #expect(!name.lowercased().hasSuffix(".html") && !name.lowercased().hasSuffix(".svg"), "\(a)")
        }
        // The megabyte note and the deeply nested list are on the page.
        let index = try built.text("vendors/\(dots)/index.html")
        #expect(index.utf8.count > 1_000_000 || files.contains { $0.hasPrefix("vendors/\(dots)/") && ((try? built.bytes($0).count) ?? 0) > 1_000_000 })
        // Invalid UTF-8 is replaced, never passed through.
        let utf = vendorFolders.first { $0 == "VUTF" }!
        let utfPage = try built.bytes("vendors/\(utf)/index.html")
        #expect(String(data: utfPage, encoding: .utf8) != nil)
        #expect(try built.text("vendors/\(utf)/index.html").contains("Bad UTF8\u{FFFD} f\u{FFFD}"))
    }

    @Test("a note naming another party's order fails the build at the leak guard, naming the file; the served release stays")
    func leakGuard() throws {
        let out = Fixture.temporaryPath("out")
        let first = try Built(Fixture.small, out: out)
        let served = try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current")
        let leaky = Fixture.small + """
        INSERT INTO note VALUES (950,'vendor','V100',NULL,NULL,'external','AP team','2026-11-01T10:00:00Z','Same as order PO-000201 of the other vendor.');
        """
        #expect(first.summary.exitStatus == 0)
        do {
            _ = try Built(leaky, out: out)
            Issue.record("the build went through")
        } catch let error as CoreError {
            let text = "\(error)"
            #expect(text.contains("vendors/V100/"), "\(text)")
            #expect(text.contains("'PO-000201', which belongs to vendor V200"), "\(text)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current") == served)
    }

    @Test("text of an internal note that an external note also holds is shown on purpose, not a leak")
    func internalNoteCopied() throws {
        let leaky = Fixture.small + """
        INSERT INTO note VALUES (951,'vendor','V100',NULL,NULL,'external','AP team','2026-11-01T10:00:00Z','INTERNAL-ONLY: vendor is slow, consider replacing.');
        """
        // An external note with the same words is text shown on purpose: not a leak.
        #expect(throws: Never.self) { _ = try Built(leaky) }
    }
}
