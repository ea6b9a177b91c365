import Mustache
import PorticoPlan
import PorticoModel

/// A template compiled from swift-mustache's own parse, rendered straight into bytes over typed contexts.
///
/// swift-mustache stays the definition of the template language: it parses `Templates/` (so whitespace, standalone
/// lines, partials and blocks are exactly its rules), and it is the reference renderer the tests compare against.
/// Its renderer looks every `{{name}}` up by splitting the name into `Character`s and casting each context level to
/// several protocols, which was about 60 % of a full build's CPU. The compiled form splits names once, at load, and
/// reads contexts through `TemplateContext.value(named:)`.
///
/// Only what Portico's templates need is compiled: text, variables, sections, inverted sections, partials, parents
/// and blocks, and the content-type pragma. A template with anything else (transforms, lambdas, dynamic partials,
/// indented partials or blocks) is not compiled, and the renderer uses swift-mustache for every page.
final class CompiledTemplate: Sendable {
    let nodes: [Node]
    init(nodes: [Node]) { self.nodes = nodes }

    enum Node: Sendable {
        case text([UInt8])
        /// `{{name}}` (escaped by the current content type) or `{{{name}}}` / `{{&name}}` (`escaped` false).
        case variable(Name, escaped: Bool)
        case section(Name, CompiledTemplate)
        case inverted(Name, CompiledTemplate)
        /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it overrides.
        case partial(String, overrides: [String: CompiledTemplate]?)
        /// `{{$name}}default{{/name}}`.
        case block(String, CompiledTemplate)
        /// `{{% CONTENT_TYPE: …}}`: whether `{{name}}` HTML-escapes from here on.
        case contentType(escapes: Bool)
    }

    /// A variable or section name, split at load.
    struct Name: Sendable {
        enum Kind: Sendable {
            /// `{{.}}`, or a name with no parts: the innermost context itself.
            case current
            /// `{{.a.b}}`: looked up in the innermost context only.
            case anchored
            /// `{{a.b}}`: `a` is looked up from the innermost context outwards, then `b` inside it.
            case climbing
        }
        let kind: Kind
        let parts: [FieldKey]

        init(_ name: String) {
            parts = name.split(separator: ".").map { FieldKey(String($0)) }
            if name == "." || parts.isEmpty {
                kind = .current
            } else if name.first == "." {
                kind = .anchored
            } else {
                kind = .climbing
            }
        }
    }
}

/// Why a template was not compiled (the renderer then uses swift-mustache).
struct NotCompiled: Error, CustomStringConvertible {
    let template: String
    let reason: String
    var description: String { "\(template).mustache: \(reason)" }
}

/// Reads swift-mustache's parse of a template (its `tokens`, by reflection, once at load) into a `CompiledTemplate`.
enum TemplateCompiler {
    static func compile(_ template: MustacheTemplate, name: String) throws(NotCompiled) -> CompiledTemplate {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else {
            throw NotCompiled(template: name, reason: "swift-mustache's parse has no tokens")
        }
        var nodes: [CompiledTemplate.Node] = []
        for token in Mirror(reflecting: tokens).children.map(\.value) {
            nodes.append(try node(token, in: name))
        }
        // Adjacent text (e.g. around a removed comment) is one write.
        var merged: [CompiledTemplate.Node] = []
        for node in nodes {
            if case .text(let bytes) = node, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + bytes)
            } else if case .text(let bytes) = node, bytes.isEmpty {
                continue
            } else {
                merged.append(node)
            }
        }
        return CompiledTemplate(nodes: merged)
    }

    private static func node(_ token: Any, in name: String) throws(NotCompiled) -> CompiledTemplate.Node {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let label = payload.label else {
            throw NotCompiled(template: name, reason: "unknown token \(token)")
        }
        let values = fields(payload.value)
        func string(_ i: Int) throws(NotCompiled) -> String {
            guard i < values.count, let value = values[i] as? String else {
                throw NotCompiled(template: name, reason: "unexpected \(label) token")
            }
            return value
        }
        func template(_ i: Int) throws(NotCompiled) -> CompiledTemplate {
            guard i < values.count, let value = values[i] as? MustacheTemplate else {
                throw NotCompiled(template: name, reason: "unexpected \(label) token")
            }
            return try compile(value, name: name)
        }
        func noTransforms(_ i: Int) throws(NotCompiled) {
            guard i < values.count, let transforms = values[i] as? [String] else {
                throw NotCompiled(template: name, reason: "unexpected \(label) token")
            }
            guard transforms.isEmpty else {
                throw NotCompiled(template: name, reason: "transforms (\(transforms.joined(separator: ", ")))")
            }
        }
        func noIndentation(_ i: Int) throws(NotCompiled) {
            guard i < values.count else { throw NotCompiled(template: name, reason: "unexpected \(label) token") }
            if let indentation = unwrap(values[i]) as? String, !indentation.isEmpty {
                throw NotCompiled(template: name, reason: "an indented partial or block")
            }
        }
        switch label {
        case "text":
            return .text(Array(try string(0).utf8))
        case "variable", "unescapedVariable":
            try noTransforms(1)
            return .variable(.init(try string(0)), escaped: label == "variable")
        case "section":
            try noTransforms(1)
            return .section(.init(try string(0)), try template(2))
        case "invertedSection":
            try noTransforms(1)
            return .inverted(.init(try string(0)), try template(2))
        case "partial":
            try noIndentation(1)
            guard values.count == 3 else { throw NotCompiled(template: name, reason: "unexpected partial token") }
            var overrides: [String: CompiledTemplate]?
            if let inherits = unwrap(values[2]) {
                guard let templates = inherits as? [String: MustacheTemplate] else {
                    throw NotCompiled(template: name, reason: "unexpected partial token")
                }
                var compiled: [String: CompiledTemplate] = [:]
                for (block, template) in templates { compiled[block] = try compile(template, name: name) }
                overrides = compiled
            }
            return .partial(try string(0), overrides: overrides)
        case "blockExpansion":
            try noIndentation(2)
            return .block(try string(0), try template(1))
        case "contentType":
            guard let type = values.first as? any MustacheContentType else {
                throw NotCompiled(template: name, reason: "unexpected content type token")
            }
            let probe = "<&>\"'"
            switch type.escapeText(probe) {
            case probe: return .contentType(escapes: false)
            case HTML.escape(probe): return .contentType(escapes: true)
            default: throw NotCompiled(template: name, reason: "a content type other than TEXT or HTML")
            }
        default:
            throw NotCompiled(template: name, reason: "\(label) (not compiled)")
        }
    }

    /// The associated values of an enum case, in order.
    private static func fields(_ payload: Any) -> [Any] {
        let mirror = Mirror(reflecting: payload)
        return mirror.displayStyle == .tuple ? mirror.children.map(\.value) : [payload]
    }

    /// The wrapped value of an optional (nil for `.none`), or the value itself.
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// Renders compiled templates into one byte buffer, with swift-mustache's semantics:
/// a name is looked up from the innermost context outwards; a declared nil (`.null`) stops the climb and renders as
/// nothing; sections iterate lists, test booleans and enter other values; inverted sections render for nil, false,
/// `.null` and empty lists; a partial starts in HTML content type; block overrides of an outer parent win.
struct CompiledRenderer {
    let templates: [String: CompiledTemplate]

    func render(_ name: String, _ root: any TemplateContext) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var machine = Machine(templates: templates)
        machine.stack.append(root.templateValue)
        machine.run(template, escapes: true, overrides: nil)
        return machine.out
    }

    struct Machine {
        let templates: [String: CompiledTemplate]
        var out: [UInt8] = []
        var stack: [TemplateValue] = []

        init(templates: [String: CompiledTemplate]) {
            self.templates = templates
            out.reserveCapacity(16 * 1024)
            stack.reserveCapacity(8)
        }

        mutating func run(_ template: CompiledTemplate, escapes: Bool, overrides: [String: CompiledTemplate]?) {
            var escapes = escapes
            for node in template.nodes {
                switch node {
                case .text(let bytes):
                    out.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    if let value = lookup(name) { write(value, escaped: escaped, escapes: escapes) }
                case .section(let name, let body):
                    switch lookup(name) {
                    case nil, .null?:
                        break
                    case .list(let list)?:
                        for i in 0..<list.count {
                            stack.append(list.element(at: i))
                            run(body, escapes: escapes, overrides: overrides)
                            stack.removeLast()
                        }
                    case .bool(let value)?:
                        if value { run(body, escapes: escapes, overrides: overrides) }
                    case let value?:
                        stack.append(value)
                        run(body, escapes: escapes, overrides: overrides)
                        stack.removeLast()
                    }
                case .inverted(let name, let body):
                    switch lookup(name) {
                    case nil, .null?:
                        run(body, escapes: escapes, overrides: overrides)
                    case .list(let list)?:
                        if list.count == 0 {
                            stack.append(.list(list))
                            run(body, escapes: escapes, overrides: overrides)
                            stack.removeLast()
                        }
                    case .bool(let value)?:
                        if !value { run(body, escapes: escapes, overrides: overrides) }
                    case .some:
                        break
                    }
                case .partial(let name, let own):
                    guard let partial = templates[name] else { break }
                    var merged = overrides
                    if let own {
                        // An outer parent's overrides win over this one's, as in swift-mustache.
                        merged = overrides.map { $0.merging(own) { outer, _ in outer } } ?? own
                    }
                    run(partial, escapes: true, overrides: merged)
                case .block(let name, let fallback):
                    run(overrides?[name] ?? fallback, escapes: escapes, overrides: overrides)
                case .contentType(let value):
                    escapes = value
                }
            }
        }

        func lookup(_ name: CompiledTemplate.Name) -> TemplateValue? {
            switch name.kind {
            case .current:
                return stack.last
            case .anchored:
                guard let top = stack.last else { return nil }
                return resolve(top, name.parts, from: 0)
            case .climbing:
                let first = name.parts[0]
                var i = stack.count - 1
                while i >= 0 {
                    if let value = stack[i].child(named: first) {
                        return name.parts.count == 1 ? value : resolve(value, name.parts, from: 1)
                    }
                    i -= 1
                }
                return nil
            }
        }

        private func resolve(_ value: TemplateValue, _ parts: [FieldKey], from start: Int) -> TemplateValue? {
            var value = value
            for part in parts[start...] {
                guard let child = value.child(named: part) else { return nil }
                value = child
            }
            return value
        }

        mutating func write(_ value: TemplateValue, escaped: Bool, escapes: Bool) {
            let again = escaped && escapes
            switch value {
            case .null:
                break
            case .text(let text):
                // `EscapedText` escapes itself; an HTML content type escapes the result again.
                if again { append(HTML.escape(text), escaping: true) } else { append(text, escaping: true) }
            case .html(let text), .plain(let text):
                append(text, escaping: again)
            case .bool(let flag):
                append(flag ? "true" : "false", escaping: false)
            case .context, .list:
                append(String(describing: value.mustacheValue), escaping: again)
            }
        }

        mutating func append(_ text: String, escaping: Bool) {
            var text = text
            text.withUTF8 { bytes in
                guard escaping else { out.append(contentsOf: bytes); return }
                var start = 0
                var i = HTMLSpecials.first(in: bytes, from: 0)
                while i < bytes.count {
                    let replacement: StaticString
                    switch bytes[i] {
                    case 0x26: replacement = "&amp;"
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x22: replacement = "&quot;"
                    default: replacement = "&#39;"
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                    start = i + 1
                    i = HTMLSpecials.first(in: bytes, from: start)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            }
        }
    }
}

extension TemplateValue {
    /// A key of this value as one context level. Values that are not contexts answer as swift-mustache's reflection
    /// would: the stored property of `EscapedText` (`text`) and `RawHTML` (`html`), nothing else.
    func child(named key: FieldKey) -> TemplateValue? {
        switch self {
        case .context(let context): context.value(for: key)
        case .text(let text): key == .text ? .plain(text) : nil
        case .html(let html): key == .html ? .plain(html) : nil
        default: nil
        }
    }
}
