/// The verdict on one proposed order: every rule's result and the combined decision.
public struct GovernanceVerdict: Sendable, Hashable {
    /// The order as proposed.
    public var order: ProposedOrder
    /// Every rule's result, in the rule book's order.
    public var results: [RuleResult]
    /// BLOCK if any rule blocked, else MODIFY if any reduced the size, else APPROVE.
    public var decision: VerdictDecision
    /// The quantity allowed: 0 for BLOCK, the smallest modified size for MODIFY, else the request.
    public var approvedQuantityBase: FixedDecimal

    /// Combines rule results into a verdict. The smallest modified size wins; a modification to
    /// zero (or not below the request's precision) counts as a block.
    public static func combine(order: ProposedOrder, results: [RuleResult]) -> GovernanceVerdict {
        var blocked = false
        var smallest: FixedDecimal? = nil
        for result in results {
            switch result.outcome {
            case .pass: break
            case .block: blocked = true
            case .modify(let quantity):
                if let current = smallest { smallest = min(current, quantity) } else { smallest = quantity }
            }
        }
        if blocked {
            return GovernanceVerdict(order: order, results: results, decision: .block, approvedQuantityBase: .zero)
        }
        if let smallest {
            if !smallest.isPositive {
                return GovernanceVerdict(order: order, results: results, decision: .block, approvedQuantityBase: .zero)
            }
            if smallest < order.quantityBase {
                return GovernanceVerdict(
                    order: order, results: results, decision: .modify, approvedQuantityBase: smallest)
            }
        }
        return GovernanceVerdict(
            order: order, results: results, decision: .approve, approvedQuantityBase: order.quantityBase)
    }

    /// Judges `order` with every rule in `rules`, in order. Entry-scoped rules are evaluated for
    /// exits too (their measurement is recorded) but their outcome is recorded as PASS.
    public static func judge(_ order: ProposedOrder, rules: [any GovernanceRule], context: GovernanceContext)
        -> GovernanceVerdict
    {
        var results: [RuleResult] = []
        results.reserveCapacity(rules.count)
        for rule in rules {
            var result = rule.judge(order, in: context)
            precondition(result.ruleId == rule.id, "rule \(rule.id) reported id \(result.ruleId)")
            if order.isExit && rule.scope == .entries && result.outcome != .pass {
                result.outcome = .pass
                result.reason = "exit orders reduce risk and are not limited by this rule (" + result.reason + ")"
            }
            results.append(result)
        }
        let verdict = combine(order: order, results: results)
        guard verdict.decision == .modify else { return verdict }
        // Final-size rules see the size the other rules left.
        var final = order
        final.quantityBase = verdict.approvedQuantityBase
        var changed = false
        for (index, rule) in rules.enumerated() where rule is any FinalSizeRule {
            var result = rule.judge(final, in: context)
            guard result.outcome == .block, !(order.isExit && rule.scope == .entries) else { continue }
            result.reason = "after MODIFY to \(final.quantityBase): " + result.reason
            results[index] = result
            changed = true
        }
        return changed ? combine(order: order, results: results) : verdict
    }
}
