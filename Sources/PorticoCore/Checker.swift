import PorticoModel
import PorticoStore

/// `portico check`: every data error of the export.
public enum Checker {
    /// Every problem, sorted; throws when the file is not a readable schema-version-1 database.
    public static func run(databasePath: String) throws(CoreError) -> (info: ExportInfo?, problems: [Problem]) {
        let database: ExportDatabase
        do { database = try ExportDatabase(path: databasePath) } catch { throw .store(error) }
        do {
            return try database.read { reader in
                let problems = try reader.problems()
                // A broken schema_info is a problem of the whole export, reported like the others.
                do {
                    return (try reader.info(), problems)
                } catch let e as StoreError {
                    if case .missingInfo(_, let key, let detail) = e {
                        return (nil, problems + [Problem(table: "schema_info", key: key, column: "value", message: detail, party: nil)])
                    }
                    throw e
                }
            }
        } catch let e as StoreError {
            throw .store(e)
        } catch {
            throw .store(.sqlite(path: databasePath, context: "checking", detail: "\(error)"))
        }
    }
}
