import Foundation
import PorticoModel

/// RFC 4180 CSV with CRLF line ends. Cells that a spreadsheet would run as a formula are prefixed with `'`.
public enum CSV {
    public static func encode(header: [String], rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * 128)
        for row in [header] + rows {
            for (n, value) in row.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                cell(value, into: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    static func cell(_ value: String) -> String {
        var out: [UInt8] = []
        cell(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One cell, on its bytes: quoted (with quotes doubled) when it holds a comma, quote or line break.
    static func cell(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            // A formula's first character ("=+-@", tab, CR), unless the cell is a number ("-12.50").
            let formula = bytes.first.map { "=+-@\t\r".utf8.contains($0) } == true && Double(String(decoding: bytes, as: UTF8.self)) == nil
            let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(UInt8(ascii: "\"")) }
            if formula { out.append(UInt8(ascii: "'")) }
            if quoted {
                for b in bytes {
                    out.append(b)
                    if b == UInt8(ascii: "\"") { out.append(b) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }
}
