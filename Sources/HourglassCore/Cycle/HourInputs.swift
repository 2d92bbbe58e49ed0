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
    /// The models trained for this hour when it is a retrain hour, sorted by kind (else empty). The
    /// `ModelSet` given to the step must hold exactly these artifacts.
    public var modelsTrained: [ModelTrained]

    /// Creates inputs.
    public init(
        hourTs: UTCTimestamp, bars: [Bar], releases: [KillSwitchReleased] = [],
        exchange: ExchangeInputs = ExchangeInputs(), modelsTrained: [ModelTrained] = []
    ) {
        self.hourTs = hourTs
        self.bars = bars
        self.releases = releases
        self.exchange = exchange
        self.modelsTrained = modelsTrained.sorted { $0.kind < $1.kind }
    }

    /// The input events in manifest order: bars (sorted by symbol), releases, the exchange's, then the
    /// models trained (sorted by kind).
    public var events: [DomainEvent] { bars.map { DomainEvent.barRecorded(BarRecorded(bar: $0)) } + eventsAfterBars }

    /// The input events after the bars: releases, the exchange's, then the models trained.
    var eventsAfterBars: [DomainEvent] {
        releases.map { DomainEvent.killSwitchReleased($0) } + exchange.events
            + modelsTrained.map { DomainEvent.modelTrained($0) }
    }
}
