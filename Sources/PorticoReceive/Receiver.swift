import Foundation
import GRDB
import PorticoModel
import PorticoPlan
import PorticoRender
import PorticoStore

/// `portico receive`: takes the actions nginx forwards (with the signed-in user), checks each against the latest
/// export, stores accepted ones in the inbox before answering, records every attempt, and answers with a page in the
/// user's language.
public final class Receiver {
    let exportPath: String
    let inbox: Inbox
    let config: SiteConfig
    let labels: [SupportedLocale: Labels]
    let renderer: Renderer
    let stylesheet: String
    let script: String
    /// The clock, replaceable in tests.
    var now: () -> Date = Date.init

    /// `siteDirectory` holds `Templates/`; `outDirectory` (the build's output, optional) gives the served stylesheet.
    public init(exportPath: String, inbox: Inbox, config: SiteConfig, siteDirectory: String, outDirectory: String?) throws {
        self.exportPath = exportPath
        self.inbox = inbox
        self.config = config
        labels = try Labels.load(directory: siteDirectory + "/Templates/i18n")
        renderer = try Renderer(directory: siteDirectory + "/Templates")
        var css = "assets/app.css", js = "assets/app.js"
        if let out = outDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: out + "/current/assets") {
            if let c = names.sorted().first(where: { $0.hasPrefix("app.") && $0.hasSuffix(".css") }) { css = "assets/" + c }
            if let j = names.sorted().first(where: { $0.hasPrefix("app.") && $0.hasSuffix(".js") }) { js = "assets/" + j }
        }
        stylesheet = css
        script = js
    }

    var timestamp: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: now())
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "POST" else { return HTTPResponse(status: 405, body: Array("POST only\n".utf8)) }
        let time = timestamp
        let login = request.headers["x-portico-user"] ?? ""
        let portal = request.headers["x-portico-portal"] ?? ""
        var answer = Answer(locale: config.defaultLocale, info: nil, backHref: nil)
        func refuse(_ refusal: Refusal, status: Int, kind: String? = nil, document: String? = nil) -> HTTPResponse {
            let english = labels[.enUS].map { $0.format(refusal.key, with: refusal.arguments) } ?? refusal.key
            do {
                try inbox.record(at: time, login: login.isEmpty ? nil : login, portal: portal.isEmpty ? nil : portal, kind: kind, document: document,
                                 outcome: "refused", message: english, actionID: nil)
            } catch {
                return page(answer, accepted: false, messages: [refusal, Refusal("receive_unavailable")], status: 503)
            }
            return page(answer, accepted: false, messages: [refusal], status: status)
        }
        guard !login.isEmpty, !portal.isEmpty, request.target.split(separator: "?").first.map(String.init) == config.actions.path + portal else {
            return refuse(Refusal("receive_unknown_user"), status: 403)
        }
        guard let fields = FormData.parse(contentType: request.headers["content-type"] ?? "", body: request.body) else {
            return refuse(Refusal("receive_malformed", ["detail": "not a form"]), status: 400)
        }
        let kind = fields.first { $0.name == "action" }?.text
        let document = fields.first { $0.name == "document" }?.text
        let checked: CheckedAction
        do {
            let export = try ExportDatabase(path: exportPath)
            checked = try export.read { reader -> CheckedAction in
                let info = try reader.info()
                let check = ActionCheck(db: reader.db, limits: .init(maxUploadBytes: config.actions.maxUploadBytes))
                answer.info = info
                if let user = try check.portal(ofUser: login) {
                    let table = user.kind == "vendor" ? "vendor" : "customer"
                    answer.locale = try String.fetchOne(reader.db, sql: "SELECT locale FROM \(table) WHERE account = ?", arguments: [user.account]) ?? config.defaultLocale
                    if let document, user.kind == "vendor" {
                        answer.backHref = Self.base(config) + Paths.vendor(user.account) + "purchase-orders/" + Paths.segment(document) + "/"
                    } else if let document {
                        answer.backHref = Self.base(config) + Paths.customer(user.account) + "invoices/" + Paths.segment(document) + ".html"
                    }
                }
                return try check.check(fields, login: login, portal: portal)
            }
        } catch let refusal as Refusal {
            return refuse(refusal, status: refusal.key == "receive_unknown_user" || refusal.key == "receive_wrong_party" ? 403 : 422, kind: kind, document: document)
        } catch {
            // The export cannot be read (being replaced, broken): nothing is stored; the user may try again.
            FileHandle.standardError.write(Data("portico receive: \(exportPath): \(error)\n".utf8))
            return refuse(Refusal("receive_unavailable"), status: 503, kind: kind, document: document)
        }
        let p = checked.payload
        let outcome: Inbox.Outcome
        do {
            outcome = try inbox.store(checked, at: time)
        } catch {
            FileHandle.standardError.write(Data("portico receive: \(error)\n".utf8))
            return page(answer, accepted: false, messages: [Refusal("receive_unavailable")], status: 503)
        }
        switch outcome {
        case .stored(let id):
            let ok = switch p.action {
            case .poResponse: Refusal("receive_ok_response", ["document": p.document, "version": String(p.version)])
            case .poInvoice: Refusal("receive_ok_invoice", ["document": p.document, "number": p.invoiceNumber ?? ""])
            case .invoiceRequest: Refusal("receive_ok_request", ["document": p.document])
            }
            let english = labels[.enUS].map { $0.format(ok.key, with: ok.arguments) } ?? ok.key
            // The action is committed; a failure to record the attempt does not undo it.
            try? inbox.record(at: time, login: login, portal: portal, kind: p.action.rawValue, document: p.document, outcome: "accepted", message: english, actionID: id)
            return page(answer, accepted: true, messages: [ok], status: 200)
        case .duplicate(let earlier):
            let message = Refusal("receive_duplicate", ["date": earlier])
            let english = labels[.enUS].map { $0.format(message.key, with: message.arguments) } ?? message.key
            try? inbox.record(at: time, login: login, portal: portal, kind: p.action.rawValue, document: p.document, outcome: "duplicate", message: english, actionID: nil)
            return page(answer, accepted: true, messages: [message], status: 200)
        case .conflict:
            let refusal = switch p.action {
            case .poResponse: Refusal("receive_already_answered", ["document": p.document, "version": String(p.version)])
            case .poInvoice: Refusal("receive_invoice_number_used", ["number": p.invoiceNumber ?? ""])
            case .invoiceRequest: Refusal("receive_already_requested", ["document": p.document])
            }
            return refuse(refusal, status: 422, kind: p.action.rawValue, document: p.document)
        }
    }

    struct Answer {
        var locale: String
        var info: ExportInfo?
        var backHref: String?
    }

    static func base(_ config: SiteConfig) -> String {
        guard let url = URL(string: config.baseURL), url.host != nil else { return config.baseURL.hasSuffix("/") ? config.baseURL : config.baseURL + "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    func page(_ answer: Answer, accepted: Bool, messages: [Refusal], status: Int) -> HTTPResponse {
        let env = PlanEnvironment(config: config, labels: labels, exportedAt: answer.info?.exportedAt ?? Timestamp("1970-01-01T00:00:00Z")!,
                                  companyName: answer.info?.companyName ?? config.company.name, stylesheet: stylesheet, script: script)
        let locale = env.locale(for: answer.locale)
        let t = labels[locale] ?? Labels(language: locale.language, values: [:])
        let formats = Formats()
        let context = env.page(path: "receipt.html", locale: locale, formats: formats(locale), title: t[accepted ? "receive_title_ok" : "receive_title_refused"],
                               party: nil, nav: [], absoluteRoot: true,
                               page: ReceiptPage(accepted: accepted, messages: messages.map { t.format($0.key, with: $0.arguments) }, backHref: answer.backHref))
        do {
            return HTTPResponse(status: status, body: try renderer.render(PlannedFile(path: "receipt.html", content: .page(template: "receipt", context: context))))
        } catch {
            return HTTPResponse(status: 500, body: Array("\(error)\n".utf8))
        }
    }
}
