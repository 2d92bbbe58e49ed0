/// What governance did over a run: verdict and rule outcome counts, notional blocked and cut, and
/// an optional shadow comparison. Pure; `hourglass governance-report` renders it.
public struct GovernanceReport: Sendable, Hashable {
    /// How often one rule passed, modified and blocked.
    public struct RuleCounts: Sendable, Hashable {
        /// The rule.
        public var ruleId: String
        /// Results that passed.
        public var pass: Int
        /// Results that reduced the size.
        public var modify: Int
        /// Results that blocked.
        public var block: Int

        /// JSON view.
        public var json: JSONValue {
            .object([
                "rule_id": .string(ruleId), "PASS": .int(Int64(pass)), "MODIFY": .int(Int64(modify)),
                "BLOCK": .int(Int64(block)),
            ])
        }
    }

    /// Verdicts counted.
    public var verdictCount: Int
    /// APPROVE verdicts.
    public var approveCount: Int
    /// MODIFY verdicts.
    public var modifyCount: Int
    /// BLOCK verdicts.
    public var blockCount: Int
    /// Per rule, sorted by rule id.
    public var rules: [RuleCounts]
    /// Σ requested notional of blocked orders.
    public var blockedNotionalQuote: FixedDecimal
    /// Σ (requested − approved) quantity × reference price of modified orders.
    public var cutNotionalQuote: FixedDecimal
    /// With/without governance, when the shell ran both.
    public var shadow: ShadowComparison?

    /// Summarises `verdicts`.
    public init(verdicts: [GovernanceVerdict], shadow: ShadowComparison? = nil) {
        var approve = 0
        var modify = 0
        var block = 0
        var blocked = FixedDecimal.zero
        var cut = FixedDecimal.zero
        var counts: [String: RuleCounts] = [:]
        for verdict in verdicts {
            switch verdict.decision {
            case .approve: approve += 1
            case .modify:
                modify += 1
                let removed = verdict.order.quantityBase - verdict.approvedQuantityBase
                cut += removed.multiplied(by: verdict.order.referencePriceQuote, rounding: .halfEven)
            case .block:
                block += 1
                blocked += verdict.order.notionalQuote
            }
            for result in verdict.results {
                var entry = counts[result.ruleId] ?? RuleCounts(ruleId: result.ruleId, pass: 0, modify: 0, block: 0)
                switch result.outcome {
                case .pass: entry.pass += 1
                case .modify: entry.modify += 1
                case .block: entry.block += 1
                }
                counts[result.ruleId] = entry
            }
        }
        verdictCount = verdicts.count
        approveCount = approve
        modifyCount = modify
        blockCount = block
        // Sorted so dictionary order never reaches output.
        rules = counts.keys.sorted().map { counts[$0]! }
        blockedNotionalQuote = blocked
        cutNotionalQuote = cut
        self.shadow = shadow
    }

    /// JSON view (canonical when written with `canonicalText`).
    public var json: JSONValue {
        .object([
            "verdicts": .object([
                "total": .int(Int64(verdictCount)), "APPROVE": .int(Int64(approveCount)),
                "MODIFY": .int(Int64(modifyCount)), "BLOCK": .int(Int64(blockCount)),
            ]),
            "rules": .array(rules.map(\.json)),
            "blocked_notional": .decimal(blockedNotionalQuote),
            "cut_notional": .decimal(cutNotionalQuote),
            "shadow": shadow?.json ?? .null,
        ])
    }

    /// Human text: one summary block, a rule table, and the shadow comparison when present.
    public var text: String {
        var lines = [
            "verdicts: \(verdictCount) (APPROVE \(approveCount), MODIFY \(modifyCount), BLOCK \(blockCount))",
            "blocked notional: \(blockedNotionalQuote.formatted(decimals: 2))",
            "sizes cut (notional): \(cutNotionalQuote.formatted(decimals: 2))",
            "",
            Self.row("rule", "PASS", "MODIFY", "BLOCK"),
        ]
        for rule in rules {
            lines.append(Self.row(rule.ruleId, String(rule.pass), String(rule.modify), String(rule.block)))
        }
        if let shadow {
            lines.append("")
            lines.append(Self.row("shadow", "return", "max drawdown", ""))
            lines.append(
                Self.row(
                    "with governance", RuleMath.percent(shadow.withGovernance.returnFraction),
                    RuleMath.percent(shadow.withGovernance.maxDrawdownFraction), ""))
            lines.append(
                Self.row(
                    "without governance", RuleMath.percent(shadow.withoutGovernance.returnFraction),
                    RuleMath.percent(shadow.withoutGovernance.maxDrawdownFraction), ""))
        }
        return lines.map { $0.trailingSpacesRemoved }.joined(separator: "\n") + "\n"
    }

    private static func row(_ name: String, _ a: String, _ b: String, _ c: String) -> String {
        pad(name, 26) + pad(a, 10) + pad(b, 14) + c
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
