import HourglassCore

/// One plot area of a chart: maps hours and values to SVG coordinates and draws axes, lines and bands.
struct SVGPlot {
    /// Left edge, top edge, width and height of the plotting area, in SVG units.
    var left: Double, top: Double, width: Double, height: Double
    var firstHour: UTCTimestamp, lastHour: UTCTimestamp
    var low: Double, high: Double
    var yTicks: [Double]

    init(
        left: Double, top: Double, width: Double, height: Double, firstHour: UTCTimestamp, lastHour: UTCTimestamp,
        values: [Double], floor: Double? = nil, ceiling: Double? = nil, tickTarget: Int = 5
    ) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.firstHour = firstHour
        self.lastHour = lastHour
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if let floor { low = min(low, floor) }
        if let ceiling { high = max(high, ceiling) }
        let axis = AxisTicks.values(low: low, high: high, target: tickTarget)
        self.low = axis.low
        self.high = axis.high
        self.yTicks = axis.ticks
    }

    func x(_ ts: UTCTimestamp) -> Double {
        let span = Double(max(1, lastHour.secondsSinceEpoch - firstHour.secondsSinceEpoch))
        return left + width * Double(ts.secondsSinceEpoch - firstHour.secondsSinceEpoch) / span
    }

    func y(_ value: Double) -> Double {
        let span = high - low
        return top + height - height * (span > 0 ? (value - low) / span : 0.5)
    }

    /// Horizontal grid lines with labels at the left (or right) edge.
    func valueAxis(label: (Double) -> String, onRight: Bool = false, grid: Bool = true) -> String {
        var out = ""
        for tick in yTicks {
            let yy = ReportFormat.coordinate(y(tick))
            if grid {
                out += "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(left + width))\" y1=\"\(yy)\" y2=\"\(yy)\"/>"
            }
            let xx = onRight ? c(left + width + 6) : c(left - 6)
            out +=
                "<text class=\"tick\" x=\"\(xx)\" y=\"\(yy)\" dy=\"0.32em\" "
                + "text-anchor=\"\(onRight ? "start" : "end")\">"
                + ReportFormat.escape(label(tick)) + "</text>"
        }
        return out
    }

    /// Vertical grid lines at round UTC hours, labelled below the plot when `labels` is set.
    func timeAxis(labels: Bool) -> String {
        let ticks = AxisTicks.hours(first: firstHour, last: lastHour)
        let stepHours = ticks.count > 1 ? (ticks[1].secondsSinceEpoch - ticks[0].secondsSinceEpoch) / 3600 : 24
        var out = ""
        for tick in ticks {
            let xx = c(x(tick))
            out += "<line class=\"grid\" x1=\"\(xx)\" x2=\"\(xx)\" y1=\"\(c(top))\" y2=\"\(c(top + height))\"/>"
            if labels {
                out +=
                    "<text class=\"tick\" x=\"\(xx)\" y=\"\(c(top + height + 16))\" text-anchor=\"middle\">"
                    + ReportFormat.escape(AxisTicks.hourLabel(tick, stepHours: stepHours)) + "</text>"
            }
        }
        out += "<rect class=\"frame\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(width))\" height=\"\(c(height))\"/>"
        return out
    }

    /// A polyline through (hour, value) points.
    func line(_ points: [(UTCTimestamp, Double)], cssClass: String, step: Bool = false) -> String {
        guard !points.isEmpty else { return "" }
        var path = "M\(c(x(points[0].0))),\(c(y(points[0].1)))"
        for point in points.dropFirst() {
            if step {
                path += "H\(c(x(point.0)))V\(c(y(point.1)))"
            } else {
                path += "L\(c(x(point.0))),\(c(y(point.1)))"
            }
        }
        return "<path class=\"\(cssClass)\" d=\"\(path)\"/>"
    }

    /// The area between the points and `base`.
    func area(_ points: [(UTCTimestamp, Double)], base: Double, cssClass: String) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        var path = "M\(c(x(first.0))),\(c(y(base)))"
        for point in points { path += "L\(c(x(point.0))),\(c(y(point.1)))" }
        path += "L\(c(x(last.0))),\(c(y(base)))Z"
        return "<path class=\"\(cssClass)\" d=\"\(path)\"/>"
    }

    /// Shaded bands over the full height for each period (an hour wide at least).
    func bands(_ periods: [ReportPeriod]) -> String {
        var out = ""
        for period in periods {
            let x0 = max(left, x(period.startHourTs))
            let x1 = min(left + width, max(x(period.lastHourTs.adding(hours: 1)), x0 + 1.5))
            guard x1 > x0 else { continue }
            out +=
                "<rect class=\"band-\(period.kind.rawValue)\" x=\"\(c(x0))\" y=\"\(c(top))\" width=\"\(c(x1 - x0))\" "
                + "height=\"\(c(height))\"><title>"
                + ReportFormat.escape(
                    "\(period.kind == .killSwitch ? "kill switch" : "breaker") \(period.reason): "
                        + "\(period.startHourTs.iso8601) … \(period.lastHourTs.iso8601)") + "</title></rect>"
        }
        return out
    }

    private func c(_ value: Double) -> String { ReportFormat.coordinate(value) }
}
