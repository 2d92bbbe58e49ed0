import HourglassCore
import Testing

/// Pins every decision of two multi-month windows on real Kraken bars: a SHA-256 over every
/// event's canonical bytes (the manifest inside `HourClosed` with its two state hashes zeroed,
/// since those change whenever the state's encoding does) and the final cash and equity.
///
/// The digests were recorded before the reducer was optimised; an optimisation that changes any
/// decision, event byte or amount changes them. A deliberate behaviour change re-records them
/// with the reason in the commit message.
@Suite("Event digest pins")
struct EventDigestPinTests {
    /// The pinned digest of `run`: every event of every hour, in order.
    static func digest(_ run: CycleRun) -> (digest: String, events: Int, summary: String) {
        var builder = Hash256Builder()
        var count = 0
        for events in run.hourEvents {
            for event in events {
                var bytes: [UInt8]
                if case .hourClosed(var closed) = event {
                    closed.manifest.prevStateSha256 = .zero
                    closed.manifest.stateSha256 = .zero
                    bytes = DomainEvent.hourClosed(closed).canonicalBytes
                } else {
                    bytes = event.canonicalBytes
                }
                bytes.insert(contentsOf: Array(event.eventType.rawValue.utf8) + [0], at: 0)
                builder.update(Hash256.of(bytes))
                count += 1
            }
        }
        let summary =
            "cash \(run.state.cashQuote) equity \(run.state.equityQuote) last \(run.state.lastHourTs.map { "\($0)" } ?? "-")"
        return (builder.finalize().hex, count, summary)
    }

    @Test func januaryToApril2021IsUnchanged() {
        let run = SharedRun.run
        let pinned = Self.digest(run)
        print("pin 2021-01..04: \(pinned.digest) events \(pinned.events) \(pinned.summary)")
        #expect(run.violations.isEmpty)
        #expect(pinned.digest == "18e0b2d78f43581325781f22bb35a107043dd43bc0e727f64f7e205bf934a1e5")
        #expect(pinned.events == 16780)
        #expect(pinned.summary == "cash 96234.7466 equity 96234.7466 last 2021-04-30T23:00:00Z")
    }

    @Test func firstQuarterOf2018IsUnchanged() {
        let hours = KrakenTestBars.hours(
            from: KrakenTestBars.ts("2018-01-01T00:00:00Z"), to: KrakenTestBars.ts("2018-03-31T23:00:00Z"))
        let run = CycleRun(hours: hours, releaseAfterHours: 24)
        let pinned = Self.digest(run)
        print("pin 2018-01..03: \(pinned.digest) events \(pinned.events) \(pinned.summary)")
        #expect(run.violations.isEmpty)
        #expect(pinned.digest == "f534276bc66fa397915f4d24b21ab3ab483fbaf1a548ec15b4c6358401d1a337")
        #expect(pinned.events == 11622)
        #expect(pinned.summary == "cash 97958.0386 equity 97958.0386 last 2018-03-31T23:00:00Z")
    }
}
