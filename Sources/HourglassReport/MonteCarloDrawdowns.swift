import HourglassCore

/// The distribution of max drawdowns over equity paths built by resampling the run's closed trades.
///
/// Each path draws as many trades as the run closed, with replacement, in a random order, and adds
/// their P&L to the initial equity one after another. The draws come from a `SeededGenerator`, so
/// the same trades and seed give the same distribution, bit for bit.
public struct MonteCarloDrawdowns: Sendable, Equatable {
    /// Paths drawn.
    public var pathCount: Int
    /// Trades per path (the run's closed trades).
    public var tradesPerPath: Int
    /// What seeded the generator, shown beside the chart.
    public var seedDescription: String
    /// Max drawdown (fraction of the running peak) of every path, ascending.
    public var maxDrawdownsSorted: [Double]

    /// Paths per report: enough for a stable 95th percentile, cheap for a few thousand trades.
    public static let pathCountDefault = 2000
    /// Upper limit on trades per path, so a huge run cannot make the report slow.
    public static let tradesPerPathMax = 100_000

    /// Creates a distribution from already computed drawdowns (sorted here).
    public init(pathCount: Int, tradesPerPath: Int, seedDescription: String, maxDrawdowns: [Double]) {
        self.pathCount = pathCount
        self.tradesPerPath = tradesPerPath
        self.seedDescription = seedDescription
        self.maxDrawdownsSorted = maxDrawdowns.sorted()
    }

    /// Resamples `tradePnlsQuote` (in the order the trades closed) into `pathCount` paths.
    public static func resample(
        tradePnlsQuote: [Double], initialEquityQuote: Double, pathCount: Int = pathCountDefault,
        seedDescription: String, generator: inout SeededGenerator
    ) -> MonteCarloDrawdowns {
        precondition(pathCount >= 0 && initialEquityQuote > 0, "paths are counted and equity starts positive")
        let trades = Array(tradePnlsQuote.prefix(tradesPerPathMax))
        guard !trades.isEmpty else {
            return MonteCarloDrawdowns(
                pathCount: 0, tradesPerPath: 0, seedDescription: seedDescription, maxDrawdowns: [])
        }
        var drawdowns: [Double] = []
        drawdowns.reserveCapacity(pathCount)
        let count = UInt64(trades.count)
        for _ in 0..<pathCount {
            var equity = initialEquityQuote
            var peak = initialEquityQuote
            var worst = 0.0
            for _ in 0..<trades.count {
                // Multiply-high maps 64 random bits onto 0..<count without modulo bias worth noticing.
                let index = Int(generator.next().multipliedFullWidth(by: count).high)
                equity += trades[index]
                peak = max(peak, equity)
                worst = max(worst, peak > 0 ? (peak - equity) / peak : 1)
            }
            drawdowns.append(min(worst, 1))
        }
        return MonteCarloDrawdowns(
            pathCount: pathCount, tradesPerPath: trades.count, seedDescription: seedDescription,
            maxDrawdowns: drawdowns)
    }

    /// The `p`-quantile (0…1) of the max drawdowns by nearest rank, or nil without paths.
    public func quantile(_ p: Double) -> Double? {
        guard !maxDrawdownsSorted.isEmpty else { return nil }
        let rank = Int((p * Double(maxDrawdownsSorted.count)).rounded(.up)) - 1
        return maxDrawdownsSorted[min(max(rank, 0), maxDrawdownsSorted.count - 1)]
    }
}
