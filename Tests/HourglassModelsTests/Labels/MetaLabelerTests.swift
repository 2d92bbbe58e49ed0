import HourglassCore
import Testing

@testable import HourglassModels

@Suite("MetaLabeler")
struct MetaLabelerTests {
    static func label(_ touch: BarrierTouch, exitPrice: Double) -> TripleBarrierLabel {
        let ts = KrakenPricePoints.ts("2021-01-01T00:00:00Z")
        return TripleBarrierLabel(
            entryHourTs: ts, entryPrice: 100, upperPrice: 101, lowerPrice: 99, touch: touch,
            exitHourTs: ts.adding(hours: 2), exitPrice: exitPrice,
            availableHourTs: ts.adding(hours: 3))
    }

    @Test("an upper touch counts only when it beats the 0.8% round-trip fee")
    func netOfFees() {
        #expect(MetaLabeler.metaLabel(Self.label(.upper, exitPrice: 101)))
        #expect(!MetaLabeler.metaLabel(Self.label(.upper, exitPrice: 100.7)))
        #expect(!MetaLabeler.metaLabel(Self.label(.vertical, exitPrice: 103)))
        #expect(!MetaLabeler.metaLabel(Self.label(.lower, exitPrice: 99)))
    }

    @Test("only the primary model's trades get meta-labels")
    func onlyTakenTrades() {
        let labels = [
            Self.label(.upper, exitPrice: 101), Self.label(.upper, exitPrice: 101),
            Self.label(.lower, exitPrice: 99),
        ]
        #expect(MetaLabeler.metaLabels(labels, taken: [true, false, true]) == [true, nil, false])
    }

    @Test("on real Kraken bars, a momentum primary's meta-labels are exactly its fee-beating upper touches")
    func kraken() {
        let points = KrakenPricePoints.points("kraken_ETHUSD_1h.csv", from: "2021-01-01", to: "2021-02-28T23")
        let labeler = TripleBarrierLabeler()
        let labels = points.indices.compactMap { labeler.label(at: $0, in: points) }
        let closeByHour = Dictionary(uniqueKeysWithValues: points.map { ($0.hourTs, $0.close) })
        let taken = labels.map { label in
            closeByHour[label.entryHourTs.adding(hours: -4)].map { label.entryPrice > $0 } ?? false
        }
        let meta = MetaLabeler.metaLabels(labels, taken: taken)
        let positives = meta.filter { $0 == true }.count
        let negatives = meta.filter { $0 == false }.count
        #expect(positives > 50 && negatives > 50)
        for (label, value) in zip(labels, meta) where value == true {
            #expect(label.touch == .upper && label.grossReturn > 0.008)
        }
    }
}
