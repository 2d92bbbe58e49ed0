/// Any decoded event payload: the one place that maps an `EventType` to its payload type.
public enum DomainEvent: Sendable, Equatable {
    case barRecorded(BarRecorded)
    case barCarriedForward(BarCarriedForward)
    case runStarted(RunStarted)
    case orderFilled(OrderFilled)
    case orderCancelled(OrderCancelled)
    case exitTriggered(ExitTriggered)
    case predictionMade(PredictionMade)
    case verdictRecorded(VerdictRecorded)
    case orderPlaced(OrderPlaced)
    case ledgerPosted(LedgerPosted)
    case killSwitchTripped(KillSwitchTripped)
    case killSwitchReleased(KillSwitchReleased)
    case hourClosed(HourClosed)
    case pairRulesRecorded(PairRulesRecorded)
    case tickerRecorded(TickerRecorded)
    case exchangeOrderAcknowledged(ExchangeOrderAcknowledged)
    case exchangeFillRecorded(ExchangeFillRecorded)
    case balancesRecorded(BalancesRecorded)
    case exchangeAlarmRaised(ExchangeAlarmRaised)
    case modelTrained(ModelTrained)

    /// The payload's event type.
    public var eventType: EventType {
        switch self {
        case .barRecorded: return .barRecorded
        case .barCarriedForward: return .barCarriedForward
        case .runStarted: return .runStarted
        case .orderFilled: return .orderFilled
        case .orderCancelled: return .orderCancelled
        case .exitTriggered: return .exitTriggered
        case .predictionMade: return .predictionMade
        case .verdictRecorded: return .verdictRecorded
        case .orderPlaced: return .orderPlaced
        case .ledgerPosted: return .ledgerPosted
        case .killSwitchTripped: return .killSwitchTripped
        case .killSwitchReleased: return .killSwitchReleased
        case .hourClosed: return .hourClosed
        case .pairRulesRecorded: return .pairRulesRecorded
        case .tickerRecorded: return .tickerRecorded
        case .exchangeOrderAcknowledged: return .exchangeOrderAcknowledged
        case .exchangeFillRecorded: return .exchangeFillRecorded
        case .balancesRecorded: return .balancesRecorded
        case .exchangeAlarmRaised: return .exchangeAlarmRaised
        case .modelTrained: return .modelTrained
        }
    }

    /// The payload's canonical bytes.
    public var canonicalBytes: [UInt8] {
        switch self {
        case .barRecorded(let payload): return payload.canonicalBytes
        case .barCarriedForward(let payload): return payload.canonicalBytes
        case .runStarted(let payload): return payload.canonicalBytes
        case .orderFilled(let payload): return payload.canonicalBytes
        case .orderCancelled(let payload): return payload.canonicalBytes
        case .exitTriggered(let payload): return payload.canonicalBytes
        case .predictionMade(let payload): return payload.canonicalBytes
        case .verdictRecorded(let payload): return payload.canonicalBytes
        case .orderPlaced(let payload): return payload.canonicalBytes
        case .ledgerPosted(let payload): return payload.canonicalBytes
        case .killSwitchTripped(let payload): return payload.canonicalBytes
        case .killSwitchReleased(let payload): return payload.canonicalBytes
        case .hourClosed(let payload): return payload.canonicalBytes
        case .pairRulesRecorded(let payload): return payload.canonicalBytes
        case .tickerRecorded(let payload): return payload.canonicalBytes
        case .exchangeOrderAcknowledged(let payload): return payload.canonicalBytes
        case .exchangeFillRecorded(let payload): return payload.canonicalBytes
        case .balancesRecorded(let payload): return payload.canonicalBytes
        case .exchangeAlarmRaised(let payload): return payload.canonicalBytes
        case .modelTrained(let payload): return payload.canonicalBytes
        }
    }

    /// The payload as JSON.
    public var json: JSONValue {
        switch self {
        case .barRecorded(let payload): return payload.json
        case .barCarriedForward(let payload): return payload.json
        case .runStarted(let payload): return payload.json
        case .orderFilled(let payload): return payload.json
        case .orderCancelled(let payload): return payload.json
        case .exitTriggered(let payload): return payload.json
        case .predictionMade(let payload): return payload.json
        case .verdictRecorded(let payload): return payload.json
        case .orderPlaced(let payload): return payload.json
        case .ledgerPosted(let payload): return payload.json
        case .killSwitchTripped(let payload): return payload.json
        case .killSwitchReleased(let payload): return payload.json
        case .hourClosed(let payload): return payload.json
        case .pairRulesRecorded(let payload): return payload.json
        case .tickerRecorded(let payload): return payload.json
        case .exchangeOrderAcknowledged(let payload): return payload.json
        case .exchangeFillRecorded(let payload): return payload.json
        case .balancesRecorded(let payload): return payload.json
        case .exchangeAlarmRaised(let payload): return payload.json
        case .modelTrained(let payload): return payload.json
        }
    }

    /// Decodes canonical bytes of the given type.
    public static func decode(type: EventType, canonical bytes: [UInt8]) throws(CodecError) -> DomainEvent {
        switch type {
        case .barRecorded: return .barRecorded(try BarRecorded.decode(canonical: bytes))
        case .barCarriedForward: return .barCarriedForward(try BarCarriedForward.decode(canonical: bytes))
        case .runStarted: return .runStarted(try RunStarted.decode(canonical: bytes))
        case .orderFilled: return .orderFilled(try OrderFilled.decode(canonical: bytes))
        case .orderCancelled: return .orderCancelled(try OrderCancelled.decode(canonical: bytes))
        case .exitTriggered: return .exitTriggered(try ExitTriggered.decode(canonical: bytes))
        case .predictionMade: return .predictionMade(try PredictionMade.decode(canonical: bytes))
        case .verdictRecorded: return .verdictRecorded(try VerdictRecorded.decode(canonical: bytes))
        case .orderPlaced: return .orderPlaced(try OrderPlaced.decode(canonical: bytes))
        case .ledgerPosted: return .ledgerPosted(try LedgerPosted.decode(canonical: bytes))
        case .killSwitchTripped: return .killSwitchTripped(try KillSwitchTripped.decode(canonical: bytes))
        case .killSwitchReleased: return .killSwitchReleased(try KillSwitchReleased.decode(canonical: bytes))
        case .hourClosed: return .hourClosed(try HourClosed.decode(canonical: bytes))
        case .pairRulesRecorded: return .pairRulesRecorded(try PairRulesRecorded.decode(canonical: bytes))
        case .tickerRecorded: return .tickerRecorded(try TickerRecorded.decode(canonical: bytes))
        case .exchangeOrderAcknowledged:
            return .exchangeOrderAcknowledged(try ExchangeOrderAcknowledged.decode(canonical: bytes))
        case .exchangeFillRecorded: return .exchangeFillRecorded(try ExchangeFillRecorded.decode(canonical: bytes))
        case .balancesRecorded: return .balancesRecorded(try BalancesRecorded.decode(canonical: bytes))
        case .exchangeAlarmRaised: return .exchangeAlarmRaised(try ExchangeAlarmRaised.decode(canonical: bytes))
        case .modelTrained: return .modelTrained(try ModelTrained.decode(canonical: bytes))
        }
    }
}
