import Foundation
@testable import PorticoCore
import PorticoTestSupport
import Synchronization
import Testing

@Suite("The build's progress line")
struct ProgressTests {
    @Test("says parties and pages done, pages per second and the time left")
    func line() {
        let p = BuildProgress(partiesDone: 250, partiesTotal: 1000, pagesRendered: 5000, seconds: 10)
        #expect(p.line == "250 of 1000 parties, 5000 pages, 500 pages/s, 30 s left")
        #expect(BuildProgress(partiesDone: 0, partiesTotal: 10, pagesRendered: 0, seconds: 0).line == "0 of 10 parties, 0 pages, 0 pages/s, 0 s left")
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
        #expect(last.partiesDone == last.partiesTotal)
        #expect(last.partiesDone == summary.partiesBuilt + summary.heldBack.count)
        #expect(last.pagesRendered == summary.pagesRendered)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.partiesDone <= $1.partiesDone && $0.pagesRendered <= $1.pagesRendered })
    }
}
