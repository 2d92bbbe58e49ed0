import HourglassCore

/// What re-running a window's trainings found (`replay-window --retrain`).
public struct RetrainReport: Sendable {
    /// Retrain hours whose training was re-run, in order.
    public var retrainHours: [UTCTimestamp] = []
    /// Artifacts whose hash was compared and matched.
    public var modelsMatched = 0
    /// The first model that differs (hour, kind, expected vs got), if any.
    public var mismatch: ModelStoreError?
}

extension CycleRunner {
    /// Re-runs every training of `run` at its retrain hours in `start...end` (from the bars in the log, as
    /// execution did) and compares each artifact's SHA-256 with the recorded `ModelTrained` events; stops at
    /// the first model that differs. A retraining that trained nothing must again train nothing.
    public func verifyRetraining(run: RunRecord, from start: UTCTimestamp, through end: UTCTimestamp) throws
        -> RetrainReport
    {
        var report = RetrainReport()
        let strategy = run.config.strategy
        guard strategy.usesEnsemble else { return report }
        var hour = strategy.retrain.retrainHour(atOrBefore: max(start, run.startHourTs), startHourTs: run.startHourTs)
        if let first = hour, first < start { hour = first.adding(hours: Int64(strategy.retrain.everyHours)) }
        while let retrainHour = hour, retrainHour <= end {
            guard try store.hour(runId: run.context.runId, hourTs: retrainHour) != nil else { break }
            report.retrainHours.append(retrainHour)
            let recorded = try modelStore.trained(log: log, runId: run.context.runId, at: retrainHour).map(\.0)
            let again = try ModelTraining(log: log).train(
                config: run.config, retrainHour: retrainHour, progress: progress)
            let got = again?.events ?? []
            for index in 0..<max(recorded.count, got.count) {
                let expected = index < recorded.count ? recorded[index] : nil
                let found = index < got.count ? got[index] : nil
                if expected?.kind == found?.kind, expected?.artifactSha256 == found?.artifactSha256 {
                    report.modelsMatched += 1
                    continue
                }
                report.mismatch = .retrainMismatch(
                    retrainHour: retrainHour, kind: expected?.kind ?? found?.kind ?? "-",
                    expected: expected.map { "\($0.kind) \($0.artifactSha256.hex)" } ?? "no model",
                    got: found.map { "\($0.kind) \($0.artifactSha256.hex)" } ?? "no model")
                return report
            }
            hour = retrainHour.adding(hours: Int64(strategy.retrain.everyHours))
        }
        return report
    }
}
