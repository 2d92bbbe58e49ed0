import HourglassCore
import Testing

@testable import HourglassModels

/// Train at hour R from real Kraken bars, then change every bar from R on: the training set, the model bytes
/// and the prediction at R must not change by a single bit.
@Suite("Lookahead")
struct LookaheadTests {
    static let points = KrakenPricePoints.points("kraken_XBTUSD_1h.csv", from: "2021-01-01", to: "2021-04-30T23")
    static let retrain = KrakenPricePoints.ts("2021-03-15T00:00:00Z")
    static let schedule = WalkForwardSchedule(firstRetrainHourTs: retrain, endHourTs: retrain.adding(hours: 720))

    /// Every bar opening at or after R, replaced by a different market.
    static let altered: [PricePoint] = points.enumerated().map { index, point in
        guard point.hourTs >= retrain else { return point }
        let scale = 1.7 + Double(index % 5) * 0.05
        return PricePoint(
            hourTs: point.hourTs, high: point.high * scale * 1.02, low: point.low * scale * 0.97,
            close: point.close * scale)
    }

    struct Outcome {
        var trainingHash: Hash256
        var artifact: ModelArtifact
        var prediction: Double
        var allDataHash: Hash256
    }

    static func trainAndPredict(_ points: [PricePoint], kind: ModelKind) throws -> Outcome {
        let features = TestFeatures.hourly(points)
        let all = LabelledDataset(features: features, points: points, labeler: TripleBarrierLabeler())
        let training = all.trainingSet(retrainHourTs: retrain, schedule: schedule)
        var parameters = BoostedTreeParameters.defaults(kind)
        parameters.rounds = min(parameters.rounds, 20)
        let model = try BoostedTreeModel.train(
            features: training.features, labels: training.labels.map { $0 ? 1 : 0 },
            parameters: parameters)
        // The features known at R: those of the last bar that closed by R.
        let lastKnown = points.lastIndex { $0.hourTs < retrain }!
        let prediction = try model.predict(features.rows([lastKnown]))[0]
        return Outcome(
            trainingHash: training.sha256, artifact: model.artifact, prediction: prediction,
            allDataHash: all.sha256)
    }

    @Test(
        "changing every bar from the retrain hour on changes nothing the model of that hour sees",
        arguments: BoostedTreeModel.kinds)
    func noLookahead(kind: ModelKind) throws {
        let original = try Self.trainAndPredict(Self.points, kind: kind)
        let changed = try Self.trainAndPredict(Self.altered, kind: kind)
        // The premise: the data after R really differ.
        #expect(original.allDataHash != changed.allDataHash)
        #expect(original.trainingHash == changed.trainingHash)
        #expect(original.artifact.bytes == changed.artifact.bytes)
        #expect(original.prediction.bitPattern == changed.prediction.bitPattern)
    }

    @Test("the training set built from every bar equals the one built from the bars before R alone")
    func sameAsTruncated() {
        let before = Self.points.filter { $0.hourTs < Self.retrain }
        let fromAll = LabelledDataset(
            features: TestFeatures.hourly(Self.points), points: Self.points,
            labeler: TripleBarrierLabeler()
        )
        .trainingSet(retrainHourTs: Self.retrain, schedule: Self.schedule)
        let fromBefore = LabelledDataset(
            features: TestFeatures.hourly(before), points: before,
            labeler: TripleBarrierLabeler()
        )
        .trainingSet(retrainHourTs: Self.retrain, schedule: Self.schedule)
        #expect(fromAll.count > 1_000)
        #expect(fromAll == fromBefore)
    }
}
