/// Which kind of party a row belongs to.
public enum PartyKind: String, Sendable, Hashable, Codable, CaseIterable {
    case vendor
    case customer
}

/// A party whose portal a row would appear in.
public struct PartyRef: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let kind: PartyKind
    public let account: String
    public init(_ kind: PartyKind, _ account: String) {
        self.kind = kind
        self.account = account
    }
    public var description: String { "\(kind.rawValue) \(account)" }
    public static func < (a: PartyRef, b: PartyRef) -> Bool {
        a.kind != b.kind ? a.kind.rawValue < b.kind.rawValue : a.account.utf8.lexicographicallyPrecedes(b.account.utf8)
    }
}

/// A data error: where it is (table, key, column) and what is wrong, and whose portal it belongs to.
public struct Problem: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let table: String
    /// The row's primary key as text; composite keys joined with `/`.
    public let key: String
    public let column: String
    public let message: String
    /// The party whose portal the row would appear in; nil when it belongs to none (such errors stop a build).
    public let party: PartyRef?

    public init(table: String, key: String, column: String, message: String, party: PartyRef?) {
        self.table = table
        self.key = key
        self.column = column
        self.message = message
        self.party = party
    }

    public var description: String {
        let owner = party.map { " [\($0)]" } ?? " [no party]"
        return "\(table) \(key) \(column): \(message)\(owner)"
    }

    public static func < (a: Problem, b: Problem) -> Bool {
        (a.table, a.key, a.column, a.message) < (b.table, b.key, b.column, b.message)
    }
}
