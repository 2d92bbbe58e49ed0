import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `ParallelWindowReplayer` against the serial `WindowReplayer` on the shared cycle window (192
/// hours, a snapshot every 24): the same report and manifests, the earliest divergence whichever
/// part finds one, and a part refuses a snapshot that does not hash to its hour's state hash.
@Suite(.serialized, CycleWindowFixture())
struct ParallelWindowReplayerTests {
    /// What a replay reported: the report and every `onHour` call.
    struct Replayed {
        var report: WindowReplayReport
        var hours: [String]
    }

    static func replay(
        _ database: TestDatabase, _ run: RunRecord, jobs: Int, from start: UTCTimestamp,
        through end: UTCTimestamp, fromGenesis: Bool
    ) throws -> Replayed {
        let runner = CycleRunner(log: EventLog(connection: try database.connect()))
        var hours: [String] = []
        let onHour: (String, Int, Int) -> Void = { text, matched, events in
            hours.append("\(matched) \(events) \(text)")
        }
        let report: WindowReplayReport
        if jobs == 1 {
            report = try WindowReplayer(runner: runner, run: run).replay(
                from: start, through: end, fromGenesis: fromGenesis, onHour: onHour)
        } else {
            report = try ParallelWindowReplayer(runner: runner, run: run, dsn: database.dsn, jobs: jobs).replay(
                from: start, through: end, fromGenesis: fromGenesis, onHour: onHour)
        }
        return Replayed(report: report, hours: hours)
    }

    static func expectSame(_ serial: Replayed, _ parallel: Replayed, _ label: String) {
        #expect(parallel.hours == serial.hours, "\(label): the same hours reported, in order")
        #expect(parallel.report.hoursMatched == serial.report.hoursMatched, "\(label)")
        #expect(parallel.report.eventsVerified == serial.report.eventsVerified, "\(label)")
        #expect(parallel.report.lastStateSha256 == serial.report.lastStateSha256, "\(label)")
        #expect(parallel.report.divergence?.description == serial.report.divergence?.description, "\(label)")
    }

    @Test func thePlanSplitsAtSnapshotHoursIntoEqualParts() {
        let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
        let snapshots = stride(from: 23, to: 192, by: 24).map { start.adding(hours: Int64($0)) }
        let end = start.adding(hours: 191)
        let two = ParallelWindowReplayer.plan(from: start, through: end, snapshotHours: snapshots, jobs: 2)
        #expect(two == [start...start.adding(hours: 95), start.adding(hours: 96)...end])
        let four = ParallelWindowReplayer.plan(from: start, through: end, snapshotHours: snapshots, jobs: 4)
        #expect(four.map(\.upperBound) == [47, 95, 143, 191].map { start.adding(hours: Int64($0)) })
        // The window's last hour is no boundary, and without snapshots there is one part.
        #expect(ParallelWindowReplayer.plan(from: start, through: end, snapshotHours: [end], jobs: 2) == [start...end])
        let few = ParallelWindowReplayer.plan(from: start, through: end, snapshotHours: [snapshots[0]], jobs: 8)
        #expect(few == [start...snapshots[0], snapshots[0].adding(hours: 1)...end])
    }

    @Test func twoJobsReportWhatOneJobReports() throws {
        let window = try CycleWindow.current()
        let end = window.start.adding(hours: window.hourCount - 1)
        let middle = window.start.adding(hours: 30)
        for (start, genesis) in [(window.start, true), (middle, true), (middle, false)] {
            let serial = try Self.replay(
                window.database, window.run, jobs: 1, from: start, through: end, fromGenesis: genesis)
            #expect(serial.report.divergence == nil)
            for jobs in [2, 3] {
                let parallel = try Self.replay(
                    window.database, window.run, jobs: jobs, from: start, through: end, fromGenesis: genesis)
                Self.expectSame(serial, parallel, "jobs \(jobs) from \(start) genesis \(genesis)")
            }
        }
    }

    @Test func aCountedReplayReportsTheBytesEveryMatchedHourCommittedTo() throws {
        let window = try CycleWindow.current()
        let runner = CycleRunner(log: EventLog(connection: try window.database.connect()))
        let end = window.start.adding(hours: 47)
        let counted = try WindowReplayer(runner: runner, run: window.run, countsCommitment: true).replay(
            from: window.start, through: end, fromGenesis: true
        ) { _, _, _ in }
        let plain = try Self.replay(
            window.database, window.run, jobs: 1, from: window.start, through: end, fromGenesis: true)
        #expect(plain.report.stateCommitmentBytes == nil, "not counted unless asked")
        #expect(counted.divergence == nil && counted.hoursMatched == 48)
        #expect(counted.lastStateSha256 == plain.report.lastStateSha256)
        // The same sum, hour by hour, from the states replayHour carries.
        var state: EngineState? = nil
        var expected = 0
        for offset in 0..<48 {
            let (outcome, next) = try runner.replayHour(
                run: window.run, hourTs: window.start.adding(hours: Int64(offset)), carried: state)
            guard case .match = outcome else {
                Issue.record("hour \(offset) should MATCH")
                return
            }
            expected += next.commitmentByteCount
            state = next
        }
        #expect(counted.stateCommitmentBytes == expected)
        #expect(expected > 48 * 1024, "at least a kilobyte an hour")
    }

    @Test func thePipelinedReaderHandsOutWhatThePerHourReadsGive() throws {
        let window = try CycleWindow.current()
        let log = EventLog(connection: try window.database.connect())
        let runner = CycleRunner(log: log)
        let runId = window.run.context.runId
        let first = window.start.adding(hours: 5)
        let end = window.start.adding(hours: window.hourCount - 1)
        let stored = try runner.store.hours(runId: runId, from: first, through: end)
        // 7 hours a batch: many batches, a short last one, and the reading thread runs ahead.
        let reader = try HourEventReader(log: log, runId: runId, from: first, through: end, hoursPerBatch: 7)
        for hour in stored {
            let (outputs, inputs) = try reader.next(hour)
            let expected = try log.read(runId: runId, hourTs: hour.hourTs)
            #expect(outputs.map(\.header.seq) == expected.map(\.header.seq), "\(hour.hourTs)")
            #expect(outputs.map(\.payload) == expected.map(\.payload), "\(hour.hourTs)")
            #expect(inputs == (try runner.store.inputsForReplay(runId: runId, hourTs: hour.hourTs)), "\(hour.hourTs)")
        }
        reader.close()
        // Closed early, while the thread is reading ahead: close returns, and a new reader still reads.
        let early = try HourEventReader(log: log, runId: runId, from: first, through: end, hoursPerBatch: 3)
        let (outputs, _) = try early.next(stored[0])
        #expect(!outputs.isEmpty)
        early.close()
        early.close()
    }

    @Test func aFailedReadAheadIsThrownByTheHourThatNeedsIt() throws {
        let window = try CycleWindow.current()
        let tampered = try CycleTamper.tamperedCopy(of: window, label: "reader_fail", updateHash: false)
        defer { tampered.copy.drop() }
        let (log, target) = (tampered.log, tampered.target)
        let runId = window.run.context.runId
        let end = window.start.adding(hours: window.hourCount - 1)
        let stored = try CycleRunner(log: log).store.hours(runId: runId, from: window.start, through: end)
        let reader = try HourEventReader(log: log, runId: runId, from: window.start, through: end, hoursPerBatch: 5)
        defer { reader.close() }
        // The batch holding the rewritten event starts at this hour: every hour before it reads.
        let offset = (target.hourTs.secondsSinceEpoch - window.start.secondsSinceEpoch) / 3600
        let failing = window.start.adding(hours: offset / 5 * 5)
        for hour in stored where hour.hourTs < failing { _ = try reader.next(hour) }
        let hour = try #require(stored.first { $0.hourTs == failing })
        #expect {
            _ = try reader.next(hour)
        } throws: { error in
            guard case EventLogError.payloadHashMismatch(let seq) = error else { return false }
            return seq == target.seq
        }
    }

    @Test func aTamperedHourInTheSecondPartIsTheFirstDivergence() throws {
        let window = try CycleWindow.current()
        let tampered = try CycleTamper.tamperedCopy(of: window, label: "jobs_tamper", updateHash: true)
        let (copy, connection, target) = (tampered.copy, tampered.connection, tampered.target)
        defer { copy.drop() }
        #expect(target.hourTs >= window.start.adding(hours: 96), "the tampered hour is in the second part")
        let end = window.start.adding(hours: window.hourCount - 1)
        let serial = try Self.replay(copy, window.run, jobs: 1, from: window.start, through: end, fromGenesis: true)
        let parallel = try Self.replay(copy, window.run, jobs: 2, from: window.start, through: end, fromGenesis: true)
        #expect(serial.report.divergence?.hourTs == target.hourTs)
        #expect(serial.report.divergence?.kind == "event")
        Self.expectSame(serial, parallel, "one tampered event in the second part")

        // A second tamper in the first part: that one is the first divergence, though the second
        // part (diverging at its own hour) may finish first.
        let early = window.start.adding(hours: 30)
        let updated = try connection.executeUnsafe(
            script: """
                SET session_replication_role = replica;
                UPDATE hour_manifests SET manifest = replace(manifest, '"engine_version":"', '"engine_version":"x')
                WHERE run_id = '\(window.run.context.runId)' AND hour_ts_utc = '\(early.iso8601)'
                """, context: "tamper")
        #expect(updated.affectedRows == 1)
        let serialBoth = try Self.replay(copy, window.run, jobs: 1, from: window.start, through: end, fromGenesis: true)
        let parallelBoth = try Self.replay(
            copy, window.run, jobs: 2, from: window.start, through: end, fromGenesis: true)
        #expect(serialBoth.report.divergence?.hourTs == early)
        #expect(serialBoth.report.divergence?.kind == "manifest")
        Self.expectSame(serialBoth, parallelBoth, "tampered hours in both parts")
    }

    @Test func aSnapshotThatDoesNotHashToItsHourIsRefused() throws {
        let window = try CycleWindow.current()
        let end = window.start.adding(hours: window.hourCount - 1)
        let boundary = window.start.adding(hours: 95)
        let runId = window.run.context.runId
        let cases: [(label: String, sql: String)] = [
            (
                "another hour's snapshot",
                """
                UPDATE hour_manifests SET snapshot_sha256 = (SELECT snapshot_sha256 FROM hour_manifests
                  WHERE run_id = '\(runId)' AND hour_ts_utc = '\(window.start.adding(hours: 71).iso8601)')
                WHERE run_id = '\(runId)' AND hour_ts_utc = '\(boundary.iso8601)'
                """
            ),
            (
                "changed snapshot bytes",
                """
                UPDATE blobs SET data = set_byte(data, length(data) / 2, 255 - get_byte(data, length(data) / 2))
                WHERE sha256 = (SELECT snapshot_sha256 FROM hour_manifests
                  WHERE run_id = '\(runId)' AND hour_ts_utc = '\(boundary.iso8601)')
                """
            ),
        ]
        for (label, sql) in cases {
            let copy = try window.database.clone("jobs_snapshot")
            defer { copy.drop() }
            let changed = try copy.connect().executeUnsafe(
                script: "SET session_replication_role = replica; \(sql)", context: "tamper")
            #expect(changed.affectedRows == 1, "\(label): \(sql) must change one row")
            // The serial replay from genesis reads no snapshot: every hour still matches.
            let serial = try Self.replay(copy, window.run, jobs: 1, from: window.start, through: end, fromGenesis: true)
            #expect(serial.report.divergence == nil && serial.report.hoursMatched == Int(window.hourCount), "\(label)")
            #expect(throws: WindowReplayError.self, "\(label): the second part refuses its snapshot") {
                _ = try Self.replay(copy, window.run, jobs: 2, from: window.start, through: end, fromGenesis: true)
            }
            do {
                _ = try Self.replay(copy, window.run, jobs: 2, from: window.start, through: end, fromGenesis: true)
            } catch let WindowReplayError.snapshotRefused(_, hour, _) {
                #expect(hour == boundary, "\(label): the refusal names the snapshot's hour")
            }
        }
    }
}
