import Testing

@testable import HourglassStore

/// The stored manifest text against the replayed manifest's bytes: equal only when every byte is.
struct CycleRunnerReplayTests {
    @Test func manifestTextEqualsOnlyItsExactUTF8Bytes() {
        let text = #"{"engine_version":"hourglass-core","hour_ts_utc":"2021-01-01T00:00:00Z","note":"é€"}"#
        let bytes = Array(text.utf8)
        #expect(CycleRunner.utf8(of: text, equals: bytes))
        #expect(CycleRunner.utf8(of: "", equals: []))
        #expect(!CycleRunner.utf8(of: "", equals: [0x7B]))
        #expect(!CycleRunner.utf8(of: text, equals: Array(bytes.dropLast())), "a shorter replay")
        #expect(!CycleRunner.utf8(of: text, equals: bytes + [0x7D]), "a longer replay")
        for index in stride(from: 0, to: bytes.count, by: 7) {
            var flipped = bytes
            flipped[index] ^= 0x01
            #expect(!CycleRunner.utf8(of: text, equals: flipped), "byte \(index) differs")
        }
        // A bridged or substring-backed text is compared by its bytes too.
        let slice = String(text.dropFirst(1))
        #expect(CycleRunner.utf8(of: slice, equals: Array(bytes.dropFirst(1))))
    }
}
