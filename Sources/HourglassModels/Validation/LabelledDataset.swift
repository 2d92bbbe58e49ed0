import HourglassCore

/// Feature rows with their triple-barrier labels, label spans and gross returns: what one training reads.
///
/// Built from one symbol's hourly feature rows aligned with its bars (row i describes `points[i]`, computed
/// from bars up to and including it). Rows whose label is not decided by the bars given are left out.
public struct LabelledDataset: Sendable, Hashable {
    public let features: FeatureMatrix
    /// Upper barrier first.
    public let labels: [Bool]
    public let spans: [SampleSpan]
    public let grossReturns: [Double]

    /// Wraps parallel arrays; traps on a length mismatch.
    public init(features: FeatureMatrix, labels: [Bool], spans: [SampleSpan], grossReturns: [Double]) {
        precondition(
            labels.count == features.rowCount && spans.count == labels.count
                && grossReturns.count == labels.count, "one label, span and return per row")
        self.features = features
        self.labels = labels
        self.spans = spans
        self.grossReturns = grossReturns
    }

    /// Labels `points` with `labeler` and keeps the rows of `features` whose label is decided.
    public init(features: FeatureMatrix, points: [PricePoint], labeler: TripleBarrierLabeler) {
        precondition(features.rowCount == points.count, "one feature row per bar")
        var rows: [Int] = []
        var labels: [TripleBarrierLabel] = []
        for index in points.indices {
            guard let label = labeler.label(at: index, in: points) else { continue }
            rows.append(index)
            labels.append(label)
        }
        self.init(
            features: features.rows(rows), labels: labels.map(\.hitUpper), spans: labels.map(SampleSpan.init),
            grossReturns: labels.map(\.grossReturn))
    }

    public var count: Int { labels.count }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabelledDataset {
        LabelledDataset(
            features: features.rows(indices), labels: indices.map { labels[$0] },
            spans: indices.map { spans[$0] }, grossReturns: indices.map { grossReturns[$0] })
    }

    /// Datasets of several symbols, one after another.
    public static func concatenated(_ parts: [LabelledDataset]) -> LabelledDataset {
        precondition(
            !parts.isEmpty && parts.allSatisfy { $0.features.columnCount == parts[0].features.columnCount },
            "parts must share their feature columns")
        let rowCount = parts.reduce(0) { $0 + $1.count }
        return LabelledDataset(
            features: FeatureMatrix(
                rowCount: rowCount, columnCount: parts[0].features.columnCount,
                values: parts.flatMap(\.features.values)),
            labels: parts.flatMap(\.labels), spans: parts.flatMap(\.spans), grossReturns: parts.flatMap(\.grossReturns))
    }

    /// What the model of retrain hour `retrainHourTs` may train on under `schedule` (purge and embargo).
    public func trainingSet(retrainHourTs: UTCTimestamp, schedule: WalkForwardSchedule) -> LabelledDataset {
        subset(spans.indices.filter { schedule.mayTrain(spans[$0], retrainHourTs: retrainHourTs) })
    }

    /// SHA-256 of the canonical bytes (little-endian): row and column counts, every feature's f32 bits, then per
    /// row the label byte, entry and availability seconds and the gross return's f64 bits. `ModelTrained`'s
    /// training-data hash.
    public var sha256: Hash256 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + 4 * features.values.count + 25 * count)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        put(UInt64(features.rowCount))
        put(UInt64(features.columnCount))
        for value in features.values { put(value.bitPattern) }
        for index in 0..<count {
            bytes.append(labels[index] ? 1 : 0)
            put(spans[index].entryHourTs.secondsSinceEpoch)
            put(spans[index].availableHourTs.secondsSinceEpoch)
            put(grossReturns[index].bitPattern)
        }
        return Hash256.of(bytes)
    }
}
