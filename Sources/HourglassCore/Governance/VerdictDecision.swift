/// The combined decision on one proposed order.
public enum VerdictDecision: String, Sendable, Hashable, CaseIterable {
    case approve = "APPROVE"
    case modify = "MODIFY"
    case block = "BLOCK"
}
