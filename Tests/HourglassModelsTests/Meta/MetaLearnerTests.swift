import HourglassCore
import Testing

@testable import HourglassModels

@Suite("MetaLearner")
struct MetaLearnerTests {
    /// Rows where base model 0 is informative and model 1 is noise; a true label earns +3%, a false one −2%.
    static func rows(_ count: Int, purpose: String, informative: Bool = true)
        -> (base: [[Double]], trust: [[Double]], regimes: [Regime], labels: [Bool], returns: [Double])
    {
        var generator = SeededGenerator(runSeed: 11, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
        var base: [[Double]] = []
        var trust: [[Double]] = []
        var regimes: [Regime] = []
        var labels: [Bool] = []
        var returns: [Double] = []
        for index in 0..<count {
            let label = generator.unit() < 0.4
            let signal = informative ? (label ? 0.65 : 0.4) + (generator.unit() - 0.5) * 0.3 : generator.unit()
            base.append([signal, generator.unit()])
            trust.append([0.6, 0.4])
            regimes.append(MetaLearner.regimes[index % MetaLearner.regimes.count])
            labels.append(label)
            returns.append(label ? 0.03 : -0.02)
        }
        return (base, trust, regimes, labels, returns)
    }

    static func fit(
        _ data: (
            base: [[Double]], trust: [[Double]], regimes: [Regime], labels: [Bool],
            returns: [Double]
        )
    ) throws -> MetaLearner {
        try MetaLearner.fit(
            baseProbabilities: data.base, trustWeights: data.trust, regimes: data.regimes,
            labels: data.labels, grossReturns: data.returns, l2: 1)
    }

    @Test("the fit is a stationary point of the penalised log loss")
    func optimality() throws {
        let data = Self.rows(800, purpose: "meta.opt")
        let learner = try Self.fit(data)
        let rows = (0..<800).map {
            MetaLearner.features(
                baseProbabilities: data.base[$0], trustWeights: data.trust[$0],
                regime: data.regimes[$0])
        }
        let beta = learner.regression.coefficients
        var gradient = [Double](repeating: 0, count: beta.count)
        for (row, label) in zip(rows, data.labels) {
            let residual = learner.regression.probability(row) - (label ? 1 : 0)
            gradient[0] += residual
            for index in row.indices { gradient[index + 1] += residual * row[index] }
        }
        for index in 1..<beta.count { gradient[index] += beta[index] }
        #expect(gradient.allSatisfy { abs($0) < 1e-7 }, "\(gradient)")
        #expect(learner.regression.iterations < 20)
    }

    @Test("with no features beyond the intercept, the fit is the logit of the base rate")
    func interceptOnly() throws {
        let labels = (0..<100).map { $0 % 4 == 0 }
        let fit = try LogisticRegression.fit(rows: [[Double]](repeating: [], count: 100), labels: labels, l2: 5)
        #expect(abs(fit.coefficients[0] - PortableMath.log(0.25 / 0.75)) < 1e-12)
    }

    @Test("informative base predictions give a useful meta-probability and trades with a positive net edge")
    func learnsAndTrades() throws {
        let learner = try Self.fit(Self.rows(1_000, purpose: "meta.train"))
        let test = Self.rows(500, purpose: "meta.test")
        let decisions = (0..<500).map {
            learner.decide(baseProbabilities: test.base[$0], trustWeights: test.trust[$0], regime: test.regimes[$0])
        }
        let loss = ClassificationMetrics.logLoss(probabilities: decisions.map(\.probability), outcomes: test.labels)
        #expect(loss < ClassificationMetrics.baseRateLogLoss(outcomes: test.labels) - 0.1)
        let traded = decisions.indices.filter { decisions[$0].trade }
        #expect(traded.count > 50)
        #expect(traded.allSatisfy { decisions[$0].probability >= 0.55 && decisions[$0].expectedEdgeNet >= 0 })
        let hitRate = Double(traded.filter { test.labels[$0] }.count) / Double(traded.count)
        #expect(hitRate > 0.6)
    }

    @Test("noise for inputs and a losing payoff: the meta-learner says no trade")
    func saysNoTrade() throws {
        let data = Self.rows(1_000, purpose: "meta.noise", informative: false)
        let learner = try Self.fit(data)
        let test = Self.rows(300, purpose: "meta.noise.test", informative: false)
        let decisions = (0..<300).map {
            learner.decide(baseProbabilities: test.base[$0], trustWeights: test.trust[$0], regime: test.regimes[$0])
        }
        // 40% winners at +3% and 60% losers at −2% is 0 before fees, −0.8% after: never worth it.
        #expect(decisions.allSatisfy { !$0.trade && $0.expectedEdgeNet < 0 })
    }

    @Test("two fits give the same bytes, and the artifact restores the same decisions")
    func artifactRoundTrip() throws {
        let data = Self.rows(400, purpose: "meta.bytes")
        let a = try Self.fit(data)
        let b = try Self.fit(data)
        #expect(a.artifact.bytes == b.artifact.bytes)
        let loaded = try MetaLearner(artifact: a.artifact)
        #expect(loaded.artifact.bytes == a.artifact.bytes)
        let decision = a.decide(baseProbabilities: [0.7, 0.2], trustWeights: [0.5, 0.5], regime: .trend)
        #expect(loaded.decide(baseProbabilities: [0.7, 0.2], trustWeights: [0.5, 0.5], regime: .trend) == decision)
        #expect(throws: ModelError.self) {
            try MetaLearner(
                artifact: ModelArtifact(
                    kind: .metaLearner, hyperParameters: a.artifact.hyperParameters,
                    bytes: Array(a.artifact.bytes.dropLast(3))))
        }
    }
}
