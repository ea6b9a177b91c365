import Foundation
import GRDB

/// The inbox: a SQLite file an ERP integration reads (`docs/actions.md`, "The inbox"). Accepted actions are committed
/// (fully synced) before the user is answered; every post, accepted or not, is recorded as an attempt.
public final class Inbox: @unchecked Sendable {
    public let path: String
    let queue: DatabaseQueue

    public static let schema = """
        CREATE TABLE IF NOT EXISTS inbox_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO inbox_info VALUES ('schema_version', '1');
        CREATE TABLE IF NOT EXISTS action (
          id INTEGER PRIMARY KEY,
          received_at TEXT NOT NULL,
          login TEXT NOT NULL,
          party_kind TEXT NOT NULL,
          account TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('po_response', 'po_invoice', 'invoice_request')),
          document TEXT NOT NULL,
          version INTEGER NOT NULL,
          invoice_number TEXT,
          payload TEXT NOT NULL,
          digest TEXT NOT NULL UNIQUE,
          taken_at TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS action_one_response ON action(document, version) WHERE kind = 'po_response';
        CREATE UNIQUE INDEX IF NOT EXISTS action_one_invoice_number ON action(account, invoice_number) WHERE kind = 'po_invoice';
        CREATE UNIQUE INDEX IF NOT EXISTS action_one_pending_request ON action(document) WHERE kind = 'invoice_request' AND taken_at IS NULL;
        CREATE INDEX IF NOT EXISTS action_not_taken ON action(id) WHERE taken_at IS NULL;
        CREATE TABLE IF NOT EXISTS action_file (
          action_id INTEGER NOT NULL REFERENCES action(id),
          seq INTEGER NOT NULL,
          name TEXT NOT NULL,
          content_type TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (action_id, seq)
        );
        CREATE TABLE IF NOT EXISTS attempt (
          id INTEGER PRIMARY KEY,
          received_at TEXT NOT NULL,
          login TEXT,
          portal TEXT,
          kind TEXT,
          document TEXT,
          outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'refused')),
          message TEXT NOT NULL,
          action_id INTEGER REFERENCES action(id)
        );
        """

    public init(path: String) throws(ReceiveError) {
        self.path = path
        var config = Configuration()
        config.label = "inbox"
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in try db.execute(sql: Self.schema) }
        } catch {
            throw .inbox(path: path, detail: "\(error)")
        }
    }

    public enum Outcome: Equatable, Sendable {
        case stored(id: Int64)
        case duplicate(receivedAt: String)
        /// Another action already holds this order version's response or this invoice number (a race).
        case conflict
    }

    /// Stores an action and its files in one transaction, or finds the same action stored before.
    public func store(_ action: CheckedAction, at time: String) throws(ReceiveError) -> Outcome {
        let p = action.payload
        do {
            return try queue.write { db -> Outcome in
                if let earlier = try String.fetchOne(db, sql: "SELECT received_at FROM action WHERE digest = ?", arguments: [action.digest]) {
                    return .duplicate(receivedAt: earlier)
                }
                do {
                    try db.execute(sql: """
                        INSERT INTO action (received_at, login, party_kind, account, kind, document, version, invoice_number, payload, digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [time, p.user, p.party.kind, p.party.account, p.action.rawValue, p.document, p.version, p.invoiceNumber,
                                         String(decoding: action.json, as: UTF8.self), action.digest])
                } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                    return .conflict
                }
                let id = db.lastInsertedRowID
                for (i, f) in action.files.enumerated() {
                    try db.execute(sql: "INSERT INTO action_file VALUES (?, ?, ?, ?, ?)", arguments: [id, i + 1, f.name, f.contentType, Data(f.data)])
                }
                return .stored(id: id)
            }
        } catch {
            throw .inbox(path: path, detail: "\(error)")
        }
    }

    /// Records one post (and logs it to standard error, one line, for the operator's journal).
    public func record(at time: String, login: String?, portal: String?, kind: String?, document: String?, outcome: String, message: String,
                       actionID: Int64?) throws(ReceiveError) {
        let line = "\(time) \(login ?? "-") \(portal ?? "-") \(kind ?? "-") \(document ?? "-") \(outcome)\(actionID.map { " #\($0)" } ?? ""): \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
        do {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO attempt (received_at, login, portal, kind, document, outcome, message, action_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [time, login, portal, kind, document, outcome, message, actionID])
            }
        } catch {
            throw .inbox(path: path, detail: "\(error)")
        }
    }
}
