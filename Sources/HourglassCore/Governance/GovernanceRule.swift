/// One risk rule. Every proposed order is judged by every rule, and every judgement is recorded.
///
/// A rule is a pure function of the order and the context. Rules whose `scope` is
/// `.entries` still report what they measured for an exit, but the engine records their outcome
/// as PASS: exits reduce risk and are never blocked by entry rules.
public protocol GovernanceRule: Sendable {
    /// Stable id recorded in events and projections (`total_exposure`).
    var id: String { get }
    /// Which orders the rule may restrict.
    var scope: RuleScope { get }
    /// Judges one order.
    func judge(_ order: ProposedOrder, in context: GovernanceContext) -> RuleResult
}

/// Which orders a rule may restrict.
public enum RuleScope: Sendable, Hashable {
    /// Only entries (buys); exits always pass.
    case entries
    /// Every order (e.g. long-only, minimum order size).
    case all
}

/// A rule that also judges the **final** size of an order after other rules modified it (e.g.
/// `min_order`: a cut below the pair's minimum must not become an order).
///
/// `GovernanceVerdict.judge` re-runs such a rule on the modified quantity; if it then blocks, its
/// recorded result becomes that BLOCK (its reason says so) and the verdict becomes BLOCK.
public protocol FinalSizeRule: GovernanceRule {}
