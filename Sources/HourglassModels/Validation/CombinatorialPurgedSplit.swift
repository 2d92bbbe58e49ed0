/// One split of combinatorial purged cross-validation: which groups are tested, what trains and what is tested.
public struct CombinatorialPurgedSplit: Sendable, Hashable {
    /// The test groups, ascending.
    public var testGroups: [Int]
    /// Training samples, ascending: outside the test groups, minus purged and embargoed ones.
    public var trainIndices: [Int]
    /// Test samples, ascending.
    public var testIndices: [Int]
}
