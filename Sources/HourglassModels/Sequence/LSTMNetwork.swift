import HourglassCore

/// An LSTM over the window, then a linear head on the last hidden state. Layout: cell gates, then head.
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

    private func run(_ theta: [Double], _ window: [Double]) -> (hidden: [Double], caches: [LSTMCell.Cache]) {
        precondition(window.count == stepCount * featureCount, "window shape")
        var hidden = [Double](repeating: 0, count: cell.hiddenCount)
        var state = hidden
        var caches: [LSTMCell.Cache] = []
        caches.reserveCapacity(stepCount)
        for step in 0..<stepCount {
            let x = Array(window[step * featureCount..<(step + 1) * featureCount])
            let next = cell.forward(theta, x: x, hidden: hidden, cell: state)
            hidden = next.hidden
            state = next.cell
            caches.append(next.cache)
        }
        return (hidden, caches)
    }

    func logit(_ theta: [Double], window: [Double]) -> Double {
        head.forward(theta, run(theta, window).hidden, rows: 1)[0]
    }

    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double) {
        let (hidden, caches) = run(theta, window)
        let logit = head.forward(theta, hidden, rows: 1)[0]
        let dLogit = BinaryCrossEntropy.gradient(logit: logit, label: label) * scale
        var dh = head.backward(theta, hidden, rows: 1, outputGradient: [dLogit], gradient: &gradient)
        var dc = [Double](repeating: 0, count: cell.hiddenCount)
        for step in stride(from: stepCount - 1, through: 0, by: -1) {
            let back = cell.backward(theta, caches[step], hiddenGradient: dh, cellGradient: dc, gradient: &gradient)
            dh = back.hidden
            dc = back.cell
        }
        return (logit, BinaryCrossEntropy.loss(logit: logit, label: label))
    }
}
