/// Why planning could not happen. Messages name the file or key.
public enum PlanError: Error, CustomStringConvertible, Equatable {
    case translations(file: String, detail: String)
    case configuration(file: String, detail: String)
    case content(file: String, detail: String)

    public var description: String {
        switch self {
        case .translations(let file, let detail): "\(file): \(detail)"
        case .configuration(let file, let detail): "\(file): \(detail)"
        case .content(let file, let detail): "\(file): \(detail)"
        }
    }
}
