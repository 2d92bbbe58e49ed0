import HourglassCore

/// Trains a `SequenceNetwork` with Adam (Kingma & Ba 2015) in one fixed order, so the weights are bit-reproducible.
enum SequenceTrainer {
    static let beta1 = 0.9, beta2 = 0.999, adamEpsilon = 1e-8

    /// The trained weights for `dataset` under `parameters`.
    static func train(
        _ network: any SequenceNetwork, dataset: SequenceDataset,
        parameters: SequenceModelParameters
    ) -> [Double] {
        precondition(
            dataset.stepCount == network.stepCount && dataset.featureCount == network.featureCount,
            "the dataset's window shape must match the network")
        var initGenerator = generator(parameters.seed, "sequence.init")
        var theta = network.initialize(generator: &initGenerator)
        let rows = subset(count: dataset.count, limit: parameters.sampleLimit, seed: parameters.seed)
        var m = [Double](repeating: 0, count: theta.count)
        var v = m
        var beta1Power = 1.0
        var beta2Power = 1.0
        for epoch in 0..<parameters.epochs {
            let order = permutation(rows, seed: parameters.seed, purpose: "sequence.order.\(epoch)")
            var start = 0
            while start < order.count {
                let batch = order[start..<min(start + parameters.batchSize, order.count)]
                var gradient = [Double](repeating: 0, count: theta.count)
                let scale = 1 / Double(batch.count)
                for row in batch {
                    _ = network.accumulate(
                        theta, window: dataset.window(row), label: dataset.labels[row],
                        scale: scale, gradient: &gradient)
                }
                beta1Power *= beta1
                beta2Power *= beta2
                for index in theta.indices {
                    let g = gradient[index]
                    m[index] = beta1 * m[index] + (1 - beta1) * g
                    v[index] = beta2 * v[index] + (1 - beta2) * g * g
                    let mHat = m[index] / (1 - beta1Power)
                    let vHat = v[index] / (1 - beta2Power)
                    theta[index] -= parameters.learningRate * mHat / (vHat.squareRoot() + adamEpsilon)
                }
                start += parameters.batchSize
            }
        }
        return theta
    }

    static func generator(_ seed: UInt64, _ purpose: String) -> SeededGenerator {
        SeededGenerator(runSeed: seed, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
    }

    /// All rows when `count ≤ limit`, else `limit` rows chosen by a seeded partial Fisher–Yates, ascending.
    static func subset(count: Int, limit: Int, seed: UInt64) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return permutation(Array(0..<count), seed: seed, purpose: "sequence.subset").prefix(limit).sorted()
    }

    /// A Fisher–Yates shuffle written out (the standard library's `shuffle(using:)` may change its algorithm
    /// between releases). Index j = next() mod (i + 1); the modulo bias is below 2⁻⁴⁰ for these sizes.
    static func permutation(_ rows: [Int], seed: UInt64, purpose: String) -> [Int] {
        var rows = rows
        var generator = generator(seed, purpose)
        var index = rows.count - 1
        while index > 0 {
            let other = Int(generator.next() % UInt64(index + 1))
            rows.swapAt(index, other)
            index -= 1
        }
        return rows
    }
}
