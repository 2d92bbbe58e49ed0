import HourglassCore

extension RunStore {
    /// The warm-up bars of a run of `config` starting at `startHour`: the universe's stored bars of
    /// `RunWarmUp.range` that the log held before seq `beforeSeq` (a run's `RunStarted` seq; bars
    /// ingested later for those hours, such as a runner's catch-up, are not the run's warm-up), read
    /// as events (hash-checked by the log), sorted by open time then symbol.
    public func warmUpBars(config: EngineConfig, startHour: UTCTimestamp, beforeSeq: Int64 = .max) throws -> [Bar] {
        let range = RunWarmUp.range(config: config, startHour: startHour)
        let result = try connection.execute(
            """
            SELECT seq FROM bars
            WHERE exchange = $1 AND interval_seconds = 3600 AND ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
              AND symbol = ANY(string_to_array($4, ',')) AND seq < $5
            ORDER BY ts_utc, symbol
            """,
            [
                .text(config.exchange), .int64(range.lowerBound.secondsSinceEpoch),
                .int64(range.upperBound.secondsSinceEpoch), .text(config.universe.joined(separator: ",")),
                .int64(beforeSeq),
            ],
            context: "find the warm-up bars")
        let seqs = (0..<result.rowCount).map { result.int64($0, 0)! }
        var bySeq: [Int64: Bar] = [:]
        for event in try log.read(seqs: seqs) {
            guard case .barRecorded(let recorded) = try event.decode() else {
                throw RunStoreError.inputCorrupt(seq: event.header.seq, reason: "a bars row does not point at a bar")
            }
            bySeq[event.header.seq] = recorded.bar
        }
        return try seqs.map { seq in
            guard let bar = bySeq[seq] else {
                throw RunStoreError.inputCorrupt(seq: seq, reason: "bar event not found")
            }
            return bar
        }
    }
}

extension CycleRunner {
    /// The state `run` starts from, warmed up from its recorded warm-up bars read again from the log.
    /// Throws `RunStoreError.warmUpDiverged` when those bars no longer hash to `RunStarted.warmUp`.
    public func initialState(run: RunRecord) throws -> EngineState {
        let bars = try store.warmUpBars(config: run.config, startHour: run.startHourTs, beforeSeq: run.seq)
        let found = RunWarmUp.of(bars: bars, config: run.config, startHour: run.startHourTs)
        guard found == run.started.warmUp else {
            throw RunStoreError.warmUpDiverged(runId: run.context.runId, recorded: run.started.warmUp, found: found)
        }
        return HourCycle.initialState(config: run.config, startHour: run.startHourTs, warmUpBars: bars)
    }

    /// The replay divergence `warm_up` (at the run's first hour): the warm-up bars changed.
    static func warmUpDivergence(run: RunRecord, recorded: RunWarmUp, found: RunWarmUp) -> ReplayDivergence {
        ReplayDivergence(
            hourTs: run.startHourTs, kind: "warm_up", event: nil, stored: describe(recorded),
            replayed: describe(found))
    }

    /// One line naming a warm-up reference.
    static func describe(_ warmUp: RunWarmUp) -> String {
        "\(warmUp.barCount) bars \(warmUp.fromHourTs.iso8601)…\(warmUp.throughHourTs.iso8601)"
            + " sha256 \(warmUp.sha256.hex)"
    }
}
