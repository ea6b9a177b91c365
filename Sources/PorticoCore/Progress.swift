import Dispatch
import Foundation
import PorticoModel

/// Progress of a running build, as the terminal shows it.
public struct BuildProgress: Sendable {
    public enum Stage: Sendable, Equatable {
        /// The export is being checked; no party can be published before its verdict.
        case checking
        /// Parties are being read, rendered, linked or held back.
        case parties
        /// Every party is done: the access rules are written, the release is switched to, the retired one removed.
        case publishing
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
        case .publishing:
            return "publishing the release (\(partiesDone) parties, \(pagesRendered) pages rendered)" + (secondsLeft.map { ", about \(Self.duration($0)) left" } ?? "")
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
    /// With a profile, the estimate is given once this build has gone this many seconds of that timeline.
    public var profileSettleSeconds = 3.0
    /// How the last build of this output folder went, when this build renders its parties as that one did (see
    /// `ProgressProfile`); nil: the rows-based estimate above.
    public var profile: ProgressProfile?
    /// This build's common fingerprint (site, program, export time), kept with the timeline it leaves.
    public var common = ""
    /// The rows done at each time a party was done (stage clock): the profile this build leaves.
    private(set) var trace: [(rows: Int, seconds: Double)] = []
    /// Rows of the parties rendered (not reused or held back), and when the last party was done (real time).
    public private(set) var renderedRows = 0
    public private(set) var lastDone: Date?
    /// Each kind's rows done and the stage's seconds when the first party was done: where this build's pace is
    /// measured from (its start, before any party is done, differs from build to build: a build with a served release
    /// reads while the check runs, a first build waits for the check).
    private(set) var first: (vendorRows: Int, customerRows: Int, seconds: Double)?

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
    public mutating func done(_ kind: PartyKind, rows: Int, at realTime: Date, rendered: Bool = true) {
        let time = clock(realTime)
        if rendered { renderedRows += rows }
        lastDone = realTime
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
        let seconds = elapsed(at: realTime), total = rowsDone
        if first == nil { first = (kinds[.vendor]?.rowsDone ?? 0, kinds[.customer]?.rowsDone ?? 0, seconds) }
        if let last = trace.last, last.seconds == seconds {
            trace[trace.count - 1].rows = total
        } else {
            trace.append((total, seconds))
        }
    }

    public var rowsDone: Int { kinds.values.reduce(0) { $0 + $1.rowsDone } }
    public var rowsLeft: Double { kinds.values.reduce(0) { $0 + $1.rowsLeft } }

    /// Seconds spent on the stage at `time` (since it began, less its waits).
    public func elapsed(at time: Date) -> Double { began.map { max(0, clock(time).timeIntervalSince($0)) } ?? 0 }

    /// The estimated seconds left at `time`; nil before the stage began or while too little is done.
    public func secondsLeft(at time: Date) -> Double? {
        timelineApplies ? profileSecondsLeft(at: time) : rowsSecondsLeft(at: time)
    }

    /// The estimate from the rows left and each kind's time per row so far (no profile, or not yet).
    func rowsSecondsLeft(at time: Date) -> Double? {
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

/// How a build's parties' stage went, kept in `DIR/state.json` for the next build of the same folder: the stage's
/// clock (its waits left out) at each hundredth of the rows done, and the seconds from the last party to the end of
/// the build (the switch, the access rules, removing the retired release).
///
/// The rows-based estimate cannot know, while vendors render, that a customer's row takes longer than a vendor's,
/// nor that both slow down as the output grows; at `large` it said 0.49-0.87 of the real time left. The last build
/// of the same export knows both: this build is placed on that build's timeline by its rows done (each kind's scaled
/// by how its tables' row count changed), and the rest of that timeline is scaled by how this build's pace compares
/// (the machine is faster or slower from hour to hour). Kept from builds that rendered nine tenths of their rows and
/// used by builds that render everything again: `--full`, or a new export time, site or program, as every night.
public struct ProgressProfile: Codable, Sendable, Equatable {
    /// The build's common fingerprint (site, program, export time): a build with the same one renders only what
    /// changed, and this timeline is not its.
    public var common: String
    /// The export's row counts of the vendors' and the customers' tables (`partyRowTotals`).
    public var vendorRows: Int
    public var customerRows: Int
    /// The rows of all parties done.
    public var rows: Int
    /// The stage's seconds when `k` hundredths of `rows` were done, k = 0...100.
    public var seconds: [Double]
    /// Seconds from the last party done to the end of the build.
    public var tail: Double

    public static let steps = 100

    /// The stage's seconds when `rows` rows were done (linear between the hundredths; the end past them).
    func seconds(atRows x: Double) -> Double {
        guard rows > 0, seconds.count == Self.steps + 1 else { return 0 }
        let position = min(max(0, x / Double(rows)), 1) * Double(Self.steps)
        let i = min(Int(position), Self.steps - 1)
        return seconds[i] + (seconds[i + 1] - seconds[i]) * (position - Double(i))
    }
}

extension ProgressEstimate {
    /// The last build's timeline, when this build renders everything again as that one did: `--full`, or another
    /// common fingerprint (export time, site, program). With the same one, only changed parties render.
    public static func applicable(_ profile: ProgressProfile?, full: Bool, common: String) -> ProgressProfile? {
        guard let profile, full || profile.common != common else { return nil }
        return profile
    }

    /// A profile applies while the export is of about the same size (each kind's rows within a factor of two).
    static func comparable(_ then: Int, _ now: Int) -> Bool {
        then == 0 && now == 0 || then > 0 && now > 0 && Double(now) / Double(then) < 2 && Double(then) / Double(now) < 2
    }

    /// A timeline is given and the export is about as large as when it was made: the estimate is the timeline's
    /// (nil until this build has gone `profileSettleSeconds` of it), not the rows-based one.
    var timelineApplies: Bool {
        guard let p = profile, let vendors = kinds[.vendor], let customers = kinds[.customer] else { return false }
        return Self.comparable(p.vendorRows, vendors.estimatedRows) && Self.comparable(p.customerRows, customers.estimatedRows)
    }

    /// The estimate on the last build's timeline: where this build's rows done put it on that timeline, the rest of
    /// it (and its end) scaled by this build's pace since its first party was done (once that is `profileSettleSeconds`
    /// of the timeline); counted from the last party done, whose time is known.
    func profileSecondsLeft(at time: Date) -> Double? {
        guard timelineApplies, let p = profile, let last = trace.last, let first, let vendors = kinds[.vendor],
              let customers = kinds[.customer] else { return nil }
        func scaled(_ done: Int, _ then: Int, _ now: Int) -> Double { now > 0 ? Double(done) * Double(then) / Double(now) : Double(done) }
        func position(_ vendorRows: Int, _ customerRows: Int) -> Double {
            scaled(vendorRows, p.vendorRows, vendors.estimatedRows) + scaled(customerRows, p.customerRows, customers.estimatedRows)
        }
        let then = p.seconds(atRows: position(vendors.rowsDone, customers.rowsDone))
        let span = then - p.seconds(atRows: position(first.vendorRows, first.customerRows))
        guard span >= profileSettleSeconds else { return nil }
        let pace = (last.seconds - first.seconds) / span
        let left = (p.seconds[p.seconds.count - 1] - then + p.tail) * pace - (elapsed(at: time) - last.seconds)
        return max(0, left)
    }

    /// The profile this build leaves, ending `tail` seconds after its last party; nil when it rendered less than
    /// nine tenths of its rows (it reused the rest: its timeline is not a full build's).
    public func recordedProfile(tail: Double) -> ProgressProfile? {
        let total = rowsDone
        guard total > 0, Double(renderedRows) >= 0.9 * Double(total), let vendors = kinds[.vendor], let customers = kinds[.customer] else { return nil }
        var seconds = [0.0]
        var i = 0
        var previous = (rows: 0, seconds: 0.0)
        for k in 1...ProgressProfile.steps {
            let target = Double(total) * Double(k) / Double(ProgressProfile.steps)
            while i < trace.count - 1, Double(trace[i].rows) < target {
                previous = trace[i]
                i += 1
            }
            let next = trace[i]
            let share = next.rows > previous.rows ? (target - Double(previous.rows)) / Double(next.rows - previous.rows) : 1
            let t = previous.seconds + (next.seconds - previous.seconds) * min(max(share, 0), 1)
            seconds.append(max((t * 1000).rounded() / 1000, seconds[seconds.count - 1]))
        }
        return ProgressProfile(common: common, vendorRows: vendors.estimatedRows, customerRows: customers.estimatedRows, rows: total,
                               seconds: seconds, tail: (max(0, tail) * 1000).rounded() / 1000)
    }
}

/// Keeps the progress line moving: the build's reports pass through it, and when none has come for `interval`
/// seconds (the check before the first party, the publishing after the last) it shows the last one again, its
/// clock moved on and its time left counted down. Reports and repeats are written one at a time.
final class ProgressTicker: @unchecked Sendable {
    private let lock = NSLock()
    private var last: BuildProgress
    private var lastAt: Date
    private var stopped = false
    private let emit: @Sendable (BuildProgress) -> Void
    private let interval: Double
    private let timer: any DispatchSourceTimer

    /// Starts with the check's line (the check begins with the build).
    init(every interval: Double, started: Date, emit: @escaping @Sendable (BuildProgress) -> Void) {
        self.interval = interval
        self.emit = emit
        last = BuildProgress(stage: .checking, partiesDone: 0, partiesTotal: 0, pagesRendered: 0, seconds: 0)
        lastAt = started
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    func report(_ progress: BuildProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        last = progress
        lastAt = Date()
        emit(progress)
    }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard !stopped, now.timeIntervalSince(lastAt) >= interval * 0.9 else { return }
        emit(last.moved(by: now.timeIntervalSince(lastAt)))
    }

    /// No report or repeat is written after this returns.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        timer.cancel()
    }

    deinit { timer.cancel() }
}

extension BuildProgress {
    /// The same progress `seconds` later, with nothing more done: the clock moved on, the time left counted down.
    func moved(by seconds: Double) -> BuildProgress {
        BuildProgress(stage: stage, partiesDone: partiesDone, partiesTotal: partiesTotal, pagesRendered: pagesRendered,
                      seconds: self.seconds + seconds, pagesPerSecond: pagesPerSecond, secondsLeft: secondsLeft.map { max(0, $0 - seconds) })
    }
}
