import HourglassCore
import Testing

@testable import HourglassModels

/// Pins the SHA-256 of small LSTM and Transformer trainings, so any change to the order of arithmetic (which
/// would make recorded artifacts irreproducible) fails here, and debug and release builds can be compared.
///
/// The digests were printed by this test's first run (debug build, x86-64) and pasted. A deliberate change
/// to the training arithmetic must re-pin them and bump `SequenceModel.formatVersion` or the parameters' text.
@Suite("SequenceModelPins")
struct SequenceModelPinTests {
    static let pins: [ModelKind: String] = [
        .lstm: "4a17b20b4cd43bfdf47021602242303343056ce788922d15bca6789f60547024",
        .transformer: "891d5c81d0085777b8393ea40032a5bab7340ded3c9c18558c78edd256b07567",
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
