import HourglassCore
import Testing

@testable import HourglassModels

@Suite("CombinatorialPurgedCV")
struct CombinatorialPurgedCVTests {
    static let start = KrakenPricePoints.ts("2021-01-01T00:00:00Z")

    /// One sample per hour, each label known `horizon` hours after its entry.
    static func hourly(_ count: Int, horizon: Int64) -> [SampleSpan] {
        (0..<count).map {
            SampleSpan(
                entryHourTs: start.adding(hours: Int64($0)),
                availableHourTs: start.adding(hours: Int64($0) + horizon))
        }
    }

    @Test("6 groups with 2 tested give 15 splits and 5 paths; every sample is tested in 5 of them")
    func combinatorics() {
        let cv = CombinatorialPurgedCV(groupCount: 6, testGroupCount: 2, embargoHours: 0)
        #expect(cv.combinations.count == 15)
        #expect(cv.combinations.first == [0, 1] && cv.combinations.last == [4, 5])
        #expect(cv.pathCount == 5)
        let splits = cv.splits(Self.hourly(60, horizon: 1))
        for sample in 0..<60 { #expect(splits.filter { $0.testIndices.contains(sample) }.count == 5) }
    }

    @Test("purging and embargo remove exactly the samples next to a test group")
    func handWorkedExample() {
        // 12 hourly samples, labels 3 hours long, 4 groups of 3, testing group 1 (samples 3…5, window
        // entry 3 … available 8). Samples 0…2 end at 3…5: 1 and 2 overlap and are purged, 0 ends at 3 (the
        // window's start) and overlaps too. Samples 6…8 start ≤ 8: purged. Embargo 2 h: entries 9, 10 go.
        let cv = CombinatorialPurgedCV(groupCount: 4, testGroupCount: 1, embargoHours: 2)
        let split = cv.splits(Self.hourly(12, horizon: 3))[1]
        #expect(split.testGroups == [1])
        #expect(split.testIndices == [3, 4, 5])
        #expect(split.trainIndices == [11])
        let noEmbargo = CombinatorialPurgedCV(groupCount: 4, testGroupCount: 1, embargoHours: 0)
        #expect(noEmbargo.splits(Self.hourly(12, horizon: 3))[1].trainIndices == [9, 10, 11])
        #expect(noEmbargo.splits(Self.hourly(12, horizon: 1))[1].trainIndices == [0, 1, 7, 8, 9, 10, 11])
    }

    @Test("on real Kraken labels, no training label window touches any test group's window")
    func krakenNoOverlap() {
        let points = KrakenPricePoints.points("kraken_LTCUSD_1h.csv", from: "2021-01-01", to: "2021-03-31T23")
        let spans = TripleBarrierLabeler().labels(points).map(SampleSpan.init)
        let cv = CombinatorialPurgedCV(groupCount: 6, testGroupCount: 2, embargoHours: 24)
        for split in cv.splits(spans) {
            #expect(Set(split.trainIndices).isDisjoint(with: split.testIndices))
            #expect(split.trainIndices.count > spans.count / 3)
            let testEntries = split.testIndices.map { spans[$0].entryHourTs }
            for index in split.trainIndices {
                for testIndex in split.testIndices {
                    let test = spans[testIndex]
                    let train = spans[index]
                    let overlap = train.entryHourTs <= test.availableHourTs && train.availableHourTs >= test.entryHourTs
                    if overlap {
                        Issue.record("train \(index) overlaps test \(testIndex)")
                        return
                    }
                }
            }
            #expect(!testEntries.isEmpty)
        }
    }
}
