import HourglassCore
import Testing

@Suite struct SMACrossSignalTests {
    let settings = SMACrossSettings(fastHours: 2, slowHours: 4)

    @Test func crossesOnlyInTheHourTheDifferenceChangesSign() {
        // SMA(2) − SMA(4): [10,10,10,11] → +0.25; then 8 → 9.5 − 9.75 < 0: a cross down.
        let falling: [Double] = [10, 10, 10, 11, 8]
        #expect(SMACrossSignal.cross(closes: Array(falling.prefix(4)), settings: settings) == 0)
        #expect(SMACrossSignal.cross(closes: falling, settings: settings) == -1)
        // 13: 10.5 − 10.5 = 0, no cross; 14: 13.5 − 11.5 > 0 and the last non-zero difference
        // (skipping the zero) was negative: a cross up; 15: still above, no cross.
        #expect(SMACrossSignal.cross(closes: falling + [13], settings: settings) == 0)
        #expect(SMACrossSignal.cross(closes: falling + [13, 14], settings: settings) == 1)
        #expect(SMACrossSignal.cross(closes: falling + [13, 14, 15], settings: settings) == 0)
    }

    @Test func aZeroFirstDifferenceIsNoCross() {
        // backtrader seeds the last non-zero difference with the first one, even when it is 0.
        #expect(SMACrossSignal.cross(closes: [10, 10, 10, 10, 8], settings: settings) == 0)
    }

    @Test func needsOneCloseMoreThanTheSlowWindow() {
        #expect(SMACrossSignal.cross(closes: [10, 10, 10, 8], settings: settings) == 0)
        #expect(SMACrossSignal.cross(closes: [], settings: settings) == 0)
    }

    @Test func predictsFromTheFeature() {
        let model = SMACrossSignal(settings: settings)
        var features = SymbolFeatures(
            return1h: 0, return4h: 0, return24h: 0, momentumSlope: 0, atr14: 1, atrFraction: 0.01,
            realizedVolatility: 0, volatilityPercentile: 0, highVolatility: false, volumeSurgeRatio: 1,
            rangeRatio: 1, breakout: false, distanceFromMean: 0, betaToBTC: 1, correlationToBTC: 1,
            marketBreadth: 0, smaCross: 1)
        let context = SignalContext(hourTs: UTCTimestamp(secondsSinceEpoch: 0), symbol: "XBT/USD", regime: .range)
        #expect(model.predict(features: features, context: context).score == 1)
        features.smaCross = -1
        #expect(model.predict(features: features, context: context).score == -1)
        features.smaCross = nil
        #expect(model.predict(features: features, context: context).score == 0)
        #expect(SMACrossSignal(settings: .default).parametersSha256 != model.parametersSha256)
    }
}
