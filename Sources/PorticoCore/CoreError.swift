import PorticoAccess
import PorticoModel
import PorticoPlan
import PorticoPublish
import PorticoRender
import PorticoStore

/// Why a command failed as a whole, with the stage it failed in. Each message is one line naming the file or row.
public enum CoreError: Error, CustomStringConvertible {
    case store(StoreError)
    case plan(PlanError)
    case render(RenderError)
    case publish(PublishError)
    case site(path: String, detail: String)
    /// Data errors that belong to no party stop the whole build.
    case unattributed([Problem])
    /// A party's file holds another party's identifiers or something internal (nothing published).
    case leak([Leak])

    public var description: String {
        switch self {
        case .store(let e): "database: \(e)"
        case .plan(let e): "configuration: \(e)"
        case .render(let e): "templates: \(e)"
        case .publish(let e): "publishing: \(e)"
        case .site(let path, let detail): "\(path): \(detail)"
        case .leak(let leaks):
            "leak guard: a party's file holds what is not theirs (nothing published):\n" + leaks.map { "  \($0)" }.joined(separator: "\n")
        case .unattributed(let problems):
            "data errors that belong to no party (nothing published):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
