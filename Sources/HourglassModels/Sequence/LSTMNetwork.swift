import HourglassCore

/// An LSTM over the window, then a linear head on the last hidden state. Layout: cell gates, then head.
///
/// `logit` and `accumulate` run the same arithmetic as `LSTMCell.forward`/`backward` step by step (every sum
/// in the same order, so the same bits), on flat buffers allocated once per window instead of once per step,
/// with the gate sums computed output-parallel over Wᵀ.
struct LSTMNetwork: SequenceNetwork {
    let stepCount: Int
    let featureCount: Int
    let cell: LSTMCell
    let head: LinearLayer

    init(stepCount: Int, featureCount: Int, hiddenCount: Int) {
        self.stepCount = stepCount
        self.featureCount = featureCount
        cell = LSTMCell(inputCount: featureCount, hiddenCount: hiddenCount, offset: 0)
        head = LinearLayer(inputCount: hiddenCount, outputCount: 1, offset: cell.parameterCount)
    }

    var parameterCount: Int { cell.parameterCount + head.parameterCount }

    func initialize(generator: inout SeededGenerator) -> [Double] {
        var theta = [Double](repeating: 0, count: parameterCount)
        cell.initialize(&theta, generator: &generator)
        head.initialize(&theta, generator: &generator)
        return theta
    }

    /// Per-window buffers: every step's joined input [x; h], gate activations (i, f, g, o), previous cell
    /// state and tanh of the new cell state, plus the gate sums of the current step.
    private struct Workspace {
        var joined: [Double], gates: [Double], previousCell: [Double], cellTanh: [Double]
        var z: [Double], hidden: [Double], cell: [Double]

        init(_ network: LSTMNetwork) {
            let n = network.cell.hiddenCount
            let steps = network.stepCount
            joined = [Double](repeating: 0, count: steps * (network.featureCount + n))
            gates = [Double](repeating: 0, count: steps * 4 * n)
            previousCell = [Double](repeating: 0, count: steps * n)
            cellTanh = previousCell
            z = [Double](repeating: 0, count: 4 * n)
            hidden = [Double](repeating: 0, count: n)
            cell = hidden
        }
    }

    /// Runs the window through the cell, leaving the last hidden state in `work.hidden` and every step's
    /// cache in `work`. `transposed` is the gates' Wᵀ.
    private func run(
        _ w: UnsafePointer<Double>, transposed wt: UnsafePointer<Double>, _ window: UnsafePointer<Double>,
        _ work: inout Workspace
    ) {
        let n = cell.hiddenCount
        let inputs = featureCount + n
        let gateCount = 4 * n
        let biasOffset = cell.gates.biasOffset
        work.joined.withUnsafeMutableBufferPointer { joinedBuffer in
            work.gates.withUnsafeMutableBufferPointer { gatesBuffer in
                work.previousCell.withUnsafeMutableBufferPointer { previousBuffer in
                    work.cellTanh.withUnsafeMutableBufferPointer { tanhBuffer in
                        work.z.withUnsafeMutableBufferPointer { zBuffer in
                            work.hidden.withUnsafeMutableBufferPointer { hBuffer in
                                work.cell.withUnsafeMutableBufferPointer { cBuffer in
                                    let z = zBuffer.baseAddress!
                                    let h = hBuffer.baseAddress!
                                    let c = cBuffer.baseAddress!
                                    for u in 0..<n {
                                        h[u] = 0
                                        c[u] = 0
                                    }
                                    for step in 0..<stepCount {
                                        let joined = joinedBuffer.baseAddress! + step * inputs
                                        let x = window + step * featureCount
                                        for k in 0..<featureCount { joined[k] = x[k] }
                                        for u in 0..<n { joined[featureCount + u] = h[u] }
                                        for o in 0..<gateCount { z[o] = w[biasOffset + o] }
                                        for k in 0..<inputs {
                                            let value = joined[k]
                                            let column = wt + k * gateCount
                                            for o in 0..<gateCount { z[o] += column[o] * value }
                                        }
                                        let gate = gatesBuffer.baseAddress! + step * gateCount
                                        let previous = previousBuffer.baseAddress! + step * n
                                        let cellTanh = tanhBuffer.baseAddress! + step * n
                                        for u in 0..<n {
                                            let i = NetworkMath.sigmoid(z[u])
                                            let f = NetworkMath.sigmoid(z[n + u])
                                            let g = NetworkMath.tanh(z[2 * n + u])
                                            let o = NetworkMath.sigmoid(z[3 * n + u])
                                            gate[u] = i
                                            gate[n + u] = f
                                            gate[2 * n + u] = g
                                            gate[3 * n + u] = o
                                            previous[u] = c[u]
                                            let next = f * c[u] + i * g
                                            let tc = NetworkMath.tanh(next)
                                            cellTanh[u] = tc
                                            c[u] = next
                                            h[u] = o * tc
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

    /// The head's output on the last hidden state: b + Σ wᵤhᵤ left to right.
    private func headLogit(_ w: UnsafePointer<Double>, _ hidden: [Double]) -> Double {
        var sum = w[head.biasOffset]
        for u in 0..<cell.hiddenCount { sum += w[head.offset + u] * hidden[u] }
        return sum
    }

    func logit(_ theta: [Double], window: [Double]) -> Double {
        laneLogits(theta, windows: window, count: 1)[0]
    }

    /// Four windows per pass in SIMD lanes (`laneLogits`): the same bits as `scalarLogits`.
    func logits(_ theta: [Double], windows: [Double], count: Int) -> [Double] {
        laneLogits(theta, windows: windows, count: count)
    }

    /// One window at a time on the training path's buffers (`run`, then the head).
    func scalarLogits(_ theta: [Double], windows: [Double], count: Int) -> [Double] {
        precondition(windows.count == count * stepCount * featureCount && theta.count == parameterCount, "window shape")
        var work = Workspace(self)
        return theta.withUnsafeBufferPointer { w in
            let transposed = cell.gates.transposedWeights(w)
            return transposed.withUnsafeBufferPointer { wt in
                windows.withUnsafeBufferPointer { all in
                    (0..<count).map { index in
                        let window = all.baseAddress! + index * stepCount * featureCount
                        run(w.baseAddress!, transposed: wt.baseAddress!, window, &work)
                        return headLogit(w.baseAddress!, work.hidden)
                    }
                }
            }
        }
    }

    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double) {
        precondition(window.count == stepCount * featureCount && theta.count == parameterCount, "window shape")
        precondition(gradient.count == theta.count, "gradient shape")
        var work = Workspace(self)
        let n = cell.hiddenCount
        let inputs = featureCount + n
        let gateCount = 4 * n
        let gatesOffset = cell.gates.offset
        let gatesBias = cell.gates.biasOffset
        return theta.withUnsafeBufferPointer { wBuffer in
            let w = wBuffer.baseAddress!
            let transposed = cell.gates.transposedWeights(wBuffer)
            transposed.withUnsafeBufferPointer { wt in
                window.withUnsafeBufferPointer { run(w, transposed: wt.baseAddress!, $0.baseAddress!, &work) }
            }
            let logit = headLogit(w, work.hidden)
            let dLogit = BinaryCrossEntropy.gradient(logit: logit, label: label) * scale
            var dh = [Double](repeating: 0, count: n)
            var dc = [Double](repeating: 0, count: n)
            var dz = [Double](repeating: 0, count: gateCount)
            var dJoined = [Double](repeating: 0, count: inputs)
            gradient.withUnsafeMutableBufferPointer { gs in
                // The head (LinearLayer.backward with one row): skipped entirely when the gradient is 0.
                if dLogit != 0 {
                    gs[head.biasOffset] += dLogit
                    for u in 0..<n {
                        gs[head.offset + u] += dLogit * work.hidden[u]
                        dh[u] += dLogit * w[head.offset + u]
                    }
                }
                for step in stride(from: stepCount - 1, through: 0, by: -1) {
                    let gateBase = step * gateCount
                    let cellBase = step * n
                    for u in 0..<n {
                        let i = work.gates[gateBase + u]
                        let f = work.gates[gateBase + n + u]
                        let g = work.gates[gateBase + 2 * n + u]
                        let o = work.gates[gateBase + 3 * n + u]
                        let tc = work.cellTanh[cellBase + u]
                        let dcu = dc[u] + dh[u] * o * (1 - tc * tc)
                        dz[u] = dcu * g * i * (1 - i)
                        dz[n + u] = dcu * work.previousCell[cellBase + u] * f * (1 - f)
                        dz[2 * n + u] = dcu * i * (1 - g * g)
                        dz[3 * n + u] = dh[u] * tc * o * (1 - o)
                        dc[u] = dcu * f
                    }
                    // LinearLayer.backward with one row; ∂L/∂x is not needed, so only the hidden part of
                    // ∂L/∂[x; h] is summed (each entry independently, in the same order).
                    for k in featureCount..<inputs { dJoined[k] = 0 }
                    work.joined.withUnsafeBufferPointer { joinedBuffer in
                        let joined = joinedBuffer.baseAddress! + step * inputs
                        for o in 0..<gateCount {
                            let g = dz[o]
                            if g == 0 { continue }
                            let wBase = gatesOffset + o * inputs
                            gs[gatesBias + o] += g
                            for k in 0..<inputs { gs[wBase + k] += g * joined[k] }
                            for k in featureCount..<inputs { dJoined[k] += g * w[wBase + k] }
                        }
                    }
                    for u in 0..<n { dh[u] = dJoined[featureCount + u] }
                }
            }
            return (logit, BinaryCrossEntropy.loss(logit: logit, label: label))
        }
    }
}
