/// Everything a rule may look at when it judges an order, as of the close of hour H.
///
/// Built by the reducer from `EngineState`, the hour's bars and features. Arrays are sorted by
/// symbol; lookups go through the accessor functions so no dictionary order leaks out.
public struct GovernanceContext: Sendable {
    /// The hour being decided.
    public var hourTs: UTCTimestamp
    /// Cash available for new buys after orders already approved this hour.
    public var freeCashQuote: FixedDecimal
    /// Cash + Σ quantity × mark at the close of H.
    public var equityQuote: FixedDecimal
    /// Highest equity seen so far in the run.
    public var peakEquityQuote: FixedDecimal
    /// Equity at 00:00 UTC of the current day (the first hour of the day the run saw).
    public var dayOpenEquityQuote: FixedDecimal
    /// Held positions (including quantity already approved this hour), sorted by symbol.
    public var positions: [PositionView]
    /// Per-symbol market view for every symbol in the universe, sorted by symbol.
    public var markets: [MarketView]
    /// Pairwise 30-day return correlations, sorted by (a, b) with a < b.
    public var correlations: [CorrelationEntry]
    /// Closed trades so far, oldest first (only the most recent `Config` window is kept).
    public var closedTrades: [ClosedTradeView]
    /// New entries approved in this hour so far.
    public var entriesThisHour: Int
    /// New entries approved since 00:00 UTC today, including this hour's.
    public var entriesToday: Int
    /// True while the kill switch is tripped (and not released).
    public var killSwitchTripped: Bool
    /// Why the kill switch is tripped, if it is.
    public var killSwitchReason: String?
    /// Circuit-breaker state name (`NORMAL`, `ALERT`, `THROTTLE`, `HALT`).
    public var breakerState: String
    /// Share of the universe whose bar for H is missing or invalid (0...1).
    public var missingBarShare: Double

    /// Creates a context.
    public init(hourTs: UTCTimestamp, freeCashQuote: FixedDecimal, equityQuote: FixedDecimal, peakEquityQuote: FixedDecimal,
                dayOpenEquityQuote: FixedDecimal, positions: [PositionView], markets: [MarketView],
                correlations: [CorrelationEntry], closedTrades: [ClosedTradeView], entriesThisHour: Int,
                entriesToday: Int, killSwitchTripped: Bool, killSwitchReason: String?, breakerState: String,
                missingBarShare: Double) {
        self.hourTs = hourTs
        self.freeCashQuote = freeCashQuote
        self.equityQuote = equityQuote
        self.peakEquityQuote = peakEquityQuote
        self.dayOpenEquityQuote = dayOpenEquityQuote
        self.positions = positions
        self.markets = markets
        self.correlations = correlations
        self.closedTrades = closedTrades
        self.entriesThisHour = entriesThisHour
        self.entriesToday = entriesToday
        self.killSwitchTripped = killSwitchTripped
        self.killSwitchReason = killSwitchReason
        self.breakerState = breakerState
        self.missingBarShare = missingBarShare
    }

    /// The held position in `symbol`, if any.
    public func position(_ symbol: String) -> PositionView? { positions.first { $0.symbol == symbol } }

    /// The market view of `symbol`, if it is in the universe.
    public func market(_ symbol: String) -> MarketView? { markets.first { $0.symbol == symbol } }

    /// The 30-day return correlation of two symbols, if known.
    public func correlation(_ a: String, _ b: String) -> Double? {
        let (low, high) = a < b ? (a, b) : (b, a)
        return correlations.first { $0.symbolA == low && $0.symbolB == high }?.correlation
    }

    /// Σ position value at marks.
    public var grossExposureQuote: FixedDecimal { positions.reduce(.zero) { $0 + $1.valueQuote } }

    /// Drawdown from peak equity as a fraction (0 when at or above the peak).
    public var drawdownFraction: Double {
        guard peakEquityQuote.isPositive, equityQuote < peakEquityQuote else { return 0 }
        return (peakEquityQuote - equityQuote).doubleValue / peakEquityQuote.doubleValue
    }
}

/// A held position as rules see it.
public struct PositionView: Sendable, Hashable {
    public var symbol: String
    /// Quantity held in the base asset (never negative).
    public var quantityBase: FixedDecimal
    /// Mark price (close of H).
    public var markPriceQuote: FixedDecimal
    /// Quantity × mark.
    public var valueQuote: FixedDecimal
    /// Hour the position was opened.
    public var openedTs: UTCTimestamp

    public init(symbol: String, quantityBase: FixedDecimal, markPriceQuote: FixedDecimal, valueQuote: FixedDecimal, openedTs: UTCTimestamp) {
        self.symbol = symbol
        self.quantityBase = quantityBase
        self.markPriceQuote = markPriceQuote
        self.valueQuote = valueQuote
        self.openedTs = openedTs
    }
}

/// One symbol's market state at the close of H, as rules see it.
public struct MarketView: Sendable, Hashable {
    public var symbol: String
    /// False when the bar of H is missing, stale or invalid.
    public var barValid: Bool
    /// Why the bar is not valid, if it is not.
    public var barProblem: String?
    /// Close of H (the last price the decision could see), if any.
    public var lastPriceQuote: FixedDecimal?
    /// Number of consecutive valid hourly bars ending at H (history available to features).
    public var historyBars: Int
    /// Feature values of H (nil when there is not enough history).
    public var features: SymbolFeatures?
    /// Regime label of the symbol at H (`trend`, `range`, `high_vol`, `crash`, `unknown`).
    public var regime: String
    /// Quantity lot: order quantities round down to this many decimals.
    public var lotDecimals: Int
    /// Smallest order quantity the exchange accepts, in the base asset.
    public var minOrderBase: FixedDecimal
    /// Last hour a position in this symbol was closed, if ever.
    public var lastExitTs: UTCTimestamp?
    /// Last hour a stop loss closed a position in this symbol, if ever.
    public var lastStopOutTs: UTCTimestamp?
    /// The recorded ticker's relative spread ÷ the 30-day median hourly range (PAPER/LIVE with a
    /// ticker); nil when no ticker was recorded, so `spread_anomaly` uses the high−low proxy.
    public var tickerSpreadRatio: Double?

    public init(symbol: String, barValid: Bool, barProblem: String?, lastPriceQuote: FixedDecimal?, historyBars: Int,
                features: SymbolFeatures?, regime: String, lotDecimals: Int, minOrderBase: FixedDecimal,
                lastExitTs: UTCTimestamp?, lastStopOutTs: UTCTimestamp?, tickerSpreadRatio: Double? = nil) {
        self.tickerSpreadRatio = tickerSpreadRatio
        self.symbol = symbol
        self.barValid = barValid
        self.barProblem = barProblem
        self.lastPriceQuote = lastPriceQuote
        self.historyBars = historyBars
        self.features = features
        self.regime = regime
        self.lotDecimals = lotDecimals
        self.minOrderBase = minOrderBase
        self.lastExitTs = lastExitTs
        self.lastStopOutTs = lastStopOutTs
    }
}

/// The correlation of two symbols' hourly returns over the last 30 days.
public struct CorrelationEntry: Sendable, Hashable {
    /// The lexically smaller symbol.
    public var symbolA: String
    /// The lexically larger symbol.
    public var symbolB: String
    public var correlation: Double

    public init(symbolA: String, symbolB: String, correlation: Double) {
        self.symbolA = symbolA
        self.symbolB = symbolB
        self.correlation = correlation
    }
}

/// A closed round trip, as rules and sizing see it (realised, from the ledger).
public struct ClosedTradeView: Sendable, Hashable {
    public var symbol: String
    public var entryTs: UTCTimestamp
    public var exitTs: UTCTimestamp
    /// Realised P&L after fees, in quote currency.
    public var realizedPnlQuote: FixedDecimal
    /// Realised return on the entry notional (after fees).
    public var returnFraction: Double
    /// Why it was closed (`stop_loss`, `take_profit`, ...).
    public var exitReason: String

    public init(symbol: String, entryTs: UTCTimestamp, exitTs: UTCTimestamp, realizedPnlQuote: FixedDecimal, returnFraction: Double, exitReason: String) {
        self.symbol = symbol
        self.entryTs = entryTs
        self.exitTs = exitTs
        self.realizedPnlQuote = realizedPnlQuote
        self.returnFraction = returnFraction
        self.exitReason = exitReason
    }
}
