#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
/// López de Prado & Zhu 2015).
///
/// The T × N matrix of period returns (N configurations) is cut into S equal row blocks. For every choice of
/// S/2 blocks as in-sample, the configuration with the best in-sample Sharpe is ranked out of sample
/// (rank 1 = worst; ties count as below); ω = rank / (N + 1), λ = ln(ω / (1 − ω)). PBO is the share of λ ≤ 0.
public struct BacktestOverfitting: Sendable, Hashable {
    /// λ of every combination, in lexicographic order of the in-sample blocks.
    public let logits: [Double]

    /// Share of combinations where the in-sample winner is at or below the out-of-sample median.
    public var probability: Double { Double(logits.filter { $0 <= 0 }.count) / Double(logits.count) }

    /// Runs CSCV on `returns[t][n]` with `blockCount` (even) blocks; trailing rows that do not fill a block are
    /// dropped.
    public init(returns: [[Double]], blockCount: Int = 16) {
        precondition(blockCount >= 2 && blockCount % 2 == 0, "CSCV needs an even number of blocks")
        let configurations = returns.first?.count ?? 0
        precondition(
            configurations >= 2 && returns.allSatisfy { $0.count == configurations },
            "need ≥ 2 configurations, every row the same width")
        let blockSize = returns.count / blockCount
        precondition(blockSize >= 2, "need at least 2 rows per block")
        let cv = CombinatorialPurgedCV(groupCount: blockCount, testGroupCount: blockCount / 2, embargoHours: 0)
        let columns = Columns(returns)
        logits = cv.combinations.map { inSample in
            let outOfSample = (0..<blockCount).filter { !inSample.contains($0) }
            let isSharpe = Self.sharpes(columns, blocks: inSample, blockSize: blockSize)
            let oosSharpe = Self.sharpes(columns, blocks: outOfSample, blockSize: blockSize)
            var best = 0
            for index in 1..<configurations where isSharpe[index] > isSharpe[best] { best = index }
            let rank = 1 + oosSharpe.filter { $0 < oosSharpe[best] }.count
            let omega = Double(rank) / Double(configurations + 1)
            return log(omega / (1 - omega))
        }
    }

    /// The mean / standard deviation of each configuration over the rows of `blocks`.
    static func sharpes(_ returns: [[Double]], blocks: [Int], blockSize: Int) -> [Double] {
        sharpes(Columns(returns), blocks: blocks, blockSize: blockSize)
    }

    /// `returns` column by column in one buffer, so a column's rows are contiguous.
    struct Columns {
        let rows: Int
        let count: Int
        let values: [Double]

        init(_ returns: [[Double]]) {
            rows = returns.count
            count = returns[0].count
            var values = [Double](repeating: 0, count: rows * count)
            for (row, line) in returns.enumerated() {
                for column in 0..<count { values[column * rows + row] = line[column] }
            }
            self.values = values
        }
    }

    /// The same sums in the same order as a fold over the blocks' rows in turn (so the same bits), by index.
    static func sharpes(_ columns: Columns, blocks: [Int], blockSize: Int) -> [Double] {
        let n = Double(blocks.count * blockSize)
        return columns.values.withUnsafeBufferPointer { values in
            (0..<columns.count).map { column in
                let base = column * columns.rows
                var sum = 0.0
                for block in blocks {
                    for row in block * blockSize..<(block + 1) * blockSize { sum += values[base + row] }
                }
                let mean = sum / n
                var squares = 0.0
                for block in blocks {
                    for row in block * blockSize..<(block + 1) * blockSize {
                        let deviation = values[base + row] - mean
                        squares += deviation * deviation
                    }
                }
                let variance = squares / (n - 1)
                return variance > 0 ? mean / variance.squareRoot() : 0
            }
        }
    }
}
