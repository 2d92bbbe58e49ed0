import Testing

@testable import HourglassCore

@Suite("ThompsonTrust")
struct ThompsonTrustTests {
    static let hour = KrakenTestBars.ts("2022-01-01T00:00:00Z")
    static let kinds = ["boost_depthwise", "lstm"]

    static func trust(_ posteriors: [BetaPosterior]) -> ThompsonTrust {
        ThompsonTrust(
            posteriors: zip(kinds, posteriors).map { ThompsonTrust.KindPosterior(kind: $0, posterior: $1) })
    }

    @Test("the same key draws the same numbers; another hour or run seed draws others")
    func keyedDraws() {
        let trust = Self.trust([BetaPosterior(alpha: 3, beta: 2), BetaPosterior(alpha: 1.5, beta: 4)])
        let draws = trust.draws(kinds: Self.kinds, runSeed: 1, hourTs: Self.hour)
        let again = trust.draws(kinds: Self.kinds, runSeed: 1, hourTs: Self.hour)
        #expect(draws.draws.map(\.bitPattern) == again.draws.map(\.bitPattern))
        #expect(draws.draws != trust.draws(kinds: Self.kinds, runSeed: 1, hourTs: Self.hour.adding(hours: 1)).draws)
        #expect(draws.draws != trust.draws(kinds: Self.kinds, runSeed: 2, hourTs: Self.hour).draws)
        #expect(draws.draws.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(abs(draws.weights.reduce(0, +) - 1) < 1e-12)
        #expect(draws.alphas == [3, 1.5] && draws.betas == [2, 4])
        // The generator is the one keyed by (run seed, hour, "thompson_trust").
        var generator = SeededGenerator(runSeed: 1, hourTs: Self.hour, purpose: "thompson_trust")
        #expect(ThompsonTrust.beta(3, 2, &generator).bitPattern == draws.draws[0].bitPattern)
        // A kind without outcomes is drawn from the prior.
        #expect(trust.draws(kinds: ["random_forest"], runSeed: 1, hourTs: Self.hour).alphas == [1])
    }

    @Test("a call meets the close 24 hours later: α on a success, β on a failure, nothing without a bar")
    func updateRule() {
        var trust = ThompsonTrust()
        trust.record(
            TrustCallHour(
                hourTs: Self.hour, kinds: Self.kinds,
                calls: [
                    TrustCallHour.Call(symbol: "XBTUSD", entryCloseQuote: FixedDecimal(100), up: [true, false]),
                    TrustCallHour.Call(symbol: "ETHUSD", entryCloseQuote: FixedDecimal(50), up: [true, true]),
                    TrustCallHour.Call(symbol: "SOLUSD", entryCloseQuote: FixedDecimal(10), up: [false, false]),
                ]))
        let closes = ["XBTUSD": FixedDecimal(101), "ETHUSD": FixedDecimal(50)]
        for offset in 1...23 {
            trust.advance(to: Self.hour.adding(hours: Int64(offset))) { closes[$0] }
            #expect(trust.posteriors.isEmpty && trust.pending.count == 1, "nothing resolves before 24 hours")
        }
        trust.advance(to: Self.hour.adding(hours: 24)) { closes[$0] }
        // XBT rose: boost (up) right, lstm (not up) wrong. ETH flat: both "up" calls wrong. SOL: no bar.
        #expect(trust.pending.isEmpty)
        #expect(trust.posterior("boost_depthwise") == BetaPosterior(alpha: 2, beta: 2))
        #expect(trust.posterior("lstm") == BetaPosterior(alpha: 1, beta: 3))
        // Every later hour discounts the evidence above the prior by 0.99.
        trust.advance(to: Self.hour.adding(hours: 25)) { closes[$0] }
        #expect(trust.posterior("lstm") == BetaPosterior(alpha: 1, beta: 1 + 0.99 * 2))
        #expect(
            BetaPosterior(alpha: 3, beta: 1.5).discounted(by: 0.5, successes: 2, failures: 1)
                == BetaPosterior(alpha: 4, beta: 2.25))
    }

    @Test(
        "draws follow the Beta distribution: mean and variance within four standard errors",
        arguments: [(0.5, 0.5), (2.0, 5.0), (30.0, 10.0)])
    func betaMoments(alpha: Double, beta: Double) {
        let trust = Self.trust([BetaPosterior(alpha: alpha, beta: beta)])
        let count = 20_000
        var values: [Double] = []
        for index in 0..<count {
            values.append(
                trust.draws(kinds: [Self.kinds[0]], runSeed: 5, hourTs: Self.hour.adding(hours: Int64(index))).draws[0])
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
        var trust = ThompsonTrust()
        var hour = Self.hour
        for index in 0..<200 {
            trust.advance(to: hour) { _ in FixedDecimal(index % 2 == 0 ? 101 : 99) }
            // Each hour boost calls "up" right three times in four, lstm the reverse.
            let right = index % 4 != 0
            let up = index % 2 == 0
            trust.record(
                TrustCallHour(
                    hourTs: hour, kinds: Self.kinds,
                    calls: [
                        TrustCallHour.Call(
                            symbol: "XBTUSD", entryCloseQuote: FixedDecimal(100), up: [up == right, up != right])
                    ]))
            hour = hour.adding(hours: 1)
        }
        let favoured = (0..<200).filter { offset in
            let w = trust.draws(kinds: Self.kinds, runSeed: 9, hourTs: hour.adding(hours: Int64(offset))).weights
            return w[0] > w[1]
        }.count
        #expect(favoured > 190)
    }

    @Test("the state section round-trips, and a state without it keeps its version-2 bytes")
    func stateSection() throws {
        // A rule-model state has no trust section; the default (the full ensemble) starts with one.
        #expect(EngineState.initial(config: .default, startHourTs: Self.hour).trust != nil)
        var state = EngineState.initial(config: .momentumBaseline, startHourTs: Self.hour)
        #expect(state.trust == nil && state.canonicalBytes[0] == 2)
        state.trust = Self.trust([BetaPosterior(alpha: 2.5, beta: 1), BetaPosterior()])
        state.trust!.record(
            TrustCallHour(
                hourTs: Self.hour, kinds: Self.kinds,
                calls: [TrustCallHour.Call(symbol: "XBTUSD", entryCloseQuote: FixedDecimal(7), up: [true, false])]))
        let bytes = state.canonicalBytes
        #expect(bytes[0] == 4)
        let decoded = try EngineState.decode(canonical: bytes)
        #expect(decoded == state && decoded.canonicalBytes == bytes)
        var unsorted = state
        unsorted.trust!.posteriors.reverse()
        #expect(throws: CodecError.self) { try EngineState.decode(canonical: unsorted.canonicalBytes) }
    }
}
