/// Every parameter of the engine. Its canonical bytes and SHA-256 are recorded in `RunStarted`
/// and in every hour's manifest, so changing any value changes the run's identity.
public struct EngineConfig: Sendable, Hashable {
    /// Exchange whose bars the run trades on (`kraken`).
    public var exchange: String
    /// Symbols traded, sorted.
    public var universe: [String]
    /// The BTC pair that beta and correlation are measured against.
    public var btcSymbol: String
    /// Quote currency of every pair (`USD`).
    public var quoteCurrency: String
    /// Cash contributed at the start of the run.
    public var initialCashQuote: FixedDecimal
    /// Smallest unit of the quote currency: notionals and fees are rounded to this many decimals
    /// (4 for USD, the precision of Kraken's fee reports on USD pairs).
    public var quoteDecimals: Int
    /// Lot and minimum order of every universe pair, sorted by symbol.
    public var pairs: [PairRule]
    /// Fee per side as a fraction of notional (0.004 = 0.4%).
    public var feeRate: FixedDecimal
    /// Paper-fill slippage.
    public var slippage: SlippageModel
    /// Feature windows.
    public var features: FeatureWindows
    /// Regime thresholds.
    public var regime: RegimeClassifier
    /// Signal and entry thresholds.
    public var signal: SignalThresholds
    /// Limits of the reducer's own rules (`max_positions`, `position_size_cap`).
    public var limits: TradingLimits
    /// Closed trades kept in the state for rules and sizing (at least every trade window of `risk`).
    public var closedTradesKept: Int
    /// Seed of every pseudo-random draw of the run (see `SeededGenerator`).
    public var runSeed: UInt64
    /// True (the default) to judge entries with every rule. False runs the **shadow** mode used by
    /// `governance-report`: only `cash_sufficiency`, `long_only` and `min_order` judge orders (the
    /// money and exchange constraints no run may break), the kill switch and circuit breaker are
    /// not evaluated (no trips, breaker stays NORMAL), and sizing ignores the breaker. Everything
    /// else — signal, `PositionSizer` risk/Kelly/regime sizing, exits, fills, fees — is unchanged.
    public var governanceEnabled: Bool
    /// Governance, sizing, exits, kill switch and circuit breaker (issue 4). The single source of
    /// the total-exposure cap (`risk.totalExposureCap`), the base risk, the stop and target
    /// multiples and the missing-bar share that trips the kill switch.
    public var risk: RiskConfig
    /// Models and sizing (`models`, `sma_cross`, `sizing`, `retrain`); the default is the full ensemble.
    public var strategy: StrategyConfig

    /// Creates a configuration; `universe` and `pairs` are sorted here.
    public init(
        exchange: String, universe: [String], btcSymbol: String, quoteCurrency: String, initialCashQuote: FixedDecimal,
        quoteDecimals: Int, pairs: [PairRule], feeRate: FixedDecimal, slippage: SlippageModel, features: FeatureWindows,
        regime: RegimeClassifier, signal: SignalThresholds, limits: TradingLimits, closedTradesKept: Int,
        runSeed: UInt64,
        governanceEnabled: Bool = true, risk: RiskConfig, strategy: StrategyConfig = .default
    ) {
        self.exchange = exchange
        self.universe = universe.sorted()
        self.btcSymbol = btcSymbol
        self.quoteCurrency = quoteCurrency
        self.initialCashQuote = initialCashQuote
        self.quoteDecimals = quoteDecimals
        self.pairs = pairs.sorted { $0.symbol < $1.symbol }
        self.feeRate = feeRate
        self.slippage = slippage
        self.features = features
        self.regime = regime
        self.signal = signal
        self.limits = limits
        self.closedTradesKept = closedTradesKept
        self.runSeed = runSeed
        self.governanceEnabled = governanceEnabled
        self.risk = risk
        self.strategy = strategy
    }

    /// The five Kraken USD pairs, 100 000 USD, 0.4% fees, the documented defaults of every section, and the
    /// full trained ensemble (`StrategyConfig.default`).
    public static let `default` = EngineConfig(
        exchange: "kraken", universe: ["BCH/USD", "ETH/USD", "LTC/USD", "XBT/USD", "XRP/USD"], btcSymbol: "XBT/USD",
        quoteCurrency: "USD", initialCashQuote: FixedDecimal(100_000), quoteDecimals: 4, pairs: PairRule.krakenDefaults,
        feeRate: FixedDecimal(raw: 4_000_000_000), slippage: .default, features: .default, regime: .default,
        signal: .default,
        limits: .default, closedTradesKept: 100, runSeed: 1, governanceEnabled: true, risk: .engineDefault,
        strategy: .default)

    /// The default configuration with the momentum rule (`"models": ["momentum"]`): the named baseline, and
    /// the default of earlier engine versions (the same canonical bytes and hash).
    public static let momentumBaseline: EngineConfig = {
        var config = EngineConfig.default
        config.strategy = .momentumBaseline
        return config
    }()

    /// The trading rule of `symbol`; every universe symbol has one (checked by `validationProblem`).
    public func pair(_ symbol: String) -> PairRule {
        guard let rule = pairs.first(where: { $0.symbol == symbol }) else {
            preconditionFailure("no pair rule for \(symbol)")
        }
        return rule
    }

    /// The first inconsistency between sections, or nil when the configuration can run.
    public var validationProblem: EngineConfigError? {
        if universe.isEmpty { return .invalidValue("universe", reason: "at least one symbol is needed") }
        if Set(universe).count != universe.count { return .invalidValue("universe", reason: "symbols must be unique") }
        if !universe.contains(btcSymbol) {
            return .invalidValue("btc_symbol", reason: "\(btcSymbol) is not in the universe")
        }
        for symbol in universe where !pairs.contains(where: { $0.symbol == symbol }) {
            return .invalidValue("pairs", reason: "no pair rule for \(symbol)")
        }
        if Set(pairs.map(\.symbol)).count != pairs.count {
            return .invalidValue("pairs", reason: "symbols must be unique")
        }
        if !initialCashQuote.isPositive { return .invalidValue("initial_cash", reason: "must be above zero") }
        if quoteDecimals < 0 || quoteDecimals > 12 { return .invalidValue("quote_decimals", reason: "must be 0...12") }
        if feeRate.isNegative || feeRate >= .one { return .invalidValue("fee_rate", reason: "must be in [0, 1)") }
        if !(0...FeatureWindows.gapCarryForwardHoursMax).contains(features.gapCarryForwardHours) {
            return .invalidValue(
                "features.gap_carry_forward_hours", reason: "must be 0...\(FeatureWindows.gapCarryForwardHoursMax)")
        }
        do { try risk.validate() } catch { return .invalidValue("risk", reason: error.description) }
        if let problem = strategy.validationProblem(features: features) { return problem }
        let windows = [
            risk.kellyWindowTrades, risk.winRateWindowTrades, risk.explorationTrades, risk.breakerSharpeMinTrades,
            risk.consecutiveLossesMax, risk.breakerAlertConsecutiveLosses,
        ]
        if closedTradesKept < max(1, windows.max() ?? 1) {
            return .invalidValue(
                "closed_trades_kept",
                reason: "must keep at least every closed-trade window of risk (\(windows.max() ?? 1))")
        }
        if risk.feeRoundTripCost < feeRate.multiplied(byInteger: 2) {
            return .invalidValue(
                "risk.fee_round_trip_cost",
                reason: "must be at least twice fee_rate (\(feeRate.multiplied(byInteger: 2)))")
        }
        return nil
    }

    /// Canonical bytes: a version byte (2 since the risk section was embedded, 3 since the risk
    /// section has the systemic spread-anomaly fields, 4 since it has the BACKTEST release policy
    /// and the features the gap policy), then every field in declaration order.
    /// The strategy section comes last, after a tag byte 1, and only when it is not the momentum baseline:
    /// a momentum configuration keeps the bytes (and hash) it had before the section existed.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter(capacity: 1024)
        writer.write(byte: Self.canonicalVersion)
        writer.write(string: exchange)
        writer.write(array: universe) { $0.write(string: $1) }
        writer.write(string: btcSymbol)
        writer.write(string: quoteCurrency)
        writer.write(decimal: initialCashQuote)
        writer.write(int: quoteDecimals)
        writer.write(array: pairs) { $1.encode(to: &$0) }
        writer.write(decimal: feeRate)
        slippage.encode(to: &writer)
        features.encode(to: &writer)
        regime.encode(to: &writer)
        signal.encode(to: &writer)
        limits.encode(to: &writer)
        writer.write(int: closedTradesKept)
        writer.write(unsigned: runSeed)
        writer.write(bool: governanceEnabled)
        risk.encode(to: &writer)
        if strategy != .momentumBaseline {
            writer.write(byte: Self.strategyTag)
            strategy.encode(to: &writer)
        }
        return writer.bytes
    }

    /// Version byte of `canonicalBytes`. Bumped whenever an embedded section (such as `risk`) changes
    /// its fields, so bytes of an older layout are refused by name instead of misread.
    public static let canonicalVersion: UInt8 = 4
    /// Tag byte before the optional strategy section of `canonicalBytes`.
    static let strategyTag: UInt8 = 1

    /// Decodes canonical bytes (as stored in `RunStarted`), refusing any other form.
    public static func decode(canonical bytes: [UInt8]) throws(CodecError) -> EngineConfig {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard version == Self.canonicalVersion else { throw .unsupportedVersion("EngineConfig", version) }
        let config = EngineConfig(
            exchange: try reader.readString(),
            universe: try reader.readArray { r throws(CodecError) in try r.readString() },
            btcSymbol: try reader.readString(), quoteCurrency: try reader.readString(),
            initialCashQuote: try reader.readDecimal(),
            quoteDecimals: try reader.readInt(),
            pairs: try reader.readArray { r throws(CodecError) in try PairRule.decode(from: &r) },
            feeRate: try reader.readDecimal(), slippage: try SlippageModel.decode(from: &reader),
            features: try FeatureWindows.decode(from: &reader),
            regime: try RegimeClassifier.decode(from: &reader), signal: try SignalThresholds.decode(from: &reader),
            limits: try TradingLimits.decode(from: &reader), closedTradesKept: try reader.readInt(),
            runSeed: try reader.readUnsigned(),
            governanceEnabled: try reader.readBool(), risk: try RiskConfig.decode(from: &reader),
            strategy: try Self.decodeStrategy(from: &reader))
        try reader.expectEnd()
        guard config.canonicalBytes == bytes else {
            throw .invalidValue("EngineConfig bytes are not canonical (unsorted universe or pairs)")
        }
        return config
    }

    /// The optional strategy section: the momentum baseline when the bytes end here.
    static func decodeStrategy(from reader: inout ByteReader) throws(CodecError) -> StrategyConfig {
        if reader.isAtEnd { return .momentumBaseline }
        let tag = try reader.readByte()
        guard tag == strategyTag else {
            throw .invalidValue("EngineConfig section tag \(tag) (expected \(strategyTag))")
        }
        return try StrategyConfig.decode(from: &reader)
    }

    /// SHA-256 of the canonical bytes.
    public var sha256: Hash256 { Hash256.of(canonicalBytes) }
}

extension RiskConfig {
    /// The engine's default risk section: `RiskConfig.default` with the reducer's tuned exits —
    /// stop 3 ATR and target 8 ATR (a 2-ATR stop on hourly bars was mostly noise in the
    /// Jan–Apr 2021 trials: fees ate the account).
    public static let engineDefault: RiskConfig = {
        var risk = RiskConfig.default
        risk.stopLossATRMultiple = FixedDecimal(3)
        risk.takeProfitATRMultiple = FixedDecimal(8)
        return risk
    }()
}
