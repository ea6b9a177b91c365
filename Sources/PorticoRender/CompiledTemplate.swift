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

/// Every compiled template flattened into one program: plain instructions in one array (a section's body follows
/// it, and it holds where the body ends), all text in one buffer, all name parts in another. Rendering walks the
/// instructions by index: it copies no node and retains nothing to do so, where walking `CompiledTemplate`'s nodes
/// retained each node's payload and read each text through its own array.
final class TemplateProgram: @unchecked Sendable {
    struct Op {
        enum Code: UInt8 { case text, variable, section, inverted, partial, block, contentType }
        var code: Code
        /// `variable`: HTML-escaped; `contentType`: whether `{{name}}` escapes from here on.
        var flag = false
        /// A name's kind (`CompiledTemplate.Name.Kind`): 0 current, 1 anchored, 2 climbing.
        var kind: UInt8 = 0
        var partCount: UInt8 = 0
        /// `text`: offset in `text`; names: first part in `parts`; `partial`: the template's number or -1;
        /// `block`: the block's number in `blockNames`.
        var a: Int32 = 0
        /// `text`: length; `section`, `inverted`, `block`: the instruction after the body; `partial`: its
        /// overrides' number in `overrideSets`, or -1.
        var b: Int32 = 0
    }

    let ops: UnsafeMutableBufferPointer<Op>
    let text: UnsafeMutableBufferPointer<UInt8>
    let parts: UnsafeMutableBufferPointer<FieldKey>
    /// Each template's instructions, by name and by number.
    let entries: [String: Range<Int>]
    let templates: [Range<Int>]
    /// The blocks a parent partial overrides, as instruction ranges by block name.
    let overrideSets: [[String: Range<Int>]]
    let blockNames: [String]

    init(_ compiled: [String: CompiledTemplate]) {
        var ops: [Op] = []
        var text: [UInt8] = []
        var parts: [FieldKey] = []
        var overrideSets: [[String: Range<Int>]] = []
        var blockNumbers: [String: Int32] = [:]
        var blockNames: [String] = []
        let names = compiled.keys.sorted()
        var numbers: [String: Int32] = [:]
        for (i, name) in names.enumerated() { numbers[name] = Int32(i) }
        /// Override bodies are placed after everything else (they are not run where their partial stands).
        var pending: [(body: CompiledTemplate, set: Int, block: String)] = []

        func named(_ code: Op.Code, _ name: CompiledTemplate.Name, flag: Bool = false) -> Op {
            let kind: UInt8 = switch name.kind {
            case .current: 0
            case .anchored: 1
            case .climbing: 2
            }
            let op = Op(code: code, flag: flag, kind: kind, partCount: UInt8(name.parts.count), a: Int32(parts.count))
            parts += name.parts
            return op
        }
        func emit(_ template: CompiledTemplate) {
            for node in template.nodes {
                switch node {
                case .text(let bytes):
                    ops.append(Op(code: .text, a: Int32(text.count), b: Int32(bytes.count)))
                    text += bytes
                case .variable(let name, let escaped):
                    ops.append(named(.variable, name, flag: escaped))
                case .section(let name, let body), .inverted(let name, let body):
                    let at = ops.count
                    if case .section = node { ops.append(named(.section, name)) } else { ops.append(named(.inverted, name)) }
                    emit(body)
                    ops[at].b = Int32(ops.count)
                case .partial(let name, let overrides):
                    var set: Int32 = -1
                    if let overrides {
                        set = Int32(overrideSets.count)
                        overrideSets.append([:])
                        for (block, body) in overrides.sorted(by: { $0.key < $1.key }) { pending.append((body, Int(set), block)) }
                    }
                    ops.append(Op(code: .partial, a: numbers[name] ?? -1, b: set))
                case .block(let name, let fallback):
                    let number: Int32
                    if let known = blockNumbers[name] {
                        number = known
                    } else {
                        number = Int32(blockNames.count)
                        blockNumbers[name] = number
                        blockNames.append(name)
                    }
                    let at = ops.count
                    ops.append(Op(code: .block, a: number))
                    emit(fallback)
                    ops[at].b = Int32(ops.count)
                case .contentType(let escapes):
                    ops.append(Op(code: .contentType, flag: escapes))
                }
            }
        }
        var templates: [Range<Int>] = []
        var entries: [String: Range<Int>] = [:]
        for name in names {
            let start = ops.count
            emit(compiled[name]!)
            templates.append(start..<ops.count)
            entries[name] = start..<ops.count
        }
        while !pending.isEmpty {
            let (body, set, block) = pending.removeFirst()
            let start = ops.count
            emit(body)
            overrideSets[set][block] = start..<ops.count
        }
        self.ops = .allocate(capacity: ops.count)
        _ = self.ops.initialize(from: ops)
        self.text = .allocate(capacity: text.count)
        _ = self.text.initialize(from: text)
        self.parts = .allocate(capacity: parts.count)
        _ = self.parts.initialize(from: parts)
        self.entries = entries
        self.templates = templates
        self.overrideSets = overrideSets
        self.blockNames = blockNames
    }

    deinit {
        ops.deallocate()
        text.deallocate()
        parts.deallocate()
    }
}

/// Renders compiled templates into one byte buffer, with swift-mustache's semantics:
/// a name is looked up from the innermost context outwards; a declared nil (`.null`) stops the climb and renders as
/// nothing; sections iterate lists, test booleans and enter other values; inverted sections render for nil, false,
/// `.null` and empty lists; a partial starts in HTML content type; block overrides of an outer parent win.
struct CompiledRenderer {
    let program: TemplateProgram

    init(templates: [String: CompiledTemplate]) {
        program = TemplateProgram(templates)
    }

    func render(_ name: String, _ root: any TemplateContext) -> [UInt8]? {
        guard let range = program.entries[name] else { return nil }
        var machine = Machine(program: program)
        machine.stack.append(root.templateValue)
        machine.run(range, escapes: true, overrides: nil)
        defer { machine.out.deallocate() }
        return withExtendedLifetime(program) { machine.out.bytes() }
    }

    struct Machine {
        let program: TemplateProgram
        let ops: UnsafeMutableBufferPointer<TemplateProgram.Op>
        let text: UnsafeMutableBufferPointer<UInt8>
        let parts: UnsafeMutableBufferPointer<FieldKey>
        var out = PageBuffer(capacity: 16 * 1024)
        var stack: [TemplateValue] = []

        init(program: TemplateProgram) {
            self.program = program
            ops = program.ops
            text = program.text
            parts = program.parts
            stack.reserveCapacity(8)
        }

        mutating func run(_ range: Range<Int>, escapes: Bool, overrides: [String: Range<Int>]?) {
            var escapes = escapes
            var pc = range.lowerBound
            let end = range.upperBound
            while pc < end {
                let op = ops[pc]
                switch op.code {
                case .text:
                    out.append(text.baseAddress! + Int(op.a), count: Int(op.b))
                    pc += 1
                case .variable:
                    if let value = lookup(op) { write(value, escaped: op.flag, escapes: escapes) }
                    pc += 1
                case .section:
                    let body = (pc + 1)..<Int(op.b)
                    switch lookup(op) {
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
                    pc = Int(op.b)
                case .inverted:
                    let body = (pc + 1)..<Int(op.b)
                    switch lookup(op) {
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
                    pc = Int(op.b)
                case .partial:
                    if op.a >= 0 {
                        var merged = overrides
                        if op.b >= 0 {
                            let own = program.overrideSets[Int(op.b)]
                            // An outer parent's overrides win over this one's, as in swift-mustache.
                            merged = overrides.map { $0.merging(own) { outer, _ in outer } } ?? own
                        }
                        run(program.templates[Int(op.a)], escapes: true, overrides: merged)
                    }
                    pc += 1
                case .block:
                    let fallback = (pc + 1)..<Int(op.b)
                    run(overrides?[program.blockNames[Int(op.a)]] ?? fallback, escapes: escapes, overrides: overrides)
                    pc = Int(op.b)
                case .contentType:
                    escapes = op.flag
                    pc += 1
                }
            }
        }

        func lookup(_ op: TemplateProgram.Op) -> TemplateValue? {
            switch op.kind {
            case 0:
                return stack.last
            case 1:
                guard let top = stack.last else { return nil }
                return resolve(top, op, from: 0)
            default:
                let first = parts[Int(op.a)]
                var i = stack.count - 1
                while i >= 0 {
                    if let value = stack[i].child(named: first) {
                        return op.partCount == 1 ? value : resolve(value, op, from: 1)
                    }
                    i -= 1
                }
                return nil
            }
        }

        private func resolve(_ value: TemplateValue, _ op: TemplateProgram.Op, from start: Int) -> TemplateValue? {
            var value = value
            for k in start..<Int(op.partCount) {
                guard let child = value.child(named: parts[Int(op.a) + k]) else { return nil }
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
                guard escaping else { out.append(bytes); return }
                var start = 0
                var i = HTMLSpecials.first(in: bytes, from: 0)
                while i < bytes.count {
                    let replacement = HTMLSpecials.replacement(for: bytes[i])
                    out.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    replacement.withUTF8Buffer { out.append($0) }
                    start = i + 1
                    i = HTMLSpecials.first(in: bytes, from: start)
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            }
        }
    }
}

/// The page being written: pieces are copied into storage that doubles when full. A page is written in hundreds of
/// pieces, and `[UInt8].append(contentsOf:)` was a generic call of about 90 instructions for each.
/// Owned by one render: `deallocate()` when done.
struct PageBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: bytes, count: n)
        count += n
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, count: bytes.count)
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// The bytes written.
    func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func deallocate() { base.deallocate() }
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
