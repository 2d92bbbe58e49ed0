import HourglassCore

/// Reconstructs one executed hour from the log, without recomputing anything: the events the
/// hour consumed and wrote, decoded and grouped in the order the cycle produced them.
public struct HourExplainer {
    /// The log read.
    public let log: EventLog
    var connection: PGConnection { log.connection }

    /// Wraps a log.
    public init(log: EventLog) { self.log = log }

    /// The explanation of `hourTs` in `run`, narrowed to `symbol` when given.
    public func explain(run: RunRecord, hourTs: UTCTimestamp, symbol: String? = nil) throws -> HourExplanation {
        let store = RunStore(log: log)
        guard let stored = try store.hour(runId: run.context.runId, hourTs: hourTs) else {
            throw RunStoreError.hourNotExecuted(runId: run.context.runId, hour: hourTs)
        }
        if let symbol, !run.config.universe.contains(symbol) {
            throw HourExplainerError.symbolNotInUniverse(symbol: symbol, universe: run.config.universe)
        }
        let inputRows = try connection.execute(
            "SELECT seq FROM hour_inputs WHERE run_id = $1::uuid AND hour_ts_utc = to_timestamp($2) ORDER BY position",
            [.text(run.context.runId), .int64(hourTs.secondsSinceEpoch)], context: "read the hour's inputs")
        let inputs = try log.read(seqs: (0..<inputRows.rowCount).map { inputRows.int64($0, 0)! })
        let outputs = try log.read(runId: run.context.runId, hourTs: hourTs)
        var explanation = HourExplanation(
            run: run.context, hourTs: hourTs, symbol: symbol,
            inputCount: inputs.count, outputCount: outputs.count)
        for event in inputs {
            switch try event.decode() {
            case .barRecorded(let recorded):
                explanation.bars.append(HourExplanation.Logged(seq: event.header.seq, recorded.bar))
            case .killSwitchReleased(let release):
                explanation.releases.append(HourExplanation.Logged(seq: event.header.seq, release))
            case .modelTrained(let trained):
                explanation.modelsTrained.append(HourExplanation.Logged(seq: event.header.seq, trained))
            default:
                throw RunStoreError.inputCorrupt(
                    seq: event.header.seq,
                    reason: "\(event.header.eventType.rawValue) is not an hour input")
            }
        }
        for event in outputs { try explanation.add(event.decode(), seq: event.header.seq) }
        guard let manifest = explanation.manifest, manifest.stateSha256.hex == stored.stateSha256 else {
            throw RunStoreError.inputCorrupt(
                seq: stored.lastSeq, reason: "the hour's HourClosed does not match hour_manifests")
        }
        if let symbol { explanation.narrow(to: symbol) }
        return explanation
    }
}
