import Foundation

/// The JSON of a list's data file, written straight into bytes: the same bytes as Foundation's `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` (a test compares them), for the values rows hold (text, optional text,
/// integers, booleans, lists and nested rows). Foundation's encoder was about 5 % of a full build's instructions.
/// A value of another kind (a `Double`, a `Date`, ...) makes `encode` return nil, and the caller uses Foundation.
enum DataJSON {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8]? {
        let root = Node()
        do {
            try value.encode(to: NodeEncoder(node: root, codingPath: []))
        } catch {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        guard root.write(into: &out) else { return nil }
        return out
    }

    /// A value being encoded. Objects keep their members until written, as the keys are sorted then.
    final class Node {
        enum Kind {
            case empty
            case scalar([UInt8])
            case object([(key: String, node: Node)])
            case array([Node])
        }
        var kind: Kind = .empty

        func write(into out: inout [UInt8]) -> Bool {
            switch kind {
            case .empty:
                return false
            case .scalar(let bytes):
                out.append(contentsOf: bytes)
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                // Foundation sorts keys by their UTF-8 bytes; a key set twice keeps its last value.
                let order = members.indices.sorted { a, b in
                    let (x, y) = (members[a].key, members[b].key)
                    return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
                }
                var first = true
                for (n, i) in order.enumerated() where n + 1 == order.count || members[order[n + 1]].key != members[i].key {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    DataJSON.string(members[i].key, into: &out)
                    out.append(UInt8(ascii: ":"))
                    guard members[i].node.write(into: &out) else { return false }
                }
                out.append(UInt8(ascii: "}"))
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (n, item) in items.enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    guard item.write(into: &out) else { return false }
                }
                out.append(UInt8(ascii: "]"))
            }
            return true
        }

        func member(_ key: String) -> Node {
            let node = Node()
            if case .object(var members) = kind {
                kind = .empty
                members.append((key, node))
                kind = .object(members)
            } else {
                kind = .object([(key, node)])
            }
            return node
        }

        func item() -> Node {
            let node = Node()
            if case .array(var items) = kind {
                kind = .empty
                items.append(node)
                kind = .array(items)
            } else {
                kind = .array([node])
            }
            return node
        }
    }

    /// A value this writer does not write as Foundation would.
    struct Unsupported: Error {}

    /// A JSON string as Foundation writes it: `"` and `\` escaped, control characters as `\b \f \n \r \t` or
    /// `\u00XX`, everything else (slashes, non-ASCII) as it is.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs that need no escape are copied whole.
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func scalar(_ text: String) -> Node.Kind {
        var bytes: [UInt8] = []
        string(text, into: &bytes)
        return .scalar(bytes)
    }

    static func bool(_ value: Bool) -> Node.Kind { .scalar(Array((value ? "true" : "false").utf8)) }

    static func number<T: BinaryInteger>(_ value: T) -> Node.Kind { .scalar(Array(String(value).utf8)) }

    /// Encodes one value into `node`: the kinds written directly, or the value's own `encode(to:)`.
    static func put<T: Encodable>(_ value: T, into node: Node, codingPath: [any CodingKey]) throws {
        switch value {
        case let v as String: node.kind = scalar(v)
        case let v as Bool: node.kind = bool(v)
        case let v as Int: node.kind = number(v)
        case let v as Int64: node.kind = number(v)
        case let v as Int32: node.kind = number(v)
        case let v as UInt32: node.kind = number(v)
        case is Double, is Float, is Date, is Data, is URL, is Decimal: throw Unsupported()
        default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }

    struct NodeEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.kind {} else { node.kind = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array = node.kind {} else { node.kind = .array([]) }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).kind = .scalar(Array("null".utf8)) }
        mutating func encode(_ value: String, forKey key: Key) throws { node.member(key.stringValue).kind = DataJSON.scalar(value) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { node.member(key.stringValue).kind = DataJSON.bool(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { node.member(key.stringValue).kind = DataJSON.number(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { node.member(key.stringValue).kind = DataJSON.number(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { node.member(key.stringValue).kind = DataJSON.scalar(value) }
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try DataJSON.put(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.member("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = node.kind { return items.count }
            return 0
        }

        mutating func encodeNil() throws { node.item().kind = .scalar(Array("null".utf8)) }
        mutating func encode(_ value: String) throws { node.item().kind = DataJSON.scalar(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try DataJSON.put(value, into: node.item(), codingPath: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            NodeEncoder(node: node.item(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.item(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.item(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.kind = .scalar(Array("null".utf8)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try DataJSON.put(value, into: node, codingPath: codingPath) }
    }
}

/// A data file's row that writes its own JSON, straight into the file's bytes: its keys in the order Foundation sorts
/// them (by their UTF-8 bytes), nil optionals left out as synthesized `Encodable` leaves them. The same bytes as
/// `JSONEncoder` (a test compares them on random rows of each type); going through `Encodable` into a tree of nodes
/// to sort the keys was about 9 % of a full build's instructions.
protocol DataRow: Encodable {
    func writeJSON(into object: inout DataJSON.Object)
}

extension DataJSON {
    /// The rows as a JSON array.
    static func encode<Row: DataRow>(rows: [Row]) -> [UInt8] {
        var object = Object()
        object.out.reserveCapacity(rows.count * 512 + 2)
        object.out.append(UInt8(ascii: "["))
        for (n, row) in rows.enumerated() {
            if n > 0 { object.out.append(UInt8(ascii: ",")) }
            object.out.append(UInt8(ascii: "{"))
            object.first = true
            row.writeJSON(into: &object)
            object.out.append(UInt8(ascii: "}"))
        }
        object.out.append(UInt8(ascii: "]"))
        return object.out
    }

    /// The members of one object being written, in the order they are given.
    struct Object {
        var out: [UInt8] = []
        var first = true

        /// `"key":` after a comma unless it is the first member (keys are plain ASCII names: nothing to escape).
        private mutating func key(_ key: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            key.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }

        mutating func field(_ name: StaticString, _ value: String) {
            key(name)
            DataJSON.string(value, into: &out)
        }

        mutating func field(_ name: StaticString, _ value: String?) {
            if let value { field(name, value) }
        }

        mutating func field(_ name: StaticString, _ value: Bool) {
            key(name)
            out.append(contentsOf: (value ? "true" : "false").utf8)
        }

        mutating func field(_ name: StaticString, _ value: Int64) {
            key(name)
            out.append(contentsOf: String(value).utf8)
        }

        mutating func field(_ name: StaticString, _ value: [String]) {
            key(name)
            out.append(UInt8(ascii: "["))
            for (n, item) in value.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                DataJSON.string(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}

extension InvoiceRow: DataRow {
    func writeJSON(into o: inout DataJSON.Object) {
        o.field("amount", amount)
        o.field("currency", currency)
        o.field("dueDate", dueDate)
        o.field("dueDateISO", dueDateISO)
        o.field("href", href)
        o.field("id", id)
        o.field("invoiceDate", invoiceDate)
        o.field("invoiceDateISO", invoiceDateISO)
        o.field("matching", matching)
        o.field("matchingKey", matchingKey)
        o.field("number", number)
        o.field("paymentStatus", paymentStatus)
        o.field("paymentStatusKey", paymentStatusKey)
        o.field("po", po)
        o.field("status", status)
        o.field("statusKey", statusKey)
        o.field("tile", tile)
        o.field("total", total)
    }
}

extension CustomerInvoiceRow: DataRow {
    func writeJSON(into o: inout DataJSON.Object) {
        o.field("currency", currency)
        o.field("daysOverdue", daysOverdue)
        o.field("discount", discount)
        o.field("discountDate", discountDate)
        o.field("discountDateISO", discountDateISO)
        o.field("dueDate", dueDate)
        o.field("dueDateISO", dueDateISO)
        o.field("href", href)
        o.field("invoiceDate", invoiceDate)
        o.field("invoiceDateISO", invoiceDateISO)
        o.field("lists", lists)
        o.field("number", number)
        o.field("open", open)
        o.field("openAmount", openAmount)
        o.field("orderNumber", orderNumber)
        o.field("overdue", overdue)
        o.field("status", status)
        o.field("statusKey", statusKey)
        o.field("total", total)
    }
}

extension OrderRow: DataRow {
    func writeJSON(into o: inout DataJSON.Object) {
        o.field("amount", amount)
        o.field("currency", currency)
        o.field("displayNumber", displayNumber)
        o.field("href", href)
        o.field("lists", lists)
        o.field("number", number)
        o.field("orderDate", orderDate)
        o.field("orderDateISO", orderDateISO)
        o.field("response", response)
        o.field("responseKey", responseKey)
        o.field("sentAt", sentAt)
        o.field("sentAtISO", sentAtISO)
        o.field("status", status)
        o.field("statusKey", statusKey)
        o.field("total", total)
        o.field("waiting", waiting)
        o.field("waitingKey", waitingKey)
    }
}
