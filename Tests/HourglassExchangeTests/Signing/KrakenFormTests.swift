import HourglassExchange
import Testing

@Suite struct KrakenFormTests {
    @Test func encodesInOrderAndEscapesReservedCharacters() {
        let form = KrakenForm([("pair", "XBT/USD"), ("price", "37500"), ("note", "a b&c=d")])
        #expect(form.encoded == "pair=XBT%2FUSD&price=37500&note=a%20b%26c%3Dd")
    }

    @Test func parseReadsWhatEncodeWrote() {
        let form = KrakenForm([
            ("cl_ord_id", "6d1b345e-2821-40e2-ad83-4ecb18a06876"), ("deadline", "2026-01-01T00:00:15Z"),
        ])
        #expect(KrakenForm.parse(form.encoded) == form)
        #expect(KrakenForm.parse("a=%zz") == nil)
    }
}
