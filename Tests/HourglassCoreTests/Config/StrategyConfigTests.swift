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

    @Test func theDefaultStrategyAddsNoBytesToTheDefaultConfig() throws {
        let config = EngineConfig.default
        #expect(config.strategy == .default && config.strategy.models == ["momentum"])
        // The default section is not written: the bytes end with the risk section, as before.
        var withoutStrategy = config
        withoutStrategy.strategy = StrategyConfig(models: ["momentum"], smaCross: .default, sizing: .risk)
        #expect(withoutStrategy.canonicalBytes == config.canonicalBytes)
        var sma = config
        sma.strategy.models = ["sma_cross"]
        #expect(Array(sma.canonicalBytes.prefix(config.canonicalBytes.count)) == config.canonicalBytes)
        #expect(sma.canonicalBytes.count > config.canonicalBytes.count && sma.sha256 != config.sha256)
        #expect(ModelSet.baseline(config: config).id == "momentum@1")
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
