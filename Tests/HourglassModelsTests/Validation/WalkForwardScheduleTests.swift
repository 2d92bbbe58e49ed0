import HourglassCore
import Testing

@testable import HourglassModels

@Suite("WalkForwardSchedule")
struct WalkForwardScheduleTests {
    static let points = KrakenPricePoints.points("kraken_XBTUSD_1h.csv", from: "2021-01-01", to: "2021-06-30T23")
    static let spans = TripleBarrierLabeler().labels(points).map(SampleSpan.init)
    static let schedule = WalkForwardSchedule(
        firstRetrainHourTs: KrakenPricePoints.ts("2021-02-01T00:00:00Z"),
        endHourTs: KrakenPricePoints.ts("2021-07-01T00:00:00Z"))

    @Test("retrain hours fall every 30 days from the first until the end")
    func retrainHours() {
        let hours = Self.schedule.retrainHours
        #expect(hours.count == 5)
        #expect(zip(hours, hours.dropFirst()).allSatisfy { $1.secondsSinceEpoch - $0.secondsSinceEpoch == 30 * 86_400 })
        #expect(hours.last! < Self.schedule.endHourTs)
    }

    @Test("no training sample's label is known after the retrain hour, or its entry inside the embargo")
    func noLookahead() {
        let folds = Self.schedule.folds(Self.spans)
        var purged = 0
        for fold in folds {
            #expect(!fold.trainIndices.isEmpty && !fold.testIndices.isEmpty)
            for index in fold.trainIndices {
                #expect(Self.spans[index].availableHourTs <= fold.retrainHourTs)
                #expect(Self.spans[index].entryHourTs < fold.retrainHourTs.adding(hours: -24))
            }
            for index in fold.testIndices {
                #expect(Self.spans[index].entryHourTs >= fold.retrainHourTs)
                #expect(Self.spans[index].entryHourTs < fold.nextRetrainHourTs)
            }
            // The premise: some samples entered before R but are only known after it, and were left out.
            purged +=
                Self.spans.indices.filter {
                    Self.spans[$0].entryHourTs < fold.retrainHourTs
                        && Self.spans[$0].availableHourTs > fold.retrainHourTs
                }.filter { !fold.trainIndices.contains($0) }.count
        }
        #expect(purged >= folds.count)
        // Every test sample belongs to exactly one fold.
        let tested = folds.flatMap(\.testIndices)
        #expect(Set(tested).count == tested.count)
    }

    @Test("a fold's training set is every sample it may see, so nothing usable is thrown away")
    func trainsOnEverythingAllowed() {
        for fold in Self.schedule.folds(Self.spans) {
            let allowed = Self.spans.indices.filter {
                Self.schedule.mayTrain(Self.spans[$0], retrainHourTs: fold.retrainHourTs)
            }
            #expect(fold.trainIndices == allowed)
            #expect(allowed.count > fold.trainIndices.first! + 100)
        }
    }
}
