@testable import HourglassCore

/// Sample payloads for every event type, used by the codec round-trip and golden tests.
///
/// The switch has no `default`, so adding an `EventType` case breaks the build here until the new
/// type has samples: no event type can reach the log without a round-trip test.
enum DomainEventSamples {
    static func samples(for type: EventType) -> [DomainEvent] {
        switch type {
        case .barRecorded:
            var extreme = TestSupport.sampleBar()
            extreme.exchange = "binance"
            extreme.symbol = "ÉTH/ÜSD ✓"  // non-ASCII survives the string rule
            extreme.openTs = UTCTimestamp(secondsSinceEpoch: -3600)
            extreme.intervalSeconds = 60
            extreme.openPrice = FixedDecimal(raw: .max)
            extreme.highPrice = FixedDecimal(raw: .min)
            extreme.lowPrice = FixedDecimal(raw: 1)
            extreme.closePrice = FixedDecimal(raw: -1)
            extreme.volumeBase = .zero
            var empty = TestSupport.sampleBar()
            empty.exchange = ""
            empty.symbol = ""
            return [
                .barRecorded(BarRecorded(bar: TestSupport.sampleBar())),
                .barRecorded(BarRecorded(bar: extreme)),
                .barRecorded(BarRecorded(bar: empty)),
            ]
        case .barCarriedForward, .runStarted,
            .orderFilled, .orderCancelled, .exitTriggered, .predictionMade, .verdictRecorded,
            .orderPlaced,
            .ledgerPosted, .killSwitchTripped, .killSwitchReleased, .hourClosed, .pairRulesRecorded, .tickerRecorded,
            .exchangeOrderAcknowledged, .exchangeFillRecorded, .balancesRecorded, .exchangeAlarmRaised, .modelTrained:
            // The cycle's own samples (CycleEventSamples.swift): at least one per type, checked below.
            let samples = cycleEventSamples().filter { $0.eventType == type }
            precondition(!samples.isEmpty, "cycleEventSamples() has no sample of \(type)")
            return samples
        }
    }

    /// Every sample of every type, in `EventType.allCases` order.
    static var all: [DomainEvent] { EventType.allCases.flatMap { samples(for: $0) } }
}
