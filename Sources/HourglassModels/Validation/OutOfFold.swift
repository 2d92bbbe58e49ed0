/// Out-of-fold predictions for stacking: every sample is predicted by a model that trained neither on it nor on
/// any sample whose label window overlaps its group (purged K-fold, the k = 1 case of CPCV, with an embargo).
public enum OutOfFold {
    /// Calls `fitAndPredict(train, test)` once per group with ascending indices into `spans` (any order), and
    /// returns one prediction per sample. `fitAndPredict` must return one value per test index, in order.
    public static func predictions(
        spans: [SampleSpan], groupCount: Int = 4, embargoHours: Int64 = 24,
        fitAndPredict: (_ train: [Int], _ test: [Int]) throws -> [Double]
    )
        rethrows -> [Double]
    {
        var out = [Double](repeating: .nan, count: spans.count)
        for split in splits(spans: spans, groupCount: groupCount, embargoHours: embargoHours) {
            let predicted = try fitAndPredict(split.train, split.test)
            precondition(predicted.count == split.test.count, "one prediction per test sample")
            for (index, value) in zip(split.test, predicted) { out[index] = value }
        }
        return out
    }

    /// The purged splits `predictions` fits on, in its order: ascending train and test indices into `spans`.
    static func splits(
        spans: [SampleSpan], groupCount: Int = 4, embargoHours: Int64 = 24
    ) -> [(train: [Int], test: [Int])] {
        // CPCV needs time order; ties keep the given order so the split never depends on sort stability.
        let order = spans.indices.sorted {
            spans[$0].entryHourTs != spans[$1].entryHourTs ? spans[$0].entryHourTs < spans[$1].entryHourTs : $0 < $1
        }
        let sorted = order.map { spans[$0] }
        let cv = CombinatorialPurgedCV(groupCount: groupCount, testGroupCount: 1, embargoHours: embargoHours)
        return cv.splits(sorted).map { split in
            (split.trainIndices.map { order[$0] }.sorted(), split.testIndices.map { order[$0] }.sorted())
        }
    }
}
