import Foundation
import PorticoCore
import PorticoTestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Purchase orders, consignment and the feed")
struct OrderPageTests {
    @Test("an order with a split-and-substitute response shows every answer")
    func splitAndSubstitute() throws {
        let built = try Built(Fixture.small)
        let v1 = try built.text("vendors/V100/purchase-orders/PO-000102/v1.html")
        #expect(v1.contains("Versie PO-000102-1"))
        #expect(v1.contains("Geaccepteerd met wijzigingen"))
        #expect(v1.contains("<td class=\"num\">60</td><td><time datetime=\"2026-10-15\">"), "first delivery of the split")
        #expect(v1.contains("<td class=\"num\">40</td><td><time datetime=\"2026-10-29\">"), "second delivery of the split")
        #expect(v1.contains("VD-SRV-9 · Installation by our partner"), "the substitute item")
        #expect(v1.contains("Dit is de eerste verstuurde versie."))
        let current = try built.text("vendors/V100/purchase-orders/PO-000102/index.html")
        #expect(current.contains("Order PO-000102-2"))
        #expect(current.contains("Pack <em>per 10</em>."), "a line note")
        #expect(current.contains("../../attachments/3/bolt_drawing.png"), "a line attachment")
        #expect(!current.contains("INTERNAL-ONLY"))
    }

    @Test("action forms: a response form on an order awaiting the vendor, an invoice form on a confirmed one, per actions.mode")
    func actionForms() throws {
        let config = Fixture.temporaryPath("config") + ".json"
        try #"{"actions": {"mode": "endpoint"}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let built = try Built(Fixture.small, config: config)
        let awaiting = try built.text("vendors/V100/purchase-orders/PO-000103/index.html")
        #expect(awaiting.contains("<form method=\"post\" action=\"/actions/vendors/V100/\" enctype=\"multipart/form-data\">"))
        #expect(awaiting.contains("<input type=\"hidden\" name=\"version\" value=\"1\">"))
        #expect(awaiting.contains("name=\"line-1-quantity\" type=\"number\" inputmode=\"decimal\" min=\"0\" step=\"any\" value=\"50\""))
        #expect(!awaiting.contains("name=\"line-1-unit-price\""), "a response cannot change prices")
        #expect(!awaiting.contains("invoice-form-heading"))
        let confirmed = try built.text("vendors/V100/purchase-orders/PO-000101/index.html")
        #expect(confirmed.contains("invoice-form-heading") && confirmed.contains("name=\"line-1-unit-price\" type=\"number\" inputmode=\"decimal\" min=\"0\" step=\"0.01\" required value=\"2.50\""))
        #expect(confirmed.contains("type=\"file\" multiple"))
        #expect(!confirmed.contains("respond-heading"))
        for (path, why) in [("PO-000104", "answered, waits for the company"), ("PO-000105", "consignment")] {
            let page = try built.text("vendors/V100/purchase-orders/\(path)/index.html")
            #expect(!page.contains("respond-heading") && !page.contains("invoice-form-heading"), "\(path): \(why)")
        }
        #expect(!(try built.text("vendors/V100/purchase-orders/PO-000102/v1.html")).contains("<form method=\"post\""), "no form on an old version")
        let rules = try String(contentsOfFile: built.out + "/access/nginx.conf", encoding: .utf8)
        #expect(rules.contains("location = /actions/vendors/V100/ {"))

        try #"{"actions": {"mode": "email", "email": "orders@example.com"}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let mail = try Built(Fixture.small, config: config)
        let mailPage = try mail.text("vendors/V100/purchase-orders/PO-000103/index.html")
        #expect(mailPage.contains("action=\"mailto:orders@example.com?subject=Antwoord%20op%20order%20PO-000103-1\" enctype=\"text/plain\""))
        #expect(!(try mail.text("vendors/V100/purchase-orders/PO-000101/index.html")).contains("type=\"file\""), "no files by e-mail")
        #expect(try String(contentsOfFile: mail.out + "/access/nginx.conf", encoding: .utf8).contains("form-action 'self' mailto:"))

        let none = try Built(Fixture.small)
        #expect(!(try none.text("vendors/V100/purchase-orders/PO-000103/index.html")).contains("<form method=\"post\""))
    }

    @Test("the dimension columns are hidden by a checkbox that works without JavaScript")
    func dimensionToggle() throws {
        let built = try Built(Fixture.small)
        let page = try built.text("vendors/V100/purchase-orders/PO-000102/index.html")
        #expect(page.contains("<input type=\"checkbox\" id=\"show-dimensions\" class=\"dims-toggle\">"))
        #expect(page.contains("<label for=\"show-dimensions\""))
        #expect(page.contains("<th scope=\"col\" class=\"dim\">Vestiging</th>"))
        #expect(page.contains("<td class=\"dim\">TLB-W1</td>"))
        let css = try built.files().first { $0.hasSuffix(".css") }.map(built.text) ?? ""
        #expect(css.contains(".dim { display: none; }"))
        #expect(css.contains(".dims-toggle:checked ~ .table-wrap .dim { display: table-cell; }"))
    }

    @Test("the version page shows the difference against the version before")
    func versionDifference() throws {
        let built = try Built(Fixture.small)
        let v2 = try built.text("vendors/V100/purchase-orders/PO-000102/v2.html")
        #expect(v2.contains("Leverdatum: <del>15 okt 2026</del> → <ins>22 okt 2026</ins>"))
        #expect(v2.contains("Aantal: <del>4</del> → <ins>5</ins>"))
        #expect(v2.contains("<span class=\"badge change-added\">Toegevoegd</span> Regel 3"))
    }

    @Test("lists hold exactly their orders")
    func lists() throws {
        let built = try Built(Fixture.small)
        func has(_ list: String, _ number: String) throws -> Bool {
            try built.text("vendors/V100/purchase-orders/\(list)/index.html").contains(">\(number)")
        }
        #expect(try has("for-review", "PO-000103-1"))
        #expect(try has("awaiting-customer", "PO-000104-1"))
        #expect(try has("open-confirmed", "PO-000102-2"))
        #expect(try !has("open-confirmed", "PO-000101-1"), "fully received")
        #expect(try has("confirmed", "PO-000101-1"))
        #expect(try has("consignment", "PO-000105-1"))
        #expect(try !has("confirmed", "PO-000105"), "consignment orders are on no other list")
        #expect(try !has("history", "PO-000105"))
        #expect(try has("history", "PO-000102-1") && has("history", "PO-000102-2"))
        let receipts = try built.text("vendors/V100/consignment/receipts/index.html")
        #expect(receipts.contains("<a href=\"../../purchase-orders/PO-000105/\">PO-000105</a>"))
        let stock = try built.text("vendors/V100/consignment/on-hand/index.html")
        #expect(stock.contains("150,5 pcs"))
    }

    @Test("the feed is valid Atom: parses, with ids, titles and times, newest first")
    func feed() throws {
        let built = try Built(Fixture.small)
        let data = try built.bytes("vendors/V100/feed.xml")
        final class Collector: NSObject, XMLParserDelegate {
            var path: [String] = []
            var text = ""
            var entries: [[String: String]] = []
            var feed: [String: String] = [:]
            var links = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                path.append(name)
                text = ""
                if name == "entry" { entries.append([:]) }
                if name == "link", path.contains("entry"), attributes["href"]?.hasPrefix("/vendors/V100/") == true { links += 1 }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if path.count == 3, path[1] == "entry" { entries[entries.count - 1][name] = text }
                if path.count == 2 { feed[name] = text }
                path.removeLast()
            }
        }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "feed.xml is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(collector.feed["id"]?.isEmpty == false)
        #expect(collector.feed["title"]?.isEmpty == false)
        #expect(collector.feed["updated"] == "2026-11-20T23:30:00Z")
        #expect(!collector.entries.isEmpty)
        #expect(collector.links == collector.entries.count)
        let ids = collector.entries.compactMap { $0["id"] }
        #expect(ids.count == collector.entries.count && Set(ids).count == ids.count)
        let times = collector.entries.compactMap { $0["updated"] }
        #expect(times == times.sorted(by: >))
        #expect(collector.entries.contains { $0["title"]?.contains("PO-000103-1") == true }, "the order awaiting a response")
        #expect(!collector.entries.contains { $0["title"]?.contains("PO-000104") == true }, "an answered order awaits the company, not the vendor")
    }

    @Test("no page shows a missing label or a context's description")
    func noTemplateLeftovers() throws {
        let built = try Built(Fixture.small)
        let missingLabel = try NSRegularExpression(pattern: "\\[[a-z]+(_[a-z]+)+\\]")
        for path in try built.files() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = try built.text(path)
            #expect(!text.contains("Context("), "\(path)")
            #expect(!text.contains("MustacheNull"), "\(path)")
            #expect(missingLabel.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(path) has a missing label")
        }
    }
}
