import HourglassCore
import HourglassExchange
import Testing

@Suite struct ClientOrderReferenceTests {
    let hour = UTCTimestamp.parse("2026-03-01T10:00:00Z")!

    @Test func isDeterministicAndUUIDShaped() {
        let first = ClientOrderReference(runId: "3f1c", hourTs: hour, orderId: 42)
        let again = ClientOrderReference(runId: "3f1c", hourTs: hour, orderId: 42)
        #expect(first == again)
        let id = first.clientOrderId
        #expect(id.count == 36)
        let groups = id.split(separator: "-").map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(Array(id)[14] == "8")
        #expect("89ab".contains(Array(id)[19]))
        #expect(first.userReference > 0)
    }

    @Test func eachPartChangesTheReference() {
        let base = ClientOrderReference(runId: "run", hourTs: hour, orderId: 1)
        let others = [
            ClientOrderReference(runId: "run2", hourTs: hour, orderId: 1),
            ClientOrderReference(runId: "run", hourTs: hour.adding(hours: 1), orderId: 1),
            ClientOrderReference(runId: "run", hourTs: hour, orderId: 2),
        ]
        for other in others {
            #expect(other.clientOrderId != base.clientOrderId)
            #expect(other.userReference != base.userReference)
        }
    }
}
