/// What can go wrong in `portico receive` outside of one action's content (those are `Refusal`s answered to the user).
public enum ReceiveError: Error, CustomStringConvertible, Equatable {
    case inbox(path: String, detail: String)
    case socket(address: String, detail: String)
    case export(path: String, detail: String)

    public var description: String {
        switch self {
        case .inbox(let path, let detail): "\(path): inbox: \(detail)"
        case .socket(let address, let detail): "\(address): \(detail)"
        case .export(let path, let detail): "\(path): \(detail)"
        }
    }
}

/// Why an action is not accepted: a label key of `Templates/i18n` and its arguments, so the user reads it in their
/// language, and the same in English for the inbox's record.
public struct Refusal: Error, Equatable, Sendable {
    public let key: String
    public let arguments: [String: String]
    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}
