import Foundation
import PorticoModel
/// Fills `{name}` placeholders of an operator's URL template with percent-encoded values.
public enum URLTemplate {
    /// RFC 3986 unreserved characters stay; every other byte of the UTF-8 is percent-encoded.
    public static func encode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return out
    }

    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = template
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            result = result.replacingAll("{\(name)}", with: encode(value))
        }
        return result
    }

    /// A template whose placeholders are all whole query values (`https://pay.example/?inv={invoice}&amt={amount}`)
    /// becomes a plain GET form: the action, fixed fields, and which field carries which placeholder.
    public static func formParts(_ template: String) -> (action: String, fields: [(name: String, value: String)])? {
        guard let q = template.firstIndex(of: "?"), !template.contains("#") else { return nil }
        let action = String(template[..<q])
        guard !action.contains("{") else { return nil }
        var fields: [(String, String)] = []
        for pair in template[template.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].contains("{") else { return nil }
            let value = String(parts[1])
            if value.contains("{") && !(value.hasPrefix("{") && value.hasSuffix("}") && value.dropFirst().dropLast().allSatisfy(\.isLetter)) { return nil }
            fields.append((String(parts[0]).removingPercentEncodingLoosely, value))
        }
        return (action, fields)
    }
}

extension String {
    /// Undoes %XX escapes (for fixed field names and values of a template); leaves malformed ones as they are.
    var removingPercentEncodingLoosely: String {
        var bytes: [UInt8] = []
        let u = Array(utf8)
        var k = 0
        while k < u.count {
            if u[k] == UInt8(ascii: "%"), k + 2 < u.count, let v = UInt8(String(decoding: u[(k + 1)...(k + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                k += 3
            } else {
                bytes.append(u[k])
                k += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
