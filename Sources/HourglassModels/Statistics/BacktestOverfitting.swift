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
        logits = cv.combinations.map { inSample in
            let outOfSample = (0..<blockCount).filter { !inSample.contains($0) }
            let isSharpe = Self.sharpes(returns, blocks: inSample, blockSize: blockSize)
            let oosSharpe = Self.sharpes(returns, blocks: outOfSample, blockSize: blockSize)
            var best = 0
            for index in 1..<configurations where isSharpe[index] > isSharpe[best] { best = index }
            let rank = 1 + oosSharpe.filter { $0 < oosSharpe[best] }.count
            let omega = Double(rank) / Double(configurations + 1)
            return log(omega / (1 - omega))
        }
    }

    /// The mean / standard deviation of each configuration over the rows of `blocks`.
    static func sharpes(_ returns: [[Double]], blocks: [Int], blockSize: Int) -> [Double] {
        let configurations = returns[0].count
        return (0..<configurations).map { column in
            var values: [Double] = []
            for block in blocks {
                for row in block * blockSize..<(block + 1) * blockSize { values.append(returns[row][column]) }
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return variance > 0 ? mean / variance.squareRoot() : 0
        }
    }
}
