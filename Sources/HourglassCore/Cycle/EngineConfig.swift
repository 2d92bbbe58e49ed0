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
    /// Stop, target and time exits.
    public var exits: ExitRules
    /// Limits of the minimal rules.
    public var limits: TradingLimits
    /// Share of equity risked per trade before any governance adjustment (0.02 = 2%).
    public var baseRiskFraction: FixedDecimal
    /// Closed trades kept in the state for rules and sizing.
    public var closedTradesKept: Int
    /// Seed of every pseudo-random draw of the run (see `SeededGenerator`).
    public var runSeed: UInt64
    // `risk: RiskConfig` — reserved for the governance engine (issue 4): its developer owns the
    // type; the lead merges it here, into `encode`, `decode`, `json` and `init(json:)`.

    /// Creates a configuration; `universe` and `pairs` are sorted here.
    public init(exchange: String, universe: [String], btcSymbol: String, quoteCurrency: String, initialCashQuote: FixedDecimal,
                quoteDecimals: Int, pairs: [PairRule], feeRate: FixedDecimal, slippage: SlippageModel, features: FeatureWindows,
                regime: RegimeClassifier, signal: SignalThresholds, exits: ExitRules, limits: TradingLimits,
                baseRiskFraction: FixedDecimal, closedTradesKept: Int, runSeed: UInt64) {
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
        self.exits = exits
        self.limits = limits
        self.baseRiskFraction = baseRiskFraction
        self.closedTradesKept = closedTradesKept
        self.runSeed = runSeed
    }

    /// The five Kraken USD pairs, 100 000 USD, 0.4% fees, the documented defaults of every section.
    public static let `default` = EngineConfig(
        exchange: "kraken", universe: ["BCH/USD", "ETH/USD", "LTC/USD", "XBT/USD", "XRP/USD"], btcSymbol: "XBT/USD",
        quoteCurrency: "USD", initialCashQuote: FixedDecimal(100_000), quoteDecimals: 4, pairs: PairRule.krakenDefaults,
        feeRate: FixedDecimal(raw: 4_000_000_000), slippage: .default, features: .default, regime: .default, signal: .default,
        exits: .default, limits: .default, baseRiskFraction: FixedDecimal(raw: 20_000_000_000), closedTradesKept: 100, runSeed: 1)

    /// The trading rule of `symbol`; every universe symbol has one (checked by `validationProblem`).
    public func pair(_ symbol: String) -> PairRule {
        guard let rule = pairs.first(where: { $0.symbol == symbol }) else { preconditionFailure("no pair rule for \(symbol)") }
        return rule
    }

    /// The first inconsistency between sections, or nil when the configuration can run.
    public var validationProblem: EngineConfigError? {
        if universe.isEmpty { return .invalidValue("universe", reason: "at least one symbol is needed") }
        if Set(universe).count != universe.count { return .invalidValue("universe", reason: "symbols must be unique") }
        if !universe.contains(btcSymbol) { return .invalidValue("btc_symbol", reason: "\(btcSymbol) is not in the universe") }
        for symbol in universe where !pairs.contains(where: { $0.symbol == symbol }) {
            return .invalidValue("pairs", reason: "no pair rule for \(symbol)")
        }
        if Set(pairs.map(\.symbol)).count != pairs.count { return .invalidValue("pairs", reason: "symbols must be unique") }
        if !initialCashQuote.isPositive { return .invalidValue("initial_cash", reason: "must be above zero") }
        if quoteDecimals < 0 || quoteDecimals > 12 { return .invalidValue("quote_decimals", reason: "must be 0...12") }
        if feeRate.isNegative || feeRate >= .one { return .invalidValue("fee_rate", reason: "must be in [0, 1)") }
        if !baseRiskFraction.isPositive || baseRiskFraction > .one { return .invalidValue("base_risk_fraction", reason: "must be in (0, 1]") }
        if closedTradesKept < 1 { return .invalidValue("closed_trades_kept", reason: "must be at least 1") }
        return nil
    }

    /// Canonical bytes: a version byte, then every field in declaration order.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter(capacity: 512)
        writer.write(byte: 1)
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
        exits.encode(to: &writer)
        limits.encode(to: &writer)
        writer.write(decimal: baseRiskFraction)
        writer.write(int: closedTradesKept)
        writer.write(unsigned: runSeed)
        return writer.bytes
    }

    /// Decodes canonical bytes (as stored in `RunStarted`), refusing any other form.
    public static func decode(canonical bytes: [UInt8]) throws(CodecError) -> EngineConfig {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard version == 1 else { throw .unsupportedVersion("EngineConfig", version) }
        let config = EngineConfig(
            exchange: try reader.readString(), universe: try reader.readArray { r throws(CodecError) in try r.readString() },
            btcSymbol: try reader.readString(), quoteCurrency: try reader.readString(), initialCashQuote: try reader.readDecimal(),
            quoteDecimals: try reader.readInt(), pairs: try reader.readArray { r throws(CodecError) in try PairRule.decode(from: &r) },
            feeRate: try reader.readDecimal(), slippage: try SlippageModel.decode(from: &reader), features: try FeatureWindows.decode(from: &reader),
            regime: try RegimeClassifier.decode(from: &reader), signal: try SignalThresholds.decode(from: &reader),
            exits: try ExitRules.decode(from: &reader), limits: try TradingLimits.decode(from: &reader),
            baseRiskFraction: try reader.readDecimal(), closedTradesKept: try reader.readInt(), runSeed: try reader.readUnsigned())
        try reader.expectEnd()
        guard config.canonicalBytes == bytes else { throw .invalidValue("EngineConfig bytes are not canonical (unsorted universe or pairs)") }
        return config
    }

    /// SHA-256 of the canonical bytes.
    public var sha256: Hash256 { Hash256.of(canonicalBytes) }
}
