import HourglassCore
import HourglassModels

/// Out-of-sample evidence of a run, from its own log; nothing is written.
///
/// Predictions: every `PredictionMade` with the ensemble's model section was made by the run at its hour
/// by models trained on bars strictly before their retrain hour, so each is out of sample. Each is labelled
/// with `TripleBarrierLabeler` at its default parameters (as `ModelTraining` labels the training samples)
/// from the stored bars of the run's exchange through the run's last executed hour; the outcome is the
/// training target, the upper barrier first (`TripleBarrierLabel.hitUpper`). Excluded and counted: a
/// prediction whose vertical barrier (hour + maximum holding) lies after the run's last hour, one without a
/// stored bar at its hour, and one whose σ cannot be measured or whose outcome the bars leave undecided.
///
/// Strategy: `RunStore.performance(of:)` (net of every fee) and the mean invested fraction from the run's
/// manifests; benchmarks: `BuyAndHoldBenchmark` of the run's universe over the same hours, at that mean
/// exposure and fully invested, with the run's fee rate.
public struct RunEvaluator {
    public let log: EventLog
    /// Hours of predictions read per query.
    static let pageHours: Int64 = 720
    /// Hours of bars read before the first prediction, so σ has its full window even across gaps.
    static let labelHistoryHours: Int64 = 720

    /// An evaluator reading `log`.
    public init(log: EventLog) { self.log = log }

    /// The evidence of `runId`, and of `baselineRunId` when given.
    public func evaluate(runId: String, baselineRunId: String? = nil) throws -> RunEvaluation {
        RunEvaluation(run: try evidence(runId: runId), baseline: try baselineRunId.map(evidence(runId:)))
    }

    /// One run's evidence.
    public func evidence(runId: String) throws -> RunEvidence {
        let store = RunStore(log: log)
        guard let run = try store.run(runId) else { throw RunResolutionError.notFound(runId: runId) }
        let curve = try store.equityCurve(runId: runId)
        guard let first = curve.first?.hourTs, let last = curve.last?.hourTs else {
            throw RunResolutionError.noExecutedHour(runId: runId)
        }
        let config = run.config
        let metrics = try store.performance(of: run)
        let invested = try investedFractions(runId: runId)
        let meanInvested = invested.isEmpty ? 0 : invested.reduce(0, +) / Double(invested.count)
        let bars = try BarHistory(log: log).bars(
            exchange: config.exchange, symbols: config.universe, from: first.adding(hours: -Self.labelHistoryHours),
            through: last)
        let hours = curve.map(\.hourTs)
        let fee = config.feeRate.doubleValue
        let predictions = try self.predictions(runId: runId, from: first, through: last)
        return RunEvidence(
            runId: runId, accountId: run.context.accountId, models: config.strategy.models,
            universe: config.universe, firstHourTs: first, lastHourTs: last,
            strategy: StrategyFigures(
                metrics: metrics, tradeCount: metrics.tradeCount, meanInvestedFraction: meanInvested),
            buyAndHoldSameExposure: BuyAndHoldBenchmark.figures(
                bars: bars, hours: hours, initialEquityQuote: config.initialCashQuote,
                exposure: min(max(meanInvested, 0), 1), feeRate: fee),
            buyAndHoldFull: BuyAndHoldBenchmark.figures(
                bars: bars, hours: hours, initialEquityQuote: config.initialCashQuote, exposure: 1, feeRate: fee),
            predictions: Self.scores(predictions, bars: bars, lastHourTs: last),
            modelPredictionCount: predictions.filter { $0.model != nil }.count,
            hourlyReturns: PerformanceMetrics.hourlyReturns(initialEquityQuote: config.initialCashQuote, curve: curve))
    }

    /// Labels the model predictions and scores them; nil when none can be labelled.
    static func scores(
        _ predictions: [PredictionMade], bars: [[Bar]], lastHourTs: UTCTimestamp,
        parameters: TripleBarrierParameters = TripleBarrierParameters()
    ) -> MetaPredictionScores? {
        let labeler = TripleBarrierLabeler(parameters: parameters)
        var points: [String: [PricePoint]] = [:]
        var indexByHour: [String: [Int64: Int]] = [:]
        for series in bars where !series.isEmpty {
            let symbol = series[0].symbol
            points[symbol] = series.map(PricePoint.init(bar:))
            var index: [Int64: Int] = [:]
            for (position, bar) in series.enumerated() { index[bar.openTs.secondsSinceEpoch] = position }
            indexByHour[symbol] = index
        }
        let models = predictions.filter { $0.model != nil }
        var labelled: [MetaPredictionScores.Labelled] = []
        var beyond = 0
        var withoutBar = 0
        var unlabelled = 0
        for prediction in models {
            let model = prediction.model!
            if prediction.hourTs.adding(hours: Int64(parameters.maxHoldingHours)) > lastHourTs {
                beyond += 1
                continue
            }
            guard let index = indexByHour[prediction.symbol]?[prediction.hourTs.secondsSinceEpoch],
                let series = points[prediction.symbol]
            else {
                withoutBar += 1
                continue
            }
            guard let label = labeler.label(at: index, in: series) else {
                unlabelled += 1
                continue
            }
            labelled.append(
                MetaPredictionScores.Labelled(
                    hourTs: prediction.hourTs, symbol: prediction.symbol, metaProbability: model.metaProbability,
                    baseProbabilities: model.baseProbabilities, trade: model.trade, outcome: label.hitUpper,
                    grossReturn: label.grossReturn))
        }
        guard let sample = models.first?.model, !labelled.isEmpty else { return nil }
        var actionCounts: [String: Int] = [:]
        for prediction in models { actionCounts[prediction.action, default: 0] += 1 }
        let baseKinds = sample.artifacts.map(\.kind).filter { $0 != ModelKind.metaLearner.rawValue }
        let usable = labelled.allSatisfy { $0.baseProbabilities.count == baseKinds.count }
        return MetaPredictionScores.score(
            labelled, baseKinds: usable ? baseKinds : [], predictionCount: predictions.count,
            modelPredictionCount: models.count, beyondWindowCount: beyond, withoutBarCount: withoutBar,
            unlabelledCount: unlabelled,
            actions: actionCounts.keys.sorted().map { .init(action: $0, count: actionCounts[$0]!) })
    }

    /// Every `PredictionMade` of the run in its hours, in seq order (hash-checked and decoded).
    func predictions(runId: String, from: UTCTimestamp, through: UTCTimestamp) throws -> [PredictionMade] {
        let columns =
            "seq, stream, stream_version, run_id::text, account_id, extract(epoch from hour_ts_utc)::bigint, "
            + "event_type, codec, payload, payload_sha256, chain_sha256"
        var out: [PredictionMade] = []
        var start = from
        while start <= through {
            let end = min(start.adding(hours: Self.pageHours - 1), through)
            let result = try log.connection.execute(
                """
                SELECT \(columns) FROM events
                WHERE run_id = $1::uuid AND event_type = $2
                  AND hour_ts_utc BETWEEN to_timestamp($3) AND to_timestamp($4)
                ORDER BY seq
                """,
                [
                    .text(runId), .text(EventType.predictionMade.rawValue), .int64(start.secondsSinceEpoch),
                    .int64(end.secondsSinceEpoch),
                ], binaryResults: true, context: "read the run's predictions")
            for event in try EventLog.decodeRows(result) {
                guard case .predictionMade(let prediction) = try event.decode() else {
                    throw RunStoreError.inputCorrupt(seq: event.header.seq, reason: "not a PredictionMade payload")
                }
                out.append(prediction)
            }
            start = end.adding(hours: 1)
        }
        return out
    }

    /// (equity − cash) ÷ equity at the close of every executed hour, oldest first (0 when equity ≤ 0).
    func investedFractions(runId: String) throws -> [Double] {
        let result = try log.connection.execute(
            "SELECT equity::text, cash::text FROM hour_manifests WHERE run_id = $1::uuid ORDER BY hour_ts_utc",
            [.text(runId)], context: "read equity and cash per hour")
        return try (0..<result.rowCount).map { row in
            let equity = try FixedDecimal.parse(result.string(row, 0)!)
            let cash = try FixedDecimal.parse(result.string(row, 1)!)
            return equity.isPositive ? (equity - cash).doubleValue / equity.doubleValue : 0
        }
    }
}
