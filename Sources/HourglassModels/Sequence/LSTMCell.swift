import HourglassCore

/// One LSTM step (Hochreiter & Schmidhuber 1997, with a forget gate): gates from one linear map of [x; h].
///
/// z = W [x; h] + b split into input i, forget f, candidate g and output o (each `hiddenCount` wide);
/// c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c'). The forget bias starts at 1 so early training remembers.
struct LSTMCell: Sendable, Hashable {
    let inputCount: Int
    let hiddenCount: Int
    let gates: LinearLayer

    init(inputCount: Int, hiddenCount: Int, offset: Int) {
        self.inputCount = inputCount
        self.hiddenCount = hiddenCount
        gates = LinearLayer(inputCount: inputCount + hiddenCount, outputCount: 4 * hiddenCount, offset: offset)
    }

    var parameterCount: Int { gates.parameterCount }

    struct Cache {
        var joined: [Double]
        var i: [Double], f: [Double], g: [Double], o: [Double]
        var previousCell: [Double]
        var cellTanh: [Double]
    }

    func initialize(_ theta: inout [Double], generator: inout SeededGenerator) {
        gates.initialize(&theta, generator: &generator)
        for unit in 0..<hiddenCount { theta[gates.biasOffset + hiddenCount + unit] = 1 }
    }

    func forward(_ theta: [Double], x: [Double], hidden: [Double], cell: [Double])
        -> (hidden: [Double], cell: [Double], cache: Cache)
    {
        let joined = x + hidden
        let z = gates.forward(theta, joined, rows: 1)
        let n = hiddenCount
        let i = (0..<n).map { NetworkMath.sigmoid(z[$0]) }
        let f = (0..<n).map { NetworkMath.sigmoid(z[n + $0]) }
        let g = (0..<n).map { NetworkMath.tanh(z[2 * n + $0]) }
        let o = (0..<n).map { NetworkMath.sigmoid(z[3 * n + $0]) }
        let c = (0..<n).map { f[$0] * cell[$0] + i[$0] * g[$0] }
        let tc = c.map(NetworkMath.tanh)
        let h = (0..<n).map { o[$0] * tc[$0] }
        return (h, c, Cache(joined: joined, i: i, f: f, g: g, o: o, previousCell: cell, cellTanh: tc))
    }

    /// From ∂L/∂h' and ∂L/∂c', adds the weight gradient and returns ∂L/∂x, ∂L/∂h and ∂L/∂c.
    func backward(
        _ theta: [Double], _ cache: Cache, hiddenGradient dh: [Double], cellGradient dcNext: [Double],
        gradient: inout [Double]
    ) -> (x: [Double], hidden: [Double], cell: [Double]) {
        let n = hiddenCount
        var dz = [Double](repeating: 0, count: 4 * n)
        var dcPrevious = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let tc = cache.cellTanh[u]
            let dc = dcNext[u] + dh[u] * cache.o[u] * (1 - tc * tc)
            dz[u] = dc * cache.g[u] * cache.i[u] * (1 - cache.i[u])
            dz[n + u] = dc * cache.previousCell[u] * cache.f[u] * (1 - cache.f[u])
            dz[2 * n + u] = dc * cache.i[u] * (1 - cache.g[u] * cache.g[u])
            dz[3 * n + u] = dh[u] * tc * cache.o[u] * (1 - cache.o[u])
            dcPrevious[u] = dc * cache.f[u]
        }
        let dJoined = gates.backward(theta, cache.joined, rows: 1, outputGradient: dz, gradient: &gradient)
        return (Array(dJoined[0..<inputCount]), Array(dJoined[inputCount...]), dcPrevious)
    }
}
