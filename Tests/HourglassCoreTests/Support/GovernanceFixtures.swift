@testable import HourglassCore

/// Builders for governance tests: a 10 000 USD account, prices of 100, lots of 4 decimals.
enum Fx {
    static let hour = UTCTimestamp.parse("2026-01-05T12:00:00Z")!
    static let config = RiskConfig.default

    static func d(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text) }

    static func features(
        volatilityPercentile: Double = 0.5, rangeRatio: Double = 1.0, atrFraction: Double = 0.02,
        return1h: Double = 0.001
    ) -> SymbolFeatures {
        SymbolFeatures(
            return1h: return1h, return4h: 0.002, return24h: 0.01, momentumSlope: 0.0001, atr14: atrFraction * 100,
            atrFraction: atrFraction, realizedVolatility: 0.01, volatilityPercentile: volatilityPercentile,
            highVolatility: false, volumeSurgeRatio: 1, rangeRatio: rangeRatio, breakout: false,
            distanceFromMean: 0.01, betaToBTC: 1, correlationToBTC: 0.8, marketBreadth: 0.5)
    }

    static func market(
        _ symbol: String = "XBT/USD", price: String = "100", regime: Regime = .trend, historyBars: Int = 500,
        features: SymbolFeatures? = Fx.features(), lotDecimals: Int = 4, minOrder: String = "0.0001",
        lastExitTs: UTCTimestamp? = nil, lastStopOutTs: UTCTimestamp? = nil
    ) -> MarketView {
        MarketView(
            symbol: symbol, barValid: true, barProblem: nil, lastPriceQuote: d(price), historyBars: historyBars,
            features: features, regime: regime, lotDecimals: lotDecimals, minOrderBase: d(minOrder),
            lastExitTs: lastExitTs, lastStopOutTs: lastStopOutTs)
    }

    static func position(_ symbol: String, value: String, price: String = "100") -> PositionView {
        PositionView(
            symbol: symbol, quantityBase: d(value).divided(by: d(price), rounding: .down), markPriceQuote: d(price),
            valueQuote: d(value), openedTs: hour.adding(hours: -10))
    }

    static func context(
        equity: String = "10000", peak: String? = nil, dayOpen: String? = nil, cash: String? = nil,
        positions: [PositionView] = [], markets: [MarketView]? = nil, correlations: [CorrelationEntry] = [],
        closedTrades: [ClosedTrade] = [], entriesThisHour: Int = 0, entriesToday: Int = 0,
        killSwitch: Bool = false, breaker: String = "NORMAL", missingBarShare: Double = 0,
        hourTs: UTCTimestamp = Fx.hour
    ) -> GovernanceContext {
        let gross = positions.reduce(FixedDecimal.zero) { $0 + $1.valueQuote }
        return GovernanceContext(
            hourTs: hourTs, freeCashQuote: cash.map(d) ?? (d(equity) - gross), equityQuote: d(equity),
            peakEquityQuote: d(peak ?? equity), dayOpenEquityQuote: d(dayOpen ?? equity), positions: positions,
            markets: markets ?? [market()], correlations: correlations, closedTrades: closedTrades,
            entriesThisHour: entriesThisHour, entriesToday: entriesToday, killSwitchTripped: killSwitch,
            killSwitchReason: killSwitch ? "drawdown_halt" : nil, breakerState: breaker,
            missingBarShare: missingBarShare)
    }

    static func buy(
        _ quantity: String, symbol: String = "XBT/USD", price: String = "100", edge: Double = 0.03,
        confidence: Double = 0.7, stop: Double = 0.04
    ) -> ProposedOrder {
        ProposedOrder(
            symbol: symbol, side: .buy, quantityBase: d(quantity), referencePriceQuote: d(price), isExit: false,
            expectedEdge: edge, confidence: confidence, stopDistanceFraction: stop, reason: "signal:test")
    }

    static func sell(_ quantity: String, symbol: String = "XBT/USD", price: String = "100") -> ProposedOrder {
        ProposedOrder(
            symbol: symbol, side: .sell, quantityBase: d(quantity), referencePriceQuote: d(price), isExit: true,
            expectedEdge: 0, confidence: 0, stopDistanceFraction: 0, reason: "exit:test")
    }

    /// A closed trade: a win when `returnFraction` > 0, exiting `hoursAgo` before `hour`.
    static func trade(_ returnFraction: Double, hoursAgo: Int64 = 48) -> ClosedTrade {
        let pnl = FixedDecimal.fromDouble(returnFraction * 1000, decimals: 6, rounding: .halfEven)!
        return ClosedTrade(
            symbol: "XBT/USD", entryTs: hour.adding(hours: -hoursAgo - 5), exitTs: hour.adding(hours: -hoursAgo),
            realizedPnlQuote: pnl, returnFraction: returnFraction,
            exitReason: returnFraction > 0 ? .takeProfit : .stopLoss)
    }

    /// `wins` winning trades of `win` then `losses` losing trades of `-loss` (returns), oldest first.
    static func trades(wins: Int, win: Double, losses: Int, loss: Double) -> [ClosedTrade] {
        let total = Int64(wins + losses)
        var result: [ClosedTrade] = []
        for index in 0..<wins { result.append(trade(win, hoursAgo: 48 + (total - Int64(index)) * 10)) }
        for index in 0..<losses { result.append(trade(-loss, hoursAgo: 48 + (total - Int64(wins + index)) * 10)) }
        return result
    }
}

extension RuleResult {
    var modifiedQuantity: FixedDecimal? {
        if case .modify(let quantity) = outcome { return quantity }
        return nil
    }
}
