extension EngineConfig {
    /// Top-level JSON keys, in the order `json` documents them.
    static let jsonKeys = [
        "exchange", "universe", "btc_symbol", "quote_currency", "initial_cash", "quote_decimals", "pairs", "fee_rate",
        "slippage", "features", "regime", "signal", "limits", "closed_trades_kept", "run_seed", "governance_enabled",
        "risk",
        "models", "sma_cross", "sizing", "retrain",
    ]

    /// The effective configuration as JSON; `EngineConfig(json:)` reads it back to the same value.
    public var json: JSONValue {
        .object([
            "exchange": .string(exchange), "universe": .array(universe.map { .string($0) }),
            "btc_symbol": .string(btcSymbol),
            "quote_currency": .string(quoteCurrency), "initial_cash": .decimal(initialCashQuote),
            "quote_decimals": .int(Int64(quoteDecimals)),
            "pairs": .array(pairs.map(\.json)), "fee_rate": .decimal(feeRate), "slippage": slippage.json,
            "features": features.json,
            "regime": regime.json, "signal": signal.json, "limits": limits.json,
            "closed_trades_kept": .int(Int64(closedTradesKept)), "governance_enabled": .bool(governanceEnabled),
            "risk": risk.json,
            // A string: JSON numbers above 2^53 do not survive most readers.
            "run_seed": .string(String(runSeed)),
            "models": .array(strategy.models.map { .string($0) }), "sma_cross": strategy.smaCross.json,
            "sizing": strategy.sizing.json, "retrain": strategy.retrain.json,
        ])
    }

    /// Reads a partial JSON object over the defaults (`--config PATH`): absent keys keep their
    /// default, nested sections override key by key, `universe` and `pairs` replace the whole list.
    /// Decimals may be strings (exact) or numbers. An unknown key is an error naming it.
    public init(json: JSONValue) throws(EngineConfigError) {
        try self.init(json: json, over: .default)
    }

    /// Reads a partial JSON object over `base`.
    public init(json: JSONValue, over base: EngineConfig) throws(EngineConfigError) {
        let root = try ConfigObject(json, path: "")
        try root.check(allowed: Self.jsonKeys)
        var pairs = base.pairs
        if let value = root.members["pairs"] {
            guard case .array(let items) = value else { throw .wrongType("pairs", expected: "an array of objects") }
            pairs = []
            for (index, item) in items.enumerated() {
                pairs.append(try PairRule.from(try ConfigObject(item, path: "pairs[\(index)]")))
            }
        }
        self.init(
            exchange: try root.string("exchange", base.exchange), universe: try root.strings("universe", base.universe),
            btcSymbol: try root.string("btc_symbol", base.btcSymbol),
            quoteCurrency: try root.string("quote_currency", base.quoteCurrency),
            initialCashQuote: try root.decimal("initial_cash", base.initialCashQuote),
            quoteDecimals: try root.int("quote_decimals", base.quoteDecimals, range: 0...12), pairs: pairs,
            feeRate: try root.decimal("fee_rate", base.feeRate),
            slippage: try root.object("slippage").map { o throws(EngineConfigError) in
                try base.slippage.overlaid(with: o)
            } ?? base.slippage,
            features: try root.object("features").map { o throws(EngineConfigError) in
                try base.features.overlaid(with: o)
            } ?? base.features,
            regime: try root.object("regime").map { o throws(EngineConfigError) in try base.regime.overlaid(with: o) }
                ?? base.regime,
            signal: try root.object("signal").map { o throws(EngineConfigError) in try base.signal.overlaid(with: o) }
                ?? base.signal,
            limits: try root.object("limits").map { o throws(EngineConfigError) in try base.limits.overlaid(with: o) }
                ?? base.limits,
            closedTradesKept: try root.int("closed_trades_kept", base.closedTradesKept, range: 1...10_000),
            runSeed: try root.uint64("run_seed", base.runSeed),
            governanceEnabled: try root.bool("governance_enabled", base.governanceEnabled),
            risk: try Self.risk(root.members["risk"], over: base.risk),
            strategy: StrategyConfig(
                models: try root.strings("models", base.strategy.models),
                smaCross: try root.object("sma_cross").map { o throws(EngineConfigError) in
                    try base.strategy.smaCross.overlaid(with: o)
                }
                    ?? base.strategy.smaCross,
                sizing: try root.object("sizing").map { o throws(EngineConfigError) in
                    try base.strategy.sizing.overlaid(with: o)
                }
                    ?? base.strategy.sizing,
                retrain: try root.object("retrain").map { o throws(EngineConfigError) in
                    try base.strategy.retrain.overlaid(with: o)
                } ?? base.strategy.retrain))
        if let problem = validationProblem { throw problem }
    }

    /// The `risk` section read over `base` (keys as `RiskConfig.json` writes them).
    static func risk(_ value: JSONValue?, over base: RiskConfig) throws(EngineConfigError) -> RiskConfig {
        guard let value else { return base }
        do { return try RiskConfig(json: value, base: base) } catch {
            switch error {
            case .unknownKey(let key): throw .unknownKey("risk." + key)
            case .wrongType(let key, let expected): throw .wrongType("risk." + key, expected: expected)
            case .invalidValue(let key, let reason): throw .invalidValue("risk." + key, reason: reason)
            }
        }
    }
}
