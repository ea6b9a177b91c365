import Foundation
import PorticoModel
@testable import PorticoPlan
import Testing

@Suite("CSV files")
struct CSVTests {
    @Test("cells are quoted when they hold a comma, quote or line break; formulas get a leading quote, numbers do not")
    func cells() {
        let cases: [(String, String)] = [
            ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
            ("cr\rlf", "\"cr\rlf\""), ("crlf\r\nin a cell", "\"crlf\r\nin a cell\""), (",\u{301}", "\",\u{301}\""),
            ("=SUM(A1)", "'=SUM(A1)"), ("+31 20", "'+31 20"), ("-12.50", "-12.50"), ("-x", "'-x"), ("@home", "'@home"),
            ("\tx", "'\tx"), ("=a,b", "\"'=a,b\""), ("é,ß", "\"é,ß\""), ("1.595,49", "\"1.595,49\""),
        ]
        for (value, expected) in cases {
            #expect(CSV.cell(value) == expected, "\(value.debugDescription)")
        }
    }

    @Test("a file is the header and rows, comma-separated, each line ended by CR LF")
    func file() {
        let bytes = CSV.encode(header: ["a", "b"], rows: [["1", "x,y"], ["=2", ""]])
        #expect(String(decoding: bytes, as: UTF8.self) == "a,b\r\n1,\"x,y\"\r\n'=2,\r\n")
    }
}
