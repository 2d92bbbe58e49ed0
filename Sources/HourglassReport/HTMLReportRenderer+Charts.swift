import HourglassCore

extension HTMLReportRenderer {
    /// Equity (run and benchmark) over the hours, kill-switch and breaker periods shaded, and the
    /// drawdown of each from its running peak underneath, on the same time axis.
    func equityChart(_ data: RunReportData) -> String {
        guard let first = data.hours.first?.hourTs, let last = data.hours.last?.hourTs else {
            return "<p class=\"empty\">No executed hours.</p>"
        }
        let width = Self.chartWidth - Self.marginLeft - Self.marginRight
        let equity = data.hours.map { ($0.hourTs, $0.equityQuote.doubleValue) }
        let benchmark = data.hours.map { ($0.hourTs, $0.benchmarkEquity) }
        let initial = data.identity.initialEquityQuote.doubleValue
        let top = SVGPlot(
            left: Self.marginLeft, top: 12, width: width, height: 250, firstHour: first, lastHour: last,
            values: equity.map(\.1) + benchmark.map(\.1), floor: initial, ceiling: initial)
        let drawdown = Self.underwater(equity)
        let benchmarkDrawdown = Self.underwater(benchmark)
        let bottom = SVGPlot(
            left: Self.marginLeft, top: 286, width: width, height: 110, firstHour: first, lastHour: last,
            values: drawdown.map(\.1) + benchmarkDrawdown.map(\.1), ceiling: 0, tickTarget: 3)
        let equityDecimals = AxisTicks.decimals(for: top.yTicks)
        var svg = svgOpen(height: 420, label: "Equity and drawdown against buy-and-hold")
        svg +=
            top.bands(data.periods) + top.valueAxis { ReportFormat.fixed($0, decimals: equityDecimals, grouped: true) }
        svg += top.timeAxis(labels: false)
        svg +=
            "<line class=\"baseline\" x1=\"\(c(top.left))\" x2=\"\(c(top.left + top.width))\" "
            + "y1=\"\(c(top.y(initial)))\" "
            + "y2=\"\(c(top.y(initial)))\"/>"
        svg += top.line(benchmark, cssClass: "benchmark") + top.line(equity, cssClass: "equity")
        svg += bottom.bands(data.periods)
        let drawdownDecimals = max(0, AxisTicks.decimals(for: bottom.yTicks.map { $0 * 100 }))
        svg += bottom.valueAxis { ReportFormat.percent($0, decimals: drawdownDecimals) } + bottom.timeAxis(labels: true)
        svg +=
            bottom.area(drawdown, base: 0, cssClass: "drawdown") + bottom.line(benchmarkDrawdown, cssClass: "benchmark")
        svg += axisTitle(x: 14, y: top.top + top.height / 2, text: "equity (\(data.identity.quoteCurrency))")
        svg += axisTitle(x: 14, y: bottom.top + bottom.height / 2, text: "drawdown")
        svg += "</svg>"
        let legend = legendItems([
            ("equity", "run equity"), ("benchmark", "buy-and-hold, same universe, same mean exposure"),
            ("drawdown", "run drawdown from peak"), ("band-kill_switch", "kill switch tripped"),
            ("band-breaker", "breaker THROTTLE or HALT"),
        ])
        return legend + "<figure class=\"chart\">" + svg + "</figure>"
    }

    /// Exposure (market value ÷ equity) as an area, open positions as a step line on the right axis.
    func exposureChart(_ data: RunReportData) -> String {
        guard let first = data.hours.first?.hourTs, let last = data.hours.last?.hourTs else {
            return "<p class=\"empty\">No executed hours.</p>"
        }
        let width = Self.chartWidth - Self.marginLeft - Self.marginRight
        let exposure = data.hours.map { ($0.hourTs, $0.exposureFraction) }
        let positions = data.hours.map { ($0.hourTs, Double($0.openPositions)) }
        let left = SVGPlot(
            left: Self.marginLeft, top: 12, width: width, height: 150, firstHour: first, lastHour: last,
            values: exposure.map(\.1), floor: 0, ceiling: 0.05, tickTarget: 4)
        let right = SVGPlot(
            left: Self.marginLeft, top: 12, width: width, height: 150, firstHour: first, lastHour: last,
            values: positions.map(\.1), floor: 0, ceiling: 2, tickTarget: 4)
        let decimals = max(0, AxisTicks.decimals(for: left.yTicks.map { $0 * 100 }))
        var svg = svgOpen(height: 190, label: "Exposure and open positions")
        svg += left.bands(data.periods) + left.valueAxis { ReportFormat.percent($0, decimals: decimals) }
        svg += left.timeAxis(labels: true)
        svg += right.valueAxis(
            label: { ReportFormat.fixed($0, decimals: AxisTicks.decimals(for: right.yTicks)) },
            onRight: true, grid: false)
        svg +=
            left.area(exposure, base: 0, cssClass: "exposure")
            + right.line(positions, cssClass: "positions", step: true)
        svg += axisTitle(x: 14, y: left.top + left.height / 2, text: "exposure")
        svg += axisTitle(x: Self.chartWidth - 10, y: left.top + left.height / 2, text: "open positions")
        svg += "</svg>"
        return legendItems([("exposure", "exposure (% of equity)"), ("positions", "open positions")])
            + "<figure class=\"chart\">" + svg + "</figure>"
    }

    /// Drawdown from the running peak (≤ 0) of a series.
    static func underwater(_ points: [(UTCTimestamp, Double)]) -> [(UTCTimestamp, Double)] {
        var peak = -Double.infinity
        return points.map { ts, value in
            peak = max(peak, value)
            return (ts, peak > 0 ? value / peak - 1 : 0)
        }
    }

    func svgOpen(height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(Self.chartWidth)) \(c(height))\" "
            + "role=\"img\" aria-label=\"" + ReportFormat.escape(label) + "\">"
    }

    func axisTitle(x: Double, y: Double, text: String) -> String {
        "<text class=\"axis-title\" transform=\"translate(\(c(x)),\(c(y))) rotate(-90)\" text-anchor=\"middle\">"
            + ReportFormat.escape(text) + "</text>"
    }

    func legendItems(_ items: [(String, String)]) -> String {
        "<ul class=\"legend\">"
            + items.map { cssClass, label in
                "<li><span class=\"swatch swatch-\(cssClass)\"></span>" + ReportFormat.escape(label) + "</li>"
            }.joined() + "</ul>"
    }

    func c(_ value: Double) -> String { ReportFormat.coordinate(value) }
}
