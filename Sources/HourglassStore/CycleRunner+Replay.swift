import Foundation
import HourglassCore

extension CycleRunner {
    /// Replays `hourTs`: steps the reducer again from the state after the previous hour (`carried`
    /// when the caller has it) with the inputs the hour consumed, and compares every event byte
    /// for byte, the state hash and the manifest with the log. Returns the replayed state too.
    public func replayHour(run: RunRecord, hourTs: UTCTimestamp, carried: EngineState? = nil) throws -> (
        ReplayOutcome, EngineState
    ) {
        guard let stored = try store.hour(runId: run.context.runId, hourTs: hourTs) else {
            throw RunStoreError.hourNotExecuted(runId: run.context.runId, hour: hourTs)
        }
        let state: EngineState
        do {
            state = try carried ?? stateBefore(run: run, hourTs: hourTs)
        } catch RunStoreError.warmUpDiverged(_, let recorded, let found) {
            let divergence = Self.warmUpDivergence(run: run, recorded: recorded, found: found)
            return (.diverged(divergence), EngineState.initial(config: run.config, startHourTs: run.startHourTs))
        }
        let storedEvents = try log.read(runId: run.context.runId, hourTs: hourTs)
        let inputs = try store.inputsForReplay(runId: run.context.runId, hourTs: hourTs)
        var reducerTime = Duration.zero
        let (outcome, next, _) = try replay(
            run: run, stored: stored, storedEvents: storedEvents, inputs: inputs, state: consume state,
            stateSha256: nil, models: try models(for: run, hourTs: hourTs, inputs: inputs), reducerTime: &reducerTime)
        return (outcome, next)
    }

    /// Compares one hour given everything already read (the window path reads in bulk).
    /// `stateSha256` is `state`'s hash when the caller computed it (the previous replayed hour's
    /// manifest), never a stored value: the replayed hash is what is checked against the log.
    /// Returns the replayed state and its hash; adds the time spent in `HourCycle.step` alone to
    /// `reducerTime` (what `Scripts/bench` compares execution with). `state` is consumed, so the
    /// hour advances its windows in place when the caller passes its last use of it.
    func replay(
        run: RunRecord, stored: StoredHour, storedEvents: [StoredEvent], inputs: HourInputs,
        state: consuming EngineState, stateSha256: Hash256?, models: ModelSet,
        reducerTime: inout Duration
    ) throws -> (ReplayOutcome, EngineState, Hash256) {
        let hourTs = stored.hourTs
        let prevHash = stateSha256 ?? state.sha256
        let prevSha = prevHash.hex
        if prevSha != stored.prevStateSha256 {
            return (
                .diverged(
                    ReplayDivergence(
                        hourTs: hourTs, kind: "prev_state", event: nil, stored: stored.prevStateSha256,
                        replayed: prevSha)),
                state, prevHash
            )
        }
        let clock = ContinuousClock()
        let stepStarted = clock.now
        let result = HourCycle.step(
            state: consume state, inputs: inputs, config: run.config, models: models, run: run.context,
            prevStateSha256: prevHash, configSha256: run.configSha256)
        reducerTime += clock.now - stepStarted
        let replayedHash = result.manifest.stateSha256
        if let divergence = try StoredEventComparison.firstDivergence(
            stored: storedEvents, replayed: result.events, replayedBytes: result.outputEventBytes)
        {
            return (
                .diverged(
                    ReplayDivergence(hourTs: hourTs, kind: "event", event: divergence, stored: nil, replayed: nil)),
                result.state, replayedHash
            )
        }
        let stateSha = result.manifest.stateSha256.hex
        if stateSha != stored.stateSha256 {
            return (
                .diverged(
                    ReplayDivergence(
                        hourTs: hourTs, kind: "state", event: nil, stored: stored.stateSha256, replayed: stateSha)),
                result.state, replayedHash
            )
        }
        // The stored text against the replayed manifest's canonical bytes, written directly.
        let manifestBytes = result.manifest.canonicalUTF8
        if !Self.utf8(of: stored.manifestText, equals: manifestBytes) {
            return (
                .diverged(
                    ReplayDivergence(
                        hourTs: hourTs, kind: "manifest", event: nil, stored: stored.manifestText,
                        replayed: String(decoding: manifestBytes, as: UTF8.self))), result.state, replayedHash
            )
        }
        return (
            .match(
                stateSha256: stateSha,
                eventCount: storedEvents.count + inputs.bars.count + inputs.releases.count
                    + inputs.modelsTrained.count),
            result.state, replayedHash
        )
    }

    /// Whether `text`'s UTF-8 bytes are `bytes`: one `memcmp` over the string's contiguous storage
    /// (the generic `elementsEqual` over `String.UTF8View` was ~2% of a replayed hour).
    static func utf8(of text: String, equals bytes: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { stored in
            bytes.withUnsafeBufferPointer { replayed in
                stored.count == replayed.count
                    && (stored.count == 0 || memcmp(stored.baseAddress!, replayed.baseAddress!, stored.count) == 0)
            }
        }
    }
}
