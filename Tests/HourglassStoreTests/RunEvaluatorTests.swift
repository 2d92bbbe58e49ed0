import Foundation
import HourglassCore
import HourglassModels
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// `RunEvaluator` on a real PostgreSQL server and real Kraken bars: an ensemble run's recorded predictions
/// scored against triple-barrier outcomes, checked against independent computations (brute-force AUC,
/// direct log loss and Brier, labels found hour by hour), and buy-and-hold against its closed form.
@Suite(.serialized)
struct RunEvaluatorTests {
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!
    static let hours: Int64 = 120
    static var end: UTCTimestamp { start.adding(hours: hours - 1) }
    static let ensembleRun = RunContext(
        runId: "00000000-0000-4000-8000-00000000ea01", accountId: "evaluate-ensemble", runMode: .backtest)
    static let momentumRun = RunContext(
        runId: "00000000-0000-4000-8000-00000000ea02", accountId: "evaluate-momentum", runMode: .backtest)

    /// Two tree models (fast), retrained every 48 hours on the 600 hours before.
    static func ensembleConfig() throws -> EngineConfig {
        try EngineConfig(
            json: try JSONValue.parse(
                """
                {"models": ["boost_depthwise", "random_forest"], "features": {"min_history_hours": 30},
                 "retrain": {"every_hours": 48, "training_window_hours": 600, "out_of_fold_groups": 3}}
                """))
    }

    static func momentumConfig() throws -> EngineConfig {
        try EngineConfig(json: try JSONValue.parse(#"{"models": ["momentum"]}"#))
    }

    /// AUC by counting every (positive, negative) pair: 1 when the positive scores higher, ½ on a tie.
    static func pairCountingAUC(_ scores: [Double], _ outcomes: [Bool]) -> Double {
        var wins = 0.0
        var pairs = 0.0
        for (i, positive) in outcomes.enumerated() where positive {
            for (j, negative) in outcomes.enumerated() where !negative {
                pairs += 1
                if scores[i] > scores[j] { wins += 1 } else if scores[i] == scores[j] { wins += 0.5 }
            }
        }
        return wins / pairs
    }

    @Test func anEnsembleRunIsScoredOutOfSampleAndComparedWithBuyAndHold() throws {
        let database = try TestDatabase.create("evaluate")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        // Bars end with the window, so the last 24 hours' outcomes are unknown and must be excluded.
        try CycleMarketData.ingest(into: log, from: Self.start, through: Self.end)
        let runner = CycleRunner(log: log, backtestBatchHours: 64)
        let ensemble = try runner.startRun(
            context: Self.ensembleRun, config: try Self.ensembleConfig(), startHourTs: Self.start)
        _ = try WindowExecutor(runner: runner, run: ensemble).run(from: Self.start, through: Self.end)
        let momentum = try runner.startRun(
            context: Self.momentumRun, config: try Self.momentumConfig(), startHourTs: Self.start)
        _ = try WindowExecutor(runner: runner, run: momentum).run(from: Self.start, through: Self.end)

        let evaluation = try RunEvaluator(log: log).evaluate(
            runId: Self.ensembleRun.runId, baselineRunId: Self.momentumRun.runId)
        let evidence = evaluation.run
        #expect(evidence.firstHourTs == Self.start && evidence.lastHourTs == Self.end)
        let scores = try #require(evidence.predictions)

        // Independently: the predictions hour by hour, labelled with the training's rule from the bars.
        var predictions: [PredictionMade] = []
        for offset in 0..<Self.hours {
            predictions += try log.read(runId: Self.ensembleRun.runId, hourTs: Self.start.adding(hours: offset))
                .compactMap { event in
                    if case .predictionMade(let prediction) = try event.decode() { return prediction }
                    return nil
                }
        }
        let modelPredictions = predictions.filter { $0.model != nil }
        #expect(scores.predictionCount == predictions.count)
        #expect(scores.modelPredictionCount == modelPredictions.count && modelPredictions.count > 300)
        let history = BarHistory(log: log)
        let labeler = TripleBarrierLabeler()
        var probabilities: [Double] = []
        var outcomes: [Bool] = []
        var beyond = 0
        var withoutBar = 0
        var trades = 0
        var symbolBars: [String: [PricePoint]] = [:]
        for prediction in modelPredictions {
            if prediction.hourTs.adding(hours: 24) > Self.end {
                beyond += 1
                continue
            }
            if symbolBars[prediction.symbol] == nil {
                symbolBars[prediction.symbol] = try history.bars(
                    exchange: "kraken", symbol: prediction.symbol, from: Self.start.adding(hours: -40 * 24),
                    through: Self.end
                ).map(PricePoint.init(bar:))
            }
            let points = symbolBars[prediction.symbol]!
            guard let index = points.firstIndex(where: { $0.hourTs == prediction.hourTs }) else {
                withoutBar += 1
                continue
            }
            let label = try #require(labeler.label(at: index, in: points))
            probabilities.append(prediction.model!.metaProbability)
            outcomes.append(label.hitUpper)
            trades += prediction.model!.trade ? 1 : 0
        }
        #expect(beyond >= 24 * 4, "the last 24 hours' outcomes are not known inside the window")
        #expect(scores.beyondWindowCount == beyond)
        #expect(scores.withoutBarCount == withoutBar && scores.unlabelledCount == 0)
        #expect(scores.labelledCount == outcomes.count)
        let positives = outcomes.filter { $0 }.count
        #expect(positives > 0 && positives < outcomes.count, "both classes occur")
        let rate = Double(positives) / Double(outcomes.count)
        #expect(abs(scores.baseRate - rate) < 1e-12)
        #expect(abs(try #require(scores.auc) - Self.pairCountingAUC(probabilities, outcomes)) < 1e-12)
        var logLoss = 0.0
        var brier = 0.0
        var baseLogLoss = 0.0
        var baseBrier = 0.0
        for (p, y) in zip(probabilities, outcomes) {
            logLoss -= y ? Foundation.log(p) : Foundation.log(1 - p)
            baseLogLoss -= y ? Foundation.log(rate) : Foundation.log(1 - rate)
            brier += (p - (y ? 1 : 0)) * (p - (y ? 1 : 0))
            baseBrier += (rate - (y ? 1 : 0)) * (rate - (y ? 1 : 0))
        }
        let n = Double(outcomes.count)
        #expect(abs(scores.logLoss - logLoss / n) < 1e-9)
        #expect(abs(scores.baseRateLogLoss - baseLogLoss / n) < 1e-9)
        #expect(abs(scores.brierScore - brier / n) < 1e-9)
        #expect(abs(scores.baseRateBrierScore - baseBrier / n) < 1e-9)
        #expect(scores.calibration.bins.reduce(0) { $0 + $1.count } == outcomes.count)
        #expect(scores.actions.reduce(0) { $0 + $1.count } == modelPredictions.count)
        #expect(scores.tradeCount == trades)
        #expect(scores.baseModels.map(\.kind) == ["boost_depthwise", "random_forest"])

        // The strategy is the run's own performance; buy-and-hold against its closed form.
        let performance = try RunStore(log: log).performance(of: ensemble)
        #expect(evidence.strategy.returnFraction == performance.totalReturnFraction)
        #expect(evidence.strategy.maxDrawdownFraction == performance.maxDrawdown.fractionValue)
        #expect(evidence.strategy.hours == Int(Self.hours))
        let fee = ensemble.config.feeRate.doubleValue
        var final = 0.0
        for symbol in ensemble.config.universe {
            let bars = try history.bars(exchange: "kraken", symbol: symbol, from: Self.start, through: Self.end)
            let first = try #require(bars.first)
            let last = try #require(bars.last)
            final += 100_000 / 5 / (first.openPrice.doubleValue * (1 + fee)) * last.closePrice.doubleValue
        }
        let fullReturn = final * (1 - fee) / 100_000 - 1
        #expect(ensemble.config.initialCashQuote == FixedDecimal(100_000))
        #expect(abs(evidence.buyAndHoldFull.returnFraction - fullReturn) < 1e-9)
        #expect(evidence.buyAndHoldFull.hours == Int(Self.hours))
        #expect(evidence.buyAndHoldFull.sharpe != nil && evidence.buyAndHoldFull.maxDrawdownFraction > 0)
        // Same exposure x: x of the equity in the same holdings, the rest cash, so the return is x × the full one.
        let exposure = evidence.strategy.meanInvestedFraction
        #expect(abs(evidence.buyAndHoldSameExposure.returnFraction - exposure * fullReturn) < 1e-9)

        // The momentum baseline has no model predictions; its strategy is its own performance.
        let baseline = try #require(evaluation.baseline)
        #expect(baseline.predictions == nil && baseline.modelPredictionCount == 0)
        let momentumPerformance = try RunStore(log: log).performance(of: momentum)
        #expect(baseline.strategy.returnFraction == momentumPerformance.totalReturnFraction)
    }

    @Test func anUnknownRunIsRefusedByName() throws {
        let database = try TestDatabase.create("evaluate_unknown")
        defer { database.drop() }
        let log = EventLog(connection: try database.connect())
        let missing = "00000000-0000-4000-8000-00000000eaff"
        #expect {
            _ = try RunEvaluator(log: log).evaluate(runId: missing)
        } throws: { error in
            guard let error = error as? RunResolutionError, case .notFound(let runId) = error else { return false }
            return runId == missing
        }
    }
}
