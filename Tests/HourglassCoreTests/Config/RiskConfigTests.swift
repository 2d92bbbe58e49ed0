import Testing

@testable import HourglassCore

@Suite struct RiskConfigTests {
    @Test func defaultsMatchIssueFour() throws {
        let config = RiskConfig.default
        try config.validate()
        #expect(config.leverageCap == Fx.d("1"))
        #expect(config.correlationClusterThreshold == Fx.d("0.8") && config.correlationClusterCap == Fx.d("0.1"))
        #expect(config.feeRoundTripCost == Fx.d("0.008"))
        #expect(config.dailyLossLimit == Fx.d("0.03"))
        #expect(
            [config.drawdownReduceRisk, config.drawdownReduceExposure, config.drawdownHalt] == [
                Fx.d("0.1"), Fx.d("0.15"), Fx.d("0.2"),
            ])
        #expect(config.volatilityPercentileMax == Fx.d("0.95"))
        #expect(
            [config.trend, config.range, config.highVol, config.crash].map(\.sizeMultiplier) == [
                Fx.d("1"), Fx.d("0.8"), Fx.d("0.5"), Fx.d("0"),
            ])
        #expect(
            config.winRateWindowTrades == 20 && config.winRateMin == Fx.d("0.35")
                && config.winRateSizeMultiplier == Fx.d("0.5"))
        #expect(config.consecutiveLossesMax == 5 && config.consecutiveLossesBlockHours == 24)
        #expect(config.whipsawReentryHours == 6 && config.whipsawStopOutHours == 3 && config.blockedHoursUTC.isEmpty)
        #expect(
            config.entriesPerHourMax == 3 && config.entriesPerDayMax == 12 && config.spreadAnomalyMultiple == Fx.d("4"))
        // Kill-switch triggers as calibrated in docs/RISK-CALIBRATION.md.
        #expect(config.spreadSystemicMultiple == Fx.d("6") && config.spreadSystemicShare == Fx.d("0.6"))
        #expect(config.spreadSystemicMinMove == Fx.d("0.07") && config.spreadSystemicMinSymbols == 2)
        #expect(config.missingBarsKillShare == Fx.d("0.5"))
        #expect(
            config.baseRisk == Fx.d("0.02") && config.explorationRisk == Fx.d("0.005") && config.explorationTrades == 30
        )
        #expect(config.kellyFraction == Fx.d("0.25"))
        #expect(config.regime(.unknown) == config.unknown)
    }

    @Test func canonicalBytesRoundTrip() throws {
        var config = RiskConfig.default
        config.blockedHoursUTC = [3, 4]
        config.highVol.timeLimitHours = 9
        let bytes = config.canonicalBytes
        let decoded = try RiskConfig(canonical: bytes)
        #expect(decoded == config)
        #expect(decoded.canonicalBytes == bytes)
        #expect(decoded.sha256 == config.sha256)
        #expect(RiskConfig.default.sha256 != config.sha256)
        #expect(throws: CodecError.self) { try RiskConfig(canonical: bytes + [0]) }
        #expect(RiskConfig.formatVersion == 3)
        #expect(throws: CodecError.self) { try RiskConfig(canonical: [2] + bytes.dropFirst()) }
        #expect(throws: CodecError.self) { try RiskConfig(canonical: [4] + bytes.dropFirst()) }
    }

    @Test func jsonViewRoundTripsThroughOverrides() throws {
        var other = RiskConfig.default
        other.baseRisk = Fx.d("0.01")
        other.trend.trailingStopATRMultiple = Fx.d("5")
        let rebuilt = try RiskConfig(json: RiskConfig.default.json, base: other)
        #expect(rebuilt == RiskConfig.default)
        #expect(RiskConfig.default.json["regimes"]?["high_vol"]?["size_multiplier"] == .string("0.5"))
    }

    @Test func partialJSONOverridesOnlyItsKeys() throws {
        let json = JSONValue.object([
            "base_risk": .string("0.01"), "entries_per_hour_max": .int(2), "signal_min_confidence": .double(0.6),
            "blocked_hours_utc": .array([.int(5), .int(1), .int(5)]),
            "regimes": .object(["crash": .object(["time_limit_hours": .int(3)])]),
        ])
        let config = try RiskConfig(json: json, base: .default)
        var expected = RiskConfig.default
        expected.baseRisk = Fx.d("0.01")
        expected.entriesPerHourMax = 2
        expected.signalMinConfidence = Fx.d("0.6")
        expected.blockedHoursUTC = [1, 5]
        expected.crash.timeLimitHours = 3
        #expect(config == expected)
    }

    @Test func unknownKeysAreNamed() {
        #expect(throws: RiskConfigError.unknownKey("leverage")) {
            try RiskConfig(json: .object(["leverage": .int(2)]), base: .default)
        }
        #expect(throws: RiskConfigError.unknownKey("regimes.trend.size")) {
            try RiskConfig(json: .object(["regimes": .object(["trend": .object(["size": .int(1)])])]), base: .default)
        }
        #expect(throws: RiskConfigError.unknownKey("regimes.sideways")) {
            try RiskConfig(json: .object(["regimes": .object(["sideways": .object([:])])]), base: .default)
        }
    }

    @Test func invalidValuesAreRefused() {
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["leverage_cap": .string("2")]), base: .default)
        }
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["drawdown_halt": .string("0.12")]), base: .default)
        }
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["base_risk": .string("1e-2")]), base: .default)
        }
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["exit_on_regime_change": .int(1)]), base: .default)
        }
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["blocked_hours_utc": .array([.int(24)])]), base: .default)
        }
        #expect(throws: RiskConfigError.self) { try RiskConfig(json: .string("x"), base: .default) }
        // The systemic multiple may not be below the per-symbol one; equal is allowed.
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["spread_systemic_multiple": .string("3.9")]), base: .default)
        }
        #expect((try? RiskConfig(json: .object(["spread_systemic_multiple": .string("4")]), base: .default)) != nil)
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["spread_systemic_min_symbols": .int(0)]), base: .default)
        }
        #expect(throws: RiskConfigError.self) {
            try RiskConfig(json: .object(["spread_systemic_min_move": .string("1.5")]), base: .default)
        }
    }

    @Test func errorsSayWhatToDo() {
        #expect(RiskConfigError.unknownKey("foo").description.contains("remove it"))
    }
}
