/// Every kind of event the log can hold. The raw value is the name stored in `events.event_type`
/// and fed into the hash chain, so a case is never renamed once written.
public enum EventType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// One market bar (its own stream per exchange).
    case barRecorded = "BarRecorded"
    /// A missing bar carried forward into a feature window by the gap policy (output).
    case barCarriedForward = "BarCarriedForward"
    /// A run began: configuration, engine version, models.
    case runStarted = "RunStarted"
    /// An order of an earlier hour filled.
    case orderFilled = "OrderFilled"
    /// An order of an earlier hour could not fill.
    case orderCancelled = "OrderCancelled"
    /// An exit condition fired for a held position.
    case exitTriggered = "ExitTriggered"
    /// The model set's prediction for one symbol.
    case predictionMade = "PredictionMade"
    /// A governance verdict on one proposed order.
    case verdictRecorded = "VerdictRecorded"
    /// An approved order, to fill at the next hour's open.
    case orderPlaced = "OrderPlaced"
    /// A balanced ledger posting.
    case ledgerPosted = "LedgerPosted"
    /// The kill switch tripped.
    case killSwitchTripped = "KillSwitchTripped"
    /// An operator released the kill switch.
    case killSwitchReleased = "KillSwitchReleased"
    /// An hour finished; carries its manifest.
    case hourClosed = "HourClosed"
    /// The exchange's pair rules at an hour (input, PAPER/LIVE).
    case pairRulesRecorded = "PairRulesRecorded"
    /// A pair's bid and ask at decision time (input, PAPER/LIVE).
    case tickerRecorded = "TickerRecorded"
    /// The exchange's answer to an order of the previous hour (input, LIVE).
    case exchangeOrderAcknowledged = "ExchangeOrderAcknowledged"
    /// One exchange fill of an order of the previous hour (input, LIVE).
    case exchangeFillRecorded = "ExchangeFillRecorded"
    /// The exchange account's balances (input, LIVE).
    case balancesRecorded = "BalancesRecorded"
    /// An exchange finding that trips the kill switch (input, PAPER/LIVE).
    case exchangeAlarmRaised = "ExchangeAlarmRaised"
    /// One model of the ensemble trained at a retrain hour (input of that hour).
    case modelTrained = "ModelTrained"

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }
}
