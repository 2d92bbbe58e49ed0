import HourglassCore

/// A small Transformer encoder: linear embedding plus learned positional encoding, pre-norm blocks, a final
/// layer norm, mean pooling over the hours and a linear head. Layout: embedding, positions, blocks, norm, head.
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
        var pooled = [Double](repeating: 0, count: width)
        for row in 0..<stepCount {
            for column in 0..<width { pooled[column] += normalized[row * width + column] }
        }
        for column in 0..<width { pooled[column] /= Double(stepCount) }
        let logit = head.forward(theta, pooled, rows: 1)[0]
        return Pass(blockCaches: caches, normCache: normCache, pooled: pooled, logit: logit)
    }

    func logit(_ theta: [Double], window: [Double]) -> Double { forward(theta, window).logit }

    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double) {
        let pass = forward(theta, window)
        let dLogit = BinaryCrossEntropy.gradient(logit: pass.logit, label: label) * scale
        let dPooled = head.backward(theta, pass.pooled, rows: 1, outputGradient: [dLogit], gradient: &gradient)
        var dNormalized = [Double](repeating: 0, count: stepCount * width)
        for row in 0..<stepCount {
            for column in 0..<width { dNormalized[row * width + column] = dPooled[column] / Double(stepCount) }
        }
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
