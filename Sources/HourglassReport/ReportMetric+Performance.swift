import HourglassCore

extension ReportMetric {
    /// The metrics table of a run, in display order, read from `PerformanceMetrics.json` (the
    /// same JSON `run-report --json` prints), the deflated Sharpe (one configuration) last.
    public static func rows(_ performance: PerformanceMetrics) -> [ReportMetric] {
        let json = performance.json
        let table: [(String, String, Unit)] = [
            ("total_return", "Total return", .percent), ("cagr", "CAGR", .percent),
            ("sharpe", "Sharpe (annualised)", .ratio), ("sortino", "Sortino (annualised)", .ratio),
            ("max_drawdown", "Max drawdown", .percent), ("calmar", "Calmar", .ratio),
            ("profit_factor", "Profit factor", .ratio), ("win_rate", "Win rate", .percent),
            ("expectancy", "Expectancy per trade", .quote), ("exposure", "Exposure (hours in market)", .percent),
            ("fees", "Fees paid", .quote), ("trades", "Closed trades", .count),
            ("deflated_sharpe", "Deflated Sharpe (1 configuration)", .ratio),
        ]
        return table.map { id, label, unit in ReportMetric(id: id, label: label, json: json[id], unit: unit) }
    }
}
