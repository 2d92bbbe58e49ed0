import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// The same window gives byte-identical manifests whether Swift's per-process hash seed is
/// random or fixed (`SWIFT_DETERMINISTIC_HASHING=1`): no `Set` or `Dictionary` order reaches
/// an event, a hash or a manifest. (`Scripts/determinism` adds a second run and release builds.)
@Suite struct ManifestDeterminismTests {
    static let runId = "00000000-0000-4000-8000-00000000de7e"
    static let account = "determinism"
    static let start = UTCTimestamp.parse("2022-05-01T00:00:00Z")!
    static let hours: Int64 = 240

    @Test func hashSeedDoesNotChangeManifests() throws {
        let scratch = try Scratch("determinism")
        defer { scratch.remove() }
        let end = Self.start.adding(hours: Self.hours - 1)
        let slices = try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: end)
        var files: [String] = []
        for hashing in ["1", nil] as [String?] {
            let database = try TestDatabase.create("determinism")
            defer { database.drop() }
            let cli = try CLI(dsn: database.dsn, scratch: scratch, deterministicHashing: hashing)
            let window = [
                "--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId,
                "--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", end.iso8601,
            ]
            try cli.succeed(CycleCLIMarketData.ingestArguments(slices))
            try cli.succeed(["execute-window"] + window + MomentumBaseline.arguments)
            let file = scratch.path("manifests-hashing-\(hashing ?? "random").jsonl")
            let replay = try cli.succeed(["replay-window"] + window + ["--from-genesis", "--manifest-out", file])
            #expect(replay.stdout.hasPrefix("MATCH \(Self.hours) hours"), "\(replay)")
            files.append(file)
        }
        let deterministic = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        let seeded = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        #expect(String(decoding: deterministic, as: UTF8.self).split(separator: "\n").count == Int(Self.hours))
        #expect(
            deterministic == seeded, "manifests differ between SWIFT_DETERMINISTIC_HASHING=1 and a random hash seed")
        let diff = try CLI(dsn: "", scratch: scratch).run(["manifest-diff", files[0], files[1]])
        #expect(diff.status == 0 && diff.stdout.hasPrefix("IDENTICAL \(Self.hours) manifests"), "\(diff)")
    }
}
