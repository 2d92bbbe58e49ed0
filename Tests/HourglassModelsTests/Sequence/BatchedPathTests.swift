import HourglassCore
import Testing

@testable import HourglassModels

/// The fast paths (flat buffers, output-parallel sums, batched windows) against the step-by-step layer code
/// they replaced: every value must have the same bits, not merely be close.
@Suite("BatchedPaths")
struct BatchedPathTests {
    typealias Check = GradientCheck

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// The LSTM logit as `LSTMCell.forward` computes it, one step at a time, then the head's scalar sum.
    static func referenceLogit(_ network: LSTMNetwork, _ theta: [Double], _ window: [Double]) -> Double {
        let f = network.featureCount
        var hidden = [Double](repeating: 0, count: network.cell.hiddenCount)
        var state = hidden
        for step in 0..<network.stepCount {
            let next = network.cell.forward(
                theta, x: Array(window[step * f..<(step + 1) * f]), hidden: hidden, cell: state)
            hidden = next.hidden
            state = next.cell
        }
        return network.head.forward(theta, hidden, rows: 1)[0]
    }

    /// ∂(scale × BCE)/∂θ as `LSTMCell.backward` computes it, step by step.
    static func referenceGradient(
        _ network: LSTMNetwork, _ theta: [Double], _ window: [Double], label: Bool, scale: Double,
        into gradient: inout [Double]
    ) {
        let f = network.featureCount
        var hidden = [Double](repeating: 0, count: network.cell.hiddenCount)
        var state = hidden
        var caches: [LSTMCell.Cache] = []
        for step in 0..<network.stepCount {
            let next = network.cell.forward(
                theta, x: Array(window[step * f..<(step + 1) * f]), hidden: hidden, cell: state)
            hidden = next.hidden
            state = next.cell
            caches.append(next.cache)
        }
        let logit = network.head.forward(theta, hidden, rows: 1)[0]
        let dLogit = BinaryCrossEntropy.gradient(logit: logit, label: label) * scale
        var dh = network.head.backward(theta, hidden, rows: 1, outputGradient: [dLogit], gradient: &gradient)
        var dc = [Double](repeating: 0, count: network.cell.hiddenCount)
        for step in stride(from: network.stepCount - 1, through: 0, by: -1) {
            let back = network.cell.backward(
                theta, caches[step], hiddenGradient: dh, cellGradient: dc, gradient: &gradient)
            dh = back.hidden
            dc = back.cell
        }
    }

    @Test("the LSTM's buffer path gives the cell-by-cell logits and gradients bit for bit")
    func lstmMatchesCellByCell() {
        let network = LSTMNetwork(stepCount: 7, featureCount: 5, hiddenCount: 6)
        let theta = Check.values(network.parameterCount, purpose: "batched.lstm.theta")
        let windows = Check.values(9 * 7 * 5, purpose: "batched.lstm.x")
        let size = 7 * 5
        let batched = network.logits(theta, windows: windows, count: 9)
        var fast = [Double](repeating: 0, count: theta.count)
        var reference = fast
        for index in 0..<9 {
            let window = Array(windows[index * size..<(index + 1) * size])
            let expected = Self.referenceLogit(network, theta, window)
            #expect(batched[index].bitPattern == expected.bitPattern, "window \(index)")
            #expect(network.logit(theta, window: window).bitPattern == expected.bitPattern)
            let label = index % 2 == 0
            let result = network.accumulate(theta, window: window, label: label, scale: 0.125, gradient: &fast)
            #expect(result.logit.bitPattern == expected.bitPattern)
            Self.referenceGradient(network, theta, window, label: label, scale: 0.125, into: &reference)
        }
        #expect(Self.bits(fast) == Self.bits(reference))
        #expect(fast.contains { $0 != 0 })
    }

    @Test("the lane functions give each lane the scalar exp, sigmoid and tanh bits, saturated and NaN lanes too")
    func laneMathMatchesScalar() {
        let edges: [Double] = [
            0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 19.999, 20, 20.0001, -20, -20.5, 354, -354, 707.9, -707.9, 708, -708,
            709, -709, 745, -746, 1e6, -1e6, .infinity, -.infinity, .nan, .ulpOfOne, 0.34657359027997264,
        ]
        let values = edges + Check.values(400, scale: 30, purpose: "batched.lanes") + Check.values(40, purpose: "b.l")
        for start in stride(from: 0, to: values.count - 3, by: 1) {
            let x = NetworkMath.Lanes(values[start], values[start + 1], values[start + 2], values[start + 3])
            let sigmoid = NetworkMath.sigmoid(x)
            let tanh = NetworkMath.tanh(x)
            for lane in 0..<4 {
                #expect(sigmoid[lane].bitPattern == NetworkMath.sigmoid(x[lane]).bitPattern, "sigmoid \(x[lane])")
                #expect(tanh[lane].bitPattern == NetworkMath.tanh(x[lane]).bitPattern, "tanh \(x[lane])")
            }
            let m = NetworkMath.magnitude(x)
            if all(x .> -708 .& x .< 709) {
                let exp = NetworkMath.expInRange(x)
                for lane in 0..<4 {
                    #expect(exp[lane].bitPattern == NetworkMath.exp(x[lane]).bitPattern, "exp \(x[lane])")
                }
            }
            for lane in 0..<4 { #expect(m[lane].bitPattern == Swift.abs(x[lane]).bitPattern) }
        }
    }

    @Test("the LSTM's four-lane inference equals its one-window path bit for bit, for 1 to 9 windows and saturation")
    func lstmLanesMatchOneWindow() {
        let network = LSTMNetwork(stepCount: 6, featureCount: 4, hiddenCount: 5)
        let size = 6 * 4
        for scale in [1.0, 40.0] {
            // Weights of scale 40 drive gate sums past ±20 (tanh saturates) and past ±708 (the scalar fallback).
            let theta = Check.values(network.parameterCount, scale: scale, purpose: "batched.lanes.theta")
            let windows = Check.values(9 * size, scale: scale, purpose: "batched.lanes.x")
            for count in 1...9 {
                let some = Array(windows[0..<count * size])
                let lanes = network.logits(theta, windows: some, count: count)
                let scalar = network.scalarLogits(theta, windows: some, count: count)
                #expect(Self.bits(lanes) == Self.bits(scalar), "scale \(scale), \(count) windows")
                #expect(lanes.allSatisfy { $0.isFinite })
            }
        }
    }

    @Test("a linear layer's output-parallel path (4 rows or more) equals its row-by-row sums bit for bit")
    func linearRowsMatch() {
        let layer = LinearLayer(inputCount: 13, outputCount: 11, offset: 2)
        let theta = Check.values(2 + layer.parameterCount, purpose: "batched.linear.theta")
        let x = Check.values(6 * 13, purpose: "batched.linear.x")
        let whole = layer.forward(theta, x, rows: 6)
        let rowByRow = (0..<6).flatMap { layer.forward(theta, Array(x[$0 * 13..<($0 + 1) * 13]), rows: 1) }
        #expect(Self.bits(whole) == Self.bits(rowByRow))
    }

    @Test("softmax: max-shifted exponentials over their left-to-right sum, and its backward pass")
    func softmaxMatchesDefinition() {
        let scores = [0.3, -2.5, 7.25, 7.25, -0.0, 0.0, 1e-3]
        let top = 7.25
        let exps = scores.map { NetworkMath.exp($0 - top) }
        var total = 0.0
        for value in exps { total += value }
        let y = Softmax.forward(scores)
        let inverse = 1 / total
        #expect(Self.bits(y) == Self.bits(exps.map { $0 * inverse }))
        let dy = [0.5, -1, 2, 0.25, 3, -0.75, 1]
        var dot = 0.0
        for index in y.indices { dot += dy[index] * y[index] }
        let expected = y.indices.map { y[$0] * (dy[$0] - dot) }
        #expect(Self.bits(Softmax.backward(output: y, outputGradient: dy)) == Self.bits(expected))
    }

    @Test(
        "batched sequence-model probabilities equal one window at a time",
        arguments: [ModelKind.lstm, .transformer])
    func modelBatchMatchesSingle(kind: ModelKind) throws {
        var parameters = SequenceModelTests.parameters(kind)
        parameters.epochs = 1
        let training = SequenceModelTests.dataset(120, purpose: "batched.train")
        let model = try SequenceModel.train(training, parameters: parameters)
        let data = SequenceModelTests.dataset(50, purpose: "batched.test")
        let windows = (0..<data.count).map { data.window($0) }
        let single = windows.map { model.probability(window: $0) }
        #expect(Self.bits(model.probabilities(windows: windows)) == Self.bits(single))
        #expect(Self.bits(model.probabilities(data)) == Self.bits(single))
        #expect(Set(single).count > 1)
    }
}
