import Foundation
@testable import PorticoCore
import PorticoModel
import PorticoTestSupport
import Synchronization
import Testing

@Suite("The build's progress line")
struct ProgressTests {
    @Test("says parties and pages done, pages per second and the time left; while checking, how long the check has run")
    func line() {
        let p = BuildProgress(partiesDone: 250, partiesTotal: 1000, pagesRendered: 5000, seconds: 12, pagesPerSecond: 500, secondsLeft: 30)
        #expect(p.line == "250 of 1000 parties, 5000 pages, 500 pages/s, about 30 s left")
        #expect(BuildProgress(partiesDone: 0, partiesTotal: 10, pagesRendered: 0, seconds: 0).line
            == "0 of 10 parties, 0 pages, 0 pages/s, estimating the time left")
        #expect(BuildProgress(stage: .checking, partiesDone: 0, partiesTotal: 10, pagesRendered: 3, seconds: 7.4).line == "checking the export: 7 s")
        #expect(BuildProgress(stage: .publishing, partiesDone: 10, partiesTotal: 10, pagesRendered: 300, seconds: 20, secondsLeft: 75).line
            == "publishing the release (10 parties, 300 pages rendered), about 1 min 15 s left")
        #expect(BuildProgress(stage: .publishing, partiesDone: 10, partiesTotal: 10, pagesRendered: 300, seconds: 20).line
            == "publishing the release (10 parties, 300 pages rendered)")
        #expect(BuildProgress.duration(59.4) == "59 s")
        #expect(BuildProgress.duration(185) == "3 min 05 s")
        #expect(BuildProgress.duration(3725) == "1 h 02 min")
        #expect(BuildProgress.duration(-2) == "0 s")
    }

    /// A build of `vendors` parties of `vendorRows` rows each, then `customers` of `customerRows`, a row of each kind
    /// taking the given seconds; returns each estimate and the true time left at that point.
    static func simulate(vendors: Int, vendorRows: Int, vendorSecondsPerRow: Double, customers: Int, customerRows: Int,
                         customerSecondsPerRow: Double, estimated: (vendors: Int, customers: Int)? = nil)
        -> [(estimate: Double?, truth: Double)] {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var e = ProgressEstimate(vendors: vendors, vendorRows: estimated?.vendors ?? vendors * vendorRows,
                                 customers: customers, customerRows: estimated?.customers ?? customers * customerRows)
        e.settleSeconds = 1
        e.begin(at: start)
        let total = Double(vendors * vendorRows) * vendorSecondsPerRow + Double(customers * customerRows) * customerSecondsPerRow
        var t = 0.0
        var out: [(Double?, Double)] = []
        for (kind, count, rows, perRow) in [(PartyKind.vendor, vendors, vendorRows, vendorSecondsPerRow),
                                            (.customer, customers, customerRows, customerSecondsPerRow)] {
            for _ in 0..<count {
                t += Double(rows) * perRow
                e.done(kind, rows: rows, at: start.addingTimeInterval(t))
                out.append((e.secondsLeft(at: start.addingTimeInterval(t)), total - t))
            }
        }
        return out
    }

    @Test("the time left follows the rows left, not the parties left: few large vendors first, many small customers after")
    func rowsNotParties() throws {
        // As at `large`: a sixth of the parties (the vendors) hold two thirds of the rows.
        let steps = Self.simulate(vendors: 200, vendorRows: 1600, vendorSecondsPerRow: 0.0001,
                                  customers: 1000, customerRows: 150, customerSecondsPerRow: 0.0001)
        let known = steps.compactMap { s in s.estimate.map { ($0, s.truth) } }
        #expect(known.count > 1000)
        for (estimate, truth) in known where truth > 0 {
            #expect(abs(estimate - truth) < 0.01 * max(truth, 1), "estimated \(estimate) s, \(truth) s left")
        }
        // What the party count said a tenth into the vendors (the progress line before): over four times too long.
        let tenth = steps[19]
        let byParties = 20 * 1600 * 0.0001 / 20 * Double(1200 - 20)
        #expect(byParties > 4 * tenth.truth)
        #expect(abs(try #require(tenth.estimate) - tenth.truth) < 0.01 * tenth.truth)
    }

    @Test("a kind whose rows take longer is timed on its own once begun; before, at the build's time per row")
    func perKind() throws {
        let steps = Self.simulate(vendors: 100, vendorRows: 100, vendorSecondsPerRow: 0.001,
                                  customers: 100, customerRows: 100, customerSecondsPerRow: 0.002)
        // Half-way through the vendors: customers are guessed at the vendors' speed (10 s), 5 s of vendors are left.
        let half = try #require(steps[49].estimate)
        #expect(abs(half - 15) < 0.01, "\(half)")
        #expect(steps[49].truth == 25)
        // Once customers have run for more than a second, their own speed counts: exact.
        for step in steps[110..<199] {
            let estimate = try #require(step.estimate)
            #expect(abs(estimate - step.truth) < 0.01, "estimated \(estimate) s, \(step.truth) s left")
        }
    }

    @Test("a kind begun is extrapolated from its own parties, not from the export's (too high) count of its rows")
    func ownAverage() throws {
        let steps = Self.simulate(vendors: 100, vendorRows: 100, vendorSecondsPerRow: 0.001, customers: 100, customerRows: 100,
                                  customerSecondsPerRow: 0.001, estimated: (vendors: 30_000, customers: 10_000))
        // After the first vendors, the vendors left are 100 rows each, not 300; customers still count as estimated.
        let step = steps[20]
        #expect(abs(try #require(step.estimate) - (79 * 0.1 + 10)) < 0.01)
        let late = steps[150]
        #expect(abs(try #require(late.estimate) - late.truth) < 0.01)
    }

    @Test("a kind's slow start (its cursors' sorting, its first batch) is paid once, not counted per row")
    func slowStart() throws {
        let start = Date(timeIntervalSince1970: 0)
        var e = ProgressEstimate(vendors: 100, vendorRows: 10_000, customers: 100, customerRows: 10_000)
        e.settleSeconds = 1
        e.begin(at: start)
        var t = 0.0
        for _ in 0..<100 { t += 0.1; e.done(.vendor, rows: 100, at: start.addingTimeInterval(t)) }
        // The customers' reading starts 5 s late, then their first batch of 10 lands at once, then one every 0.1 s.
        t += 5
        for _ in 0..<10 { e.done(.customer, rows: 100, at: start.addingTimeInterval(t)) }
        for _ in 0..<20 { t += 0.1; e.done(.customer, rows: 100, at: start.addingTimeInterval(t)) }
        // 70 customers left at 0.1 s each: 7 s. Charging the 5 s start to the 30 done would have said 18.7 s.
        let left = try #require(e.secondsLeft(at: start.addingTimeInterval(t)))
        #expect(abs(left - 7) < 0.01, "\(left)")
    }

    @Test("no estimate before the stage began, before a second had passed, or under a hundredth of the rows")
    func settling() {
        // 10 vendors of 50 rows, then customers the export counts at 100,000 rows.
        var e = ProgressEstimate(vendors: 10, vendorRows: 500, customers: 100, customerRows: 100_000)
        let start = Date(timeIntervalSince1970: 0)
        #expect(e.secondsLeft(at: start.addingTimeInterval(10)) == nil)
        e.begin(at: start)
        e.done(.vendor, rows: 50, at: start.addingTimeInterval(5))
        #expect(e.secondsLeft(at: start.addingTimeInterval(5)) == nil, "0.05 % done")
        var early = ProgressEstimate(vendors: 10, vendorRows: 500, customers: 1, customerRows: 100)
        early.begin(at: start)
        early.done(.vendor, rows: 50, at: start.addingTimeInterval(2.5))
        #expect(early.secondsLeft(at: start.addingTimeInterval(2.5)) == nil, "under settleSeconds")
        #expect(early.secondsLeft(at: start.addingTimeInterval(3)) == 3 * (9 * 50 + 100) / 50.0)
    }

    @Test("the time the stage waits (for the check's verdict) is not time spent on parties")
    func pausesLeftOut() throws {
        let start = Date(timeIntervalSince1970: 0)
        var e = ProgressEstimate(vendors: 10, vendorRows: 1000, customers: 0, customerRows: 0)
        e.pause(5)
        #expect(e.paused == 0, "a wait before the stage began is not the stage's")
        e.begin(at: start)
        // The first party is read, then the reading waits 20 s for the verdict; then a party each second.
        e.pause(20)
        for n in 1...5 { e.done(.vendor, rows: 100, at: start.addingTimeInterval(20 + Double(n))) }
        let now = start.addingTimeInterval(25)
        #expect(e.elapsed(at: now) == 5)
        #expect(try #require(e.secondsLeft(at: now)) == 5, "five parties of a second each are left")
    }

    @Test("a build reports progress that ends at every party and every page it rendered")
    func reported() throws {
        let db = try Fixture.database(Fixture.small)
        let seen = Mutex<[BuildProgress]>([])
        var builder = Builder(site: try Site(directory: Fixture.repositoryRoot, configPath: nil), databasePath: db,
                              outDirectory: Fixture.temporaryPath("out"))
        builder.progress = { p in seen.withLock { $0.append(p) } }
        let summary = try builder.run()
        let reports = seen.withLock { $0 }
        // The last line is the publishing's, after every party.
        #expect(reports.last?.stage == .publishing)
        let last = try #require(reports.last { $0.stage == .parties })
        #expect(last.partiesDone == last.partiesTotal)
        #expect(reports.last?.partiesDone == last.partiesDone)
        #expect(last.partiesDone == summary.partiesBuilt + summary.heldBack.count)
        #expect(last.pagesRendered == summary.pagesRendered)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.partiesDone <= $1.partiesDone && $0.pagesRendered <= $1.pagesRendered })
        // The check's lines come before the parties' (never after the verdict).
        let firstParties = reports.firstIndex { $0.stage == .parties } ?? reports.count
        #expect(reports[firstParties...].allSatisfy { $0.stage != .checking })
    }

    /// A build shaped like `large`: `vendors` parties of 1,600 rows, then `customers` of 150, a customer's row taking
    /// 1.4 times a vendor's, every row slower as the output grows (by 60 % at the end), `scale` the machine's pace,
    /// then `tail` seconds of publishing. Each estimate is paired with the true time left (the tail included).
    static func timeline(vendors: Int, customers: Int, scale: Double, tail: Double, profile: ProgressProfile?)
        -> (steps: [(estimate: Double?, truth: Double)], estimate: ProgressEstimate) {
        let start = Date(timeIntervalSince1970: 1_000_000)
        // The export's counts are a little high (they count rows no party uses).
        var e = ProgressEstimate(vendors: vendors, vendorRows: vendors * 1650, customers: customers, customerRows: customers * 160)
        e.profile = profile
        e.begin(at: start)
        let total = Double(vendors * 1600 + customers * 150)
        var times: [(PartyKind, Int, Double)] = []
        var t = 0.0, done = 0.0
        for (kind, count, rows, perRow) in [(PartyKind.vendor, vendors, 1600, 0.0001), (.customer, customers, 150, 0.00014)] {
            for _ in 0..<count {
                t += Double(rows) * perRow * scale * (1 + 0.6 * done / total)
                done += Double(rows)
                times.append((kind, rows, t))
            }
        }
        let end = t + tail * scale
        var steps: [(Double?, Double)] = []
        for (kind, rows, t) in times {
            e.done(kind, rows: rows, at: start.addingTimeInterval(t))
            steps.append((e.secondsLeft(at: start.addingTimeInterval(t)), end - t))
        }
        return (steps, e)
    }

    @Test("with the last full build's timeline, the time left is right from the start: customers' slower rows and the slowdown as the output grows are known")
    func lastBuildsTimeline() throws {
        // Last night's build, on a faster machine hour, of a slightly smaller export.
        let last = Self.timeline(vendors: 200, customers: 1000, scale: 1, tail: 5, profile: nil)
        var lastNight = last.estimate
        lastNight.common = "night 1"
        let profile = try #require(lastNight.recordedProfile(tail: 5))
        // Without a timeline, the rows-based estimate runs low while vendors render (it cannot know the rest is slower).
        let worst = last.steps.compactMap { s in s.estimate.map { $0 / s.truth } }.min() ?? 1
        #expect(worst < 0.8, "\(worst)")
        // Tonight: 1 % more parties of each kind, on a machine 30 % slower.
        let tonight = Self.timeline(vendors: 202, customers: 1010, scale: 1.3, tail: 5, profile: profile)
        let known = tonight.steps.compactMap { s in s.estimate.map { ($0, s.truth) } }
        #expect(known.count >= tonight.steps.count - 30, "given from three seconds of the timeline on")
        let off = known.max { abs($0.0 - $0.1) / $0.1 < abs($1.0 - $1.1) / $1.1 }
        #expect(known.allSatisfy { abs($0.0 - $0.1) <= 0.03 * $0.1 + 0.05 }, "worst: estimated \(off!.0) s, \(off!.1) s left")
    }

    @Test("a build leaves its timeline at each hundredth of its rows, only when it rendered nine tenths of them")
    func recordedTimeline() throws {
        let start = Date(timeIntervalSince1970: 0)
        var e = ProgressEstimate(vendors: 10, vendorRows: 1000, customers: 10, customerRows: 1000)
        e.begin(at: start)
        // 20 parties of 100 rows, one every 0.5 s: the rows done grow evenly with time.
        for n in 1...20 { e.done(n <= 10 ? .vendor : .customer, rows: 100, at: start.addingTimeInterval(0.5 * Double(n))) }
        e.common = "c"
        let p = try #require(e.recordedProfile(tail: 2.25))
        #expect(p.rows == 2000 && p.tail == 2.25 && p.common == "c" && p.vendorRows == 1000 && p.customerRows == 1000)
        #expect(p.seconds.count == 101)
        for (k, seconds) in p.seconds.enumerated() { #expect(abs(seconds - 0.1 * Double(k)) < 0.0011, "\(k): \(seconds)") }
        #expect(p.seconds(atRows: 1000) == 5)
        #expect(abs(p.seconds(atRows: 1010) - 5.05) < 1e-9)
        // A build that reused most parties (linked, not rendered) has another timeline: none is left.
        var nightly = ProgressEstimate(vendors: 10, vendorRows: 1000, customers: 0, customerRows: 0)
        nightly.begin(at: start)
        for n in 1...10 { nightly.done(.vendor, rows: 100, at: start.addingTimeInterval(Double(n)), rendered: n == 1) }
        #expect(nightly.recordedProfile(tail: 0) == nil)
    }

    @Test("a timeline is used only for a build that renders everything again, of an export about as large")
    func timelineApplies() throws {
        let start = Date(timeIntervalSince1970: 0)
        var e = ProgressEstimate(vendors: 10, vendorRows: 1000, customers: 10, customerRows: 1000)
        e.begin(at: start)
        for n in 1...20 { e.done(n <= 10 ? .vendor : .customer, rows: 100, at: start.addingTimeInterval(Double(n))) }
        e.common = "c"
        let p = try #require(e.recordedProfile(tail: 0))
        #expect(ProgressEstimate.applicable(p, full: false, common: "d") == p, "a new export time, site or program")
        #expect(ProgressEstimate.applicable(p, full: true, common: "c") == p, "--full")
        #expect(ProgressEstimate.applicable(p, full: false, common: "c") == nil, "only changed parties render")
        // Twice the export: the timeline is not used; the rows-based estimate is (it needs 3 s first).
        var larger = ProgressEstimate(vendors: 20, vendorRows: 2000, customers: 20, customerRows: 2000)
        larger.profile = p
        larger.begin(at: start)
        larger.done(.vendor, rows: 100, at: start.addingTimeInterval(2))
        #expect(larger.secondsLeft(at: start.addingTimeInterval(2)) == nil)
        larger.profile = nil
        var same = ProgressEstimate(vendors: 10, vendorRows: 1000, customers: 10, customerRows: 1000)
        same.profileSettleSeconds = 1
        same.profile = p
        same.begin(at: start)
        same.done(.vendor, rows: 100, at: start.addingTimeInterval(2))
        #expect(same.profileSecondsLeft(at: start.addingTimeInterval(2)) == nil, "no second of the timeline yet")
        same.done(.vendor, rows: 100, at: start.addingTimeInterval(4))
        // The second party took 2 s, the timeline's 1 s: 18 s of the timeline are left, 36 here, less the second since.
        #expect(try #require(same.secondsLeft(at: start.addingTimeInterval(5))) == 35)
    }

    @Test("this build's pace is measured from its first party done: a later start (reading while the check runs) is not taken for a slower build")
    func timelineLateStart() throws {
        let last = Self.timeline(vendors: 200, customers: 1000, scale: 1, tail: 5, profile: nil)
        var lastNight = last.estimate
        lastNight.common = "night 1"
        let profile = try #require(lastNight.recordedProfile(tail: 5))
        // The same build, its first party done 6 s later than in the timeline, then at the same pace.
        let start = Date(timeIntervalSince1970: 0)
        var e = ProgressEstimate(vendors: 200, vendorRows: 200 * 1650, customers: 1000, customerRows: 1000 * 160)
        e.profile = profile
        e.begin(at: start)
        let total = Double(200 * 1600 + 1000 * 150)
        var t = 6.0, done = 0.0, worst = 0.0
        for (kind, count, rows, perRow) in [(PartyKind.vendor, 200, 1600, 0.0001), (.customer, 1000, 150, 0.00014)] {
            for _ in 0..<count {
                t += Double(rows) * perRow * (1 + 0.6 * done / total)
                done += Double(rows)
                e.done(kind, rows: rows, at: start.addingTimeInterval(t))
                if let left = e.secondsLeft(at: start.addingTimeInterval(t)) {
                    worst = max(worst, abs(left - (profile.seconds[100] + 6 + 5 - t)))
                }
            }
        }
        #expect(worst < 0.1, "\(worst) s off")
    }

    @Test("between reports, the line is shown again with its clock moved on and its time left counted down; nothing after stop")
    func ticker() async throws {
        let seen = Mutex<[BuildProgress]>([])
        let ticker = ProgressTicker(every: 0.01, started: Date()) { p in seen.withLock { $0.append(p) } }
        // Before any report: the check's line, its clock running.
        try await Self.waitFor { seen.withLock { $0.count } >= 2 }
        let early = seen.withLock { $0 }
        #expect(early.allSatisfy { $0.stage == .checking })
        #expect(early[1].seconds > early[0].seconds)
        ticker.report(BuildProgress(partiesDone: 5, partiesTotal: 10, pagesRendered: 50, seconds: 20, pagesPerSecond: 10, secondsLeft: 30))
        let reported = seen.withLock { $0.count }
        try await Self.waitFor { seen.withLock { $0.count } >= reported + 3 }
        let repeats = seen.withLock { Array($0[reported...]) }
        #expect(repeats.allSatisfy { $0.stage == .parties && $0.partiesDone == 5 && $0.pagesRendered == 50 })
        #expect(zip(repeats, repeats.dropFirst()).allSatisfy { $0.seconds < $1.seconds && $0.secondsLeft! > $1.secondsLeft! })
        #expect(repeats.allSatisfy { abs(($0.seconds - 20) - (30 - $0.secondsLeft!)) < 1e-9 })
        ticker.stop()
        let stopped = seen.withLock { $0.count }
        ticker.report(BuildProgress(partiesDone: 6, partiesTotal: 10, pagesRendered: 60, seconds: 21))
        try await Task.sleep(for: .milliseconds(100))
        #expect(seen.withLock { $0.count } == stopped)
        #expect(BuildProgress(partiesDone: 1, partiesTotal: 2, pagesRendered: 3, seconds: 4, secondsLeft: 1).moved(by: 5).secondsLeft == 0)
    }

    static func waitFor(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { Issue.record("not within 10 s"); return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test("a build leaves its timeline in DIR/state.json; a build that renders nothing keeps the last one")
    func timelineKept() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("out")
        let site = try Site(directory: Fixture.repositoryRoot, configPath: nil)
        func profile() throws -> ProgressProfile { try #require(BuildState.load(out: out)?.profile) }
        _ = try Builder(site: site, databasePath: db, outDirectory: out).run()
        let first = try profile()
        #expect(first.seconds.count == 101 && zip(first.seconds, first.seconds.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(first.rows > 0 && first.vendorRows > 0 && first.customerRows > 0 && !first.common.isEmpty)
        // The same data in a file touched since: every party is linked, none rendered; the timeline stays.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: db)
        let linked = try Builder(site: site, databasePath: db, outDirectory: out).run()
        #expect(linked.partiesRendered.isEmpty && !linked.partiesReused.isEmpty)
        #expect(try profile() == first)
        var full = Builder(site: site, databasePath: db, outDirectory: out)
        full.full = true
        _ = try full.run()
        #expect(try profile().rows == first.rows)
    }
}
