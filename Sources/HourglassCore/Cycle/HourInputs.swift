/// Everything hour H's cycle reads: the bars that open at H and the operator's inputs.
public struct HourInputs: Sendable, Equatable {
    /// The hour (the bars open at it; the cycle runs after they close).
    public var hourTs: UTCTimestamp
    /// Bars of universe symbols opening at `hourTs`, sorted by symbol, at most one per symbol;
    /// a missing bar is simply absent.
    public var bars: [Bar]
    /// Kill-switch releases appended by the operator since the previous hour, in log order.
    public var releases: [KillSwitchReleased]
    /// What the exchange told the runner for this hour (empty in BACKTEST).
    public var exchange: ExchangeInputs

    /// Creates inputs.
    public init(
        hourTs: UTCTimestamp, bars: [Bar], releases: [KillSwitchReleased] = [],
        exchange: ExchangeInputs = ExchangeInputs()
    ) {
        self.hourTs = hourTs
        self.bars = bars
        self.releases = releases
        self.exchange = exchange
    }

    /// The input events in manifest order: bars (sorted by symbol), releases, then the exchange's.
    public var events: [DomainEvent] {
        bars.map { DomainEvent.barRecorded(BarRecorded(bar: $0)) } + releases.map { DomainEvent.killSwitchReleased($0) }
            + exchange.events
    }
}
