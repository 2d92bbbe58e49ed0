/// Realised statistics of closed trades: win rate, payoff, expectancy, Sharpe and losing streak.
///
/// Computed from the ledger's closed round trips (never from model confidence), in the order
/// given, so the doubles are bit-for-bit reproducible. A win is a trade with positive realised
/// P&L after fees; anything else is a loss.
public struct TradeStatistics: Sendable, Hashable {
    /// Number of trades measured.
    public var tradeCount: Int
    /// Trades with positive realised P&L.
    public var winCount: Int
    /// Mean return of the winning trades (0 when there are none).
    public var averageWinReturn: Double
    /// Mean absolute return of the losing trades (0 when there are none).
    public var averageLossReturn: Double
    /// Mean return per trade.
    public var meanReturn: Double
    /// Sample standard deviation of the returns (0 with fewer than two trades).
    public var returnStandardDeviation: Double

    /// Measures `trades`.
    public init(_ trades: some Collection<ClosedTrade>) {
        var wins = 0
        var winSum = 0.0
        var lossSum = 0.0
        var sum = 0.0
        for trade in trades {
            sum += trade.returnFraction
            if trade.realizedPnlQuote.isPositive {
                wins += 1
                winSum += trade.returnFraction
            } else {
                lossSum += abs(trade.returnFraction)
            }
        }
        let count = trades.count
        tradeCount = count
        winCount = wins
        averageWinReturn = wins > 0 ? winSum / Double(wins) : 0
        averageLossReturn = count - wins > 0 ? lossSum / Double(count - wins) : 0
        meanReturn = count > 0 ? sum / Double(count) : 0
        var squares = 0.0
        for trade in trades {
            let deviation = trade.returnFraction - meanReturn
            squares += deviation * deviation
        }
        returnStandardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
    }

    /// Measures the most recent `window` trades of `trades` (oldest first).
    public static func recent(_ trades: [ClosedTrade], window: Int) -> TradeStatistics {
        TradeStatistics(trades.suffix(max(window, 0)))
    }

    /// Share of winning trades (0 when there are no trades).
    public var winRate: Double { tradeCount > 0 ? Double(winCount) / Double(tradeCount) : 0 }

    /// Average win ÷ average loss; nil when there are no wins or no losses.
    public var payoffRatio: Double? {
        guard winCount > 0, winCount < tradeCount, averageLossReturn > 0 else { return nil }
        return averageWinReturn / averageLossReturn
    }

    /// Expected return per trade: win rate × average win − loss rate × average loss.
    public var expectancy: Double { winRate * averageWinReturn - (1 - winRate) * averageLossReturn }

    /// Full Kelly fraction `W − (1 − W) ÷ R`: 1 with only wins, 0 with no wins, never negative.
    public var kellyFraction: Double {
        if tradeCount == 0 || winCount == 0 { return 0 }
        guard let payoff = payoffRatio else { return 1 }
        return max(0, winRate - (1 - winRate) / payoff)
    }

    /// Mean ÷ standard deviation of per-trade returns; nil when it is undefined.
    public var sharpeRatio: Double? {
        guard tradeCount > 1, returnStandardDeviation > 0 else { return nil }
        return meanReturn / returnStandardDeviation
    }

    /// Losing trades in a row at the end of `trades`, and the exit hour of the latest one.
    public static func losingStreak(_ trades: [ClosedTrade]) -> (count: Int, lastExitTs: UTCTimestamp?) {
        var count = 0
        for trade in trades.reversed() {
            if trade.realizedPnlQuote.isPositive { break }
            count += 1
        }
        return (count, count > 0 ? trades.last?.exitTs : nil)
    }
}
