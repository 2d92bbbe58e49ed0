import HourglassCore
import Testing

@testable import HourglassModels

@Suite("OutOfFold")
struct OutOfFoldTests {
    @Test("every sample is predicted once, by a fit that saw no overlapping label window")
    func purged() throws {
        let points = KrakenPricePoints.points("kraken_XRPUSD_1h.csv", from: "2021-01-01", to: "2021-03-31T23")
        let eth = KrakenPricePoints.points("kraken_ETHUSD_1h.csv", from: "2021-01-01", to: "2021-03-31T23")
        // Two symbols back to back: spans not in time order, as a multi-symbol training set is.
        let spans = (TripleBarrierLabeler().labels(points) + TripleBarrierLabeler().labels(eth)).map(SampleSpan.init)
        var calls = 0
        let predictions = OutOfFold.predictions(spans: spans, groupCount: 4, embargoHours: 24) { train, test in
            calls += 1
            #expect(Set(train).isDisjoint(with: test))
            let first = test.map { spans[$0].entryHourTs }.min()!
            let last = test.map { spans[$0].availableHourTs }.max()!
            for index in train {
                let overlaps = spans[index].entryHourTs <= last && spans[index].availableHourTs >= first
                if overlaps { Issue.record("training sample \(index) overlaps the test group") }
            }
            #expect(train.count > spans.count / 3)
            return test.map { Double($0) }
        }
        #expect(calls == 4)
        #expect(predictions == spans.indices.map(Double.init))
    }
}
