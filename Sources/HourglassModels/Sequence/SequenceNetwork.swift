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
    /// Adds ∂(scale × BCE)/∂θ for one labelled window to `gradient`; returns the logit and the unscaled loss.
    func accumulate(
        _ theta: [Double], window: [Double], label: Bool, scale: Double,
        gradient: inout [Double]
    ) -> (logit: Double, loss: Double)
}
