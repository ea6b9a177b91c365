import Foundation
import PorticoModel

/// One field of a posted form: a value, or a file with its name and type.
public struct FormField: Sendable, Equatable {
    public let name: String
    public let value: [UInt8]
    public let fileName: String?
    public let contentType: String?
    public var text: String { String(decoding: value, as: UTF8.self) }
}

/// Parsing `multipart/form-data` and `application/x-www-form-urlencoded` bodies.
public enum FormData {
    /// The fields of a body, by its `Content-Type`; nil when the body is malformed or of another type.
    public static func parse(contentType: String, body: [UInt8]) -> [FormField]? {
        let lower = contentType.lowercased()
        if lower.hasPrefix("application/x-www-form-urlencoded") { return urlEncoded(body) }
        guard lower.hasPrefix("multipart/form-data") else { return nil }
        guard let boundary = parameter("boundary", of: contentType), !boundary.isEmpty, boundary.utf8.count <= 200 else { return nil }
        return multipart(body, boundary: Array(boundary.utf8))
    }

    /// `name=value` of a header such as `multipart/form-data; boundary=abc` (quotes removed).
    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    static func urlEncoded(_ body: [UInt8]) -> [FormField]? {
        var fields: [FormField] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let kv = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(Array(kv[0])), let value = decode(kv.count > 1 ? Array(kv[1]) : []) else { return nil }
            fields.append(FormField(name: String(decoding: name, as: UTF8.self), value: value, fileName: nil, contentType: nil))
        }
        return fields
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(32)
            } else if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    static func multipart(_ body: [UInt8], boundary: [UInt8]) -> [FormField]? {
        let delimiter = Array("--".utf8) + boundary
        guard var at = body.byteRange(of: delimiter)?.upperBound else { return nil }
        var fields: [FormField] = []
        let crlf: [UInt8] = [13, 10]
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body.count >= at + 2, body[at] == UInt8(ascii: "-"), body[at + 1] == UInt8(ascii: "-") { return fields }
            guard body.count >= at + 2, Array(body[at..<(at + 2)]) == crlf else { return nil }
            at += 2
            guard let headerEnd = body[at...].byteRange(of: [13, 10, 13, 10]) else { return nil }
            let headerText = String(decoding: body[at..<headerEnd.lowerBound], as: UTF8.self)
            let next = Array(crlf + delimiter)
            guard let end = body[headerEnd.upperBound...].byteRange(of: next) else { return nil }
            var name: String?
            var fileName: String?
            var contentType: String?
            for line in headerText.split(separator: "\r\n") {
                let kv = line.split(separator: ":", maxSplits: 1)
                guard kv.count == 2 else { return nil }
                switch kv[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "content-disposition":
                    let value = String(kv[1])
                    guard value.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("form-data") else { return nil }
                    name = parameter("name", of: value)
                    fileName = parameter("filename", of: value)
                case "content-type": contentType = kv[1].trimmingCharacters(in: .whitespaces)
                default: break
                }
            }
            guard let name, !name.isEmpty else { return nil }
            fields.append(FormField(name: name, value: Array(body[headerEnd.upperBound..<end.lowerBound]), fileName: fileName, contentType: contentType))
            at = end.upperBound
            if fields.count > 2000 { return nil }
        }
    }
}
