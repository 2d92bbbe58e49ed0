import HourglassCore
import Testing

@testable import HourglassModels

@Suite("TripleBarrierLabeler")
struct TripleBarrierLabelerTests {
    static let start = KrakenPricePoints.ts("2021-01-01T00:00:00Z")

    /// Hourly points from `start` with these closes; high/low = close unless given.
    static func path(
        _ closes: [Double], highs: [Int: Double] = [:], lows: [Int: Double] = [:],
        skipping: Set<Int> = []
    ) -> [PricePoint] {
        closes.indices.filter { !skipping.contains($0) }.map { index in
            PricePoint(
                hourTs: start.adding(hours: Int64(index)), high: highs[index] ?? closes[index],
                low: lows[index] ?? closes[index], close: closes[index])
        }
    }

    /// σ over 100, 101, 100 is 0.014071…; h = 4 gives a width of 2σ ≈ 2.81%.
    static let labeler = TripleBarrierLabeler(
        parameters: TripleBarrierParameters(
            upperMultiple: 1, lowerMultiple: 1, maxHoldingHours: 4, volatilityWindowBars: 3))

    @Test("the barriers sit at entry × (1 ± k·σ·√h) with σ from the bars up to the entry")
    func barrierLevels() throws {
        let label = try #require(Self.labeler.label(at: 2, in: Self.path([100, 101, 100, 100, 100, 100, 100, 100])))
        let returns = [0.01, 100.0 / 101 - 1]
        let mean = (returns[0] + returns[1]) / 2
        let squares = (returns[0] - mean) * (returns[0] - mean) + (returns[1] - mean) * (returns[1] - mean)
        let sigma = squares.squareRoot()
        #expect(abs(label.upperPrice - 100 * (1 + 2 * sigma)) < 1e-9)
        #expect(abs(label.lowerPrice - 100 * (1 - 2 * sigma)) < 1e-9)
        #expect(label.touch == .vertical)
        #expect(label.exitHourTs == Self.start.adding(hours: 6))
        #expect(label.availableHourTs == Self.start.adding(hours: 7))
    }

    @Test("a high through the upper barrier ends the label there, known at that bar's close")
    func upperTouch() throws {
        let points = Self.path([100, 101, 100, 100.5, 101, 99, 100, 100], highs: [4: 103])
        let label = try #require(Self.labeler.label(at: 2, in: points))
        #expect(label.touch == .upper)
        #expect(label.hitUpper)
        #expect(label.exitHourTs == Self.start.adding(hours: 4))
        #expect(label.availableHourTs == Self.start.adding(hours: 5))
        #expect(label.exitPrice == label.upperPrice)
    }

    @Test("a low through the lower barrier ends the label; a bar through both counts as the lower")
    func lowerTouchAndBoth() throws {
        let falling = Self.path([100, 101, 100, 99, 98, 100, 100], lows: [4: 97])
        let down = try #require(Self.labeler.label(at: 2, in: falling))
        #expect(down.touch == .lower)
        #expect(down.grossReturn < 0)
        let both = Self.path([100, 101, 100, 100, 100, 100, 100], highs: [3: 104], lows: [3: 96])
        #expect(Self.labeler.label(at: 2, in: both)?.touch == .lower)
    }

    @Test("an undecided label is absent, and appears unchanged once later bars arrive")
    func undecidedUntilKnown() throws {
        let full = Self.path([100, 101, 100, 100, 100, 100, 100, 100])
        #expect(Self.labeler.label(at: 2, in: Array(full.prefix(6))) == nil)
        let decided = try #require(Self.labeler.label(at: 2, in: Array(full.prefix(7))))
        #expect(decided == Self.labeler.label(at: 2, in: full))
        // Too little history for σ: no label either.
        #expect(Self.labeler.label(at: 1, in: full) == nil)
    }

    @Test("a missing last hour is decided by a later bar, and known only once the holding time is over")
    func gapAtTheVerticalBarrier() throws {
        let points = Self.path([100, 101, 100, 100, 100, 100, 100, 100], skipping: [6])
        let label = try #require(Self.labeler.label(at: 2, in: points))
        #expect(label.touch == .vertical)
        #expect(label.exitHourTs == Self.start.adding(hours: 5))
        #expect(label.availableHourTs == Self.start.adding(hours: 7))
    }

    @Test("on real Kraken bars every label reads only bars before its availability hour")
    func krakenNoLookahead() throws {
        let points = KrakenPricePoints.points("kraken_XBTUSD_1h.csv", from: "2021-01-01", to: "2021-03-31T23")
        let labeler = TripleBarrierLabeler()
        let labels = labeler.labels(points)
        #expect(labels.count > 1_900)
        var touches: [BarrierTouch: Int] = [:]
        for (index, label) in labels.enumerated() {
            touches[label.touch, default: 0] += 1
            #expect(label.availableHourTs > label.entryHourTs.adding(hours: 1))
            #expect(label.availableHourTs <= label.entryHourTs.adding(hours: 25))
            guard index % 97 == 0 else { continue }
            // Recomputed from the bars known at its availability hour, then with every later bar
            // changed: the same label.
            let entry = points.firstIndex { $0.hourTs == label.entryHourTs }!
            let known = points.filter { $0.hourTs < label.availableHourTs }
            #expect(
                labeler.label(
                    at: entry,
                    in: known + [
                        PricePoint(
                            hourTs: label.availableHourTs.adding(hours: 30),
                            high: 1, low: 1, close: 1)
                    ]) == label)
            var altered = points
            for i in altered.indices where altered[i].hourTs >= label.availableHourTs {
                altered[i] = PricePoint(hourTs: altered[i].hourTs, high: 1e9, low: 1e-9, close: 1)
            }
            #expect(labeler.label(at: entry, in: altered) == label)
        }
        #expect(touches[.upper, default: 0] > 200 && touches[.lower, default: 0] > 200)
        #expect(touches[.vertical, default: 0] > 200)
    }
}
