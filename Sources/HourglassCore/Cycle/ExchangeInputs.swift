/// What the exchange told the runner for hour H (PAPER and LIVE; empty in BACKTEST): pair rules,
/// tickers, and in LIVE the acknowledgements, fills and balances of H−1's orders, and alarms.
public struct ExchangeInputs: Sendable, Equatable {
    /// The pair rules that held at H, if recorded.
    public var pairRules: PairRulesRecorded?
    /// Bid and ask at decision time, sorted by symbol.
    public var tickers: [TickerRecorded]
    /// Answers to H−1's orders, sorted by order id.
    public var acknowledgements: [ExchangeOrderAcknowledged]
    /// Fills of H−1's orders, sorted by order id then trade id.
    public var fills: [ExchangeFillRecorded]
    /// The account's balances, if read.
    public var balances: BalancesRecorded?
    /// Findings that trip the kill switch, in log order.
    public var alarms: [ExchangeAlarmRaised]

    /// Creates inputs; sorts tickers, acknowledgements and fills.
    public init(
        pairRules: PairRulesRecorded? = nil, tickers: [TickerRecorded] = [],
        acknowledgements: [ExchangeOrderAcknowledged] = [], fills: [ExchangeFillRecorded] = [],
        balances: BalancesRecorded? = nil, alarms: [ExchangeAlarmRaised] = []
    ) {
        self.pairRules = pairRules
        self.tickers = tickers.sorted { $0.symbol < $1.symbol }
        self.acknowledgements = acknowledgements.sorted { $0.orderId < $1.orderId }
        self.fills = fills.sorted { ($0.orderId, $0.tradeId) < ($1.orderId, $1.tradeId) }
        self.balances = balances
        self.alarms = alarms
    }

    /// True when nothing was recorded (every BACKTEST hour).
    public var isEmpty: Bool {
        pairRules == nil && tickers.isEmpty && acknowledgements.isEmpty && fills.isEmpty && balances == nil
            && alarms.isEmpty
    }

    /// The events in manifest order: pair rules, tickers, acknowledgements, fills, balances, alarms.
    public var events: [DomainEvent] {
        var events: [DomainEvent] = []
        if let pairRules { events.append(.pairRulesRecorded(pairRules)) }
        events += tickers.map { .tickerRecorded($0) }
        events += acknowledgements.map { .exchangeOrderAcknowledged($0) }
        events += fills.map { .exchangeFillRecorded($0) }
        if let balances { events.append(.balancesRecorded(balances)) }
        events += alarms.map { .exchangeAlarmRaised($0) }
        return events
    }

    /// The recorded ticker of `symbol`, if any.
    public func ticker(_ symbol: String) -> TickerRecorded? { tickers.first { $0.symbol == symbol } }

    /// The acknowledgement of order `orderId`, if any.
    public func acknowledgement(_ orderId: UInt64) -> ExchangeOrderAcknowledged? {
        acknowledgements.first { $0.orderId == orderId }
    }
}
