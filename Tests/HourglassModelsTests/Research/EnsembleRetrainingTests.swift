import Foundation
import HourglassCore
import HourglassModels
import Testing

/// `EnsembleRetraining` on real Kraken bars (tree models only: the sequence models are slow in debug builds).
@Suite struct EnsembleRetrainingTests {
    static let from = UTCTimestamp.parse("2022-02-01T00:00:00Z")!
    static let through = UTCTimestamp.parse("2022-03-10T23:00:00Z")!

    /// The bars of `file` from the warm-up before `from` through `through`.
    static func bars(_ file: String, symbol: String, warmUpHours: Int64) throws -> [Bar] {
        let url = KrakenPricePoints.directory.appendingPathComponent(file)
        let low = from.adding(hours: -warmUpHours).iso8601
        let high = through.iso8601
        var out: [Bar] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let stamp = String(line.prefix(20))
            guard stamp >= low, stamp <= high else { continue }
            let f = line.split(separator: ",").map(String.init)
            out.append(
                Bar(
                    exchange: "kraken", symbol: symbol, openTs: UTCTimestamp.parse(f[0])!, intervalSeconds: 3600,
                    openPrice: try FixedDecimal.parse(f[1]), highPrice: try FixedDecimal.parse(f[2]),
                    lowPrice: try FixedDecimal.parse(f[3]), closePrice: try FixedDecimal.parse(f[4]),
                    volumeBase: try FixedDecimal.parse(f[5])))
        }
        return out
    }

    /// Two base kinds and the meta-learner (seed 3) with their samples: XBT and ETH over the test window.
    static func retrainingAndSamples() throws -> (EnsembleRetraining, EnsembleRetraining.Samples) {
        let timeline = FeatureTimeline(config: .default)
        let bars = [
            try Self.bars("kraken_XBTUSD_1h.csv", symbol: "XBT/USD", warmUpHours: timeline.warmUpHours),
            try Self.bars("kraken_ETHUSD_1h.csv", symbol: "ETH/USD", warmUpHours: timeline.warmUpHours),
        ]
        let rows = timeline.rows(bars: bars, from: Self.from, through: Self.through)
        let retraining = EnsembleRetraining(baseKinds: [.depthWiseBoost, .randomForest], seed: 3)
        let samples = retraining.samples(rows: rows, bars: bars.map { $0.filter { $0.openTs >= Self.from } })
        return (retraining, samples)
    }

    @Test func aRetrainingIsDeterministicAndTheEnsemblePredictsProbabilities() throws {
        let (retraining, samples) = try Self.retrainingAndSamples()
        #expect(samples.labels.count > 500 && samples.labels.contains(true) && samples.labels.contains(false))
        #expect(zip(samples.spans, samples.spans.dropFirst()).allSatisfy { $0.entryHourTs <= $1.entryHourTs })
        let first = try retraining.train(samples)
        let second = try retraining.train(samples)
        #expect(first.sha256 == second.sha256, "two retrainings on the same data differ")
        var oneThread = retraining
        oneThread.workerCount = 1
        var threeThreads = retraining
        threeThreads.workerCount = 3
        #expect(try oneThread.train(samples).artifacts == first.artifacts, "1 thread and 2 threads differ")
        #expect(try threeThreads.train(samples).artifacts == first.artifacts, "3 threads and 2 threads differ")
        #expect(first.artifacts.map(\.kind) == [.depthWiseBoost, .metaLearner, .randomForest])
        let batch = samples.inferenceBatch(symbolCount: 50, start: 11)
        let predictions = try first.predict(
            features: batch.features, windows: batch.windows, trustWeights: first.uniformTrustWeights,
            regimes: batch.regimes)
        #expect(predictions.count == 50)
        #expect(predictions.allSatisfy { $0.baseProbabilities.allSatisfy { $0 >= 0 && $0 <= 1 } })
    }
    @Test func trustWeightsFollowOutcomesInTimeOrderAndAreMetaLearnerInputs() throws {
        let (retraining, samples) = try Self.retrainingAndSamples()
        // Model 0 calls the sign of the label's return (often the 24-hour direction), model 1 the opposite.
        let base = samples.grossReturns.map { $0 > 0 ? [0.8, 0.2] : [0.2, 0.8] }
        let weights = retraining.trustWeights(samples, outOfFold: base)
        #expect(weights.count == base.count && weights.allSatisfy { $0.count == 2 })
        #expect(weights.allSatisfy { abs($0[0] + $0[1] - 1) < 1e-12 })
        let half = weights.count / 2
        let late = weights[half...].map { $0[0] }
        #expect(late.reduce(0, +) / Double(late.count) > 0.55, "the model that is right more often gains weight")
        #expect(zip(samples.hours, samples.hours.dropFirst()).allSatisfy { $0 <= $1 })
        // The samples of one hour share its draws; another hour draws afresh.
        #expect(weights[0] == weights[samples.hours.lastIndex(of: samples.hours[0])!])
        #expect(Set(weights.map { $0[0] }).count > Set(samples.hours).count * 9 / 10)

        // No lookahead: cut everything after hour t (samples and closes); the weights up to t are unchanged.
        let cut = samples.hours[half]
        var truncated = samples
        let kept = samples.hours.lastIndex { $0 <= cut }! + 1
        truncated.hours = Array(samples.hours.prefix(kept))
        truncated.symbols = Array(samples.symbols.prefix(kept))
        truncated.entryCloses = Array(samples.entryCloses.prefix(kept))
        truncated.closes = samples.closes.mapValues { $0.filter { $0.key <= cut } }
        let early = retraining.trustWeights(truncated, outOfFold: Array(base.prefix(kept)))
        #expect(early.map { $0.map(\.bitPattern) } == weights.prefix(kept).map { $0.map(\.bitPattern) })

        // The weights are inputs: the same rows with other weights fit another learner that decides otherwise.
        let fit = { (trust: [[Double]]) in
            try MetaLearner.fit(
                baseProbabilities: base, trustWeights: trust, regimes: samples.regimes, labels: samples.labels,
                grossReturns: samples.grossReturns)
        }
        let withTrust = try fit(weights)
        let uniform = try fit(weights.map { _ in [0.5, 0.5] })
        let without = try fit(weights.map { _ in [] })
        #expect(withTrust.artifact.sha256 != uniform.artifact.sha256)
        #expect(withTrust.artifact.sha256 != without.artifact.sha256)
        #expect(withTrust.trustCount == 2 && without.trustCount == 0)
        let a = withTrust.decide(baseProbabilities: [0.6, 0.4], trustWeights: [0.9, 0.1], regime: .trend)
        let b = withTrust.decide(baseProbabilities: [0.6, 0.4], trustWeights: [0.1, 0.9], regime: .trend)
        #expect(a.probability != b.probability)
        // The retraining itself fits the meta-learner with one trust weight per base model.
        #expect(try retraining.train(samples).trustCount == 2)
    }
}
