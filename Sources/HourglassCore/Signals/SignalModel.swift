/// A model that scores one symbol from its features. Pure: the same features, context and
/// parameters give the same prediction, bit for bit.
public protocol SignalModel: Sendable {
    /// Stable id recorded in events (`momentum`).
    var id: String { get }
    /// Version of the model's logic; bump it when the same parameters would predict differently.
    var version: String { get }
    /// SHA-256 of the canonical encoding of the parameters (or trained artifact).
    var parametersSha256: Hash256 { get }
    /// Scores `features` of `context.symbol` at `context.hourTs`.
    func predict(features: SymbolFeatures, context: SignalContext) -> Prediction
}
