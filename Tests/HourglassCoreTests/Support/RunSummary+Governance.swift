import HourglassCore

/// What a governed run did, measured from its events and manifests (tests and diagnostics).
struct GovernedRunSummary: CustomStringConvertible {
    var hours: Int
    var returnFraction: Double
    var maxDrawdownFraction: Double
    var trips: [KillSwitchTripped]
    var releases: Int
    var report: GovernanceReport
    var fills: Int

    init(_ run: CycleRun) {
        hours = run.manifests.count
        let curve = [run.config.initialCashQuote] + run.manifests.map(\.equityQuote)
        let performance = ShadowComparison.RunPerformance.measure(equityCurve: curve)
        returnFraction = performance.returnFraction
        maxDrawdownFraction = performance.maxDrawdownFraction
        trips = run.events.compactMap { if case .killSwitchTripped(let trip) = $0 { return trip } else { return nil } }
        releases = run.events.filter { if case .killSwitchReleased = $0 { return true } else { return false } }.count
        report = GovernanceReport(
            verdicts: run.events.compactMap {
                if case .verdictRecorded(let v) = $0 { return v.verdict } else { return nil }
            })
        fills = run.filled().count
    }

    var description: String {
        let blocking = report.rules.filter { $0.block > 0 || $0.modify > 0 }.map {
            "\($0.ruleId) M\($0.modify)/B\($0.block)"
        }
        return
            "hours \(hours) fills \(fills) return \(RuleMathText.percent(returnFraction)) max drawdown \(RuleMathText.percent(maxDrawdownFraction)) "
            + "verdicts A/M/B \(report.approveCount)/\(report.modifyCount)/\(report.blockCount) releases \(releases) "
            + "trips \(trips.map { "\($0.hourTs) \($0.reason)" }) rules \(blocking)"
    }
}

enum RuleMathText {
    static func percent(_ value: Double) -> String {
        (FixedDecimal.fromDouble(value * 100, decimals: 2, rounding: .halfEven) ?? .zero).formatted(decimals: 2) + "%"
    }
}
