import HourglassCore

/// Combinatorial purged cross-validation (López de Prado, AFML ch. 12): N contiguous groups, every choice of k
/// test groups, with purging and an embargo around every test group.
///
/// Samples must be sorted by entry hour. They are cut into `groupCount` contiguous groups of (almost) equal
/// size. For each of the C(N, k) combinations, a sample outside the test groups trains unless its label
/// window [entry, available] overlaps a test group's window [first entry, last availability] (purge), or its
/// entry falls within `embargoHours` after a test group's last availability (embargo).
public struct CombinatorialPurgedCV: Sendable, Hashable {
    public var groupCount: Int
    public var testGroupCount: Int
    public var embargoHours: Int64

    /// A splitter; traps unless 0 < k < N.
    public init(groupCount: Int = 6, testGroupCount: Int = 2, embargoHours: Int64 = 24) {
        precondition(testGroupCount > 0 && testGroupCount < groupCount, "need 0 < k < N")
        precondition(embargoHours >= 0, "embargo ≥ 0")
        self.groupCount = groupCount
        self.testGroupCount = testGroupCount
        self.embargoHours = embargoHours
    }

    /// Every k-of-N combination of group indices, in lexicographic order.
    public var combinations: [[Int]] {
        var out: [[Int]] = []
        var current: [Int] = []
        func extend(from start: Int) {
            if current.count == testGroupCount {
                out.append(current)
                return
            }
            guard start < groupCount else { return }
            for group in start..<groupCount {
                current.append(group)
                extend(from: group + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return out
    }

    /// The number of backtest paths the splits form: k/N × C(N, k).
    public var pathCount: Int { combinations.count * testGroupCount / groupCount }

    /// The group of every sample: contiguous, sizes differing by at most one.
    public func groups(sampleCount: Int) -> [Int] {
        precondition(sampleCount >= groupCount, "need at least one sample per group")
        return (0..<sampleCount).map { $0 * groupCount / sampleCount }
    }

    /// Every split over `samples` (sorted by entry hour).
    public func splits(_ samples: [SampleSpan]) -> [CombinatorialPurgedSplit] {
        precondition(
            zip(samples, samples.dropFirst()).allSatisfy { $0.entryHourTs <= $1.entryHourTs },
            "samples must be sorted by entry hour")
        let group = groups(sampleCount: samples.count)
        var windows: [(start: UTCTimestamp, end: UTCTimestamp)] = []
        for index in 0..<groupCount {
            let members = samples.indices.filter { group[$0] == index }
            let end = members.map { samples[$0].availableHourTs }.max()!
            windows.append((samples[members.first!].entryHourTs, end))
        }
        return combinations.map { tested in
            let test = samples.indices.filter { tested.contains(group[$0]) }
            let train = samples.indices.filter { index in
                guard !tested.contains(group[index]) else { return false }
                let sample = samples[index]
                return tested.allSatisfy { testGroup in
                    let window = windows[testGroup]
                    let overlaps = sample.entryHourTs <= window.end && sample.availableHourTs >= window.start
                    let embargoed =
                        sample.entryHourTs > window.end
                        && sample.entryHourTs <= window.end.adding(hours: embargoHours)
                    return !overlaps && !embargoed
                }
            }
            return CombinatorialPurgedSplit(testGroups: tested, trainIndices: train, testIndices: test)
        }
    }
}
