import HourglassCore
import Testing

@testable import HourglassModels

/// Every layer and both whole networks against central finite differences in Double (relative error < 1e-5).
@Suite("GradientCheck")
struct GradientCheckTests {
    typealias Check = GradientCheck

    @Test("linear layer: weights, bias and input")
    func linear() {
        let layer = LinearLayer(inputCount: 5, outputCount: 4, offset: 3)
        let theta = Check.values(3 + layer.parameterCount, purpose: "linear.theta")
        let x = Check.values(2 * 5, purpose: "linear.x")
        let r = Check.values(2 * 4, purpose: "linear.r")
        var gradient = [Double](repeating: 0, count: theta.count)
        let dx = layer.backward(theta, x, rows: 2, outputGradient: r, gradient: &gradient)
        Check.expectMatches(Array(gradient[3...]), at: Array(theta[3...]), "linear θ") {
            Check.dot(layer.forward(Array(theta[0..<3]) + $0, x, rows: 2), r)
        }
        Check.expectMatches(dx, at: x, "linear x") { Check.dot(layer.forward(theta, $0, rows: 2), r) }
    }

    @Test("layer norm: gain, shift and input")
    func layerNorm() {
        let norm = LayerNorm(width: 6, offset: 0)
        let theta = Check.values(norm.parameterCount, purpose: "ln.theta")
        let x = Check.values(3 * 6, scale: 2, purpose: "ln.x")
        let r = Check.values(3 * 6, purpose: "ln.r")
        var gradient = [Double](repeating: 0, count: theta.count)
        let (_, cache) = norm.forward(theta, x, rows: 3)
        let dx = norm.backward(theta, cache, rows: 3, outputGradient: r, gradient: &gradient)
        Check.expectMatches(gradient, at: theta, "layer norm θ") { Check.dot(norm.forward($0, x, rows: 3).output, r) }
        Check.expectMatches(dx, at: x, "layer norm x") { Check.dot(norm.forward(theta, $0, rows: 3).output, r) }
    }

    @Test("softmax")
    func softmax() {
        let scores = Check.values(7, scale: 3, purpose: "softmax.s")
        let r = Check.values(7, purpose: "softmax.r")
        let ds = Softmax.backward(output: Softmax.forward(scores), outputGradient: r)
        Check.expectMatches(ds, at: scores, "softmax") { Check.dot(Softmax.forward($0), r) }
        #expect(abs(Softmax.forward(scores).reduce(0, +) - 1) < 1e-15)
    }

    @Test("multi-head attention: all four projections and the input")
    func attention() {
        let attention = MultiHeadAttention(width: 8, headCount: 2, offset: 0)
        let theta = Check.values(attention.parameterCount, scale: 0.5, purpose: "mha.theta")
        let x = Check.values(5 * 8, purpose: "mha.x")
        let r = Check.values(5 * 8, purpose: "mha.r")
        var gradient = [Double](repeating: 0, count: theta.count)
        let (_, cache) = attention.forward(theta, x, rows: 5)
        let dx = attention.backward(theta, cache, rows: 5, outputGradient: r, gradient: &gradient)
        Check.expectMatches(gradient, at: theta, "attention θ") {
            Check.dot(attention.forward($0, x, rows: 5).output, r)
        }
        Check.expectMatches(dx, at: x, "attention x") { Check.dot(attention.forward(theta, $0, rows: 5).output, r) }
    }

    @Test("LSTM cell: gates, input, hidden and cell state")
    func lstmCell() {
        let cell = LSTMCell(inputCount: 3, hiddenCount: 4, offset: 0)
        let theta = Check.values(cell.parameterCount, purpose: "lstm.theta")
        let x = Check.values(3, purpose: "lstm.x")
        let h = Check.values(4, purpose: "lstm.h")
        let c = Check.values(4, purpose: "lstm.c")
        let rh = Check.values(4, purpose: "lstm.rh")
        let rc = Check.values(4, purpose: "lstm.rc")
        func loss(_ theta: [Double], _ x: [Double], _ h: [Double], _ c: [Double]) -> Double {
            let out = cell.forward(theta, x: x, hidden: h, cell: c)
            return Check.dot(out.hidden, rh) + Check.dot(out.cell, rc)
        }
        var gradient = [Double](repeating: 0, count: theta.count)
        let cache = cell.forward(theta, x: x, hidden: h, cell: c).cache
        let back = cell.backward(theta, cache, hiddenGradient: rh, cellGradient: rc, gradient: &gradient)
        Check.expectMatches(gradient, at: theta, "LSTM θ") { loss($0, x, h, c) }
        Check.expectMatches(back.x, at: x, "LSTM x") { loss(theta, $0, h, c) }
        Check.expectMatches(back.hidden, at: h, "LSTM h") { loss(theta, x, $0, c) }
        Check.expectMatches(back.cell, at: c, "LSTM c") { loss(theta, x, h, $0) }
    }

    @Test("binary cross-entropy of a logit, for both labels")
    func crossEntropy() {
        for label in [false, true] {
            let logits = [-30.0, -2.5, -0.1, 0, 0.7, 4, 25]
            let analytic = logits.map { BinaryCrossEntropy.gradient(logit: $0, label: label) }
            for (index, logit) in logits.enumerated() {
                let quotient =
                    (BinaryCrossEntropy.loss(logit: logit + Check.step, label: label)
                        - BinaryCrossEntropy.loss(logit: logit - Check.step, label: label)) / (2 * Check.step)
                #expect(Check.worstError([analytic[index]], [quotient]) < Check.relativeErrorMax, "logit \(logit)")
            }
        }
        #expect(abs(BinaryCrossEntropy.loss(logit: 0, label: true) - 0.6931471805599453) < 1e-15)
    }

    @Test("the whole LSTM network")
    func lstmNetwork() {
        let network = LSTMNetwork(stepCount: 6, featureCount: 3, hiddenCount: 4)
        let theta = Check.values(network.parameterCount, purpose: "lstmnet.theta")
        let window = Check.values(6 * 3, purpose: "lstmnet.x")
        for label in [false, true] {
            var gradient = [Double](repeating: 0, count: theta.count)
            _ = network.accumulate(theta, window: window, label: label, scale: 1, gradient: &gradient)
            Check.expectMatches(gradient, at: theta, "LSTM network, label \(label)") {
                BinaryCrossEntropy.loss(logit: network.logit($0, window: window), label: label)
            }
        }
    }

    @Test("the whole Transformer network (2 blocks, 2 heads)")
    func transformerNetwork() {
        let network = TransformerNetwork(
            stepCount: 5, featureCount: 3, width: 8, headCount: 2, layerCount: 2,
            feedForwardWidth: 16)
        let theta = Check.values(network.parameterCount, scale: 0.5, purpose: "tfnet.theta")
        let window = Check.values(5 * 3, purpose: "tfnet.x")
        var gradient = [Double](repeating: 0, count: theta.count)
        _ = network.accumulate(theta, window: window, label: true, scale: 1, gradient: &gradient)
        Check.expectMatches(gradient, at: theta, "Transformer network") {
            BinaryCrossEntropy.loss(logit: network.logit($0, window: window), label: true)
        }
    }
}
