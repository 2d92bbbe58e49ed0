import HourglassCore
import HourglassModels

/// Why a run's trained models could not be stored, found or loaded.
public enum ModelStoreError: Error, Sendable, CustomStringConvertible {
    /// A `ModelTrained` event names an artifact the blob table does not hold.
    case missingArtifact(runId: String, retrainHour: UTCTimestamp, kind: String, sha256: String)
    /// The stored artifact does not decode to bytes with its hash, or does not load as a model.
    case corruptArtifact(runId: String, retrainHour: UTCTimestamp, kind: String, reason: String)
    /// A retraining found a different artifact than the log holds (`replay-window --retrain`).
    case retrainMismatch(retrainHour: UTCTimestamp, kind: String, expected: String, got: String)

    public var description: String {
        switch self {
        case .missingArtifact(let runId, let hour, let kind, let sha256):
            return "model artifact \(kind) \(sha256.prefix(16))… of run \(runId) trained for \(hour) is missing "
                + "from the blob table; restore the blobs table from a backup"
        case .corruptArtifact(let runId, let hour, let kind, let reason):
            return "model artifact \(kind) of run \(runId) trained for \(hour) is corrupt: \(reason)"
        case .retrainMismatch(let hour, let kind, let expected, let got):
            return "retraining at \(hour) differs at model \(kind): expected \(expected), got \(got)"
        }
    }
}

/// A run's trained ensembles: the `ModelTrained` events of its `models.<run>` stream, grouped by retrain
/// hour, and the ensembles rebuilt from their LZ4 artifacts in the blob table (cached; a reference type, so
/// the copies of a `CycleRunner` share it).
public final class ModelArtifactStore: @unchecked Sendable {
    /// Blob kind of model artifacts.
    public static let blobKind = "model-artifact"

    /// The stream of a run's `ModelTrained` events.
    public static func stream(runId: String) -> String { "models.\(runId)" }

    private var groups: [String: [(hour: UTCTimestamp, events: [(ModelTrained, Int64)])]] = [:]
    private var ensembles: [String: ModelEnsemble] = [:]

    init() {}

    /// Forgets what was read (after appending).
    func invalidate(runId: String) { groups[runId] = nil }

    /// Every retraining of the run, by retrain hour, each with its events (kind order) and their seqs.
    func retrainings(log: EventLog, runId: String) throws -> [(hour: UTCTimestamp, events: [(ModelTrained, Int64)])] {
        if let cached = groups[runId] { return cached }
        var byHour: [Int64: [(ModelTrained, Int64)]] = [:]
        var after: Int64 = 0
        while true {
            let page = try log.read(afterSeq: after, limit: 1000, stream: Self.stream(runId: runId))
            for stored in page {
                guard case .modelTrained(let trained) = try stored.decode() else {
                    throw RunStoreError.inputCorrupt(seq: stored.header.seq, reason: "not a ModelTrained event")
                }
                byHour[trained.retrainHourTs.secondsSinceEpoch, default: []].append((trained, stored.header.seq))
            }
            guard let last = page.last, page.count == 1000 else { break }
            after = last.header.seq
        }
        let sorted = byHour.keys.sorted().map { key in
            (hour: UTCTimestamp(secondsSinceEpoch: key), events: byHour[key]!.sorted { $0.0.kind < $1.0.kind })
        }
        groups[runId] = sorted
        return sorted
    }

    /// The `ModelTrained` events of the retraining at `hour`, with their seqs (empty when none).
    func trained(log: EventLog, runId: String, at hour: UTCTimestamp) throws -> [(ModelTrained, Int64)] {
        try retrainings(log: log, runId: runId).first { $0.hour == hour }?.events ?? []
    }

    /// The events of the latest retraining at or before `hourTs` (empty before the first).
    func latest(log: EventLog, runId: String, atOrBefore hourTs: UTCTimestamp) throws -> [ModelTrained] {
        try retrainings(log: log, runId: runId).last { $0.hour <= hourTs }?.events.map(\.0) ?? []
    }

    /// The ensemble the events name, rebuilt from the blob table (cached by artifact hashes).
    func ensemble(connection: PGConnection, runId: String, events: [ModelTrained]) throws -> ModelEnsemble {
        let key = events.map { $0.kind + ":" + $0.artifactSha256.hex }.joined(separator: ",")
        if let cached = ensembles[key] { return cached }
        var artifacts: [ModelArtifact] = []
        for event in events {
            let bytes: [UInt8]?
            do { bytes = try BlobStore(connection: connection).get(event.artifactSha256) } catch let error
                as BlobStoreError
            {
                throw ModelStoreError.corruptArtifact(
                    runId: runId, retrainHour: event.retrainHourTs, kind: event.kind, reason: "\(error)")
            }
            guard let bytes else {
                throw ModelStoreError.missingArtifact(
                    runId: runId, retrainHour: event.retrainHourTs, kind: event.kind, sha256: event.artifactSha256.hex)
            }
            guard let kind = ModelKind(rawValue: event.kind), bytes.count == event.artifactByteCount else {
                throw ModelStoreError.corruptArtifact(
                    runId: runId, retrainHour: event.retrainHourTs, kind: event.kind,
                    reason: "unknown kind or \(bytes.count) bytes where the event says \(event.artifactByteCount)")
            }
            artifacts.append(ModelArtifact(kind: kind, hyperParameters: event.hyperParameters, bytes: bytes))
        }
        let ensemble: ModelEnsemble
        do { ensemble = try ModelEnsemble(artifacts: artifacts) } catch {
            throw ModelStoreError.corruptArtifact(
                runId: runId, retrainHour: events.first?.retrainHourTs ?? UTCTimestamp(secondsSinceEpoch: 0),
                kind: "ensemble", reason: "\(error)")
        }
        ensembles[key] = ensemble
        return ensemble
    }

    /// Appends the retraining's events to the run's model stream with their artifacts (LZ4 blobs), in one
    /// transaction; returns the events' seqs. Refuses (wrongExpectedVersion) when another process
    /// appended to the stream meanwhile.
    func append(log: EventLog, run: RunRecord, result: ModelTraining.Result) throws -> [Int64] {
        let stream = Self.stream(runId: run.context.runId)
        let known = try retrainings(log: log, runId: run.context.runId).reduce(0) { $0 + $1.events.count }
        defer { invalidate(runId: run.context.runId) }
        return try log.withAppendTransaction(context: "record models of run \(run.context.runId)") { session in
            try session.check(stream: stream, expected: known == 0 ? .noStream : .exactly(Int64(known)))
            for artifact in result.ensemble.artifacts {
                let key = try BlobStore(connection: session.connection).put(kind: Self.blobKind, bytes: artifact.bytes)
                precondition(key == artifact.sha256, "a blob's key is its SHA-256")
            }
            let headers = try session.append(
                result.events.map {
                    PendingEvent(
                        stream: stream, runId: run.context.runId, accountId: run.context.accountId, hourTs: nil,
                        event: .modelTrained($0))
                })
            return headers.map(\.seq)
        }
    }
}
