import HourglassCore
import Testing

@testable import HourglassModels

@Suite("ThompsonTrust")
struct ThompsonTrustTests {
    static let hour = KrakenPricePoints.ts("2022-01-01T00:00:00Z")

    @Test("the same key draws the same numbers; another hour or purpose draws others")
    func keyedDraws() {
        let trust = ThompsonTrust(modelCount: 5).updated(outcomes: [true, false, nil, true, true])
        let draws = trust.draws(runSeed: 1, hourTs: Self.hour)
        #expect(draws.map(\.bitPattern) == trust.draws(runSeed: 1, hourTs: Self.hour).map(\.bitPattern))
        #expect(draws != trust.draws(runSeed: 1, hourTs: Self.hour.adding(hours: 1)))
        #expect(draws != trust.draws(runSeed: 2, hourTs: Self.hour))
        #expect(draws != trust.draws(runSeed: 1, hourTs: Self.hour, purpose: "other"))
        #expect(draws.allSatisfy { $0 > 0 && $0 < 1 })
        let weights = trust.weights(runSeed: 1, hourTs: Self.hour)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
    }

    @Test("outcomes update α on a success, β on a failure, nothing without a call")
    func updates() {
        let trust = ThompsonTrust(modelCount: 3).updated(outcomes: [true, false, nil])
            .updated(outcomes: [true, nil, nil])
        #expect(
            trust.posteriors == [
                BetaPosterior(alpha: 3, beta: 1), BetaPosterior(alpha: 1, beta: 2),
                BetaPosterior(alpha: 1, beta: 1),
            ])
    }

    @Test(
        "draws follow the Beta distribution: mean and variance within four standard errors",
        arguments: [(0.5, 0.5), (2.0, 5.0), (30.0, 10.0)])
    func betaMoments(alpha: Double, beta: Double) {
        let trust = ThompsonTrust(posteriors: [BetaPosterior(alpha: alpha, beta: beta)])
        let count = 20_000
        var values: [Double] = []
        for index in 0..<count {
            values.append(trust.draws(runSeed: 5, hourTs: Self.hour.adding(hours: Int64(index)))[0])
        }
        let mean = values.reduce(0, +) / Double(count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
        let expectedMean = alpha / (alpha + beta)
        let expectedVariance = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        #expect(abs(mean - expectedMean) < 4 * (expectedVariance / Double(count)).squareRoot())
        // The variance of the sample variance is bounded by E[(X − μ)⁴]/n ≤ variance/n for X in [0, 1].
        #expect(abs(variance - expectedVariance) < 4 * (expectedVariance / Double(count)).squareRoot())
    }

    @Test("a model that is right more often gets the larger weight in most hours")
    func trustFollowsOutcomes() {
        var trust = ThompsonTrust(modelCount: 2)
        for index in 0..<60 { trust = trust.updated(outcomes: [index % 4 != 0, index % 4 == 0]) }
        let favoured = (0..<200).filter { hour in
            let w = trust.weights(runSeed: 9, hourTs: Self.hour.adding(hours: Int64(hour)))
            return w[0] > w[1]
        }.count
        #expect(favoured > 190)
    }
}
