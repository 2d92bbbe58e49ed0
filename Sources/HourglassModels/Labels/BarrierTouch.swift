/// Which barrier ended a triple-barrier label.
public enum BarrierTouch: String, Sendable, Hashable {
    /// The take-profit barrier was reached first.
    case upper
    /// The stop-loss barrier was reached first (also when one bar crossed both: the cautious reading).
    case lower
    /// Neither: the maximum holding time ran out.
    case vertical
}
