import HourglassCore

extension HTMLReportRenderer {
    /// A heatmap: one row per rule, one column per UTC day; red where the rule blocked orders,
    /// amber where it only reduced them, pale where it passed every order it judged.
    func verdictHeatmap(_ data: RunReportData) -> String {
        guard !data.ruleDays.isEmpty, let firstHour = data.hours.first?.hourTs, let lastHour = data.hours.last?.hourTs
        else { return "<p class=\"empty\">No orders were proposed, so no rule judged any.</p>" }
        let days = Self.days(from: firstHour.startOfDay, through: lastHour.startOfDay)
        let rules = Array(Set(data.ruleDays.map(\.ruleId))).sorted()
        var cells: [String: ReportRuleDay] = [:]
        for entry in data.ruleDays { cells["\(entry.ruleId)|\(entry.dayTs.secondsSinceEpoch)"] = entry }
        let left = 170.0
        let right = 150.0
        let rowHeight = 18.0
        let top = 6.0
        let width = Self.chartWidth - left - right
        let cellWidth = width / Double(max(days.count, 1))
        let height = top + rowHeight * Double(rules.count) + 28
        var svg = svgOpen(height: height, label: "Rule outcomes per day")
        svg +=
            "<rect class=\"heat-ground\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(width))\" "
            + "height=\"\(c(rowHeight * Double(rules.count)))\"/>"
        for (row, rule) in rules.enumerated() {
            let y = top + rowHeight * Double(row)
            svg +=
                "<text class=\"rule\" x=\"\(c(left - 8))\" y=\"\(c(y + rowHeight / 2))\" dy=\"0.32em\" "
                + "text-anchor=\"end\">" + ReportFormat.escape(rule) + "</text>"
            var pass = 0
            var modify = 0
            var block = 0
            for (column, day) in days.enumerated() {
                guard let entry = cells["\(rule)|\(day.secondsSinceEpoch)"], entry.totalCount > 0 else { continue }
                pass += entry.passCount
                modify += entry.modifyCount
                block += entry.blockCount
                svg +=
                    "<rect class=\"\(Self.heatClass(entry))\" x=\"\(c(left + cellWidth * Double(column) + 0.5))\" "
                    + "y=\"\(c(y + 1))\" width=\"\(c(max(cellWidth - 1, 0.8)))\" height=\"\(c(rowHeight - 2))\" "
                    + "fill-opacity=\"\(ReportFormat.fixed(Self.heatOpacity(entry), decimals: 2))\"><title>"
                    + ReportFormat.escape(
                        "\(rule) \(ReportFormat.day(day)): \(entry.passCount) pass, "
                            + "\(entry.modifyCount) modify, \(entry.blockCount) block") + "</title></rect>"
            }
            svg +=
                "<text class=\"tick\" x=\"\(c(left + width + 14))\" y=\"\(c(y + rowHeight / 2))\" dy=\"0.32em\" "
                + "data-rule=\"\(ReportFormat.escape(rule))\" data-pass=\"\(pass)\" data-modify=\"\(modify)\" "
                + "data-block=\"\(block)\">" + "\(block) B · \(modify) M · \(pass) P</text>"
        }
        let ticks = AxisTicks.hours(first: days[0], last: days[days.count - 1], target: 8)
        for tick in ticks where tick.hourOfDay == 0 {
            let index = Double((tick.secondsSinceEpoch - days[0].secondsSinceEpoch) / UTCTimestamp.secondsPerDay)
            svg +=
                "<text class=\"tick\" x=\"\(c(left + cellWidth * (index + 0.5)))\" "
                + "y=\"\(c(top + rowHeight * Double(rules.count) + 16))\" text-anchor=\"middle\">"
                + ReportFormat.day(tick) + "</text>"
        }
        svg += "</svg>"
        return legendItems([
            ("heat-block", "blocked ≥ 1 order (darker: larger share)"),
            ("heat-modify", "reduced ≥ 1 order, blocked none"), ("heat-pass", "passed every order"),
        ])
            + "<figure class=\"chart\">" + svg + "</figure>"
    }

    /// Kill-switch and breaker periods, and retrainings, as a table.
    func periodsTable(_ data: RunReportData) -> String {
        var out =
            "<table class=\"compact\"><thead><tr><th>what</th><th>from (UTC)</th><th>through (UTC)</th>"
            + "<th class=\"num\">hours</th><th>reason</th></tr></thead><tbody>"
        var shown: [ReportPeriod] = []
        var hidden: [ReportPeriod.Kind: (periods: Int, hours: Int64)] = [:]
        for period in data.periods {
            if shown.filter({ $0.kind == period.kind }).count < Self.periodRowsMax {
                shown.append(period)
            } else {
                let hours = (period.lastHourTs.secondsSinceEpoch - period.startHourTs.secondsSinceEpoch) / 3600 + 1
                let entry = hidden[period.kind] ?? (0, 0)
                hidden[period.kind] = (entry.periods + 1, entry.hours + hours)
            }
        }
        for period in shown {
            let hours = (period.lastHourTs.secondsSinceEpoch - period.startHourTs.secondsSinceEpoch) / 3600 + 1
            out +=
                "<tr data-period=\"\(period.kind.rawValue)\"><td>"
                + "<span class=\"swatch swatch-band-\(period.kind.rawValue)"
                + "\"></span>\(period.kind == .killSwitch ? "kill switch" : "breaker")</td><td>"
                + ReportFormat.hour(period.startHourTs) + "</td><td>" + ReportFormat.hour(period.lastHourTs)
                + "</td><td class=\"num\">\(hours)</td><td>" + ReportFormat.escape(period.reason) + "</td></tr>"
        }
        for kind in [ReportPeriod.Kind.killSwitch, .breaker] {
            guard let entry = hidden[kind] else { continue }
            out +=
                "<tr data-period-more=\"\(kind.rawValue)\"><td colspan=\"5\" class=\"empty\">"
                + "… and \(entry.periods) more \(kind == .killSwitch ? "kill-switch" : "breaker") periods "
                + "(\(entry.hours) hours), shaded in the charts above</td></tr>"
        }
        for retraining in data.retrainings {
            out +=
                "<tr data-period=\"retraining\"><td>retraining</td><td>" + ReportFormat.hour(retraining.hourTs)
                + "</td><td></td><td></td><td>"
                + ReportFormat.escape("\(retraining.modelId) \(retraining.artifactSha256)")
                + "</td></tr>"
        }
        if data.periods.isEmpty {
            out +=
                "<tr><td colspan=\"5\" class=\"empty\">The kill switch never tripped and the breaker stayed NORMAL "
                + "whenever orders were judged.</td></tr>"
        }
        if data.retrainings.isEmpty {
            out +=
                "<tr><td colspan=\"5\" class=\"empty\">No retrainings: this engine's models are fixed rules "
                + "(retraining appears here once trained models exist).</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Rows per kind in the periods table; the rest are counted in one line (the charts shade all).
    static let periodRowsMax = 12

    static func days(from first: UTCTimestamp, through last: UTCTimestamp) -> [UTCTimestamp] {
        var days: [UTCTimestamp] = []
        var day = first
        while day <= last && days.count < 4000 {
            days.append(day)
            day = day.adding(hours: 24)
        }
        return days
    }

    static func heatClass(_ entry: ReportRuleDay) -> String {
        entry.blockCount > 0 ? "heat-block" : (entry.modifyCount > 0 ? "heat-modify" : "heat-pass")
    }

    static func heatOpacity(_ entry: ReportRuleDay) -> Double {
        let total = Double(entry.totalCount)
        if entry.blockCount > 0 { return 0.3 + 0.7 * Double(entry.blockCount) / total }
        if entry.modifyCount > 0 { return 0.3 + 0.7 * Double(entry.modifyCount) / total }
        return 1
    }
}
