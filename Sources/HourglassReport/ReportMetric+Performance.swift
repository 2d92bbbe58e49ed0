import HourglassCore

extension ReportMetric {
    /// The metrics table of a run, in display order, read from `PerformanceMetrics.json` (the
    /// same JSON `run-report --json` prints), plus the deflated Sharpe once the models exist.
    public static func rows(_ performance: PerformanceMetrics) -> [ReportMetric] {
        let json = performance.json
        let table: [(String, String, Unit)] = [
            ("total_return", "Total return", .percent), ("cagr", "CAGR", .percent),
            ("sharpe", "Sharpe (annualised)", .ratio), ("sortino", "Sortino (annualised)", .ratio),
            ("max_drawdown", "Max drawdown", .percent), ("calmar", "Calmar", .ratio),
            ("profit_factor", "Profit factor", .ratio), ("win_rate", "Win rate", .percent),
            ("expectancy", "Expectancy per trade", .quote), ("exposure", "Exposure (hours in market)", .percent),
            ("fees", "Fees paid", .quote), ("trades", "Closed trades", .count),
        ]
        return table.map { id, label, unit in ReportMetric(id: id, label: label, json: json[id], unit: unit) }
            + [
                ReportMetric(
                    id: "deflated_sharpe", label: "Deflated Sharpe", json: nil, unit: .ratio,
                    missingNote: "n/a until models exist")
            ]
    }
}
