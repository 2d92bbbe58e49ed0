import HourglassCore
import Testing

@testable import HourglassModels

@Suite("SequenceModel")
struct SequenceModelTests {
    static let stepCount = 8, featureCount = 3

    /// Windows of seeded uniform features; label 1 when feature 0 summed over the window plus noise is positive.
    static func dataset(_ count: Int, purpose: String) -> SequenceDataset {
        var generator = SeededGenerator(runSeed: 3, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
        var windows: [Double] = []
        var labels: [Bool] = []
        for _ in 0..<count {
            var signal = 0.0
            for _ in 0..<stepCount {
                for feature in 0..<featureCount {
                    let value = generator.unit() * 2 - 1
                    if feature == 0 { signal += value }
                    windows.append(value)
                }
            }
            labels.append(signal + (generator.unit() * 2 - 1) * 0.8 > 0)
        }
        return SequenceDataset(stepCount: stepCount, featureCount: featureCount, windows: windows, labels: labels)
    }

    static let training = dataset(600, purpose: "seq.train")
    static let heldOut = dataset(400, purpose: "seq.test")

    static func parameters(_ kind: ModelKind) -> SequenceModelParameters {
        var p = SequenceModelParameters.defaults(kind, featureCount: featureCount)
        p.stepCount = stepCount
        p.width = 8
        p.headCount = 2
        // Two blocks whatever the defaults (the pins in SequenceModelPinTests were taken with two).
        if kind == .transformer { p.layerCount = 2 }
        p.feedForwardWidth = 16
        p.epochs = 4
        p.batchSize = 16
        p.learningRate = 0.01
        p.sampleLimit = 500
        return p
    }

    static let kinds: [ModelKind] = [.lstm, .transformer]

    @Test("two trainings give byte-identical weights, and the model learns the signal", arguments: kinds)
    func reproducibleAndLearns(kind: ModelKind) throws {
        let first = try SequenceModel.train(Self.training, parameters: Self.parameters(kind))
        let second = try SequenceModel.train(Self.training, parameters: Self.parameters(kind))
        #expect(first.artifact.bytes == second.artifact.bytes)
        #expect(first.artifact.sha256 == second.artifact.sha256)
        let probabilities = first.probabilities(Self.heldOut)
        let loss = ClassificationMetrics.logLoss(probabilities: probabilities, outcomes: Self.heldOut.labels)
        let base = ClassificationMetrics.baseRateLogLoss(outcomes: Self.heldOut.labels)
        #expect(loss < base - 0.1, "\(kind): log loss \(loss) vs base rate \(base)")
    }

    @Test("another seed trains other weights", arguments: kinds)
    func seedMatters(kind: ModelKind) throws {
        var one = Self.parameters(kind)
        one.epochs = 1
        var other = one
        other.seed += 1
        let a = try SequenceModel.train(Self.training, parameters: one)
        let b = try SequenceModel.train(Self.training, parameters: other)
        #expect(a.artifact.sha256 != b.artifact.sha256)
    }

    @Test("a model rebuilt from its artifact has the same weights and predictions", arguments: kinds)
    func artifactRoundTrip(kind: ModelKind) throws {
        var p = Self.parameters(kind)
        p.epochs = 1
        let trained = try SequenceModel.train(Self.training, parameters: p)
        let loaded = try SequenceModel(artifact: trained.artifact)
        #expect(loaded.weights.map(\.bitPattern) == trained.weights.map(\.bitPattern))
        #expect(loaded.parameters == trained.parameters)
        let expected = trained.probabilities(Self.heldOut).map(\.bitPattern)
        #expect(loaded.probabilities(Self.heldOut).map(\.bitPattern) == expected)
        // The layout: header, then 8 bytes per weight, little-endian.
        let bytes = trained.artifact.bytes
        #expect(Array(bytes[0..<4]) == Array("HGSQ".utf8))
        let last = trained.weights.last!.bitPattern
        #expect(Array(bytes.suffix(8)) == (0..<8).map { UInt8(truncatingIfNeeded: last >> (8 * $0)) })
    }

    @Test("truncated bytes, a wrong kind, or parameters that disagree with the bytes are refused")
    func refusesCorruptArtifacts() throws {
        var p = Self.parameters(.lstm)
        p.epochs = 1
        let artifact = try SequenceModel.train(Self.training, parameters: p).artifact
        #expect(throws: ModelError.self) {
            try SequenceModel(
                artifact: ModelArtifact(
                    kind: .lstm, hyperParameters: artifact.hyperParameters,
                    bytes: Array(artifact.bytes.dropLast())))
        }
        #expect(throws: ModelError.self) {
            try SequenceModel(
                artifact: ModelArtifact(
                    kind: .transformer, hyperParameters: artifact.hyperParameters,
                    bytes: artifact.bytes))
        }
        #expect(throws: ModelError.self) {
            try SequenceModel(artifact: ModelArtifact(kind: .lstm, hyperParameters: "{}", bytes: artifact.bytes))
        }
    }

    @Test("above the sample limit a seeded subset in time order trains, the same every time")
    func seededSubset() {
        let a = SequenceTrainer.subset(count: 1_000, limit: 100, seed: 9)
        #expect(a == SequenceTrainer.subset(count: 1_000, limit: 100, seed: 9))
        #expect(a.count == 100 && a == a.sorted() && Set(a).count == 100)
        #expect(a != SequenceTrainer.subset(count: 1_000, limit: 100, seed: 10))
        #expect(SequenceTrainer.subset(count: 50, limit: 100, seed: 9) == Array(0..<50))
    }

    @Test("a window reads only the hours up to its end row")
    func windowsFromHourlyRows() {
        let hourly = FeatureMatrix(rows: (0..<10).map { [Float($0), Float(-$0)] })
        let data = SequenceDataset(hourly: hourly, endRows: [3, 9], labels: [true, false], stepCount: 4)
        #expect(data.window(0) == [0, 0, 1, -1, 2, -2, 3, -3])
        #expect(data.window(1) == [6, -6, 7, -7, 8, -8, 9, -9])
    }
}
