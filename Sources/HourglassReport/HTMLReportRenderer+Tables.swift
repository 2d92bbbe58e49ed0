import HourglassCore

extension HTMLReportRenderer {
    /// The metrics table; each value cell carries `data-metric` and the exact `data-value`.
    func metricsTable(_ data: RunReportData) -> String {
        var out = "<table class=\"metrics\"><tbody>"
        for metric in data.metrics {
            let value = " data-value=\"" + ReportFormat.escape(metric.exactText) + "\""
            let tone = (metric.value ?? 0) < 0 ? " neg" : ""
            out +=
                "<tr><th>" + ReportFormat.escape(metric.label)
                + "</th><td class=\"num\(tone)\(metric.value == nil ? " na" : "")\" "
                + "data-metric=\"\(ReportFormat.escape(metric.id))\"\(value)>"
                + ReportFormat.escape(Self.display(metric))
                + "</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// A histogram of the resampled max drawdowns, with the median, the 95th percentile and the
    /// run's own max drawdown marked.
    func monteCarloHistogram(_ data: RunReportData) -> String {
        let mc = data.monteCarlo
        guard let maxValue = mc.maxDrawdownsSorted.last, let median = mc.quantile(0.5), let p95 = mc.quantile(0.95)
        else {
            return "<p class=\"empty\">No closed trades to resample.</p>"
        }
        let observed = data.metrics.first { $0.id == "max_drawdown" }?.value
        let axis = AxisTicks.values(low: 0, high: max(maxValue, observed ?? 0, 0.001) * 1.05, target: 5)
        let binCount = 30
        var bins = [Int](repeating: 0, count: binCount)
        for value in mc.maxDrawdownsSorted {
            let index = Int((value - axis.low) / (axis.high - axis.low) * Double(binCount))
            bins[min(max(index, 0), binCount - 1)] += 1
        }
        let width = 500.0
        let height = 230.0
        let left = 48.0
        let top = 10.0
        let plotWidth = 430.0
        let plotHeight = 170.0
        let countAxis = AxisTicks.values(low: 0, high: Double(bins.max() ?? 1), target: 4)
        func x(_ value: Double) -> Double { left + plotWidth * (value - axis.low) / (axis.high - axis.low) }
        func y(_ count: Double) -> Double { top + plotHeight - plotHeight * count / countAxis.high }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" "
            + "aria-label=\"Monte Carlo max drawdowns\">"
        for tick in countAxis.ticks {
            svg +=
                "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(left + plotWidth))\" y1=\"\(c(y(tick)))\" "
                + "y2=\"\(c(y(tick)))\"/><text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(y(tick)))\" dy=\"0.32em\" "
                + "text-anchor=\"end\">\(ReportFormat.fixed(tick, decimals: 0))</text>"
        }
        let binWidth = plotWidth / Double(binCount)
        for (index, count) in bins.enumerated() where count > 0 {
            svg +=
                "<rect class=\"bin\" x=\"\(c(left + binWidth * Double(index) + 0.5))\" y=\"\(c(y(Double(count))))\" "
                + "width=\"\(c(binWidth - 1))\" height=\"\(c(top + plotHeight - y(Double(count))))\"/>"
        }
        let decimals = max(0, AxisTicks.decimals(for: axis.ticks.map { $0 * 100 }))
        for tick in axis.ticks {
            svg +=
                "<text class=\"tick\" x=\"\(c(x(tick)))\" y=\"\(c(top + plotHeight + 16))\" text-anchor=\"middle\">"
                + ReportFormat.percent(tick, decimals: decimals) + "</text>"
        }
        svg +=
            "<rect class=\"frame\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(plotWidth))\" "
            + "height=\"\(c(plotHeight))\"/>"
        svg += marker(x: x(median), top: top, height: plotHeight, cssClass: "mark-median", label: "median", row: 0)
        svg += marker(x: x(p95), top: top, height: plotHeight, cssClass: "mark-p95", label: "95%", row: 1)
        if let observed {
            svg += marker(x: x(observed), top: top, height: plotHeight, cssClass: "mark-run", label: "this run", row: 2)
        }
        svg +=
            "<text class=\"axis-title\" x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 4))\" text-anchor=\"middle\">"
            + "max drawdown of a resampled path</text></svg>"
        var out = "<figure class=\"chart small\">" + svg + "</figure><table class=\"compact mc\"><tbody>"
        out +=
            "<tr><th>paths × trades</th><td class=\"num\" data-mc=\"paths\" data-value=\"\(mc.pathCount)\">"
            + "\(mc.pathCount) × \(mc.tradesPerPath)</td></tr>"
        for (key, label, value) in [
            ("p50", "median", median), ("p95", "95th percentile", p95),
            ("p99", "99th percentile", mc.quantile(0.99) ?? p95),
        ] {
            out +=
                "<tr><th>\(label)</th><td class=\"num\" data-mc=\"\(key)\" "
                + "data-value=\"\(JSONValue.double(value).canonicalText)\">"
                + ReportFormat.percent(value) + "</td></tr>"
        }
        if let observed {
            let share =
                Double(mc.maxDrawdownsSorted.filter { $0 <= observed }.count) / Double(mc.maxDrawdownsSorted.count)
            out +=
                "<tr><th>this run's max drawdown</th><td class=\"num\">" + ReportFormat.percent(observed)
                + " (\(ReportFormat.percent(share, decimals: 0)) of paths fell no deeper)</td></tr>"
        }
        out += "<tr><th>seed</th><td class=\"mono\">" + ReportFormat.escape(mc.seedDescription) + "</td></tr>"
        return out + "</tbody></table>"
    }

    /// A vertical line with its label on its own `row` (so close markers do not overprint).
    private func marker(x: Double, top: Double, height: Double, cssClass: String, label: String, row: Int) -> String {
        "<line class=\"\(cssClass)\" x1=\"\(c(x))\" x2=\"\(c(x))\" y1=\"\(c(top))\" y2=\"\(c(top + height))\"/>"
            + "<text class=\"marker \(cssClass)\" x=\"\(c(x + 3))\" y=\"\(c(top + 11 + 12 * Double(row)))\">"
            + "\(label)</text>"
    }

    /// Every trade, oldest first; open positions last column says so. Each row carries the trade's
    /// exact values in `data-` attributes (those of `run-report --json`'s `trades`), so a reader of
    /// the DOM compares numbers, not their rounded display.
    func tradesTable(_ data: RunReportData) -> String {
        guard !data.trades.isEmpty else { return "<p class=\"empty\">No fills.</p>" }
        var out =
            "<div class=\"scroll\"><table class=\"trades\"><thead><tr><th class=\"num\">#</th><th>symbol</th>"
            + "<th>entry fill (UTC)</th><th>exit fill (UTC)</th><th class=\"num\">quantity</th>"
            + "<th class=\"num\">entry price</th><th class=\"num\">exit price</th><th class=\"num\">fees</th>"
            + "<th class=\"num\">P&amp;L</th></tr></thead><tbody>"
        for (index, trade) in data.trades.enumerated() {
            let pnlClass = trade.pnlQuote.map { $0.isNegative ? " neg" : " pos" } ?? ""
            out +=
                "<tr data-trade=\"\(index)\"\(Self.exactValues(trade))><td class=\"num\">\(index + 1)</td><td>"
                + ReportFormat.escape(trade.symbol)
                + "</td><td>" + ReportFormat.hourShort(trade.entryFillHourTs) + "</td><td>"
                + (trade.exitFillHourTs.map(ReportFormat.hourShort) ?? "<em>open</em>") + "</td><td class=\"num\">"
                + trade.quantityBase.description + "</td><td class=\"num\">"
                + Self.price(trade.entryPriceQuote)
                + "</td><td class=\"num\">" + (trade.exitPriceQuote.map(Self.price) ?? "")
                + "</td><td class=\"num\">" + ReportFormat.money(trade.feesQuote) + "</td><td class=\"num\(pnlClass)\">"
                + (trade.pnlQuote.map { ReportFormat.money($0) } ?? "") + "</td></tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// ` data-symbol="…" data-entry="…" …`: the trade's exact values (empty while open).
    static func exactValues(_ trade: ReportTrade) -> String {
        let values: [(String, String)] = [
            ("symbol", ReportFormat.escape(trade.symbol)), ("entry", trade.entryFillHourTs.iso8601),
            ("exit", trade.exitFillHourTs?.iso8601 ?? ""), ("quantity", trade.quantityBase.description),
            ("entry-price", trade.entryPriceQuote.description),
            ("exit-price", trade.exitPriceQuote?.description ?? ""), ("fees", trade.feesQuote.description),
            ("pnl", trade.pnlQuote?.description ?? ""),
        ]
        return values.map { " data-\($0.0)=\"\($0.1)\"" }.joined()
    }

    /// A price with 2 decimals, or 5 below 10 (XRP trades near 0.8).
    static func price(_ value: FixedDecimal) -> String {
        ReportFormat.money(value, decimals: value < FixedDecimal(10) ? 5 : 2)
    }
}
