import HourglassCore
import Testing

@Suite struct CycleEventsTests {
    @Test func everyCycleEventTypeHasASample() {
        let types = Set(cycleEventSamples().map(\.eventType))
        #expect(types == Set(EventType.allCases).subtracting([.barRecorded]))
    }

    @Test(arguments: cycleEventSamples())
    func decodeThenEncodeIsTheIdentity(_ event: DomainEvent) throws {
        let bytes = event.canonicalBytes
        let decoded = try DomainEvent.decode(type: event.eventType, canonical: bytes)
        #expect(decoded == event)
        #expect(decoded.canonicalBytes == bytes)
        #expect(
            try DomainEvent.decode(type: event.eventType, canonical: bytes).json.canonicalText
                == event.json.canonicalText)
        #expect(throws: CodecError.self) { try DomainEvent.decode(type: event.eventType, canonical: bytes + [0]) }
    }

    @Test func everyEventOfTheSharedRunRoundTrips() throws {
        for event in SharedRun.run.events.prefix(3000) {
            let bytes = event.canonicalBytes
            #expect(try DomainEvent.decode(type: event.eventType, canonical: bytes).canonicalBytes == bytes)
        }
    }
}
