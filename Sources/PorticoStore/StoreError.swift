/// Why the export cannot be read at all. Every message names the file.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    case notSQLite(path: String, detail: String)
    case wrongSchemaVersion(path: String, found: String?)
    case missingInfo(path: String, key: String, problem: String)
    case sqlite(path: String, context: String, detail: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            "\(path): no such file"
        case .notSQLite(let path, let detail):
            "\(path): not a SQLite database (\(detail))"
        case .wrongSchemaVersion(let path, let found):
            "\(path): schema version \(found.map { "'\($0)'" } ?? "missing (no schema_info.schema_version)") found, version \(Schema.version) expected"
        case .missingInfo(let path, let key, let problem):
            "\(path): schema_info \(key) value: \(problem)"
        case .sqlite(let path, let context, let detail):
            "\(path): \(context): \(detail)"
        }
    }
}
