import HourglassCore
import Testing

@testable import HourglassModels

@Suite("ModelEnsemble")
struct ModelEnsembleTests {
    static let trees = SyntheticData.make(rowCount: 600, purpose: "ensemble.trees")
    static let metaRows = SyntheticData.make(rowCount: 300, purpose: "ensemble.meta")
    static let windows = SequenceModelTests.dataset(300, purpose: "ensemble.windows")

    struct Built {
        var base: [ModelArtifact]
        var meta: MetaLearner
        var lstm: SequenceModel
        var treeModels: [BoostedTreeModel]
    }

    static func build(lstmSeed: UInt64 = 1) throws -> Built {
        let treeModels = try BoostedTreeModel.kinds.map { kind -> BoostedTreeModel in
            var p = BoostedTreeParameters.defaults(kind)
            p.rounds = min(p.rounds, 10)
            p.parallelTrees = min(p.parallelTrees, 10)
            return try BoostedTreeModel.train(features: trees.features, labels: trees.labels, parameters: p)
        }
        var sequence = SequenceModelTests.parameters(.lstm)
        sequence.epochs = 1
        sequence.width = 4
        sequence.seed = lstmSeed
        let lstm = try SequenceModel.train(SequenceModelTests.training, parameters: sequence)
        let treeColumns = try treeModels.map { try $0.predict(metaRows.features) }
        let lstmColumn = lstm.probabilities(windows)
        // Base order is kind order: boost_depthwise, boost_leafwise, lstm, random_forest.
        let base = (0..<300).map { [treeColumns[0][$0], treeColumns[1][$0], lstmColumn[$0], treeColumns[2][$0]] }
        let labels = metaRows.labels.map { $0 == 1 }
        let meta = try MetaLearner.fit(
            baseProbabilities: base, trustWeights: [[Double]](repeating: [], count: 300),
            regimes: (0..<300).map { MetaLearner.regimes[$0 % 5] }, labels: labels,
            grossReturns: labels.map { $0 ? 0.03 : -0.01 })
        return Built(base: treeModels.map(\.artifact) + [lstm.artifact], meta: meta, lstm: lstm, treeModels: treeModels)
    }

    @Test("predictions equal the base models and the meta-learner called one by one, whatever the artifact order")
    func matchesParts() throws {
        let built = try Self.build()
        let ensemble = try ModelEnsemble(artifacts: [built.meta.artifact] + built.base.reversed())
        #expect(ensemble.baseKinds == [.depthWiseBoost, .leafWiseBoost, .lstm, .randomForest])
        let rows = Self.metaRows.features.rows(Array(0..<20))
        let windows = (0..<20).map { Self.windows.window($0) }
        let regimes = (0..<20).map { MetaLearner.regimes[$0 % 5] }
        let predictions = try ensemble.predict(features: rows, windows: windows, trustWeights: [], regimes: regimes)
        let trees = try built.treeModels.map { try $0.predict(rows) }
        for symbol in 0..<20 {
            let base = [
                trees[0][symbol], trees[1][symbol], built.lstm.probability(window: windows[symbol]),
                trees[2][symbol],
            ]
            #expect(predictions[symbol].baseProbabilities == base)
            #expect(
                predictions[symbol].decision
                    == built.meta.decide(
                        baseProbabilities: base, trustWeights: [],
                        regime: regimes[symbol]))
        }
        let again = try ModelEnsemble(artifacts: built.base + [built.meta.artifact])
        #expect(again.sha256 == ensemble.sha256)
        #expect(try again.predict(features: rows, windows: windows, trustWeights: [], regimes: regimes) == predictions)
        for threads in [2, 3, 8] {
            var threaded = ensemble
            threaded.inferenceThreads = threads
            let result = try threaded.predict(features: rows, windows: windows, trustWeights: [], regimes: regimes)
            #expect(
                result.map { $0.baseProbabilities.map(\.bitPattern) }
                    == predictions.map { $0.baseProbabilities.map(\.bitPattern) }, "\(threads) threads")
            #expect(result == predictions, "\(threads) threads")
        }
    }

    @Test("the ensemble hash changes with any artifact; a missing meta-learner or base model is refused")
    func identityAndRefusals() throws {
        let built = try Self.build()
        let ensemble = try ModelEnsemble(artifacts: built.base + [built.meta.artifact])
        let otherLSTM = try Self.build(lstmSeed: 2).lstm.artifact
        let changed = try ModelEnsemble(artifacts: Array(built.base.dropLast()) + [otherLSTM, built.meta.artifact])
        #expect(changed.sha256 != ensemble.sha256)
        #expect(throws: ModelError.self) { try ModelEnsemble(artifacts: built.base) }
        let missingBase = Array(built.base.dropFirst()) + [built.meta.artifact]
        #expect(throws: ModelError.self) { try ModelEnsemble(artifacts: missingBase) }
        let duplicate = built.base + [built.base[0], built.meta.artifact]
        #expect(throws: ModelError.self) { try ModelEnsemble(artifacts: duplicate) }
    }
}
