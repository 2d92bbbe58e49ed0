/// Everything the engine carries from one hour to the next. Snapshotted after every hour; its
/// SHA-256 is in every manifest. Every array is sorted by a defined key (symbol, order id,
/// account) so the canonical bytes never depend on insertion or hash order.
public struct EngineState: Sendable, Hashable {
    /// The hour the run starts at (the first hour `step` accepts).
    public var startHourTs: UTCTimestamp
    /// The last hour stepped, or nil before the first.
    public var lastHourTs: UTCTimestamp?
    /// Quote-currency cash; never negative.
    public var cashQuote: FixedDecimal
    /// Held positions, sorted by symbol.
    public var positions: [Position]
    /// Orders decided at `lastHourTs`, to fill at the next hour's open; sorted by order id.
    public var pendingOrders: [PendingOrder]
    /// One bar window per universe symbol, sorted by symbol.
    public var windows: [BarWindow]
    /// One memo per universe symbol, sorted by symbol.
    public var memos: [SymbolMemo]
    /// Highest equity seen at an hour's close.
    public var peakEquityQuote: FixedDecimal
    /// Equity at the close of the hour before the current UTC day began.
    public var dayOpenEquityQuote: FixedDecimal
    /// 00:00 UTC of the day `dayOpenEquityQuote` belongs to.
    public var dayStartTs: UTCTimestamp?
    /// Equity at the close of `lastHourTs`.
    public var lastEquityQuote: FixedDecimal
    /// Entries placed since 00:00 UTC.
    public var entriesToday: Int
    /// Entries placed in `lastHourTs`.
    public var entriesLastHour: Int
    /// Next order id.
    public var nextOrderId: UInt64
    /// Next ledger posting id.
    public var nextPostingId: UInt64
    /// The most recent closed trades, oldest first, at most `closedTradesKept`.
    public var closedTrades: [ClosedTrade] {
        // Without `oldValue`, so an in-place append is not preceded by a copy.
        didSet { closedTradesDigest.digest = nil }
    }
    /// Kill-switch state.
    public var killSwitch: KillSwitchState
    /// Circuit-breaker level and recovery count (stays NORMAL when governance is off).
    public var breaker: CircuitBreakerState
    /// Ledger balances (cash balance equals `cashQuote`).
    public var ledger: LedgerBalances
    /// One window of recent feature rows per universe symbol, sorted by symbol, when the configuration names
    /// sequence models; empty otherwise (and then absent from the canonical bytes).
    public var sequenceRows: [SequenceRows] = []
    /// Thompson-sampling trust over the base models (ensemble runs only; nil otherwise, and then absent from the
    /// canonical bytes).
    public var trust: ThompsonTrust? = nil
    /// The digest of `closedTrades` the state hash commits to, once computed (`refreshHashCaches`).
    var closedTradesDigest = ClosedTradesDigest()

    /// The state before the first hour: cash not yet posted (the first hour posts the capital).
    public static func initial(config: EngineConfig, startHourTs: UTCTimestamp) -> EngineState {
        precondition(config.validationProblem == nil, "invalid configuration: \(config.validationProblem!)")
        precondition(startHourTs.isOnHour, "the start hour must be on the hour")
        var state = EngineState(
            startHourTs: startHourTs, lastHourTs: nil, cashQuote: .zero, positions: [], pendingOrders: [],
            windows: config.universe.map { BarWindow(symbol: $0) },
            memos: config.universe.map { SymbolMemo(symbol: $0) },
            peakEquityQuote: config.initialCashQuote, dayOpenEquityQuote: config.initialCashQuote, dayStartTs: nil,
            lastEquityQuote: config.initialCashQuote, entriesToday: 0, entriesLastHour: 0, nextOrderId: 1,
            nextPostingId: 1,
            closedTrades: [], killSwitch: KillSwitchState(), breaker: .initial(at: startHourTs),
            ledger: LedgerBalances())
        if config.strategy.usesSequenceModels { state.sequenceRows = config.universe.map { SequenceRows(symbol: $0) } }
        if config.strategy.usesEnsemble { state.trust = ThompsonTrust() }
        return state
    }

    /// The held position in `symbol`, if any.
    public func position(_ symbol: String) -> Position? { positions.first { $0.symbol == symbol } }

    /// The window of `symbol`.
    public func window(_ symbol: String) -> BarWindow? { windows.first { $0.symbol == symbol } }

    /// The memo of `symbol`.
    public func memo(_ symbol: String) -> SymbolMemo? { memos.first { $0.symbol == symbol } }

    /// Cash + Σ quantity × mark.
    public var equityQuote: FixedDecimal { positions.reduce(cashQuote) { $0 + $1.valueQuote } }

    /// Puts `position` in place (inserting in symbol order), or removes the symbol's position when nil.
    public mutating func setPosition(_ symbol: String, _ position: Position?) {
        let index = positions.firstIndex { $0.symbol == symbol }
        switch (index, position) {
        case (let index?, let position?): positions[index] = position
        case (let index?, nil): positions.remove(at: index)
        case (nil, let position?):
            let insertAt = positions.firstIndex { $0.symbol > symbol } ?? positions.count
            positions.insert(position, at: insertAt)
        case (nil, nil): break
        }
    }

    /// Computes the derived values `sha256` reads that are not kept up to date as the state changes (the
    /// closed trades' digest), so the hour's hash and the next hour's need not derive them again.
    public mutating func refreshHashCaches() {
        if closedTradesDigest.digest == nil { closedTradesDigest.digest = ClosedTradesDigest.of(closedTrades) }
    }

    /// Checks the invariants that must hold at every hour's close; traps on a broken one.
    public func assertInvariants() {
        precondition(!cashQuote.isNegative, "cash is negative: \(cashQuote)")
        for position in positions {
            precondition(position.quantityBase.isPositive, "position \(position.symbol) is not positive")
        }
        precondition(
            zip(positions, positions.dropFirst()).allSatisfy { $0.symbol < $1.symbol }, "positions are not sorted")
        precondition(
            zip(pendingOrders, pendingOrders.dropFirst()).allSatisfy { $0.orderId < $1.orderId },
            "pending orders are not sorted")
        precondition(ledger.totalQuote.isZero, "ledger balances do not sum to zero")
        if lastHourTs != nil {
            precondition(ledger.balance(of: LedgerAccount.cash) == cashQuote, "ledger cash differs from state cash")
        }
    }
}
