import Foundation
import GRDB
import PorticoModel
import PorticoPlan
@testable import PorticoReceive
import PorticoStore
import PorticoTestSupport
import Testing

/// A multipart body as browsers send it.
func multipart(_ fields: [(String, String)], files: [(name: String, file: String, data: [UInt8])] = [], boundary: String = "XyZ123") -> (String, [UInt8]) {
    var body: [UInt8] = []
    for (name, value) in fields {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    for f in files {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.name)\"; filename=\"\(f.file)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8) + f.data + [13, 10]
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return ("multipart/form-data; boundary=\(boundary)", body)
}

@Suite("Posted forms")
struct FormDataTests {
    @Test("multipart fields and files, including bytes that look like a boundary, and url-encoded forms")
    func parse() throws {
        let pdf = Array("%PDF-1.4\r\n--XyZ12 not the boundary\r\n".utf8)
        let (type, body) = multipart([("action", "po_response"), ("note", "Twee\r\nregels, “quotes” & <b>")], files: [("files", "a.pdf", pdf)])
        let fields = try #require(FormData.parse(contentType: type, body: body))
        #expect(fields.map(\.name) == ["action", "note", "files"])
        #expect(fields[1].text == "Twee\r\nregels, “quotes” & <b>")
        #expect(fields[2].fileName == "a.pdf" && fields[2].value == pdf)
        let quoted = try #require(FormData.parse(contentType: "multipart/form-data; boundary=\"XyZ123\"", body: body))
        #expect(quoted.count == 3)
        let encoded = try #require(FormData.parse(contentType: "application/x-www-form-urlencoded", body: Array("a=1+2&b=%C3%A9%26&c=".utf8)))
        #expect(encoded.map(\.text) == ["1 2", "é&", ""])
    }

    @Test("malformed bodies are refused, not guessed")
    func malformed() {
        #expect(FormData.parse(contentType: "multipart/form-data; boundary=x", body: Array("--x\r\nno headers end".utf8)) == nil)
        #expect(FormData.parse(contentType: "multipart/form-data", body: Array("--x--".utf8)) == nil, "no boundary")
        #expect(FormData.parse(contentType: "text/plain", body: Array("a=1".utf8)) == nil)
        #expect(FormData.parse(contentType: "application/x-www-form-urlencoded", body: Array("a=%zz".utf8)) == nil)
        #expect(FormData.parse(contentType: "multipart/form-data; boundary=x", body: Array("--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--".utf8)) == nil, "no name")
    }
}

@Suite("Checking actions against the export")
struct ActionCheckTests {
    let db: String
    init() throws { db = try Fixture.database(Fixture.small) }

    func check(_ fields: [(String, String)], login: String = "jan", portal: String = "vendors/V100/",
               files: [(name: String, file: String, data: [UInt8])] = []) throws -> CheckedAction {
        let (type, body) = multipart(fields, files: files)
        let parsed = try #require(FormData.parse(contentType: type, body: body))
        let queue = try DatabaseQueue(path: db)
        return try queue.read { try ActionCheck(db: $0, limits: .init(maxUploadBytes: 1000)).check(parsed, login: login, portal: portal) }
    }

    func refusal(_ fields: [(String, String)], login: String = "jan", portal: String = "vendors/V100/",
                 files: [(name: String, file: String, data: [UInt8])] = []) -> String? {
        do {
            _ = try check(fields, login: login, portal: portal, files: files)
            return nil
        } catch let r as Refusal {
            return r.key
        } catch {
            return "\(error)"
        }
    }

    func response(_ document: String = "PO-000103", version: String = "1", response: String = "accepted", account: String = "V100", _ extra: [(String, String)] = []) -> [(String, String)] {
        [("action", "po_response"), ("party_kind", "vendor"), ("account", account), ("document", document), ("version", version), ("response", response)] + extra
    }

    @Test("a response is normalised: splits, substitute, note; an unchanged accept holds no lines")
    func accepted() throws {
        let plain = try check(response())
        #expect(plain.payload.response == "accepted" && plain.payload.responseLines == nil && plain.payload.user == "jan")
        let changed = try check(response(response: "accepted_with_changes", [
            ("line-1-quantity", "30"), ("line-1-date", "2026-12-05"), ("line-1-split2-quantity", "20.5"), ("line-1-split2-date", "2027-01-10"),
            ("line-1-substitute-item", "VD-77"), ("note", "In twee leveringen."),
        ]))
        let line = try #require(changed.payload.responseLines?.first)
        #expect(line.deliveries.map(\.quantity) == ["30", "20.5"] && line.deliveries.map(\.deliveryDate) == ["2026-12-05", "2027-01-10"])
        #expect(line.substituteItem == "VD-77" && changed.payload.note == "In twee leveringen.")
        #expect(String(decoding: changed.json, as: UTF8.self).contains("\"response_lines\":[{\"deliveries\":[{\"decision\":\"accept\""))
        #expect(changed.digest != plain.digest)
    }

    @Test("every wrong response is refused with its reason")
    func refusals() {
        #expect(refusal(response(response: "accepted_with_changes", [("line-1-unit-price", "1.00")])) == "receive_price_change")
        #expect(refusal(response(version: "2")) == "receive_outdated")
        #expect(refusal(response("PO-000104")) == "receive_already_answered")
        #expect(refusal(response("PO-000102", version: "2")) == "receive_not_awaiting", "confirmed")
        #expect(refusal(response("PO-000199")) == "receive_unknown_document", "a draft is never shown")
        #expect(refusal(response("PO-000201")) == "receive_unknown_document", "another vendor's order")
        #expect(refusal(response(account: "V200")) == "receive_wrong_party")
        #expect(refusal(response(), login: "ann") == "receive_unknown_user", "ann's portal is V200")
        #expect(refusal(response(), login: "nobody") == "receive_unknown_user")
        #expect(refusal(response(response: "maybe")) == "receive_bad_response")
        #expect(refusal(response(response: "accepted_with_changes", [("line-2-quantity", "1")])) == "receive_no_line")
        #expect(refusal(response(response: "accepted_with_changes", [("line-1-quantity", "-1")])) == "receive_bad_quantity")
        #expect(refusal(response(response: "accepted_with_changes", [("line-1-date", "2026-02-30")])) == "receive_bad_date")
        #expect(refusal(response(response: "accepted_with_changes", [("line-1-split2-quantity", "5")])) == "receive_split_incomplete")
        #expect(refusal(response(response: "accepted", [("line-1-quantity", "49")])) == "receive_accepted_changed")
        #expect(refusal(response("PO-000103", [("sneaky", "1")])) == "receive_unexpected_field")
        #expect(refusal(response("PO-000103", [("note", String(repeating: "x", count: 4001))])) == "receive_too_long")
        #expect(refusal(response() + [("version", "1")]) == "receive_malformed", "a field twice")
    }

    func invoice(_ number: String, _ lines: [(String, String)] = [("line-1-quantity", "100"), ("line-1-unit-price", "2.50")]) -> [(String, String)] {
        [("action", "po_invoice"), ("party_kind", "vendor"), ("account", "V100"), ("document", "PO-000101"), ("version", "1"),
         ("invoice-number", number), ("invoice-date", "2026-11-21")] + lines
    }

    @Test("an invoice from an order: amounts in minor units, files by their content, numbers new for the vendor")
    func invoices() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let ok = try check(invoice("VD-2026-900"), files: [("files", "../../scan.png", png)])
        #expect(ok.payload.totalMinor == 25000 && ok.payload.invoiceLines?.first?.unitPriceMinor == 250)
        #expect(ok.payload.files?.first?.name == "scan.png" && ok.payload.files?.first?.contentType == "image/png" && ok.files.first?.data == png)
        #expect(refusal(invoice("VD-2026-001")) == "receive_invoice_number_used")
        #expect(refusal(invoice("")) == "receive_invoice_number")
        #expect(refusal(invoice("A\u{7}B")) == "receive_malformed")
        #expect(refusal(invoice("N1", [("line-1-quantity", "100"), ("line-1-unit-price", "2.505")])) == "receive_bad_price")
        #expect(refusal(invoice("N1", [("line-1-quantity", "0"), ("line-1-unit-price", "2.50")])) == "receive_nothing_invoiced")
        #expect(refusal(invoice("N1", [])) == "receive_line_missing")
        #expect(refusal(invoice("N1"), files: [("files", "x.pdf", Array("<script>".utf8))]) == "receive_file_type")
        #expect(refusal(invoice("N1"), files: [("files", "x.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 0, count: 1000))]) == "receive_file_size")
        #expect(refusal(invoice("N1"), files: [("evil", "x.pdf", Array("%PDF-".utf8))]) == "receive_unexpected_field")
        var fields = invoice("N1")
        fields[3] = ("document", "PO-000103")
        #expect(refusal(fields) == "receive_not_invoiceable")
    }
}

@Suite("A customer's copy request")
struct InvoiceRequestTests {
    @Test("a member's user asks for the organisation's invoice; another portal's invoice, a pending one and a bad address are refused")
    func request() throws {
        let db = try Fixture.database(Fixture.small + "INSERT INTO portal_user VALUES ('carla','Carla',NULL,'customer','C511',NULL,1);")
        let queue = try DatabaseQueue(path: db)
        func check(_ document: String, _ email: String, account: String = "C510") throws -> CheckedAction {
            let (type, body) = multipart([("action", "invoice_request"), ("party_kind", "customer"), ("account", account), ("document", document),
                                          ("version", "1"), ("email", email)])
            return try queue.read { try ActionCheck(db: $0, limits: .init(maxUploadBytes: 1000)).check(FormData.parse(contentType: type, body: body)!, login: "carla", portal: "customers/C510/") }
        }
        func refusal(_ document: String, _ email: String, account: String = "C510") -> String? {
            do { _ = try check(document, email, account: account); return nil } catch let r as Refusal { return r.key } catch { return "\(error)" }
        }
        let ok = try check("SI-510001", "books@holding.example")
        #expect(ok.payload.action == .invoiceRequest && ok.payload.party.account == "C510" && ok.payload.email == "books@holding.example")
        #expect(refusal("SI-500001", "a@b.example") == "receive_unknown_invoice", "another customer's invoice")
        #expect(refusal("SI-510002", "a@b.example") == "receive_already_requested", "a request for it is pending")
        #expect(refusal("SI-510001", "not an address") == "receive_bad_email")
        #expect(refusal("SI-510001", "a@b.example", account: "C511") == "receive_wrong_party", "the member is not the portal")
    }
}

@Suite("The inbox")
struct InboxTests {
    @Test("an action is stored once; a second answer to one version and a reused invoice number are refused; a reopened inbox keeps all")
    func once() throws {
        let db = try Fixture.database(Fixture.small)
        let path = Fixture.temporaryPath("inbox") + ".sqlite"
        let queue = try DatabaseQueue(path: db)
        func checked(_ fields: [(String, String)]) throws -> CheckedAction {
            let (type, body) = multipart(fields)
            return try queue.read { try ActionCheck(db: $0, limits: .init(maxUploadBytes: 1000)).check(FormData.parse(contentType: type, body: body)!, login: "jan", portal: "vendors/V100/") }
        }
        let base = [("action", "po_response"), ("party_kind", "vendor"), ("account", "V100"), ("document", "PO-000103"), ("version", "1")]
        let accept = try checked(base + [("response", "accepted")])
        let reject = try checked(base + [("response", "rejected")])
        let inbox = try Inbox(path: path)
        guard case .stored(let id) = try inbox.store(accept, at: "2026-11-21T10:00:00Z") else { Issue.record("not stored"); return }
        #expect(try inbox.store(accept, at: "2026-11-21T10:05:00Z") == .duplicate(receivedAt: "2026-11-21T10:00:00Z"))
        #expect(try inbox.store(reject, at: "2026-11-21T10:06:00Z") == .conflict)
        let reopened = try Inbox(path: path)
        #expect(try reopened.store(accept, at: "2026-11-21T11:00:00Z") == .duplicate(receivedAt: "2026-11-21T10:00:00Z"))
        let rows = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: "SELECT id, kind, document, taken_at FROM action") }
        #expect(rows.count == 1 && (rows[0]["id"] as Int64) == id && (rows[0]["taken_at"] as String?) == nil)
    }
}

@Suite("portico receive")
struct ReceiverTests {
    @Test("answers in the user's language, stores before answering, refuses what nginx would not send")
    func handle() throws {
        let db = try Fixture.database(Fixture.small)
        let inbox = try Inbox(path: Fixture.temporaryPath("inbox") + ".sqlite")
        let receiver = try Receiver(exportPath: db, inbox: inbox, config: SiteConfig(actions: .init(mode: .endpoint)), siteDirectory: Fixture.repositoryRoot, outDirectory: nil)
        let (type, body) = multipart([("action", "po_response"), ("party_kind", "vendor"), ("account", "V100"), ("document", "PO-000103"), ("version", "1"), ("response", "rejected")])
        let headers = ["x-portico-user": "jan", "x-portico-portal": "vendors/V100/", "content-type": type]
        let ok = receiver.handle(HTTPRequest(method: "POST", target: "/actions/vendors/V100/", headers: headers, body: body))
        let page = String(decoding: ok.body, as: UTF8.self)
        #expect(ok.status == 200 && page.contains("lang=\"nl\"") && page.contains("Uw antwoord op order PO-000103 (versie 1) is ontvangen."))
        #expect(page.contains("href=\"/vendors/V100/purchase-orders/PO-000103/\""))
        let again = receiver.handle(HTTPRequest(method: "POST", target: "/actions/vendors/V100/", headers: headers, body: body))
        #expect(again.status == 200 && String(decoding: again.body, as: UTF8.self).contains("niet twee keer opgeslagen"))
        #expect(receiver.handle(HTTPRequest(method: "GET", target: "/actions/vendors/V100/", headers: headers, body: [])).status == 405)
        var noUser = headers
        noUser["x-portico-user"] = nil
        #expect(receiver.handle(HTTPRequest(method: "POST", target: "/actions/vendors/V100/", headers: noUser, body: body)).status == 403)
        #expect(receiver.handle(HTTPRequest(method: "POST", target: "/actions/vendors/V200/", headers: headers, body: body)).status == 403, "path and portal differ")
        let broken = try Receiver(exportPath: db + ".missing", inbox: inbox, config: SiteConfig(actions: .init(mode: .endpoint)), siteDirectory: Fixture.repositoryRoot, outDirectory: nil)
        #expect(broken.handle(HTTPRequest(method: "POST", target: "/actions/vendors/V100/", headers: headers, body: body)).status == 503, "no export: nothing stored, try again")
    }
}

@Suite("The receiver's HTTP")
struct HTTPTests {
    @Test("the headers the receiver trusts must come once; others may repeat; only loopback addresses are served")
    func headers() throws {
        let head = Array("POST /actions/vendors/V100/ HTTP/1.0\r\nHost: x\r\nAccept: a\r\nAccept: b\r\nX-Portico-User: jan\r\nContent-Length: 0".utf8)
        let parsed = try #require(HTTPRequest.parseHead(head[...]))
        #expect(parsed.method == "POST" && parsed.target == "/actions/vendors/V100/" && parsed.headers["accept"] == "a" && parsed.headers["x-portico-user"] == "jan")
        let twice = Array("POST / HTTP/1.0\r\nX-Portico-User: jan\r\nX-Portico-User: ann".utf8)
        #expect(HTTPRequest.parseHead(twice[...]) == nil)
        #expect(HTTPRequest.parseHead(Array("GARBAGE".utf8)[...]) == nil)
        #expect(throws: ReceiveError.self) { try HTTPServer(address: "0.0.0.0:18089", maxBody: 1000) }
        #expect(throws: ReceiveError.self) { try HTTPServer(address: "localhost:18089", maxBody: 1000) }
    }
}
