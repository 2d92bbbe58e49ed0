/// The JSON view of the metrics, shared by `run-report --json` and the HTML report.
extension PerformanceMetrics {
    /// A ratio rounded to 6 decimals (as `run-report` always printed them), or null when undefined
    /// or not finite.
    static func rounded(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .double((value * 1e6).rounded() / 1e6)
    }

    /// JSON view: ratios rounded to 6 decimals, money as decimal strings, hours as ISO-8601.
    public var json: JSONValue {
        func hour(_ ts: UTCTimestamp?) -> JSONValue { ts.map { .string($0.iso8601) } ?? .null }
        return .object([
            "initial_equity": .decimal(initialEquityQuote), "final_equity": .decimal(finalEquityQuote),
            "hours": .int(Int64(hours)), "total_return": Self.rounded(totalReturnFraction), "cagr": Self.rounded(cagr),
            "sharpe": Self.rounded(sharpe), "sortino": Self.rounded(sortino),
            "max_drawdown": Self.rounded(maxDrawdown.fractionValue),
            "max_drawdown_quote": .decimal(maxDrawdown.depthQuote),
            "max_drawdown_peak_hour": hour(maxDrawdown.peakHourTs),
            "max_drawdown_trough_hour": hour(maxDrawdown.troughHourTs),
            "calmar": Self.rounded(calmar), "profit_factor": Self.rounded(profitFactor),
            "win_rate": Self.rounded(winRate),
            "expectancy": expectancyQuote.map { .decimal($0) } ?? .null, "exposure": Self.rounded(exposureFraction),
            "fees": .decimal(feesPaidQuote), "trades": .int(Int64(tradeCount)),
            "winning_trades": .int(Int64(winningTradeCount)), "deflated_sharpe": Self.rounded(deflatedSharpe),
        ])
    }
}
