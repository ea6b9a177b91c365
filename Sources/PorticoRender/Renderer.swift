import Foundation
import Mustache
import PorticoPlan

/// Why templates cannot be used. Every message names the file, and the line where there is one.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    case templatesMissing(directory: String)
    case syntax(file: String, line: Int, column: Int, detail: String)
    case unknownPartial(file: String, line: Int, partial: String)
    case unknownTemplate(name: String)

    public var description: String {
        switch self {
        case .templatesMissing(let directory): "\(directory): no templates found"
        case .syntax(let file, let line, let column, let detail): "\(file):\(line):\(column): template syntax error: \(detail)"
        case .unknownPartial(let file, let line, let partial): "\(file):\(line): unknown partial '\(partial)'"
        case .unknownTemplate(let name): "no template named '\(name)'"
        }
    }
}

/// A tag of a template, as found by `TemplateScanner`.
public struct TemplateTag: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case variable, section, inverted, close, partial, parent, block, comment }
    public let kind: Kind
    public let name: String
    public let line: Int
}

/// Finds the tags of a Mustache template (default delimiters only), with their line numbers.
public enum TemplateScanner {
    public static func tags(in text: String) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        let chars = Array(text.utf8)
        var i = 0
        var line = 1
        while i < chars.count {
            if chars[i] == UInt8(ascii: "\n") { line += 1 }
            guard chars[i] == UInt8(ascii: "{"), i + 1 < chars.count, chars[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            let triple = i + 2 < chars.count && chars[i + 2] == UInt8(ascii: "{")
            let start = i + (triple ? 3 : 2)
            var end = start
            while end + 1 < chars.count, !(chars[end] == UInt8(ascii: "}") && chars[end + 1] == UInt8(ascii: "}")) { end += 1 }
            var body = String(decoding: chars[start..<min(end, chars.count)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var kind = TemplateTag.Kind.variable
            if let first = body.first, "#^/>!&<$".contains(first) {
                switch first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "!": kind = .comment
                case "<": kind = .parent
                case "$": kind = .block
                default: kind = .variable
                }
                body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            tags.append(TemplateTag(kind: kind, name: body, line: line))
            for c in chars[i..<min(end + 2, chars.count)] where c == UInt8(ascii: "\n") { line += 1 }
            i = end + 2 + (triple ? 1 : 0)
        }
        return tags
    }
}

/// The templates of `Templates/`, checked at load, rendering planned pages.
public struct Renderer: Sendable {
    /// How pages are rendered.
    public enum Engine: String, Sendable {
        /// Templates compiled from swift-mustache's parse (`CompiledTemplate`): the default.
        case compiled
        /// swift-mustache's own renderer: the reference, and what is used when a template is not compiled.
        case swiftMustache = "swift-mustache"
    }

    let library: MustacheLibrary
    let compiled: CompiledRenderer?
    public let templateNames: [String]
    /// The engine that renders the pages.
    public var engine: Engine { compiled == nil ? .swiftMustache : .compiled }
    /// Why the templates were not compiled, when `.compiled` was asked for and swift-mustache renders instead
    /// (a template uses a Mustache feature the compiler leaves to swift-mustache), naming the template.
    public let notCompiled: String?

    /// Loads every `.mustache` file under `directory`; a syntax error or an unknown partial is an error naming the file and line.
    public init(directory: String, engine: Engine = .compiled) throws(RenderError) {
        let files = Self.templateFiles(directory)
        guard !files.isEmpty else { throw .templatesMissing(directory: directory) }
        // Each file is read and parsed on its own, the files spread over the cores: swift-mustache's parse is most of a
        // build's start (about 0.1 s of CPU for the 21 templates). The first error in file order is reported.
        let parsed = Self.concurrentMap(files) { name -> Result<(template: MustacheTemplate, text: String), RenderError> in
            let file = (directory as NSString).appendingPathComponent(name + ".mustache")
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            do {
                // Values arrive HTML-escaped from the contexts (`EscapedText`), so Mustache must not escape again.
                // The pragma stands on a line of its own (which Mustache removes), so line numbers are one off.
                return .success((try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n" + text), text))
            } catch let error as MustacheTemplate.ParserError {
                return .failure(.syntax(file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber, detail: "\(error.error)"))
            } catch {
                return .failure(.syntax(file: file, line: 0, column: 0, detail: "\(error)"))
            }
        }
        var templates: [String: MustacheTemplate] = [:]
        var texts: [String: String] = [:]
        for (name, result) in zip(files, parsed) {
            switch result {
            case .success(let parse):
                templates[name] = parse.template
                texts[name] = parse.text
            case .failure(let error):
                throw error
            }
        }
        for name in files {
            for tag in TemplateScanner.tags(in: texts[name] ?? "") where tag.kind == .partial || tag.kind == .parent {
                guard templates[tag.name] != nil else {
                    throw .unknownPartial(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: tag.line, partial: tag.name)
                }
            }
        }
        library = MustacheLibrary(templates: templates)
        templateNames = files
        var compiled: CompiledRenderer?
        var reason: String?
        if engine == .compiled {
            do throws(NotCompiled) {
                let parses = templates
                let results = Self.concurrentMap(files) { name -> Result<CompiledTemplate, NotCompiled> in
                    do throws(NotCompiled) { return .success(try TemplateCompiler.compile(parses[name]!, name: name)) } catch { return .failure(error) }
                }
                var made: [String: CompiledTemplate] = [:]
                for (name, result) in zip(files, results) { made[name] = try result.get() }
                compiled = CompiledRenderer(templates: made)
            } catch {
                reason = error.description
            }
        }
        self.compiled = compiled
        notCompiled = reason
    }

    /// `transform` of each element, the elements spread over the cores; the results in the elements' order.
    static func concurrentMap<T, R>(_ elements: [T], _ transform: @Sendable (T) -> R) -> [R] where T: Sendable, R: Sendable {
        let slots = UnsafeMutableBufferPointer<R?>.allocate(capacity: elements.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        nonisolated(unsafe) let output = slots
        DispatchQueue.concurrentPerform(iterations: elements.count) { i in output[i] = transform(elements[i]) }
        return slots.map { $0! }
    }

    /// Template names (paths under the folder without `.mustache`), sorted.
    static func templateFiles(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var names: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            names.append(String(path.dropLast(".mustache".count)))
        }
        return names.sorted()
    }

    /// The bytes of one planned file.
    public func render(_ file: PlannedFile) throws(RenderError) -> [UInt8] {
        switch file.content {
        case .bytes(let bytes):
            return bytes
        case .page(let template, let context):
            return try render(template: template, context: context)
        }
    }

    /// The template named `template` rendered over `context`.
    public func render(template: String, context: any TemplateContext) throws(RenderError) -> [UInt8] {
        if let compiled {
            guard let bytes = compiled.render(template, context) else { throw .unknownTemplate(name: template) }
            return bytes
        }
        guard let html = library.render(context, withTemplate: template) else { throw .unknownTemplate(name: template) }
        return Array(html.utf8)
    }
}
