import HourglassCore
import Testing

@testable import HourglassModels

@Suite("BoostedTreeModel")
struct BoostedTreeModelTests {
    static let training = SyntheticData.make(rowCount: 2_000, purpose: "boost-train")
    static let heldOut = SyntheticData.make(rowCount: 1_000, purpose: "boost-test")

    static func train(_ kind: ModelKind) throws -> BoostedTreeModel {
        var parameters = BoostedTreeParameters.defaults(kind)
        parameters.rounds = min(parameters.rounds, 30)
        return try BoostedTreeModel.train(
            features: training.features, labels: training.labels,
            parameters: parameters)
    }

    @Test(
        "two trainings on the same data give byte-identical models and predictions",
        arguments: BoostedTreeModel.kinds)
    func reproducible(kind: ModelKind) throws {
        let first = try Self.train(kind)
        let second = try Self.train(kind)
        #expect(first.artifact.bytes.count > 100)
        #expect(first.artifact.bytes == second.artifact.bytes)
        #expect(first.artifact.sha256 == second.artifact.sha256)
        let a = try first.predict(Self.heldOut.features)
        let b = try second.predict(Self.heldOut.features)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        // The premise: the model is not a constant, so equal predictions mean something.
        #expect(Set(a).count > 10)
    }

    @Test("a model loaded from its saved bytes predicts bit for bit the same", arguments: BoostedTreeModel.kinds)
    func roundTrip(kind: ModelKind) throws {
        let trained = try Self.train(kind)
        let copy = ModelArtifact(
            kind: kind, hyperParameters: trained.artifact.hyperParameters,
            bytes: trained.artifact.bytes)
        let loaded = try BoostedTreeModel(artifact: copy)
        let a = try trained.predict(Self.heldOut.features)
        let b = try loaded.predict(Self.heldOut.features)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    }

    @Test("a model trained on a real signal beats the base rate on held-out data", arguments: BoostedTreeModel.kinds)
    func beatsBaseRate(kind: ModelKind) throws {
        let model = try Self.train(kind)
        let outcomes = Self.heldOut.labels.map { $0 == 1 }
        let probabilities = try model.predict(Self.heldOut.features)
        let loss = ClassificationMetrics.logLoss(probabilities: probabilities, outcomes: outcomes)
        let base = ClassificationMetrics.baseRateLogLoss(outcomes: outcomes)
        #expect(base > 0.6)
        #expect(loss < base - 0.1, "log loss \(loss) vs base rate \(base)")
    }

    @Test("trainings running concurrently on other threads give the same bytes as one alone")
    func concurrentTrainingsAgree() async throws {
        let alone = try Self.train(.depthWiseBoost).artifact.sha256
        let hashes = try await withThrowingTaskGroup(of: Hash256.self) { group in
            for _ in 0..<3 { group.addTask { try Self.train(.depthWiseBoost).artifact.sha256 } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(hashes == [alone, alone, alone])
    }

    @Test("the recorded hyper-parameters fix the seed, one thread and the library version")
    func hyperParametersRecorded() throws {
        let json = try Self.train(.randomForest).artifact.hyperParameters
        #expect(json.contains("\"nthread\":\"1\""))
        #expect(json.contains("\"seed\":\"20260101\""))
        #expect(json.contains("\"num_parallel_tree\":\"100\""))
        #expect(json.contains("\"library\":\"xgboost \(BoostedTreeParameters.libraryVersion)\""))
    }

    @Test("bytes that are not a model, or an artifact of another kind, are refused")
    func refusesBadArtifacts() throws {
        #expect(throws: XGBoostError.self) {
            try BoostedTreeModel(
                artifact: ModelArtifact(
                    kind: .depthWiseBoost, hyperParameters: "{}",
                    bytes: [1, 2, 3]))
        }
        let trained = try Self.train(.depthWiseBoost)
        #expect(throws: ModelError.self) {
            try BoostedTreeModel(
                artifact: ModelArtifact(
                    kind: .lstm, hyperParameters: "{}",
                    bytes: trained.artifact.bytes))
        }
    }

    @Test("labels with one class only are refused before XGBoost sees them")
    func refusesOneClass() {
        let ones = [Float](repeating: 1, count: Self.training.labels.count)
        #expect(throws: ModelError.unusableData("only one class present")) {
            try BoostedTreeModel.train(
                features: Self.training.features, labels: ones,
                parameters: .defaults(.depthWiseBoost))
        }
    }
}
