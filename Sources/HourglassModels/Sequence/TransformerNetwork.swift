import HourglassCore

/// A small Transformer encoder: linear embedding plus learned positional encoding, pre-norm blocks, a final
/// layer norm and a linear head on the last hour's row (which attends to every hour of the window).
/// Layout: embedding, positions, blocks, norm, head.
///
/// The read-out is the last hour, not the mean over the hours, so inference runs the last block for that one
/// row (format 2; format 1 pooled the mean and ran every row).
///
/// The positional encoding is learned (one vector per hour of the window) rather than sinusoidal, so no
/// `sin`/`cos` from the platform's libm enters the weights.
struct TransformerNetwork: SequenceNetwork {
    let stepCount: Int
    let featureCount: Int
    let width: Int
    let embedding: LinearLayer
    let positionOffset: Int
    let blocks: [TransformerEncoderBlock]
    let finalNorm: LayerNorm
    let head: LinearLayer

    init(stepCount: Int, featureCount: Int, width: Int, headCount: Int, layerCount: Int, feedForwardWidth: Int) {
        self.stepCount = stepCount
        self.featureCount = featureCount
        self.width = width
        embedding = LinearLayer(inputCount: featureCount, outputCount: width, offset: 0)
        positionOffset = embedding.parameterCount
        var offset = positionOffset + stepCount * width
        var blocks: [TransformerEncoderBlock] = []
        for _ in 0..<layerCount {
            let block = TransformerEncoderBlock(
                width: width, headCount: headCount, feedForwardWidth: feedForwardWidth,
                offset: offset)
            offset += block.parameterCount
            blocks.append(block)
        }
        self.blocks = blocks
        finalNorm = LayerNorm(width: width, offset: offset)
        head = LinearLayer(inputCount: width, outputCount: 1, offset: offset + finalNorm.parameterCount)
    }

    var parameterCount: Int { head.offset + head.parameterCount }

    func initialize(generator: inout SeededGenerator) -> [Double] {
        var theta = [Double](repeating: 0, count: parameterCount)
        embedding.initialize(&theta, generator: &generator)
        for index in positionOffset..<positionOffset + stepCount * width {
            theta[index] = (generator.unitInterval() * 2 - 1) * 0.1
        }
        for block in blocks { block.initialize(&theta, generator: &generator) }
        finalNorm.initialize(&theta)
        head.initialize(&theta, generator: &generator)
        return theta
    }

    private struct Pass {
        var blockCaches: [TransformerEncoderBlock.Cache]
        var normCache: LayerNorm.Cache
        var pooled: [Double]
        var logit: Double
    }

    private func forward(_ theta: [Double], _ window: [Double]) -> Pass {
        precondition(window.count == stepCount * featureCount, "window shape")
        var h = embedding.forward(theta, window, rows: stepCount)
        for index in h.indices { h[index] += theta[positionOffset + index] }
        var caches: [TransformerEncoderBlock.Cache] = []
        for block in blocks {
            let (next, cache) = block.forward(theta, h, rows: stepCount)
            h = next
            caches.append(cache)
        }
        let (normalized, normCache) = finalNorm.forward(theta, h, rows: stepCount)
        let pooled = Array(normalized[(stepCount - 1) * width..<stepCount * width])
        let logit = head.forward(theta, pooled, rows: 1)[0]
        return Pass(blockCaches: caches, normCache: normCache, pooled: pooled, logit: logit)
    }

    func logit(_ theta: [Double], window: [Double]) -> Double { forward(theta, window).logit }

    /// Inference without caches: every linear layer's Wᵀ built once for all `count` windows, one set of
    /// buffers reused across them. Each step runs `forward`'s arithmetic in its order, so the logits have the
    /// same bits as `logit` on each window. The read-out only sees the last hour's row, so the last block
    /// computes that row alone: its keys and values still come from every hour, and no other row's output
    /// reaches the logit.
    func logits(_ theta: [Double], windows: [Double], count: Int) -> [Double] {
        let rows = stepCount
        precondition(
            windows.count == count * rows * featureCount && theta.count == parameterCount, "window shape")
        let width = width
        let last = (rows - 1) * width
        let feedForward = blocks.map(\.expand.outputCount).max() ?? 0
        let headCount = blocks.map(\.attention.headCount).max() ?? 1
        let layers =
            [embedding]
            + blocks.flatMap {
                [$0.attention.query, $0.attention.key, $0.attention.value, $0.attention.output, $0.expand, $0.contract]
            }
        func buffer(_ size: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(size, 1))
            pointer.initialize(repeating: 0, count: max(size, 1))
            return pointer
        }
        let h = buffer(rows * width)
        let a = buffer(rows * width)
        let q = buffer(rows * width)
        let k = buffer(rows * width)
        let v = buffer(rows * width)
        let attended = buffer(rows * width)
        let projected = buffer(rows * width)
        let keysTransposed = buffer(rows * width)
        let expanded = buffer(rows * feedForward)
        let scores = buffer(rows)
        let weights = buffer(headCount * rows * rows)
        defer {
            for pointer in [h, a, q, k, v, attended, projected, keysTransposed, expanded, scores, weights] {
                pointer.deallocate()
            }
        }
        return theta.withUnsafeBufferPointer { wBuffer in
            let w = wBuffer.baseAddress!
            let transposed = layers.map { $0.transposedWeights(wBuffer) }
            /// Layer `index` on `count` rows of `x` into `y` (the output-parallel path: the same bits as row by row).
            func linear(_ index: Int, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows count: Int) {
                let layer = layers[index]
                transposed[index].withUnsafeBufferPointer { wt in
                    layer.forward(
                        transposed: wt, wBuffer, UnsafeBufferPointer(start: x, count: count * layer.inputCount),
                        rows: count, UnsafeMutableBufferPointer(start: y, count: count * layer.outputCount))
                }
            }
            var logits: [Double] = []
            logits.reserveCapacity(count)
            windows.withUnsafeBufferPointer { all in
                for windowIndex in 0..<count {
                    linear(0, all.baseAddress! + windowIndex * rows * featureCount, h, rows: rows)
                    for index in 0..<rows * width { h[index] += w[positionOffset + index] }
                    for (blockIndex, block) in blocks.enumerated() {
                        let layer = 1 + 6 * blockIndex
                        // Rows first ..< rows leave the block: all of them, or the last one in the last block.
                        let first = blockIndex == blocks.count - 1 ? rows - 1 : 0
                        let outputRows = rows - first
                        let offset = first * width
                        block.norm1.apply(w, h, rows: rows, into: a)
                        linear(layer, a + offset, q + offset, rows: outputRows)
                        linear(layer + 1, a, k, rows: rows)
                        linear(layer + 2, a, v, rows: rows)
                        for index in offset..<rows * width { attended[index] = 0 }
                        block.attention.attend(
                            q: q, k: k, v: v, rows: rows, queries: first..<rows, keysTransposed: keysTransposed,
                            scores: scores, weights: weights, into: attended)
                        linear(layer + 3, attended + offset, projected + offset, rows: outputRows)
                        for index in offset..<rows * width { h[index] += projected[index] }
                        block.norm2.apply(w, h + offset, rows: outputRows, into: a + offset)
                        let expandedWidth = block.expand.outputCount
                        linear(layer + 4, a + offset, expanded + first * expandedWidth, rows: outputRows)
                        for index in first * expandedWidth..<rows * expandedWidth {
                            expanded[index] = max(expanded[index], 0)
                        }
                        linear(layer + 5, expanded + first * expandedWidth, projected + offset, rows: outputRows)
                        for index in offset..<rows * width { h[index] += projected[index] }
                    }
                    finalNorm.apply(w, h + last, rows: 1, into: a + last)
                    var sum = w[head.biasOffset]
                    for input in 0..<width { sum += w[head.offset + input] * a[last + input] }
                    logits.append(sum)
                }
            }
            return logits
        }
    }

    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double) {
        let pass = forward(theta, window)
        let dLogit = BinaryCrossEntropy.gradient(logit: pass.logit, label: label) * scale
        let dPooled = head.backward(theta, pass.pooled, rows: 1, outputGradient: [dLogit], gradient: &gradient)
        var dNormalized = [Double](repeating: 0, count: stepCount * width)
        for column in 0..<width { dNormalized[(stepCount - 1) * width + column] = dPooled[column] }
        var dh = finalNorm.backward(
            theta, pass.normCache, rows: stepCount, outputGradient: dNormalized,
            gradient: &gradient)
        for (block, cache) in zip(blocks, pass.blockCaches).reversed() {
            dh = block.backward(theta, cache, rows: stepCount, outputGradient: dh, gradient: &gradient)
        }
        for index in dh.indices { gradient[positionOffset + index] += dh[index] }
        _ = embedding.backward(theta, window, rows: stepCount, outputGradient: dh, gradient: &gradient)
        return (pass.logit, BinaryCrossEntropy.loss(logit: pass.logit, label: label))
    }
}
