import Foundation
import PorticoModel
@testable import PorticoPlan
import Testing

/// The data files' JSON writer gives Foundation's bytes (`JSONEncoder`, sorted keys, slashes not escaped).
@Suite("Data files' JSON")
struct DataJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    /// Text with what JSON escapes and what it leaves: quotes, backslashes, slashes, every control character,
    /// DEL, non-ASCII letters, an emoji, U+2028.
    static func text(_ rng: inout SplitMix64) -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "</script>", "\u{7F}", "é", "ß", "€", "😀", "\u{2028}", "&", "'", "{}", "[]", ":"]
            + (0..<32).map { String(UnicodeScalar(UInt8($0))) }
        var s = ""
        for _ in 0..<Int(rng.next() % 12) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return s
    }

    static func maybe(_ rng: inout SplitMix64) -> String? { rng.next() % 3 == 0 ? nil : text(&rng) }

    @Test("rows of every data file give Foundation's bytes", arguments: [1, 2, 3] as [UInt64])
    func rows(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for count in [0, 1, 7, 40] {
            let invoices = (0..<count).map { _ in
                InvoiceRow(id: Int64(bitPattern: rng.next()), href: Self.text(&rng), number: Self.text(&rng), po: Self.maybe(&rng),
                           invoiceDate: Self.text(&rng), invoiceDateISO: Self.text(&rng), dueDate: Self.text(&rng), dueDateISO: Self.text(&rng),
                           total: Self.text(&rng), amount: Self.text(&rng), currency: Self.text(&rng), status: Self.text(&rng),
                           statusKey: Self.text(&rng), paymentStatus: Self.text(&rng), paymentStatusKey: Self.text(&rng),
                           matching: Self.text(&rng), matchingKey: Self.text(&rng), tile: Self.text(&rng))
            }
            #expect(DataJSON.encode(invoices) == (try Self.foundation(invoices)))
            #expect(DataJSON.encode(rows: invoices) == (try Self.foundation(invoices)))
            let customers = (0..<count).map { _ in
                CustomerInvoiceRow(number: Self.text(&rng), href: Self.text(&rng), orderNumber: Self.maybe(&rng), invoiceDate: Self.text(&rng),
                                   invoiceDateISO: Self.text(&rng), dueDate: Self.text(&rng), dueDateISO: Self.text(&rng), total: Self.text(&rng),
                                   open: Self.text(&rng), openAmount: Self.text(&rng), currency: Self.text(&rng), status: Self.text(&rng),
                                   statusKey: Self.text(&rng), overdue: rng.next() % 2 == 0, daysOverdue: Self.maybe(&rng),
                                   discount: Self.maybe(&rng), discountDate: Self.maybe(&rng), discountDateISO: Self.maybe(&rng),
                                   lists: (0..<Int(rng.next() % 4)).map { _ in Self.text(&rng) })
            }
            #expect(DataJSON.encode(customers) == (try Self.foundation(customers)))
            #expect(DataJSON.encode(rows: customers) == (try Self.foundation(customers)))
            let orders = (0..<count).map { _ in
                OrderRow(number: Self.text(&rng), displayNumber: Self.text(&rng), href: Self.text(&rng), orderDate: Self.text(&rng),
                         orderDateISO: Self.text(&rng), sentAt: Self.text(&rng), sentAtISO: Self.text(&rng), total: Self.text(&rng),
                         amount: Self.text(&rng), currency: Self.text(&rng), status: Self.text(&rng), statusKey: Self.text(&rng),
                         waiting: Self.text(&rng), waitingKey: Self.text(&rng), lists: (0..<Int(rng.next() % 4)).map { _ in Self.text(&rng) },
                         response: Self.maybe(&rng), responseKey: Self.maybe(&rng))
            }
            #expect(DataJSON.encode(orders) == (try Self.foundation(orders)))
            #expect(DataJSON.encode(rows: orders) == (try Self.foundation(orders)))
        }
    }

    struct Nested: Encodable {
        var b: [String: Int]
        var a: [Nested]
        var c: Bool?
        var d: Int
    }

    @Test("nested objects, keys that sort by their bytes, and nil members")
    func nested() throws {
        let keys = ["b", "a", "B", "_", "aa", "a_", "é", "z0", ""]
        let value = [Nested(b: Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }),
                            a: [Nested(b: [:], a: [], c: true, d: -5)], c: nil, d: Int.min)]
        #expect(DataJSON.encode(value) == (try Self.foundation(value)))
    }

    @Test("a value Foundation writes its own way is left to Foundation")
    func unsupported() {
        #expect(DataJSON.encode([1.5]) == nil)
        #expect(DataJSON.encode(["when": Date(timeIntervalSince1970: 0)]) == nil)
        #expect(PartyPages.json([0.1]) == Array("[0.1]".utf8))
    }
}
