import HourglassCore
import HourglassReport

/// A small, fully populated report: three days of hours, two rules, a kill-switch period and trades.
enum ReportFixture {
    static let start = UTCTimestamp.parse("2022-03-01T00:00:00Z")!

    static func data(reason: String = "spread_anomaly", symbol: String = "XBT/USD") -> RunReportData {
        var hours: [ReportHour] = []
        for index in 0..<72 {
            let wave = Double((index * 37) % 23) - 11
            let equity = FixedDecimal.fromDouble(
                10_000 + Double(index) * 3 + wave * 9, decimals: 2, rounding: .halfEven)!
            hours.append(
                ReportHour(
                    hourTs: start.adding(hours: Int64(index)), equityQuote: equity,
                    benchmarkEquity: 10_000 + Double(index) * 1.5 - wave * 4,
                    exposureFraction: Double(index % 9) / 50, openPositions: index % 4))
        }
        let days = [start, start.adding(hours: 24), start.adding(hours: 48)]
        let ruleDays = days.flatMap { day in
            [
                ReportRuleDay(dayTs: day, ruleId: "fee_hurdle", passCount: 5, modifyCount: 0, blockCount: 2),
                ReportRuleDay(dayTs: day, ruleId: "total_exposure", passCount: 4, modifyCount: 3, blockCount: 0),
            ]
        }
        let periods = [
            ReportPeriod(
                kind: .killSwitch, startHourTs: start.adding(hours: 30), lastHourTs: start.adding(hours: 35),
                reason: reason)
        ]
        let metrics = [
            ReportMetric(id: "total_return", label: "Total return", json: .double(0.0212), unit: .percent),
            ReportMetric(id: "cagr", label: "CAGR", json: .double(0.123457), unit: .percent),
            ReportMetric(id: "sharpe", label: "Sharpe", json: .double(1.234568), unit: .ratio),
            ReportMetric(id: "max_drawdown", label: "Max drawdown", json: .double(0.031), unit: .percent),
            ReportMetric(id: "fees", label: "Fees", json: .string("41.2"), unit: .quote),
            ReportMetric(
                id: "deflated_sharpe", label: "Deflated Sharpe", json: .null, unit: .ratio,
                missingNote: "n/a until models exist"),
        ]
        let trades = (0..<6).map { trade(index: $0, symbol: symbol) }
        var generator = SeededGenerator(runSeed: 7, hourTs: start, purpose: "report.monte_carlo")
        let monteCarlo = MonteCarloDrawdowns.resample(
            tradePnlsQuote: [-9, -4, 1, 6, 11], initialEquityQuote: 10_000,
            pathCount: 500, seedDescription: "fixture", generator: &generator)
        let identity = ReportRunIdentity(
            runId: "3f2b1c4d-0000-4000-8000-000000000001", accountId: "acct-1",
            runMode: .backtest, engineVersion: "test", configSha256: String(repeating: "a", count: 64),
            modelSetSha256: String(repeating: "b", count: 64), universe: [symbol, "ETH/USD"],
            quoteCurrency: "USD", initialEquityQuote: FixedDecimal(10_000))
        return RunReportData(
            identity: identity, hours: hours, ruleDays: ruleDays, periods: periods, retrainings: [],
            metrics: metrics, trades: trades, monteCarlo: monteCarlo)
    }

    static func trade(index: Int, symbol: String) -> ReportTrade {
        let isOpen = index == 5
        let entry = start.adding(hours: Int64(index * 10 + 1))
        let exit: UTCTimestamp? = isOpen ? nil : start.adding(hours: Int64(index * 10 + 6))
        let exitPrice: FixedDecimal? = isOpen ? nil : FixedDecimal(40_000 + Int64(index) * 300 - 600)
        let pnl: FixedDecimal? = isOpen ? nil : FixedDecimal(Int64(index) * 5 - 9)
        return ReportTrade(
            symbol: index == 0 ? symbol : "ETH/USD", entryFillHourTs: entry, exitFillHourTs: exit,
            quantityBase: FixedDecimal(raw: 1_500_000_000), entryPriceQuote: FixedDecimal(40_000),
            exitPriceQuote: exitPrice, feesQuote: FixedDecimal(raw: 480_000_000_000), pnlQuote: pnl)
    }
}
