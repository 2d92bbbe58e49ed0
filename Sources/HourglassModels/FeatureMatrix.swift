/// A dense row-major matrix of model inputs: one row per sample, one column per feature.
public struct FeatureMatrix: Sendable, Hashable {
    /// Samples.
    public let rowCount: Int
    /// Features per sample.
    public let columnCount: Int
    /// `rowCount × columnCount` values, row after row; NaN means missing.
    public let values: [Float]

    /// Wraps `values`; traps unless it holds exactly `rowCount × columnCount` numbers.
    public init(rowCount: Int, columnCount: Int, values: [Float]) {
        precondition(
            rowCount >= 0 && columnCount > 0 && values.count == rowCount * columnCount,
            "a \(rowCount)×\(columnCount) matrix needs \(rowCount * columnCount) values, got \(values.count)")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// Builds a matrix from equal-length rows.
    public init(rows: [[Float]]) {
        let columns = rows.first?.count ?? 1
        precondition(rows.allSatisfy { $0.count == columns }, "every row needs \(columns) values")
        self.init(rowCount: rows.count, columnCount: columns, values: rows.flatMap { $0 })
    }

    /// Row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> { values[index * columnCount..<(index + 1) * columnCount] }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> FeatureMatrix {
        var out: [Float] = []
        out.reserveCapacity(indices.count * columnCount)
        for index in indices { out.append(contentsOf: row(index)) }
        return FeatureMatrix(rowCount: indices.count, columnCount: columnCount, values: out)
    }

    /// Equal when every value has the same bits (so NaN, "missing", equals NaN).
    public static func == (lhs: FeatureMatrix, rhs: FeatureMatrix) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.columnCount == rhs.columnCount
            && lhs.values.elementsEqual(rhs.values) { $0.bitPattern == $1.bitPattern }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rowCount)
        hasher.combine(columnCount)
        for value in values { hasher.combine(value.bitPattern) }
    }
}
