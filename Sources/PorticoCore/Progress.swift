import Foundation
import PorticoModel

/// Progress of a running build, as the terminal shows it.
public struct BuildProgress: Sendable {
    public enum Stage: Sendable, Equatable {
        /// The export is being checked; no party can be published before its verdict.
        case checking
        /// Parties are being read, rendered, linked or held back.
        case parties
    }

    public let stage: Stage
    public let partiesDone: Int
    public let partiesTotal: Int
    public let pagesRendered: Int
    /// Seconds since the build started.
    public let seconds: Double
    /// Pages rendered per second since the parties' stage began (the check before it renders nothing).
    public let pagesPerSecond: Double
    /// The estimated seconds left (`ProgressEstimate`); nil while too little is done to tell.
    public let secondsLeft: Double?

    public init(stage: Stage = .parties, partiesDone: Int, partiesTotal: Int, pagesRendered: Int, seconds: Double,
                pagesPerSecond: Double = 0, secondsLeft: Double? = nil) {
        self.stage = stage
        self.partiesDone = partiesDone
        self.partiesTotal = partiesTotal
        self.pagesRendered = pagesRendered
        self.seconds = seconds
        self.pagesPerSecond = pagesPerSecond
        self.secondsLeft = secondsLeft
    }
}

extension BuildProgress {
    /// The line a terminal shows: while checking, how long the check has run; then parties and pages done, pages
    /// per second and the time left.
    public var line: String {
        switch stage {
        case .checking:
            return "checking the export: \(Self.duration(seconds))"
        case .parties:
            let left = secondsLeft.map { "about \(Self.duration($0)) left" } ?? "estimating the time left"
            return String(format: "%d of %d parties, %d pages, %.0f pages/s, ", partiesDone, partiesTotal, pagesRendered, pagesPerSecond) + left
        }
    }

    /// `42 s`, `3 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, s / 60 % 60)
    }
}

/// The time left of a build's parties' stage, from the rows its parties are made of.
///
/// A party's rendering takes time in proportion to its rows more than to anything else known before it is rendered:
/// at `large`, the vendors hold 68 % of the rows read and took 69 % of the rendering, but 17 % of the parties (which
/// the first progress line counted, overestimating the time left five- to elevenfold while vendors were rendered). So
/// the work done is the rows of the parties done (rendered, reused or held back), and the work left is, per kind of
/// party, its parties left times its rows per party so far; for a kind not begun yet, the export's count of its
/// tables' rows. The time left is each kind's rows left at the time a row of that kind has taken so far (kinds are
/// rendered one after the other: vendors, then customers, whose rows take longer), or, for a kind not begun, at the
/// build's time per row so far. A kind's time per row is timed from its first parties done, without them: a kind's
/// start (SQLite sorting for its cursors' first rows, the first batch) is paid once, not per row; counted per row, it
/// made the line jump from 34 s to 1 min 39 s left as customers began in one run of `large`.
public struct ProgressEstimate: Sendable {
    struct Kind: Sendable {
        var parties: Int
        /// The rows of this kind's tables in the export (unfiltered: a little high).
        var estimatedRows: Int
        var partiesDone = 0
        var rowsDone = 0
        /// When this kind's first party was done, how long it has taken since, up to its last party done, and the
        /// rows done in that time (those of the parties done with the first, in its batch, not counted).
        var started: Date?
        var seconds = 0.0
        var timedRows = 0

        var rowsLeft: Double {
            if partiesDone == 0 { return Double(estimatedRows) }
            return Double(max(0, parties - partiesDone)) * Double(rowsDone) / Double(partiesDone)
        }
    }

    var kinds: [PartyKind: Kind]
    /// When the parties' stage began: the reading of the parties.
    public private(set) var began: Date?
    /// Seconds the stage has waited for something else since it began (the reading waiting for the check's verdict):
    /// not time spent on parties, so every time given is taken as that much earlier.
    public private(set) var paused = 0.0
    /// The estimate is given once the stage has run this long and this share of the rows is done (the first batches
    /// say little about the rest).
    public var settleSeconds = 3.0
    public var settleShare = 0.01

    public init(vendors: Int, vendorRows: Int, customers: Int, customerRows: Int) {
        kinds = [.vendor: Kind(parties: vendors, estimatedRows: vendorRows), .customer: Kind(parties: customers, estimatedRows: customerRows)]
    }

    public mutating func begin(at time: Date) {
        if began == nil { began = time }
    }

    /// The stage waited `seconds` (after it began) for something else.
    public mutating func pause(_ seconds: Double) {
        if began != nil { paused += max(0, seconds) }
    }

    /// `time` on the stage's clock, which stops while it waits.
    func clock(_ time: Date) -> Date { time.addingTimeInterval(-paused) }

    /// A party is done (rendered, reused or held back) at `time`; `rows` is how many rows it was made from.
    public mutating func done(_ kind: PartyKind, rows: Int, at realTime: Date) {
        let time = clock(realTime)
        var k = kinds[kind] ?? Kind(parties: 0, estimatedRows: 0)
        k.partiesDone += 1
        k.rowsDone += rows
        if let started = k.started, time > started {
            k.seconds = time.timeIntervalSince(started)
            k.timedRows += rows
        } else if k.started == nil {
            k.started = time
        }
        kinds[kind] = k
    }

    public var rowsDone: Int { kinds.values.reduce(0) { $0 + $1.rowsDone } }
    public var rowsLeft: Double { kinds.values.reduce(0) { $0 + $1.rowsLeft } }

    /// Seconds spent on the stage at `time` (since it began, less its waits).
    public func elapsed(at time: Date) -> Double { began.map { max(0, clock(time).timeIntervalSince($0)) } ?? 0 }

    /// The estimated seconds left at `time`; nil before the stage began or while too little is done.
    public func secondsLeft(at time: Date) -> Double? {
        let elapsed = elapsed(at: time)
        let done = Double(rowsDone), left = rowsLeft
        guard began != nil, done > 0, elapsed >= settleSeconds, done >= settleShare * (done + left) else { return nil }
        let overall = elapsed / done
        return kinds.values.reduce(0) { sum, k in
            let own = k.timedRows > 0 && k.seconds >= settleSeconds && Double(k.rowsDone) >= settleShare * (Double(k.rowsDone) + k.rowsLeft)
            return sum + k.rowsLeft * (own ? k.seconds / Double(k.timedRows) : overall)
        }
    }
}
