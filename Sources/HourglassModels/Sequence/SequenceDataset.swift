/// Labelled windows for the sequence models: each window is `stepCount` hours × `featureCount` features,
/// oldest hour first, all windows back to back.
public struct SequenceDataset: Sendable, Hashable {
    public let stepCount: Int
    public let featureCount: Int
    /// `count × stepCount × featureCount` values.
    public let windows: [Double]
    /// One label per window.
    public let labels: [Bool]

    /// Wraps windows and labels; traps on a shape mismatch.
    public init(stepCount: Int, featureCount: Int, windows: [Double], labels: [Bool]) {
        precondition(stepCount > 0 && featureCount > 0, "windows need hours and features")
        precondition(windows.count == labels.count * stepCount * featureCount, "one window per label")
        self.stepCount = stepCount
        self.featureCount = featureCount
        self.windows = windows
        self.labels = labels
    }

    /// The windows ending at each of `endRows` of an hourly feature matrix (row r = hour r), with their labels.
    /// A window ending at row r holds rows r − stepCount + 1 … r, so it reads no hour after r.
    public init(hourly features: FeatureMatrix, endRows: [Int], labels: [Bool], stepCount: Int) {
        precondition(endRows.count == labels.count, "one label per window")
        var windows: [Double] = []
        windows.reserveCapacity(endRows.count * stepCount * features.columnCount)
        for end in endRows {
            precondition(end >= stepCount - 1 && end < features.rowCount, "window ending at row \(end) is incomplete")
            for row in end - stepCount + 1...end { windows.append(contentsOf: features.row(row).map(Double.init)) }
        }
        self.init(stepCount: stepCount, featureCount: features.columnCount, windows: windows, labels: labels)
    }

    public var count: Int { labels.count }

    /// Window `index`.
    public func window(_ index: Int) -> [Double] {
        let size = stepCount * featureCount
        return Array(windows[index * size..<(index + 1) * size])
    }
}
