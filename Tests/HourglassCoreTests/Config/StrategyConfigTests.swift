import Foundation
import HourglassCore
import Testing

@Suite struct StrategyConfigTests {
    /// The reference configuration shipped in docs/examples.
    static func referenceConfig() throws -> EngineConfig {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        let path = folder.appendingPathComponent("docs/examples/sma-cross-reference.json").path
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        return try EngineConfig(json: try JSONValue.parse(bytes))
    }

    /// `config_sha256` of every manifest in Tests/Golden/kraken5-2022-03-04.jsonl (the momentum golden):
    /// the hash of the default configuration of engine 0.4.0 before the ensemble became the default.
    static let momentumGoldenConfigSha256 = "40040fcd553248c297b7d8c85d332ef57e1406446fe245c7ad177dd20aac533e"

    @Test func theMomentumBaselineAddsNoBytesToItsConfig() throws {
        let config = EngineConfig.momentumBaseline
        #expect(config.strategy == .momentumBaseline && config.strategy.models == ["momentum"])
        #expect(config.validationProblem == nil)
        // The baseline section is not written: the bytes end with the risk section, as before, and
        // keep the hash the golden manifests were pinned with.
        #expect(config.sha256.hex == Self.momentumGoldenConfigSha256)
        var withoutStrategy = config
        withoutStrategy.strategy = StrategyConfig(models: ["momentum"], smaCross: .default, sizing: .risk)
        #expect(withoutStrategy.canonicalBytes == config.canonicalBytes)
        #expect(try EngineConfig.decode(canonical: config.canonicalBytes) == config)
        #expect(try EngineConfig(json: try JSONValue.parse(#"{"models": ["momentum"]}"#)) == config)
        #expect(try EngineConfig(json: config.json) == config)
        var sma = config
        sma.strategy.models = ["sma_cross"]
        #expect(Array(sma.canonicalBytes.prefix(config.canonicalBytes.count)) == config.canonicalBytes)
        #expect(sma.canonicalBytes.count > config.canonicalBytes.count && sma.sha256 != config.sha256)
        #expect(ModelSet.baseline(config: config).id == "momentum@1")
        // Everything but the models is the default's.
        var ensemble = config
        ensemble.strategy = .default
        #expect(ensemble == EngineConfig.default)
    }

    @Test func theDefaultIsTheFullEnsembleOnTheDefaultRetrainSchedule() throws {
        let config = EngineConfig.default
        #expect(config.strategy == .default && config.strategy.models == ["ensemble"])
        #expect(config.strategy.ensembleKinds == StrategyConfig.ensembleBaseKinds && config.strategy.usesSequenceModels)
        #expect(config.strategy.sizing == .risk)
        #expect(config.strategy.retrain == .default)
        #expect(
            config.strategy.retrain
                == RetrainSettings(everyHours: 720, trainingWindowHours: 4320, outOfFoldGroups: 4, seed: 20_260_101))
        #expect(config.validationProblem == nil)
        let kinds = StrategyConfig.ensembleBaseKinds.joined(separator: ",")
        #expect(ModelSet.baseline(config: config).id == "ensemble@1(\(kinds))")
        // The ensemble section (models, sma_cross, sizing and retrain) follows the baseline's bytes.
        let baseline = EngineConfig.momentumBaseline.canonicalBytes
        #expect(Array(config.canonicalBytes.prefix(baseline.count)) == baseline)
        #expect(config.canonicalBytes.count > baseline.count)
        #expect(config.sha256.hex != Self.momentumGoldenConfigSha256)
        #expect(try EngineConfig.decode(canonical: config.canonicalBytes) == config)
        // A config file without `models` runs the ensemble; one naming the baseline runs momentum.
        #expect(try EngineConfig(json: .object([:])) == config)
        #expect(try EngineConfig(json: try JSONValue.parse(#"{"models": ["ensemble"]}"#)) == config)
        #expect(try EngineConfig(json: try JSONValue.parse(#"{"initial_cash": "5000"}"#)).strategy == .default)
        #expect(config.json["models"] == .array([.string("ensemble")]))
        #expect(config.json["retrain"]?["every_hours"] == .int(720))
        #expect(config.json["retrain"]?["training_window_hours"] == .int(4320))
        // Retrain settings are part of the default's hash.
        var other = config
        other.strategy.retrain.everyHours = 336
        #expect(other.sha256 != config.sha256)
    }

    @Test func aNonDefaultStrategyIsHashedAndReadBack() throws {
        let reference = try Self.referenceConfig()
        #expect(reference.strategy.models == ["sma_cross"])
        #expect(reference.strategy.smaCross == SMACrossSettings(fastHours: 24, slowHours: 168))
        #expect(reference.strategy.sizing == .fixedFraction(try FixedDecimal.parse("0.95")))
        #expect(!reference.governanceEnabled && reference.universe == ["XBT/USD"])
        let decoded = try EngineConfig.decode(canonical: reference.canonicalBytes)
        #expect(decoded == reference)
        #expect(try EngineConfig(json: reference.json) == reference)
        var other = reference
        other.strategy.smaCross.fastHours = 12
        #expect(other.sha256 != reference.sha256)
        other = reference
        other.strategy.sizing = .fixedFraction(try FixedDecimal.parse("0.5"))
        #expect(other.sha256 != reference.sha256)
        #expect(ModelSet.baseline(config: reference).id == "sma_cross@1")
    }

    @Test func badStrategyValuesAreNamed() {
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(json: .object(["models": .array([.string("sma")])]))
        }
        #expect(throws: EngineConfigError.self) { try EngineConfig(json: .object(["models": .array([])])) }
        #expect(throws: EngineConfigError.unknownKey("sizing.fractoin")) {
            try EngineConfig(
                json: .object(["sizing": .object(["mode": .string("fixed_fraction"), "fractoin": .string("1")])]))
        }
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(
                json: .object(["sizing": .object(["mode": .string("fixed_fraction"), "fraction": .string("1.5")])]))
        }
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(json: .object(["sma_cross": .object(["fast_hours": .int(200), "slow_hours": .int(100)])]))
        }
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(
                json: .object([
                    "models": .array([.string("sma_cross")]),
                    "sma_cross": .object(["slow_hours": .int(5000)]),
                ]))
        }
    }

    @Test func fixedFractionSizesFromEquityAndRoundsDownToTheLot() throws {
        let result = SizingMode.fixedFractionSize(
            fraction: try FixedDecimal.parse("0.95"), equityQuote: FixedDecimal(10_000),
            priceQuote: try FixedDecimal.parse("33000.1"), lotDecimals: 8,
            stopDistanceFraction: 0.01)
        // 9500 / 33000.1 = 0.287878... → 0.28787791 (down to 8 decimals).
        #expect(result.quantityBase == (try FixedDecimal.parse("0.28787791")))
        #expect(result.zeroReason == nil)
        let zero = SizingMode.fixedFractionSize(
            fraction: try FixedDecimal.parse("0.95"), equityQuote: FixedDecimal(1),
            priceQuote: FixedDecimal(30_000), lotDecimals: 2, stopDistanceFraction: 0.01)
        #expect(zero.quantityBase.isZero && zero.zeroReason != nil)
    }
}
