import HourglassCore
import Testing

@testable import HourglassModels

/// Pins the SHA-256 of small LSTM and Transformer trainings, so any change to the order of arithmetic (which
/// would make recorded artifacts irreproducible) fails here, and debug and release builds can be compared.
///
/// The digests were printed by this test's first run (debug build, x86-64) and pasted; re-pinned for format 2
/// (`NetworkMath.exp`, the Transformer reading the last hour). A deliberate change
/// to the training arithmetic must re-pin them and bump `SequenceModel.formatVersion` or the parameters' text.
@Suite("SequenceModelPins")
struct SequenceModelPinTests {
    static let pins: [ModelKind: String] = [
        .lstm: "8c976f2880bf61dce919296cffbcd643307b7de856c927c408fc7049d5eb297f",
        .transformer: "ea9de01ac6d4f2bd53801fa2a7421d2dd8bd3835c408643d2ca8fea77db10b11",
    ]

    @Test(
        "a small training of each sequence model has the pinned artifact digest",
        arguments: [ModelKind.lstm, .transformer])
    func pinned(kind: ModelKind) throws {
        var parameters = SequenceModelTests.parameters(kind)
        parameters.epochs = 1
        let data = SequenceModelTests.dataset(200, purpose: "seq.pin")
        let model = try SequenceModel.train(data, parameters: parameters)
        #expect(model.artifact.sha256.hex == Self.pins[kind])
    }
}
