import Foundation
import GRDB
import PorticoCore
import PorticoModel
import PorticoPublish
import PorticoTestSupport
import Synchronization
import Testing

/// The nightly build: incremental equals full, unchanged parties shared, bad parties held back, gone parties removed,
/// atomic under kill, one consistent read.
@Suite("The nightly build", .serialized)
struct NightlyBuildTests {
    /// Builds `db` into `out` (incrementally unless `full`), with the builder's other settings as `configure` sets them.
    @discardableResult
    func build(_ db: String, _ out: String, site: String = Fixture.repositoryRoot, full: Bool = false,
               _ configure: (inout Builder) -> Void = { _ in }) throws -> BuildSummary {
        var builder = Builder(site: try Site(directory: site, configPath: nil), databasePath: db, outDirectory: out)
        builder.full = full
        configure(&builder)
        return try builder.run()
    }

    func served(_ out: String) throws -> String {
        out + "/" + (try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current"))
    }

    /// Every file of the served release with its bytes.
    func tree(_ out: String) throws -> [String: Data] {
        let root = try served(out)
        var result: [String: Data] = [:]
        for path in try Built.files(in: root) { result[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }
        return result
    }

    func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    func execute(_ db: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }

    func copySite() throws -> String {
        let site = Fixture.temporaryPath("site")
        for folder in ["Templates", "Content", "Public"] {
            try FileManager.default.copyItem(atPath: Fixture.repositoryRoot + "/" + folder, toPath: site + "/" + folder)
        }
        return site
    }

    @Test("an unchanged export file keeps the served release; the same data written anew renders nothing and shares every party's files (same inode)")
    func unchanged() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("out")
        let first = try build(db, out)
        let firstRoot = try served(out)
        // The same file, site and program: nothing to do, the release stays.
        let kept = try build(db, out)
        #expect(kept.unchanged && kept.releaseID == first.releaseID && kept.pagesRendered == 0 && kept.filesWritten == 0)
        #expect(kept.pagesReused == first.pagesRendered + first.pagesReused && kept.partiesReused == first.partiesRendered.sorted())
        #expect(try served(out) == firstRoot)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/releases").count == 1, "no new release")
        let report = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        #expect(report.contains("\"unchanged\" : true"))
        // The same data, written again (the file's bytes differ): every party's fingerprint matches.
        try execute(db, "CREATE TABLE scratch (x); DROP TABLE scratch;")
        let second = try build(db, out)
        #expect(!second.unchanged)
        #expect(second.partiesRendered.isEmpty)
        #expect(second.partiesReused.count == first.partiesRendered.count)
        #expect(second.pagesReused > 0)
        let secondRoot = try served(out)
        #expect(firstRoot != secondRoot)
        for path in ["vendors/V100/invoices/1.html", "customers/C500/index.html"] {
            #expect(try inode(firstRoot + "/" + path) == inode(secondRoot + "/" + path), "\(path) is shared")
        }
        #expect(try tree(out).count > 100)
        // A change of the site, or --full, is not "unchanged".
        #expect(!(try build(db, out, full: true)).unchanged)
        let site = try copySite()
        try "/* changed */".write(toFile: site + "/Public/extra.css", atomically: true, encoding: .utf8)
        #expect(!(try build(db, out, site: site)).unchanged)
        // After a rollback the kept release is no longer served: a build publishes again.
        let before = try served(out)
        _ = try Release.rollback(outDirectory: out)
        #expect(try served(out) != before)
        #expect(!(try build(db, out, site: site)).unchanged)
    }

    @Test("an unchanged export with a held-back party keeps its errors and its exit status")
    func unchangedHeldBack() throws {
        let db = try Fixture.database(Fixture.small + "UPDATE vendor_invoice SET total_minor = 'lots' WHERE id = 7;")
        let out = Fixture.temporaryPath("out")
        let first = try build(db, out)
        #expect(first.exitStatus == 1 && first.heldBack == [PartyRef(.vendor, "V200")])
        let kept = try build(db, out)
        #expect(kept.unchanged && kept.exitStatus == 1 && kept.heldBack == first.heldBack && kept.problems == first.problems)
    }

    @Test("after each kind of change, an incremental build gives exactly the bytes of a full build", arguments: [
        "invoice", "note", "template", "translation",
    ])
    func incrementalEqualsFull(change: String) throws {
        let db = try Fixture.database(Fixture.small)
        let site = try copySite()
        let out = Fixture.temporaryPath("out")
        try build(db, out, site: site)
        switch change {
        case "invoice": try execute(db, "UPDATE vendor_invoice SET matching_status = 'mismatch' WHERE id = 2")
        case "note": try execute(db, "UPDATE note SET body_markdown = 'Changed *note*' WHERE id = 9")
        case "template":
            let path = site + "/Templates/vendor/payments.mustache"
            try (String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "<h1>", with: "<h1 class=\"changed\">"))
                .write(toFile: path, atomically: true, encoding: .utf8)
        default:
            let path = site + "/Templates/i18n/nl.json"
            try (String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"Werkruimte\"", with: "\"Mijn werkruimte\""))
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let incremental = try build(db, out, site: site)
        let fresh = Fixture.temporaryPath("fresh")
        try build(db, fresh, site: site, full: true)
        let a = try tree(out), b = try tree(fresh)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a where b[path] != bytes { Issue.record("\(path) differs between the incremental and the full build") }
        switch change {
        case "invoice":
            #expect(incremental.partiesRendered == [PartyRef(.vendor, "V100")], "only the changed vendor is rendered")
            #expect(String(decoding: a["vendors/V100/invoices/2.html"] ?? Data(), as: UTF8.self).contains("Afwijking"))
        case "note":
            #expect(incremental.partiesRendered == [PartyRef(.customer, "C500")])
            #expect(String(decoding: a["customers/C500/invoices/SI-500002.html"] ?? Data(), as: UTF8.self).contains("Changed <em>note</em>"))
        case "template":
            #expect(incremental.partiesReused.isEmpty, "a template change renders every party")
            #expect(String(decoding: a["vendors/V200/payments/index.html"] ?? Data(), as: UTF8.self).contains("<h1 class=\"changed\">"))
        default:
            #expect(incremental.partiesReused.isEmpty)
            #expect(String(decoding: a["vendors/V100/index.html"] ?? Data(), as: UTF8.self).contains("Mijn werkruimte"))
        }
    }

    @Test("a party with data errors keeps its last good pages, the others publish, exit status 1; once fixed it is rendered again")
    func heldBack() throws {
        let db = try Fixture.database(Fixture.small, constraints: false)
        let out = Fixture.temporaryPath("out")
        try build(db, out)
        let before = try tree(out)
        try execute(db, "UPDATE vendor_invoice SET status = 'approved', total_minor = 1 WHERE id = 7; UPDATE vendor_invoice SET matching_status = 'mismatch' WHERE id = 2;")
        let summary = try build(db, out)
        #expect(summary.exitStatus == 1)
        #expect(summary.heldBack == [PartyRef(.vendor, "V200")])
        let after = try tree(out)
        for path in before.keys where path.hasPrefix("vendors/V200/") { #expect(after[path] == before[path], "\(path) kept") }
        #expect(after["vendors/V100/invoices/2.html"] != before["vendors/V100/invoices/2.html"], "V100 is published")
        let report = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        #expect(report.contains("\"parties_held_back\" : ["))
        #expect(report.contains("\"account\" : \"V200\""))
        try execute(db, "UPDATE vendor_invoice SET status = 'confirmed', total_minor = 100000 WHERE id = 7")
        let fixed = try build(db, out)
        #expect(fixed.exitStatus == 0)
    }

    @Test("however long parties wait for the check, the release and the report are the same", arguments: [0, 1, 4_000, 1 << 30])
    func deferral(deferBytes: Int) throws {
        let db = try Fixture.database(Fixture.small, constraints: false)
        /// `deferBytes` nil: the check first, then the reading; 0: the reading waits at the first party to render.
        func run(_ out: String, deferBytes: Int?) throws -> BuildSummary {
            try build(db, out) { builder in
                builder.checkAlongside = deferBytes != nil
                if let deferBytes { builder.deferBytes = deferBytes }
                builder.batchSize = 1
            }
        }
        let reference = Fixture.temporaryPath("reference"), out = Fixture.temporaryPath("deferred")
        _ = try run(reference, deferBytes: nil)
        _ = try run(out, deferBytes: deferBytes)
        // A bad vendor and a bad customer, and one vendor changed: held back, rendered and reused parties interleave.
        try execute(db, """
            UPDATE vendor_invoice SET status = 'approved' WHERE id = 7;
            UPDATE vendor_invoice SET invoice_number = 'VD-2026-001-B' WHERE id = 1;
            UPDATE customer_invoice SET currency = 'EURO' WHERE number = (SELECT min(number) FROM customer_invoice);
            """)
        let expected = try run(reference, deferBytes: nil)
        let summary = try run(out, deferBytes: deferBytes)
        #expect(summary.timings["check_wait"] != nil, "the check ran alongside")
        #expect(expected.timings["check_wait"] == nil, "the reference checked first")
        #expect(summary.heldBack == expected.heldBack)
        #expect(summary.heldBack.count == 2)
        #expect(summary.partiesRendered == expected.partiesRendered)
        #expect(summary.partiesReused == expected.partiesReused)
        #expect(summary.problems == expected.problems)
        #expect(try tree(out) == tree(reference))
    }

    @Test("invoice accounts read beside the vendors, however little may wait, give the release and report of reading them in turn",
          arguments: [1, 4_000, 16 << 20])
    func customersBeside(limit: Int) throws {
        let db = try Fixture.database(Fixture.small, constraints: false)
        func run(_ out: String, beside: Bool) throws -> BuildSummary {
            try build(db, out) { builder in
                builder.prefetchCustomers = beside
                builder.deferBytes = limit
            }
        }
        let reference = Fixture.temporaryPath("reference"), out = Fixture.temporaryPath("beside")
        let first = try run(out, beside: true)
        #expect(!first.customersReadBeside, "nothing served: every party is rendered, read in turn")
        _ = try run(reference, beside: false)
        // A changed customer, a member's invoice (rendered in its invoice account's portal), a bad customer and a
        // changed vendor: customers rendered, reused and held back, read on the other connection.
        try execute(db, """
            UPDATE note SET body_markdown = 'Changed *note*' WHERE id = 9;
            INSERT INTO customer_invoice VALUES ('SI-5100015','C511',NULL,'2026-09-01','2026-10-01','EUR',2000,0,NULL,NULL);
            INSERT INTO customer_invoice_line VALUES ('SI-5100015',1,NULL,'Member line',1,2000,2000);
            UPDATE customer_invoice SET currency = 'EURO' WHERE number = 'SI-520001';
            UPDATE vendor_invoice SET invoice_number = 'VD-2026-001-B' WHERE id = 1;
            """)
        let expected = try run(reference, beside: false)
        let summary = try run(out, beside: true)
        #expect(summary.customersReadBeside)
        #expect(!expected.customersReadBeside)
        #expect(Set(summary.partiesRendered) == [PartyRef(.customer, "C500"), PartyRef(.customer, "C510"), PartyRef(.vendor, "V100")])
        #expect(summary.heldBack == [PartyRef(.customer, "C520")])
        #expect(summary.partiesRendered == expected.partiesRendered)
        #expect(summary.partiesReused == expected.partiesReused)
        #expect(summary.heldBack == expected.heldBack)
        #expect(summary.problems == expected.problems)
        #expect(summary.customerPortals == expected.customerPortals)
        let files = try tree(out)
        #expect(files == (try tree(reference)))
        #expect(String(decoding: files["customers/C510/invoices/SI-5100015.html"] ?? Data(), as: UTF8.self).contains("Member line"))
        // Nothing changed since: everything is linked, the customers' rows never kept.
        try execute(db, "UPDATE vendor_invoice SET invoice_number = 'VD-2026-001-C' WHERE id = 1")
        let quiet = try run(out, beside: true)
        #expect(quiet.customersReadBeside)
        #expect(quiet.partiesRendered == [PartyRef(.vendor, "V100")])
        #expect(quiet.partiesReused.filter { $0.kind == .customer } == [PartyRef(.customer, "C500"), PartyRef(.customer, "C510")])
    }

    @Test("invoice accounts read beside the vendors are of the vendors' snapshot while a writer commits (WAL)")
    func customersBesideConsistent() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("out")
        try build(db, out)
        // Each commit changes a vendor's invoice (read by the build's connection) and a customer's note (read beside).
        // Pauses, so that some builds see no commit between their two connections' beginnings (those read beside; the
        // others read in turn) and commits fall while the customers are read.
        let writer = try CommittingWriter(db)
        writer.start(pause: 0.25) { db, i in
            try db.execute(sql: "UPDATE vendor_invoice SET invoice_number = ? WHERE id = 7", arguments: ["COMMIT-\(i)-"])
            try db.execute(sql: "UPDATE note SET body_markdown = ? WHERE id = 9", arguments: ["NOTE-\(i)-"])
        }
        defer { writer.stop() }
        var beside = 0
        for _ in 0..<12 {
            let summary = try build(db, out)
            if summary.customersReadBeside { beside += 1 }
            let files = try tree(out)
            let vendor = String(decoding: files["vendors/V200/invoices/7.html"] ?? Data(), as: UTF8.self)
            let customer = String(decoding: files["customers/C500/invoices/SI-500002.html"] ?? Data(), as: UTF8.self)
            let commit = vendor.firstMatch(of: /COMMIT-(\d+)-/).map { String($0.1) }
            #expect(commit != nil)
            #expect(customer.contains("NOTE-\(commit ?? "?")-"), "the customer's note is of commit \(commit ?? "?"), as the vendor's invoice")
        }
        #expect(beside > 0, "some builds read the customers beside the vendors")
        print("nightly builds while a writer committed: \(beside) of 12 read the customers beside the vendors")
    }

    @Test("batches render while the next is read: one party per batch gives the release of one batch, and a leak in the first batch stops the build")
    func pipelinedBatches() throws {
        let db = try Fixture.database(Fixture.small)
        func run(_ out: String, batchSize: Int) throws -> BuildSummary {
            try build(db, out, full: true) { $0.batchSize = batchSize }
        }
        let one = Fixture.temporaryPath("batch-one"), all = Fixture.temporaryPath("batch-all")
        let a = try run(one, batchSize: 1)
        let b = try run(all, batchSize: 64)
        #expect(a.partiesRendered == b.partiesRendered)
        #expect(a.partiesRendered.count == 5)
        #expect(a.pagesRendered == b.pagesRendered && a.filesWritten == b.filesWritten)
        #expect(try tree(one) == tree(all))

        // V100 renders first; its leak is found while the next party is read, and the build stops there.
        let served = try self.served(one)
        let before = try tree(one)
        try execute(db, """
            INSERT INTO note VALUES (950,'vendor','V100',NULL,NULL,'external','AP team','2026-11-01T10:00:00Z','Same as order PO-000201 of the other vendor.');
            """)
        let error = #expect(throws: CoreError.self) { try run(one, batchSize: 1) }
        #expect(error.map { "\($0)" }?.contains("'PO-000201', which belongs to vendor V200") == true, "\(String(describing: error))")
        #expect(try self.served(one) == served)
        #expect(try tree(one) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: one + "/parties/vendors").filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("one build or rollback at a time per output folder; the lock goes with the process")
    func oneAtATime() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("locked")
        try build(db, out)
        try build(db, out, full: true)
        let served = try served(out)
        let before = try tree(out)
        do {
            let held = try OutputLock(outDirectory: out)
            let error = #expect(throws: CoreError.self) { try build(db, out, full: true) }
            #expect(error?.description.contains("another portico build or rollback is working on this folder") == true, "\(String(describing: error))")
            #expect(throws: PublishError.busy(path: out)) { try Release.rollback(outDirectory: out) }
            withExtendedLifetime(held) {}
        }
        #expect(try self.served(out) == served, "nothing changed while the folder was locked")
        #expect(try tree(out) == before)
        // Released: both work again.
        _ = try Release.rollback(outDirectory: out)
        #expect(try self.served(out) != served)
        #expect(try build(db, out).exitStatus == 0)
        #expect(throws: PublishError.self) { try Release.rollback(outDirectory: out + "-missing") }
        #expect(!FileManager.default.fileExists(atPath: out + "-missing"), "a rollback does not create the folder")
    }

    @Test("a party never good has no folder; a disabled or deleted party is removed")
    func gone() throws {
        let db = try Fixture.database(Fixture.small, constraints: false)
        let out = Fixture.temporaryPath("out")
        try build(db, out)
        try execute(db, "UPDATE vendor SET portal_enabled = 0 WHERE account = 'V200'; DELETE FROM customer_invoice_line WHERE invoice_number LIKE 'SI-520%'; DELETE FROM customer_settlement WHERE invoice_number LIKE 'SI-520%'; DELETE FROM customer_payment WHERE customer_account = 'C520'; DELETE FROM customer_invoice WHERE customer_account = 'C520'; DELETE FROM customer WHERE account = 'C520';")
        let summary = try build(db, out)
        #expect(summary.partiesRemoved == ["customers/C520", "vendors/V200"])
        let files = try tree(out).keys
        #expect(!files.contains { $0.hasPrefix("vendors/V200/") || $0.hasPrefix("customers/C520/") })
        let never = try Fixture.database(Fixture.small + "INSERT INTO vendor VALUES ('V900','New Bad','x@y.example','en-US','EUR',1); INSERT INTO vendor_invoice VALUES (90,'V900','NB-1',NULL,'2026-10-01','2026-10-31','EUR','draft',1,0,'bad',NULL,NULL);", constraints: false)
        let fresh = Fixture.temporaryPath("out")
        let s = try build(never, fresh)
        #expect(s.heldBack.contains(PartyRef(.vendor, "V900")))
        #expect(!(try tree(fresh)).keys.contains { $0.hasPrefix("vendors/V900/") })
    }

    @Test("a party rendered again is written over its folder the last build unlinked: the bytes of a new one, nothing left of its last pages; folders not taken are removed one build later")
    func recycled() throws {
        let db = try Fixture.database(Fixture.small, constraints: false)
        let out = Fixture.temporaryPath("out")
        let config = Fixture.temporaryPath("config") + ".json"
        try Data(#"{"keep_releases": 1}"#.utf8).write(to: URL(fileURLWithPath: config))
        let site = try Site(directory: Fixture.repositoryRoot, configPath: config)
        func night(_ day: Int) throws -> BuildSummary {
            try execute(db, "UPDATE schema_info SET value = '2026-11-\(day)T23:30:00Z' WHERE key = 'exported_at'")
            return try Builder(site: site, databasePath: db, outDirectory: out).run()
        }
        func folders(_ segment: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: out + "/parties/vendors").filter { $0.hasPrefix(segment + ".") && !$0.hasSuffix(".count") }.sorted()
        }
        let first = try night(20)
        #expect(first.foldersRecycled == 0)
        let firstV100 = try folders("V100")
        let index = out + "/parties/vendors/" + firstV100[0] + "/index.html"
        let firstInode = try inode(index)
        // The second night renders every party anew (a new export time): the first night's folders are unlinked, kept.
        let second = try night(21)
        #expect(second.foldersRecycled == 0)
        #expect(try folders("V100").count == 2)
        // The third night: V100 loses a draft invoice and an attachment, V200 is disabled.
        try execute(db, """
            DELETE FROM vendor_invoice_event WHERE invoice_id = 4; DELETE FROM vendor_invoice_line WHERE invoice_id = 4; DELETE FROM vendor_invoice WHERE id = 4; DELETE FROM attachment WHERE id = 1;
            UPDATE vendor SET portal_enabled = 0 WHERE account = 'V200';
            """)
        let third = try night(22)
        #expect(third.foldersRecycled == third.partiesRendered.count && third.foldersRecycled > 0)
        // V100's first folder was written over: the same inode now serves its overview.
        #expect(try inode(try served(out) + "/vendors/V100/index.html") == firstInode)
        let files = try tree(out)
        #expect(!files.keys.contains("vendors/V100/invoices/4.html"))
        #expect(!files.keys.contains { $0.hasPrefix("vendors/V100/attachments/1/") })
        #expect(!files.keys.contains { $0.hasPrefix("vendors/V200/") })
        // The same bytes as a first build of the same export.
        let fresh = Fixture.temporaryPath("out")
        _ = try Builder(site: site, databasePath: db, outDirectory: fresh).run()
        #expect(files == (try tree(fresh)))
        // V200's first folder (not taken: V200 was not rendered) went at the end of the third night; its second
        // (unlinked by the third) goes at the end of the fourth.
        #expect(try folders("V200").count == 1)
        #expect(try folders("V100").count == 2)
        _ = try night(23)
        #expect(try folders("V200").isEmpty)
        #expect(try folders("V100").count == 2)
    }

    @Test("rollback serves the previous release; old releases and unlinked party folders are removed")
    func rollbackAndPruning() throws {
        let db = try Fixture.database(Fixture.small)
        let out = Fixture.temporaryPath("out")
        var ids: [String] = []
        for i in 0..<5 {
            try execute(db, "UPDATE vendor_invoice SET matching_status = '\(i % 2 == 0 ? "mismatch" : "matched")' WHERE id = 2")
            ids.append(try build(db, out).releaseID)
        }
        let releases = try FileManager.default.contentsOfDirectory(atPath: out + "/releases").sorted()
        #expect(releases == Array(ids.suffix(3)))
        let vendorFolders = try FileManager.default.contentsOfDirectory(atPath: out + "/parties/vendors").filter { $0.hasPrefix("V100.") && !$0.hasSuffix(".count") }
        #expect(vendorFolders.count == 2, "two versions of V100 are linked by the three kept releases")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixture.repositoryRoot + "/.build/debug/portico")
        process.arguments = ["rollback", "--out", out]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current") == "releases/\(ids[3])")
    }

    @Test("a build killed at any moment leaves the served release exactly as it was, and the next build cleans up")
    func killed() throws {
        let db = Fixture.temporaryPath("medium") + ".sqlite"
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: Fixture.repositoryRoot + "/.build/debug/portico")
        demo.arguments = ["demo", "--db", db, "--scale", "small"]
        demo.standardOutput = FileHandle.nullDevice
        try demo.run()
        demo.waitUntilExit()
        let out = Fixture.temporaryPath("out")
        try build(db, out)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current")
        let before = try tree(out)
        try execute(db, "UPDATE vendor_invoice SET matching_status = 'mismatch'; UPDATE schema_info SET value = '2026-11-21T23:30:00Z' WHERE key = 'exported_at';")
        var killedBeforeSwitch = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Fixture.repositoryRoot + "/.build/debug/portico")
            p.arguments = ["build", "--db", db, "--out", out, "--site", Fixture.repositoryRoot, "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try FileManager.default.destinationOfSymbolicLink(atPath: out + "/current")
            if now == link {
                killedBeforeSwitch += 1
                #expect(try tree(out) == before, "served release changed by a build killed after \(delay) s")
            }
        }
        #expect(killedBeforeSwitch >= 2, "the kills must land inside builds")
        let finished = try build(db, out)
        #expect(finished.exitStatus == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out + "/releases").filter { $0.hasPrefix(".") }
            + FileManager.default.contentsOfDirectory(atPath: out + "/parties/vendors").filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty, "leftovers: \(leftovers)")
        #expect(try tree(out).values.contains { String(decoding: $0, as: UTF8.self).contains("21 nov 2026") })
    }

    @Test("a writer committing during the build never produces a half-old, half-new party (one read transaction, WAL)")
    func consistentRead() throws {
        let db = try Fixture.database(Fixture.small)
        let wal = try DatabaseQueue(path: db)
        _ = try wal.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode=WAL") }
        let out = Fixture.temporaryPath("out")
        let started = DispatchSemaphore(value: 0)
        let writer = Thread {
            started.signal()
            for i in 0..<200 {
                try? wal.write { db in
                    // Each commit changes an invoice and its line together; a torn read would show one without the other.
                    try db.execute(sql: "UPDATE vendor_invoice_line SET description = 'rev \(i)' WHERE invoice_id = 1")
                    try db.execute(sql: "UPDATE vendor_invoice SET invoice_number = 'VD-2026-001-r\(i)' WHERE id = 1")
                }
            }
        }
        writer.start()
        started.wait()
        try build(db, out)
        let page = String(decoding: try tree(out)["vendors/V100/invoices/1.html"] ?? Data(), as: UTF8.self)
        let revision = page.range(of: "rev \\d+", options: .regularExpression).map { String(page[$0].dropFirst(4)) }
        if let revision {
            #expect(page.contains("VD-2026-001-r\(revision)"), "line and header from the same commit")
        } else {
            #expect(page.contains("Bolts M8, galvanised") && !page.contains("VD-2026-001-r"), "both from before the writer's first commit")
        }
        while writer.isExecuting { Thread.sleep(forTimeInterval: 0.01) }
    }

    @Test("the check runs alongside the reading, and both see the same data while a writer commits (WAL)")
    func checkAlongside() throws {
        // Without the schema's constraints, so the writer can store a bad status.
        let db = try Fixture.database(Fixture.small, constraints: false)
        // Quiet file: the check ran on its own connection, and the build waited for it.
        let quiet = try build(db, Fixture.temporaryPath("quiet"))
        #expect(quiet.timings["check_wait"] != nil, "timings: \(quiet.timings)")
        #expect(quiet.problems.isEmpty)

        // A writer turns V100's first invoice bad (an unknown status) and good again, commit after commit, and numbers
        // V200's invoice after the commit. Whatever snapshot a build reads, its check must be of the same one: V100
        // published from a good commit, or held back when the pages were read from a bad one (V200 tells which).
        let writer = try CommittingWriter(db)
        let status = try writer.wal.read { try String.fetchOne($0, sql: "SELECT status FROM vendor_invoice WHERE id = 1") } ?? "draft"
        // Some builds begin between two commits (the check runs alongside), others see a commit in between (the check
        // runs on the build's own connection).
        writer.start(pause: 0.003) { db, i in
            try db.execute(sql: "UPDATE vendor_invoice SET status = ?, invoice_number = ? WHERE id = 1",
                           arguments: i % 2 == 0 ? [status, "GOOD-\(i)"] : ["bogus", "BAD-\(i)"])
            try db.execute(sql: "UPDATE vendor_invoice SET invoice_number = ? WHERE id = 7", arguments: ["COMMIT-\(i)-"])
        }
        defer { writer.stop() }
        var published = 0, heldBack = 0, alongside = 0
        for round in 0..<8 {
            let out = Fixture.temporaryPath("busy-\(round)")
            let summary = try build(db, out)
            if summary.timings["check_wait"] != nil { alongside += 1 }
            let files = try tree(out)
            let page = files["vendors/V100/invoices/1.html"].map { String(decoding: $0, as: UTF8.self) }
            let other = String(decoding: files["vendors/V200/invoices/7.html"] ?? Data(), as: UTF8.self)
            // The commit the pages were read from.
            let commit = other.firstMatch(of: /COMMIT-(\d+)-/).flatMap { Int($0.1) }
            #expect(commit != nil, "V200 is published")
            if summary.heldBack.contains(PartyRef(.vendor, "V100")) {
                heldBack += 1
                #expect(page == nil, "a party never good has no pages")
                #expect(summary.problems.contains { $0.table == "vendor_invoice" && $0.key == "1" && $0.column == "status" })
                #expect(commit.map { $0 % 2 == 1 } == true, "held back while the pages were read from commit \(commit ?? -1), a good one")
            } else {
                published += 1
                #expect(page?.contains("GOOD-\(commit ?? -1)<") == true || page?.contains("GOOD-\(commit ?? -1) ") == true,
                        "V100 published from commit \(commit ?? -1)")
                #expect(page?.contains("BAD-") == false)
                #expect(summary.problems.isEmpty)
            }
        }
        #expect(published + heldBack == 8)
        print("builds while a writer committed: \(published) published, \(heldBack) held back, \(alongside) checked alongside")
    }
}

/// A writer in WAL mode committing `commit(db, i)` for i = 0, 1, 2, ... with `pause` seconds between commits, until
/// `stop`, while builds read the same file.
final class CommittingWriter: @unchecked Sendable {
    let wal: DatabaseQueue
    private let stopped = Atomic<Bool>(false)
    private var thread: Thread?

    init(_ path: String) throws {
        wal = try DatabaseQueue(path: path)
        _ = try wal.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode=WAL") }
    }

    /// Starts committing; returns once the first commit is in.
    func start(pause: Double, _ commit: @escaping @Sendable (Database, Int) throws -> Void) {
        let first = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            var i = 0
            while !stopped.load(ordering: .relaxed) {
                try! wal.write { db in try commit(db, i) }
                if i == 0 { first.signal() }
                i += 1
                Thread.sleep(forTimeInterval: pause)
            }
        }
        self.thread = thread
        thread.start()
        first.wait()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        while thread?.isExecuting == true { Thread.sleep(forTimeInterval: 0.01) }
    }
}
