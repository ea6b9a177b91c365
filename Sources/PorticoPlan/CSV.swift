import Foundation
import PorticoModel

/// RFC 4180 CSV with CRLF line ends. Cells that a spreadsheet would run as a formula are prefixed with `'`.
public enum CSV {
    public static func encode(header: [String], rows: [[String]]) -> [UInt8] {
        var out = ""
        for row in [header] + rows {
            out += row.map(cell).joined(separator: ",")
            out += "\r\n"
        }
        return Array(out.utf8)
    }

    static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(v) == nil { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingAll("\"", with: "\"\"") + "\""
    }
}

