import Testing

@testable import HourglassCore

@Suite struct GovernanceReportTests {
    func verdicts() -> [GovernanceVerdict] {
        let rules = GovernanceRules.all(config: .default)
        return [
            GovernanceVerdict.judge(Fx.buy("4"), rules: rules, context: Fx.context()),  // APPROVE
            GovernanceVerdict.judge(
                // MODIFY 8 → 4
                Fx.buy("8", stop: 0.2), rules: rules, context: Fx.context(equity: "9000", peak: "10000")),
            GovernanceVerdict.judge(Fx.buy("3"), rules: rules, context: Fx.context(killSwitch: true)),  // BLOCK 300
            GovernanceVerdict.judge(Fx.sell("2"), rules: rules, context: Fx.context(killSwitch: true)),  // exit APPROVE
        ]
    }

    @Test func countsVerdictsRulesAndNotional() {
        let report = GovernanceReport(verdicts: verdicts())
        #expect(report.verdictCount == 4)
        #expect([report.approveCount, report.modifyCount, report.blockCount] == [2, 1, 1])
        #expect(report.blockedNotionalQuote == Fx.d("300"))
        #expect(report.cutNotionalQuote == Fx.d("400"))
        #expect(report.rules.map(\.ruleId) == GovernanceRules.ids.sorted())
        let kill = report.rules.first { $0.ruleId == "kill_switch" }
        #expect(kill?.block == 1 && kill?.pass == 3)
        #expect(report.rules.first { $0.ruleId == "drawdown_tiers" }?.modify == 1)
    }

    @Test func rendersJSONAndText() {
        let shadow = ShadowComparison(
            withGovernance: .measure(equityCurve: ["10000", "10500", "9975", "10200"].map(Fx.d)),
            withoutGovernance: .measure(equityCurve: ["10000", "12000", "8400", "9000"].map(Fx.d)))
        #expect(shadow.withGovernance.maxDrawdownFraction == 0.05)
        #expect(abs(shadow.withoutGovernance.maxDrawdownFraction - 0.3) < 1e-12)
        #expect(abs(shadow.withoutGovernance.returnFraction + 0.1) < 1e-12)
        let report = GovernanceReport(verdicts: verdicts(), shadow: shadow)
        let text = report.text
        #expect(text.hasPrefix("verdicts: 4 (APPROVE 2, MODIFY 1, BLOCK 1)\n"))
        #expect(text.contains("kill_switch"))
        #expect(text.contains("without governance        -10.00%   30.00%"))
        #expect(report.json["blocked_notional"] == .string("300"))
        #expect(report.json["verdicts"]?["MODIFY"] == .int(1))
        #expect(report.json.canonicalText == GovernanceReport(verdicts: verdicts(), shadow: shadow).json.canonicalText)
        #expect(GovernanceReport(verdicts: []).json["shadow"] == .null)
    }
}
