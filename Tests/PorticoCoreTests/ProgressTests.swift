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
        let last = try #require(reports.last)
        #expect(last.stage == .parties)
        #expect(last.partiesDone == last.partiesTotal)
        #expect(last.partiesDone == summary.partiesBuilt + summary.heldBack.count)
        #expect(last.pagesRendered == summary.pagesRendered)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.partiesDone <= $1.partiesDone && $0.pagesRendered <= $1.pagesRendered })
        // The check's lines come before the parties' (never after the verdict).
        let firstParties = reports.firstIndex { $0.stage == .parties } ?? reports.count
        #expect(reports[firstParties...].allSatisfy { $0.stage == .parties })
    }
}
