import HourglassCore

/// A network that reads one window (`stepCount × featureCount` values, oldest hour first) and outputs a logit.
///
/// All weights live in one flat `[Double]` in a fixed layout, so initialisation, Adam, serialisation and
/// gradient checks all walk the same array in the same order.
protocol SequenceNetwork: Sendable {
    var stepCount: Int { get }
    var featureCount: Int { get }
    var parameterCount: Int { get }
    /// Seeded initial weights, drawn in parameter order.
    func initialize(generator: inout SeededGenerator) -> [Double]
    /// The logit of one window.
    func logit(_ theta: [Double], window: [Double]) -> Double
    /// The logit of each of `count` windows stored back to back: the same bits as `logit` on each.
    func logits(_ theta: [Double], windows: [Double], count: Int) -> [Double]
    /// Adds ∂(scale × BCE)/∂θ for one labelled window to `gradient`; returns the logit and the unscaled loss.
    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double)
}

extension SequenceNetwork {
    func logits(_ theta: [Double], windows: [Double], count: Int) -> [Double] {
        let size = stepCount * featureCount
        precondition(windows.count == count * size, "window shape")
        return (0..<count).map { logit(theta, window: Array(windows[$0 * size..<($0 + 1) * size])) }
    }
}
