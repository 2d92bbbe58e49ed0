import HourglassCore

/// One pre-norm Transformer encoder block: H += Attention(LN₁(H)); H += W₂ ReLU(W₁ LN₂(H)).
struct TransformerEncoderBlock: Sendable, Hashable {
    let norm1: LayerNorm
    let attention: MultiHeadAttention
    let norm2: LayerNorm
    let expand: LinearLayer
    let contract: LinearLayer

    init(width: Int, headCount: Int, feedForwardWidth: Int, offset: Int) {
        norm1 = LayerNorm(width: width, offset: offset)
        attention = MultiHeadAttention(width: width, headCount: headCount, offset: offset + norm1.parameterCount)
        norm2 = LayerNorm(width: width, offset: attention.query.offset + attention.parameterCount)
        expand = LinearLayer(
            inputCount: width, outputCount: feedForwardWidth,
            offset: norm2.offset + norm2.parameterCount)
        contract = LinearLayer(
            inputCount: feedForwardWidth, outputCount: width,
            offset: expand.offset + expand.parameterCount)
    }

    var parameterCount: Int {
        norm1.parameterCount + attention.parameterCount + norm2.parameterCount + expand.parameterCount
            + contract.parameterCount
    }

    struct Cache {
        var norm1: LayerNorm.Cache, attention: MultiHeadAttention.Cache, norm2: LayerNorm.Cache
        var normalized2: [Double], expanded: [Double], activated: [Double]
    }

    func initialize(_ theta: inout [Double], generator: inout SeededGenerator) {
        norm1.initialize(&theta)
        attention.initialize(&theta, generator: &generator)
        norm2.initialize(&theta)
        expand.initialize(&theta, generator: &generator)
        contract.initialize(&theta, generator: &generator)
    }

    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> (output: [Double], cache: Cache) {
        let (a, c1) = norm1.forward(theta, x, rows: rows)
        let (attended, ca) = attention.forward(theta, a, rows: rows)
        var h = x
        for index in h.indices { h[index] += attended[index] }
        let (b, c2) = norm2.forward(theta, h, rows: rows)
        let u = expand.forward(theta, b, rows: rows)
        let r = u.map { max($0, 0) }
        let f = contract.forward(theta, r, rows: rows)
        for index in h.indices { h[index] += f[index] }
        return (h, Cache(norm1: c1, attention: ca, norm2: c2, normalized2: b, expanded: u, activated: r))
    }

    func backward(
        _ theta: [Double], _ cache: Cache, rows: Int, outputGradient dy: [Double],
        gradient: inout [Double]
    ) -> [Double] {
        var dr = contract.backward(theta, cache.activated, rows: rows, outputGradient: dy, gradient: &gradient)
        for index in dr.indices where cache.expanded[index] <= 0 { dr[index] = 0 }
        let db = expand.backward(theta, cache.normalized2, rows: rows, outputGradient: dr, gradient: &gradient)
        var dh = norm2.backward(theta, cache.norm2, rows: rows, outputGradient: db, gradient: &gradient)
        for index in dh.indices { dh[index] += dy[index] }
        let da = attention.backward(theta, cache.attention, rows: rows, outputGradient: dh, gradient: &gradient)
        let dx = norm1.backward(theta, cache.norm1, rows: rows, outputGradient: da, gradient: &gradient)
        return dh.indices.map { dh[$0] + dx[$0] }
    }
}
