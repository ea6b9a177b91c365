import Foundation
import GRDB
import PorticoModel
import PorticoPlan

/// The kinds of action a portal's forms send (see `docs/actions.md`).
public enum ActionKind: String, Sendable, Codable {
    case poResponse = "po_response"
    case poInvoice = "po_invoice"
    case invoiceRequest = "invoice_request"
}

/// An action as stored in the inbox: the form's content checked and normalised (`docs/action.schema.json`).
public struct ActionPayload: Sendable, Codable, Equatable {
    public struct Party: Sendable, Codable, Equatable {
        public let kind: String
        public let account: String
    }
    public struct Delivery: Sendable, Codable, Equatable {
        public let splitSeq: Int
        public let decision: String
        public let quantity: String?
        public let deliveryDate: String?
        enum CodingKeys: String, CodingKey { case splitSeq = "split_seq", decision, quantity, deliveryDate = "delivery_date" }
    }
    public struct ResponseLine: Sendable, Codable, Equatable {
        public let lineNo: Int64
        public let deliveries: [Delivery]
        public let substituteItem: String?
        public let substituteDescription: String?
        enum CodingKeys: String, CodingKey {
            case lineNo = "line_no", deliveries, substituteItem = "substitute_item", substituteDescription = "substitute_description"
        }
    }
    public struct InvoiceLine: Sendable, Codable, Equatable {
        public let lineNo: Int64
        public let quantity: String
        public let unitPriceMinor: Int64
        public let amountMinor: Int64
        enum CodingKeys: String, CodingKey { case lineNo = "line_no", quantity, unitPriceMinor = "unit_price_minor", amountMinor = "amount_minor" }
    }
    public struct File: Sendable, Codable, Equatable {
        public let seq: Int
        public let name: String
        public let contentType: String
        public let bytes: Int
        public let sha256: String
        enum CodingKeys: String, CodingKey { case seq, name, contentType = "content_type", bytes, sha256 }
    }

    public var schema = 1
    public let action: ActionKind
    public let party: Party
    public let user: String
    public let document: String
    public let version: Int64
    public var response: String?
    public var responseLines: [ResponseLine]?
    public var invoiceNumber: String?
    public var invoiceDate: String?
    public var currency: String?
    public var invoiceLines: [InvoiceLine]?
    public var totalMinor: Int64?
    public var note: String?
    public var files: [File]?
    /// invoice_request: where the copy goes.
    public var email: String?

    enum CodingKeys: String, CodingKey {
        case schema, action, party, user, document, version, response, responseLines = "response_lines", invoiceNumber = "invoice_number",
             invoiceDate = "invoice_date", currency, invoiceLines = "invoice_lines", totalMinor = "total_minor", note, files, email
    }

    /// The stored form: JSON with sorted keys, so the same action always has the same bytes (and digest).
    public var canonicalJSON: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }
}

/// A checked action with its files, ready for the inbox.
public struct CheckedAction: Sendable {
    public let payload: ActionPayload
    public let files: [(name: String, contentType: String, data: [UInt8])]
    public var json: [UInt8] { payload.canonicalJSON }
    /// What makes two posts the same action: the payload (user included) and the files' contents.
    public var digest: String {
        var h = SHA256()
        h.update(json)
        for f in files { h.update(f.data) }
        return h.hex()
    }
}

/// Checks one posted form against the latest export: the user and their portal, the document, its version, lines,
/// quantities, dates, prices and files. Throws a `Refusal` naming what is wrong.
public struct ActionCheck {
    let db: Database
    let limits: Limits

    public struct Limits: Sendable {
        public var maxUploadBytes: Int
        public var maxFiles: Int
        public init(maxUploadBytes: Int, maxFiles: Int = 10) {
            self.maxUploadBytes = maxUploadBytes
            self.maxFiles = maxFiles
        }
    }

    /// Checks against the export only; the inbox itself refuses a second response to one order version and a second
    /// invoice with one number (its unique indexes), and recognises the same action sent twice.
    public init(db: Database, limits: Limits) {
        self.db = db
        self.limits = limits
    }

    static let common: Set<String> = ["action", "party_kind", "account", "document", "version", "note"]

    /// The portal folder a user reaches (`vendors/V10001/`), or nil for an unknown or inactive user.
    public func portal(ofUser login: String) throws -> (kind: String, account: String, folder: String)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT party_kind, account, active FROM portal_user WHERE login = ?", arguments: [login]),
              let kind: String = row["party_kind"], let account: String = row["account"], (row["active"] as Int64?) == 1 else { return nil }
        if kind == "vendor" { return (kind, account, Paths.vendor(account)) }
        let organisation = try String.fetchOne(db, sql: "SELECT COALESCE(invoice_account, account) FROM customer WHERE account = ?", arguments: [account])
        return organisation.map { ("customer", $0, Paths.customer($0)) }
    }

    public func check(_ fields: [FormField], login: String, portal: String) throws -> CheckedAction {
        var values: [String: String] = [:]
        var files: [FormField] = []
        for field in fields {
            if field.fileName != nil {
                guard field.name == "files" else { throw Refusal("receive_unexpected_field", ["field": field.name]) }
                if !field.value.isEmpty || !(field.fileName ?? "").isEmpty { files.append(field) }
                continue
            }
            guard values[field.name] == nil else { throw Refusal("receive_malformed", ["detail": "'\(field.name)' twice"]) }
            guard let text = String(validating: field.value, as: UTF8.self) else { throw Refusal("receive_malformed", ["detail": "'\(field.name)' is not UTF-8"]) }
            values[field.name] = text.replacingOccurrences(of: "\r\n", with: "\n")
        }
        guard let actionName = values["action"], let action = ActionKind(rawValue: actionName) else {
            throw Refusal("receive_malformed", ["detail": "no known action"])
        }
        guard let user = try self.portal(ofUser: login), user.folder == portal else { throw Refusal("receive_unknown_user") }
        guard values["party_kind"] == user.kind, values["account"] == user.account else { throw Refusal("receive_wrong_party") }
        guard let document = values["document"], !document.isEmpty, let version = values["version"].flatMap({ Int64($0) }) else {
            throw Refusal("receive_malformed", ["detail": "document or version missing"])
        }
        let note = try text(values["note"], field: "note", max: 4000, multiline: true)
        if action == .invoiceRequest { return try invoiceRequest(values, files: files, user: user, login: login, document: document, note: note) }
        guard user.kind == "vendor" else { throw Refusal("receive_wrong_party") }
        guard let order = try Row.fetchOne(db, sql: "SELECT vendor_account, status, current_version, is_consignment, currency FROM purchase_order WHERE number = ?",
                                           arguments: [document]),
              (order["vendor_account"] as String?) == user.account, (order["status"] as String?) != "draft" else {
            throw Refusal("receive_unknown_document", ["document": document])
        }
        let status: String = order["status"]
        let current: Int64 = order["current_version"]
        let currency: String = order["currency"]
        let party = ActionPayload.Party(kind: user.kind, account: user.account)
        let lines = try Row.fetchAll(db, sql: "SELECT line_no, quantity, unit_price_minor, delivery_date FROM po_line WHERE po_number = ? AND version = ? ORDER BY line_no",
                                     arguments: [document, current])
        let lineNumbers = lines.map { $0["line_no"] as Int64 }
        // Every line field must name a line of the version answered.
        var byLine: [Int64: [String: String]] = [:]
        for (name, value) in values where !Self.common.contains(name) {
            let parts = name.split(separator: "-", maxSplits: 2).map(String.init)
            if parts.count == 3, parts[0] == "line", let n = Int64(parts[1]) {
                if parts[2] == "unit-price", action == .poResponse { throw Refusal("receive_price_change") }
                guard lineNumbers.contains(n) else { throw Refusal("receive_no_line", ["line": String(n), "version": String(version)]) }
                byLine[n, default: [:]][parts[2]] = value
            } else if !(action == .poResponse && name == "response") && !(action == .poInvoice && ["invoice-number", "invoice-date"].contains(name)) {
                throw Refusal("receive_unexpected_field", ["field": String(name.prefix(60))])
            }
        }
        switch action {
        case .poResponse:
            guard status == "in_external_review", (order["is_consignment"] as Int64?) == 0 else { throw Refusal("receive_not_awaiting", ["document": document]) }
            guard version == current else { throw Refusal("receive_outdated", ["version": String(version), "current": String(current), "document": document]) }
            let answered = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM po_response WHERE po_number = ? AND version = ?)", arguments: [document, version]) ?? false
            if answered {
                throw Refusal("receive_already_answered", ["document": document, "version": String(version)])
            }
            guard let response = values["response"], ["accepted", "rejected", "accepted_with_changes"].contains(response) else { throw Refusal("receive_bad_response") }
            guard files.isEmpty else { throw Refusal("receive_unexpected_field", ["field": "files"]) }
            var answers: [ActionPayload.ResponseLine] = []
            for line in lines {
                let n: Int64 = line["line_no"]
                let given = byLine[n] ?? [:]
                let ordered = Quantity(line["quantity"] as String) ?? Quantity("0")!
                let orderedDate: String? = line["delivery_date"]
                let decision = given["decision"] ?? "accept"
                guard ["accept", "reject"].contains(decision) else { throw Refusal("receive_malformed", ["detail": "line \(n) decision"]) }
                var deliveries: [ActionPayload.Delivery] = []
                let first = try quantity(given["quantity"], line: n) ?? ordered
                let firstDate = try date(given["date"], line: n) ?? orderedDate
                deliveries.append(.init(splitSeq: 1, decision: decision, quantity: first.text, deliveryDate: firstDate))
                for seq in [2, 3] {
                    let q = try quantity(given["split\(seq)-quantity"], line: n)
                    let d = try date(given["split\(seq)-date"], line: n)
                    switch (q, d) {
                    case (nil, nil): continue
                    case (let q?, let d?): deliveries.append(.init(splitSeq: seq, decision: decision, quantity: q.text, deliveryDate: d))
                    default: throw Refusal("receive_split_incomplete", ["line": String(n), "seq": String(seq)])
                    }
                }
                let substitute = try text(given["substitute-item"], field: "substitute", max: 60, multiline: false)
                let substituteDescription = try text(given["substitute-description"], field: "substitute", max: 200, multiline: false)
                let unchanged = decision == "accept" && deliveries.count == 1 && first == ordered && firstDate == orderedDate && substitute == nil && substituteDescription == nil
                if response == "accepted" && !unchanged { throw Refusal("receive_accepted_changed") }
                if decision == "accept", deliveries.contains(where: { Quantity($0.quantity ?? "0").map { $0.units <= 0 } ?? true }) {
                    throw Refusal("receive_bad_quantity", ["line": String(n), "value": "0"])
                }
                answers.append(.init(lineNo: n, deliveries: decision == "reject" ? [.init(splitSeq: 1, decision: "reject", quantity: nil, deliveryDate: nil)] : deliveries,
                                     substituteItem: substitute, substituteDescription: substituteDescription))
            }
            var payload = ActionPayload(action: .poResponse, party: party, user: login, document: document, version: version)
            payload.response = response
            payload.responseLines = response == "accepted_with_changes" ? answers : nil
            payload.note = note
            return CheckedAction(payload: payload, files: [])
        case .poInvoice:
            guard status == "confirmed", (order["is_consignment"] as Int64?) == 0 else { throw Refusal("receive_not_invoiceable", ["document": document]) }
            guard version == current else { throw Refusal("receive_outdated", ["version": String(version), "current": String(current), "document": document]) }
            guard let number = try text(values["invoice-number"], field: "invoice-number", max: 50, multiline: false) else { throw Refusal("receive_invoice_number") }
            let used = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vendor_invoice WHERE vendor_account = ? AND invoice_number = ?)",
                                         arguments: [user.account, number]) ?? false
            if used { throw Refusal("receive_invoice_number_used", ["number": number]) }
            guard let invoiceDate = values["invoice-date"], Day(invoiceDate) != nil else { throw Refusal("receive_bad_date", ["line": "-", "value": String((values["invoice-date"] ?? "").prefix(30))]) }
            guard let money = Currency(code: currency) else { throw Refusal("receive_unknown_document", ["document": document]) }
            var invoiceLines: [ActionPayload.InvoiceLine] = []
            for line in lines {
                let n: Int64 = line["line_no"]
                guard let given = byLine[n], let q = given["quantity"], let p = given["unit-price"] else { throw Refusal("receive_line_missing", ["line": String(n)]) }
                guard let quantity = Quantity(q.trimmingCharacters(in: .whitespaces)), quantity.units >= 0, q.utf8.count <= 18 else {
                    throw Refusal("receive_bad_quantity", ["line": String(n), "value": String(q.prefix(30))])
                }
                guard let price = Self.minor(p, digits: money.minorDigits), price >= 0 else {
                    throw Refusal("receive_bad_price", ["line": String(n), "value": String(p.prefix(30)), "currency": currency])
                }
                let amount = Self.amount(quantity, price)
                guard let amount else { throw Refusal("receive_bad_quantity", ["line": String(n), "value": String(q.prefix(30))]) }
                invoiceLines.append(.init(lineNo: n, quantity: quantity.text, unitPriceMinor: price, amountMinor: amount))
            }
            guard invoiceLines.contains(where: { (Quantity($0.quantity)?.units ?? 0) > 0 }) else { throw Refusal("receive_nothing_invoiced") }
            guard files.count <= limits.maxFiles else { throw Refusal("receive_too_many_files", ["max": String(limits.maxFiles)]) }
            guard files.reduce(0, { $0 + $1.value.count }) <= limits.maxUploadBytes else {
                throw Refusal("receive_file_size", ["max": String(limits.maxUploadBytes / 1_048_576)])
            }
            var stored: [(name: String, contentType: String, data: [UInt8])] = []
            for file in files {
                // The name's last part only (a client may send a path), made safe as attachment names are.
                let last = (file.fileName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                let name = Paths.fileName(last.isEmpty ? "file" : last)
                guard let type = Self.fileType(file.value) else { throw Refusal("receive_file_type", ["name": String(name.prefix(80))]) }
                stored.append((name, type, file.value))
            }
            var payload = ActionPayload(action: .poInvoice, party: party, user: login, document: document, version: version)
            payload.invoiceNumber = number
            payload.invoiceDate = invoiceDate
            payload.currency = currency
            payload.invoiceLines = invoiceLines
            payload.totalMinor = invoiceLines.reduce(0) { $0 + $1.amountMinor }
            payload.note = note
            payload.files = stored.enumerated().map { i, f in
                var h = SHA256()
                h.update(f.data)
                return ActionPayload.File(seq: i + 1, name: f.name, contentType: f.contentType, bytes: f.data.count, sha256: h.hex())
            }
            return CheckedAction(payload: payload, files: stored)
        case .invoiceRequest:
            throw Refusal("receive_wrong_party")
        }
    }

    /// A customer asks for a copy of one of the portal's invoices, sent to an e-mail address.
    func invoiceRequest(_ values: [String: String], files: [FormField], user: (kind: String, account: String, folder: String), login: String,
                        document: String, note: String?) throws -> CheckedAction {
        guard user.kind == "customer" else { throw Refusal("receive_wrong_party") }
        for name in values.keys where !Self.common.contains(name) && name != "email" {
            throw Refusal("receive_unexpected_field", ["field": String(name.prefix(60))])
        }
        guard files.isEmpty else { throw Refusal("receive_unexpected_field", ["field": "files"]) }
        let portal = try String.fetchOne(db, sql: """
            SELECT COALESCE(c.invoice_account, c.account) FROM customer_invoice i JOIN customer c ON c.account = i.customer_account WHERE i.number = ?
            """, arguments: [document])
        guard portal == user.account else { throw Refusal("receive_unknown_invoice", ["document": document]) }
        let pending = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM invoice_request WHERE invoice_number = ? AND status = 'pending')", arguments: [document]) ?? false
        guard !pending else { throw Refusal("receive_already_requested", ["document": document]) }
        let email = (values["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 200, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 || "<>\",;()[]\\".unicodeScalars.contains($0) }) else {
            throw Refusal("receive_bad_email", ["value": String(email.prefix(60))])
        }
        var payload = ActionPayload(action: .invoiceRequest, party: .init(kind: "customer", account: user.account), user: login, document: document, version: 1)
        payload.email = email
        payload.note = note
        return CheckedAction(payload: payload, files: [])
    }

    /// A file's type from its first bytes: PDF, PNG or JPEG, whatever its name or declared type says.
    static func fileType(_ data: [UInt8]) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// `12.5` in a currency of two minor digits: 1250. Nil when not a plain decimal or with too many decimals.
    static func minor(_ text: String, digits: Int) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let q = Quantity(t), q.scale <= digits, t.utf8.count <= 18 else { return nil }
        var v = q.units
        for _ in q.scale..<digits {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            if o { return nil }
            v = m
        }
        return v
    }

    /// quantity × price in minor units, rounded half away from zero; nil on overflow.
    static func amount(_ q: Quantity, _ priceMinor: Int64) -> Int64? {
        let (product, overflow) = q.units.multipliedReportingOverflow(by: priceMinor)
        guard !overflow else { return nil }
        var divisor: Int64 = 1
        for _ in 0..<q.scale { divisor *= 10 }
        return (product + divisor / 2) / divisor
    }

    func quantity(_ text: String?, line: Int64) throws -> Quantity? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard t.utf8.count <= 18, let q = Quantity(t), q.units >= 0 else { throw Refusal("receive_bad_quantity", ["line": String(line), "value": String(t.prefix(30))]) }
        return q
    }

    func date(_ text: String?, line: Int64) throws -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard Day(t) != nil else { throw Refusal("receive_bad_date", ["line": String(line), "value": String(t.prefix(30))]) }
        return t
    }

    /// Free text: nil when empty; refused when too long or (single-line) holding control characters.
    func text(_ value: String?, field: String, max: Int, multiline: Bool) throws -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        guard v.count <= max else { throw Refusal("receive_too_long", ["field": field, "max": String(max)]) }
        let bad = v.unicodeScalars.contains { $0.value < 32 && !(multiline && ($0 == "\n" || $0 == "\t")) || $0.value == 127 }
        guard !bad else { throw Refusal("receive_malformed", ["detail": "control characters in \(field)"]) }
        return v
    }
}
