import HourglassCore
import Testing

@Suite struct EngineConfigTests {
    func d(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }

    @Test func defaultsAreValidAndSorted() {
        let config = EngineConfig.default
        #expect(config.validationProblem == nil)
        #expect(config.universe == ["BCH/USD", "ETH/USD", "LTC/USD", "XBT/USD", "XRP/USD"])
        #expect(config.pairs.map(\.symbol) == config.universe)
        #expect(config.feeRate == d("0.004"))
        #expect(config.limits.maxOpenPositions == 10)
    }

    @Test func canonicalBytesRoundTripAndHashEveryField() throws {
        let config = EngineConfig.default
        let decoded = try EngineConfig.decode(canonical: config.canonicalBytes)
        #expect(decoded == config && decoded.canonicalBytes == config.canonicalBytes)
        var changed = config
        changed.signal.entryScoreMin += 0.01
        #expect(changed.sha256 != config.sha256)
        changed = config
        changed.runSeed = 2
        #expect(changed.sha256 != config.sha256)
    }

    @Test func jsonViewReadsBackToTheSameConfig() throws {
        let config = EngineConfig.default
        #expect(try EngineConfig(json: config.json) == config)
        #expect(try EngineConfig(json: .object([:])) == config)
    }

    @Test func partialJSONOverridesOnlyWhatItNames() throws {
        let json = JSONValue.object([
            "fee_rate": .string("0.0026"), "initial_cash": .int(5000),
            "limits": .object(["max_open_positions": .int(3), "per_asset_cap": .double(0.1)]),
            "run_seed": .string("18446744073709551615"),
        ])
        let config = try EngineConfig(json: json)
        #expect(config.feeRate == d("0.0026"))
        #expect(config.initialCashQuote == FixedDecimal(5000))
        #expect(config.limits.maxOpenPositions == 3 && config.limits.perAssetCap == d("0.1"))
        #expect(config.risk.totalExposureCap == EngineConfig.default.risk.totalExposureCap)
        #expect(config.runSeed == UInt64.max)
    }

    @Test func unknownKeysAndBadValuesAreNamed() {
        #expect(throws: EngineConfigError.unknownKey("limits.max_positons")) {
            try EngineConfig(json: .object(["limits": .object(["max_positons": .int(3)])]))
        }
        #expect(throws: EngineConfigError.unknownKey("fees")) { try EngineConfig(json: .object(["fees": .int(3)])) }
        #expect(throws: EngineConfigError.wrongType("quote_decimals", expected: "an integer")) {
            try EngineConfig(json: .object(["quote_decimals": .string("4")]))
        }
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(json: .object(["universe": .array([.string("DOGE/USD")])]))
        }
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(json: .object(["risk": .object(["total_exposure_cap": .string("1.5")])]))
        }
        let message = EngineConfigError.unknownKey("limits.max_positons").description
        #expect(message.contains("limits.max_positons"))
    }
}
