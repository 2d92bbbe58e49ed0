import HourglassCore

/// Multi-head self-attention over a sequence (no mask: an encoder sees the whole window, all of it in the past).
///
/// Q, K, V and the output projection are `LinearLayer`s (width → width) laid out one after another from
/// `offset`. Head h uses columns h·dₖ … (h+1)·dₖ − 1; scores are Q·Kᵀ / √dₖ, softmaxed per query.
struct MultiHeadAttention: Sendable, Hashable {
    let width: Int
    let headCount: Int
    let query: LinearLayer, key: LinearLayer, value: LinearLayer, output: LinearLayer

    init(width: Int, headCount: Int, offset: Int) {
        precondition(width % headCount == 0, "the width must split evenly into heads")
        self.width = width
        self.headCount = headCount
        query = LinearLayer(inputCount: width, outputCount: width, offset: offset)
        key = LinearLayer(inputCount: width, outputCount: width, offset: query.offset + query.parameterCount)
        value = LinearLayer(inputCount: width, outputCount: width, offset: key.offset + key.parameterCount)
        output = LinearLayer(inputCount: width, outputCount: width, offset: value.offset + value.parameterCount)
    }

    var parameterCount: Int { 4 * query.parameterCount }
    var headWidth: Int { width / headCount }

    struct Cache {
        var input: [Double]
        var q: [Double], k: [Double], v: [Double]
        /// Attention weights: head, query row, key row.
        var weights: [[[Double]]]
        var concatenated: [Double]
    }

    func initialize(_ theta: inout [Double], generator: inout SeededGenerator) {
        for layer in [query, key, value, output] { layer.initialize(&theta, generator: &generator) }
    }

    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> (output: [Double], cache: Cache) {
        let q = query.forward(theta, x, rows: rows)
        let k = key.forward(theta, x, rows: rows)
        let v = value.forward(theta, x, rows: rows)
        let scale = 1 / Double(headWidth).squareRoot()
        var concatenated = [Double](repeating: 0, count: rows * width)
        var weights: [[[Double]]] = []
        for head in 0..<headCount {
            let base = head * headWidth
            var headWeights: [[Double]] = []
            for i in 0..<rows {
                var scores = [Double](repeating: 0, count: rows)
                for j in 0..<rows {
                    var dot = 0.0
                    for c in 0..<headWidth { dot += q[i * width + base + c] * k[j * width + base + c] }
                    scores[j] = dot * scale
                }
                let a = Softmax.forward(scores)
                for j in 0..<rows {
                    for c in 0..<headWidth { concatenated[i * width + base + c] += a[j] * v[j * width + base + c] }
                }
                headWeights.append(a)
            }
            weights.append(headWeights)
        }
        let y = output.forward(theta, concatenated, rows: rows)
        return (y, Cache(input: x, q: q, k: k, v: v, weights: weights, concatenated: concatenated))
    }

    func backward(
        _ theta: [Double], _ cache: Cache, rows: Int, outputGradient dy: [Double],
        gradient: inout [Double]
    ) -> [Double] {
        let dConcat = output.backward(theta, cache.concatenated, rows: rows, outputGradient: dy, gradient: &gradient)
        let scale = 1 / Double(headWidth).squareRoot()
        var dq = [Double](repeating: 0, count: rows * width)
        var dk = dq
        var dv = dq
        for head in 0..<headCount {
            let base = head * headWidth
            for i in 0..<rows {
                let a = cache.weights[head][i]
                var da = [Double](repeating: 0, count: rows)
                for j in 0..<rows {
                    var dot = 0.0
                    for c in 0..<headWidth {
                        let g = dConcat[i * width + base + c]
                        dot += g * cache.v[j * width + base + c]
                        dv[j * width + base + c] += a[j] * g
                    }
                    da[j] = dot
                }
                let ds = Softmax.backward(output: a, outputGradient: da)
                for j in 0..<rows {
                    let g = ds[j] * scale
                    for c in 0..<headWidth {
                        dq[i * width + base + c] += g * cache.k[j * width + base + c]
                        dk[j * width + base + c] += g * cache.q[i * width + base + c]
                    }
                }
            }
        }
        var dx = query.backward(theta, cache.input, rows: rows, outputGradient: dq, gradient: &gradient)
        let dxk = key.backward(theta, cache.input, rows: rows, outputGradient: dk, gradient: &gradient)
        let dxv = value.backward(theta, cache.input, rows: rows, outputGradient: dv, gradient: &gradient)
        for index in dx.indices { dx[index] += dxk[index] + dxv[index] }
        return dx
    }
}
