/// The LSTM's inference four windows at a time: window j of a group of four is SIMD lane j of every value.
///
/// Each lane runs `LSTMNetwork.run` and `headLogit` on its own window, operation for operation in the same
/// order (gate sums from the bias over [x; h] left to right, `NetworkMath`'s lane functions, which give each
/// lane the scalar bits), so a lane's logit has the bits of the one-window path. A last group of fewer than
/// four windows fills its spare lanes with zeros and drops their logits. Only inference: no step caches.
extension LSTMNetwork {
    typealias Lanes = NetworkMath.Lanes

    /// The logit of each of `count` windows stored back to back, four lanes at a time.
    func laneLogits(_ theta: [Double], windows: [Double], count: Int) -> [Double] {
        let size = stepCount * featureCount
        precondition(windows.count == count * size && theta.count == parameterCount, "window shape")
        guard count > 0 else { return [] }
        let n = cell.hiddenCount
        let inputs = featureCount + n
        let gateCount = 4 * n
        let biasOffset = cell.gates.biasOffset
        let laneCount = Lanes.scalarCount
        var logits = [Double](repeating: 0, count: count)
        var joined = [Lanes](repeating: Lanes(), count: inputs)
        var z = [Lanes](repeating: Lanes(), count: gateCount)
        var h = [Lanes](repeating: Lanes(), count: n)
        var c = h
        theta.withUnsafeBufferPointer { wBuffer in
            let w = wBuffer.baseAddress!
            let transposed = cell.gates.transposedWeights(wBuffer)
            transposed.withUnsafeBufferPointer { wtBuffer in
                windows.withUnsafeBufferPointer { all in
                    joined.withUnsafeMutableBufferPointer { joinedBuffer in
                        z.withUnsafeMutableBufferPointer { zBuffer in
                            h.withUnsafeMutableBufferPointer { hBuffer in
                                c.withUnsafeMutableBufferPointer { cBuffer in
                                    let wt = wtBuffer.baseAddress!
                                    let joined = joinedBuffer.baseAddress!
                                    let z = zBuffer.baseAddress!
                                    let h = hBuffer.baseAddress!
                                    let c = cBuffer.baseAddress!
                                    for group in stride(from: 0, to: count, by: laneCount) {
                                        let used = min(laneCount, count - group)
                                        let base = all.baseAddress! + group * size
                                        for u in 0..<n {
                                            h[u] = Lanes()
                                            c[u] = Lanes()
                                        }
                                        for step in 0..<stepCount {
                                            let offset = step * featureCount
                                            for k in 0..<featureCount {
                                                var value = Lanes()
                                                for lane in 0..<used { value[lane] = base[lane * size + offset + k] }
                                                joined[k] = value
                                            }
                                            for u in 0..<n { joined[featureCount + u] = h[u] }
                                            for o in 0..<gateCount { z[o] = Lanes(repeating: w[biasOffset + o]) }
                                            for k in 0..<inputs {
                                                let value = joined[k]
                                                let column = wt + k * gateCount
                                                for o in 0..<gateCount { z[o] += column[o] * value }
                                            }
                                            for u in 0..<n {
                                                let i = NetworkMath.sigmoid(z[u])
                                                let f = NetworkMath.sigmoid(z[n + u])
                                                let g = NetworkMath.tanh(z[2 * n + u])
                                                let o = NetworkMath.sigmoid(z[3 * n + u])
                                                let next = f * c[u] + i * g
                                                c[u] = next
                                                h[u] = o * NetworkMath.tanh(next)
                                            }
                                        }
                                        var sum = Lanes(repeating: w[head.biasOffset])
                                        for u in 0..<n { sum += w[head.offset + u] * h[u] }
                                        for lane in 0..<used { logits[group + lane] = sum[lane] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return logits
    }
}
