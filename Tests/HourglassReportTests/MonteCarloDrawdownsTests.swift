import HourglassCore
import HourglassReport
import Testing

@Suite struct MonteCarloDrawdownsTests {
    static let pnls: [Double] = [-120, 40, -35, 80, -60, 15, 22, -90, 130, -10]

    static func draw(purpose: String, paths: Int = 400) -> MonteCarloDrawdowns {
        var generator = SeededGenerator(runSeed: 42, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
        return MonteCarloDrawdowns.resample(
            tradePnlsQuote: pnls, initialEquityQuote: 1_000, pathCount: paths,
            seedDescription: purpose, generator: &generator)
    }

    @Test func theSameSeedGivesTheSameDistribution() {
        #expect(Self.draw(purpose: "a") == Self.draw(purpose: "a"))
        #expect(Self.draw(purpose: "a").maxDrawdownsSorted != Self.draw(purpose: "b").maxDrawdownsSorted)
    }

    @Test func drawdownsAreBoundedAndSorted() {
        let result = Self.draw(purpose: "bounds")
        #expect(result.pathCount == 400 && result.maxDrawdownsSorted.count == 400 && result.tradesPerPath == 10)
        #expect(result.maxDrawdownsSorted == result.maxDrawdownsSorted.sorted())
        #expect(result.maxDrawdownsSorted.allSatisfy { $0 >= 0 && $0 <= 1 })
        // All ten losses in a row lose 315 of 1000 at most... resampled with replacement, at most 10 × 120.
        #expect(result.maxDrawdownsSorted.last! <= 1_200.0 / 1_000)
        #expect(result.maxDrawdownsSorted.last! > result.maxDrawdownsSorted.first!)
    }

    @Test func quantilesUseNearestRank() {
        let result = MonteCarloDrawdowns(
            pathCount: 4, tradesPerPath: 1, seedDescription: "", maxDrawdowns: [0.4, 0.1, 0.3, 0.2])
        #expect(result.quantile(0.5) == 0.2)
        #expect(result.quantile(0.95) == 0.4)
        #expect(result.quantile(0) == 0.1)
        #expect(
            MonteCarloDrawdowns(pathCount: 0, tradesPerPath: 0, seedDescription: "", maxDrawdowns: []).quantile(0.5)
                == nil)
    }

    @Test func noTradesGiveAnEmptyDistribution() {
        var generator = SeededGenerator(runSeed: 1, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: "x")
        let result = MonteCarloDrawdowns.resample(
            tradePnlsQuote: [], initialEquityQuote: 1, seedDescription: "x",
            generator: &generator)
        #expect(result.maxDrawdownsSorted.isEmpty && result.pathCount == 0)
    }
}
