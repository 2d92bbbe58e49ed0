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
        /// Attention weights, flat: head, query row, key row.
        var weights: [Double]
        var concatenated: [Double]
    }

    func initialize(_ theta: inout [Double], generator: inout SeededGenerator) {
        for layer in [query, key, value, output] { layer.initialize(&theta, generator: &generator) }
    }

    /// Scores Q·Kᵀ/√dₖ per head and query row (each dot product summed over the head's columns in order, for
    /// all key rows at once over Kᵀ), their softmax, and the weighted sums of V, on raw buffers.
    func forward(_ theta: [Double], _ x: [Double], rows: Int) -> (output: [Double], cache: Cache) {
        let q = query.forward(theta, x, rows: rows)
        let k = key.forward(theta, x, rows: rows)
        let v = value.forward(theta, x, rows: rows)
        var concatenated = [Double](repeating: 0, count: rows * width)
        var weights = [Double](repeating: 0, count: headCount * rows * rows)
        var keysTransposed = [Double](repeating: 0, count: width * rows)
        var scores = [Double](repeating: 0, count: rows)
        q.withUnsafeBufferPointer { qBuffer in
            k.withUnsafeBufferPointer { kBuffer in
                v.withUnsafeBufferPointer { vBuffer in
                    keysTransposed.withUnsafeMutableBufferPointer { ktBuffer in
                        concatenated.withUnsafeMutableBufferPointer { outBuffer in
                            weights.withUnsafeMutableBufferPointer { weightBuffer in
                                scores.withUnsafeMutableBufferPointer { scoreBuffer in
                                    attend(
                                        q: qBuffer.baseAddress!, k: kBuffer.baseAddress!, v: vBuffer.baseAddress!,
                                        rows: rows, queries: 0..<rows, keysTransposed: ktBuffer.baseAddress!,
                                        scores: scoreBuffer.baseAddress!, weights: weightBuffer.baseAddress!,
                                        into: outBuffer.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        let y = output.forward(theta, concatenated, rows: rows)
        return (y, Cache(input: x, q: q, k: k, v: v, weights: weights, concatenated: concatenated))
    }

    /// The attention core on raw buffers: Q (the `queries` rows), K and V (rows × width) in, those query rows'
    /// head outputs added into `out` (rows × width, zeroed by the caller) and their softmax weights (head, query
    /// row, key row) into `weights`. `keysTransposed` (width × rows) and `scores` (rows) are scratch. Each query
    /// row's arithmetic is the same whichever other rows are computed.
    func attend(
        q: UnsafePointer<Double>, k: UnsafePointer<Double>, v: UnsafePointer<Double>, rows: Int, queries: Range<Int>,
        keysTransposed kt: UnsafeMutablePointer<Double>, scores s: UnsafeMutablePointer<Double>,
        weights: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) {
        let scale = 1 / Double(headWidth).squareRoot()
        let width = width
        let headWidth = headWidth
        for j in 0..<rows {
            for column in 0..<width { kt[column * rows + j] = k[j * width + column] }
        }
        for head in 0..<headCount {
            let base = head * headWidth
            for i in queries {
                for j in 0..<rows { s[j] = 0 }
                for c in 0..<headWidth {
                    let qValue = q[i * width + base + c]
                    let keys = kt + (base + c) * rows
                    for j in 0..<rows { s[j] += qValue * keys[j] }
                }
                for j in 0..<rows { s[j] = s[j] * scale }
                let a = weights + (head * rows + i) * rows
                Softmax.forward(UnsafePointer(s), into: a, count: rows)
                let row = out + i * width + base
                for j in 0..<rows {
                    let weight = a[j]
                    let values = v + j * width + base
                    for c in 0..<headWidth { row[c] += weight * values[c] }
                }
            }
        }
    }

    func backward(
        _ theta: [Double], _ cache: Cache, rows: Int, outputGradient dy: [Double],
        gradient: inout [Double]
    ) -> [Double] {
        let dConcat = output.backward(theta, cache.concatenated, rows: rows, outputGradient: dy, gradient: &gradient)
        let scale = 1 / Double(headWidth).squareRoot()
        let width = width
        let headWidth = headWidth
        var dq = [Double](repeating: 0, count: rows * width)
        var dk = dq
        var dv = dq
        var da = [Double](repeating: 0, count: rows)
        var ds = da
        dConcat.withUnsafeBufferPointer { dcBuffer in
            cache.q.withUnsafeBufferPointer { qBuffer in
                cache.k.withUnsafeBufferPointer { kBuffer in
                    cache.v.withUnsafeBufferPointer { vBuffer in
                        cache.weights.withUnsafeBufferPointer { weightBuffer in
                            dq.withUnsafeMutableBufferPointer { dqBuffer in
                                dk.withUnsafeMutableBufferPointer { dkBuffer in
                                    dv.withUnsafeMutableBufferPointer { dvBuffer in
                                        da.withUnsafeMutableBufferPointer { daBuffer in
                                            ds.withUnsafeMutableBufferPointer { dsBuffer in
                                                let dConcat = dcBuffer.baseAddress!
                                                let q = qBuffer.baseAddress!
                                                let k = kBuffer.baseAddress!
                                                let v = vBuffer.baseAddress!
                                                let dq = dqBuffer.baseAddress!
                                                let dk = dkBuffer.baseAddress!
                                                let dv = dvBuffer.baseAddress!
                                                let da = daBuffer.baseAddress!
                                                let ds = dsBuffer.baseAddress!
                                                for head in 0..<headCount {
                                                    let base = head * headWidth
                                                    for i in 0..<rows {
                                                        let a = weightBuffer.baseAddress! + (head * rows + i) * rows
                                                        let g = dConcat + i * width + base
                                                        for j in 0..<rows {
                                                            let values = v + j * width + base
                                                            let dValues = dv + j * width + base
                                                            var dot = 0.0
                                                            for c in 0..<headWidth {
                                                                dot += g[c] * values[c]
                                                                dValues[c] += a[j] * g[c]
                                                            }
                                                            da[j] = dot
                                                        }
                                                        Softmax.backward(
                                                            output: a, outputGradient: UnsafePointer(da),
                                                            into: ds, count: rows)
                                                        let queries = q + i * width + base
                                                        let dQueries = dq + i * width + base
                                                        for j in 0..<rows {
                                                            let gj = ds[j] * scale
                                                            let keys = k + j * width + base
                                                            let dKeys = dk + j * width + base
                                                            for c in 0..<headWidth {
                                                                dQueries[c] += gj * keys[c]
                                                                dKeys[c] += gj * queries[c]
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
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
