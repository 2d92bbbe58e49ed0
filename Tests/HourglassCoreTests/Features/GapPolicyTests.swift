import HourglassCore
import Testing

/// The gap policy (`features.gap_carry_forward_hours`, default 3): short gaps carry the last close
/// forward as a zero-volume bar, flagged and recorded; longer gaps and invalid bars reset.
@Suite struct GapPolicyTests {
    static let windows = FeatureWindows.default

    static func hour(_ offset: Int64) -> UTCTimestamp { TestSupport.sampleBar(hour: offset).openTs }

    /// A valid sample bar at `offset` whose close differs from hour to hour.
    static func bar(_ offset: Int64) -> Bar {
        var bar = TestSupport.sampleBar(hour: offset)
        bar.closePrice = TestSupport.decimal("42000") + FixedDecimal(offset)
        return bar
    }

    static func window(through last: Int64) -> BarWindow {
        var window = BarWindow(symbol: "XBT/USD")
        for offset in 0...last { window.advance(to: hour(offset), bar: bar(offset), missing: false, windows: windows) }
        return window
    }

    @Test func upToNMissingHoursCarryTheLastCloseAsAZeroVolumeBar() throws {
        var window = Self.window(through: 4)
        let last = Self.bar(4).closePrice
        for carried in 1...3 {
            let close = window.advance(
                to: Self.hour(Int64(4 + carried)), bar: nil, missing: true, windows: Self.windows)
            #expect(close == last)
            #expect(window.carriedHours == carried && window.contiguousCount == 5 + carried)
            #expect(window.endsAt(Self.hour(Int64(4 + carried))))
            #expect(window.closes.last == last.doubleValue && window.highs.last == last.doubleValue)
            #expect(window.lows.last == last.doubleValue && window.volumes.last == 0 && window.rangeFractions.last == 0)
        }
        #expect(window.closes.count == 8)
        let fourth = window.advance(to: Self.hour(8), bar: nil, missing: true, windows: Self.windows)
        #expect(fourth == nil, "the fourth missing hour is a long gap")
        #expect(window == BarWindow(symbol: "XBT/USD"), "a long gap empties the window")
    }

    @Test func aRealBarAfterAShortGapContinuesTheWindow() {
        var window = Self.window(through: 4)
        window.advance(to: Self.hour(5), bar: nil, missing: true, windows: Self.windows)
        window.advance(to: Self.hour(6), bar: nil, missing: true, windows: Self.windows)
        window.advance(to: Self.hour(7), bar: Self.bar(7), missing: false, windows: Self.windows)
        #expect(window.carriedHours == 0 && window.contiguousCount == 8 && window.closes.count == 8)
        #expect(window.lastClosePrice == Self.bar(7).closePrice)
        // The carried hours count again from zero after the real bar.
        window.advance(to: Self.hour(8), bar: nil, missing: true, windows: Self.windows)
        #expect(window.carriedHours == 1)
    }

    @Test func anInvalidBarOrAZeroPolicyResetsAtOnce() {
        var invalid = Self.window(through: 4)
        #expect(invalid.advance(to: Self.hour(5), bar: nil, missing: false, windows: Self.windows) == nil)
        #expect(invalid == BarWindow(symbol: "XBT/USD"))
        var windows = Self.windows
        windows.gapCarryForwardHours = 0
        var off = Self.window(through: 4)
        #expect(off.advance(to: Self.hour(5), bar: nil, missing: true, windows: windows) == nil)
        #expect(off == BarWindow(symbol: "XBT/USD"))
        var empty = BarWindow(symbol: "XBT/USD")
        #expect(empty.advance(to: Self.hour(0), bar: nil, missing: true, windows: Self.windows) == nil)
    }

    @Test func theCarriedStateSurvivesTheStateCodec() throws {
        var window = Self.window(through: 30)
        window.advance(to: Self.hour(31), bar: nil, missing: true, windows: Self.windows)
        var state = EngineState.initial(config: .momentumBaseline, startHourTs: Self.hour(32))
        let index = try #require(state.windows.firstIndex { $0.symbol == "XBT/USD" })
        state.windows[index] = window
        let decoded = try EngineState.decode(canonical: state.canonicalBytes)
        #expect(decoded == state && decoded.window("XBT/USD")?.carriedHours == 1)
    }

    @Test func theGapPolicyIsAConfigValueInTheHash() throws {
        #expect(EngineConfig.momentumBaseline.features.gapCarryForwardHours == 3)
        let config = try EngineConfig(
            json: try JSONValue.parse(#"{"features": {"gap_carry_forward_hours": 5}}"#), over: .momentumBaseline)
        #expect(config.features.gapCarryForwardHours == 5 && config.sha256 != EngineConfig.momentumBaseline.sha256)
        #expect(try EngineConfig.decode(canonical: config.canonicalBytes) == config)
        #expect(config.json["features"]?["gap_carry_forward_hours"] == .int(5))
        #expect(throws: EngineConfigError.self) {
            try EngineConfig(json: try JSONValue.parse(#"{"features": {"gap_carry_forward_hours": 25}}"#))
        }
    }

    // MARK: In the reducer

    /// 300 hours of the shared run with XRP/USD's bars of hours 250 and 251 removed.
    static func gapRun(carry: Int) -> (CycleRun, [HourInputs]) {
        var hours = Array(SharedRun.hours.prefix(300))
        for index in [250, 251] { hours[index].bars.removeAll { $0.symbol == "XRP/USD" } }
        var config = EngineConfig.momentumBaseline
        config.features.gapCarryForwardHours = carry
        return (CycleRun(hours: hours, config: config, releaseAfterHours: 24), hours)
    }

    static func predicted(_ events: [DomainEvent], _ symbol: String) -> Bool {
        events.contains { if case .predictionMade(let p) = $0 { return p.symbol == symbol } else { return false } }
    }

    @Test func aCarriedBarIsRecordedAndNeverTradedOn() throws {
        let (run, hours) = Self.gapRun(carry: 3)
        let close = try #require(hours[249].bars.first { $0.symbol == "XRP/USD" }).closePrice
        try #require(Self.predicted(run.hourEvents[249], "XRP/USD"), "XRP has features before the gap")
        for (index, carried) in [(250, 1), (251, 2)] {
            let events = run.hourEvents[index]
            let carries = events.compactMap { if case .barCarriedForward(let c) = $0 { return c } else { return nil } }
            #expect(
                carries
                    == [
                        BarCarriedForward(
                            hourTs: hours[index].hourTs, symbol: "XRP/USD", closePriceQuote: close,
                            carriedHours: carried)
                    ])
            #expect(!Self.predicted(events, "XRP/USD"), "no prediction on a carried bar")
            #expect(
                !events.contains {
                    switch $0 {
                    case .orderPlaced(let o): return o.symbol == "XRP/USD"
                    case .orderFilled(let f): return f.symbol == "XRP/USD"
                    case .verdictRecorded(let v): return v.verdict.order.symbol == "XRP/USD"
                    default: return false
                    }
                }, "no order, fill or verdict on a carried bar")
        }
        #expect(Self.predicted(run.hourEvents[252], "XRP/USD"), "the window kept its history through the gap")
        #expect(run.violations.isEmpty)
        let (reset, _) = Self.gapRun(carry: 0)
        #expect(!Self.predicted(reset.hourEvents[252], "XRP/USD"), "with the policy off the gap resets the window")
        #expect(
            !reset.events.contains { if case .barCarriedForward = $0 { return true } else { return false } })
    }

    /// The reducer's windows give, hour by hour, the same features as `FeatureTimeline` (what
    /// `features export` writes) on the same bars, warm-up, a carried gap and a reset included.
    @Test func theReducerAndTheFeatureTimelineAgree() throws {
        let config = EngineConfig.momentumBaseline
        var hours = Array(SharedRun.hours.prefix(260))
        for index in [100, 101] { hours[index].bars.removeAll { $0.symbol == "ETH/USD" } }
        for index in 150..<155 { hours[index].bars.removeAll { $0.symbol == "LTC/USD" } }
        let start = hours[0].hourTs
        let warmUp = KrakenTestBars.warmUpBars(before: start)
        let models = ModelSet.baseline(config: config)
        var state = HourCycle.start(
            run: CycleRun.run, config: config, models: models, startHour: start, warmUpBars: warmUp
        ).0
        let engine = FeatureEngine(config: config)
        var reducer: [String: (Regime, SymbolFeatures)] = [:]
        for inputs in hours {
            state =
                HourCycle.step(state: state, inputs: inputs, config: config, models: models, run: CycleRun.run)
                .state
            for entry in engine.compute(hourTs: inputs.hourTs, windows: state.windows).entries {
                if let features = entry.features {
                    reducer["\(inputs.hourTs) \(entry.symbol)"] = (entry.regime, features)
                }
            }
        }
        let allBars = warmUp + hours.flatMap(\.bars)
        let series = config.universe.map { symbol in allBars.filter { $0.symbol == symbol } }
        let rows = FeatureTimeline(config: config).rows(bars: series, from: start, through: hours.last!.hourTs)
        #expect(rows.count == reducer.count)
        for row in rows {
            let (regime, features) = try #require(reducer["\(row.hourTs) \(row.symbol)"], "\(row.hourTs) \(row.symbol)")
            let expected = FeatureRow(
                hourTs: row.hourTs, symbol: row.symbol, regime: regime, features: features,
                rsi14: row.value("rsi14")!, correlation720: row.value("corr720_btc")!,
                beta720: row.value("beta720_btc")!)
            #expect(row == expected, "\(row.hourTs) \(row.symbol)")
        }
        let carried = rows.filter { $0.value("carried_hours")! > 0 }
        for row in carried {
            let inputs = try #require(hours.first { $0.hourTs == row.hourTs })
            #expect(!inputs.bars.contains { $0.symbol == row.symbol }, "a carried row has no bar")
        }
        let removed = [
            (100, "ETH/USD", 1.0), (101, "ETH/USD", 2), (150, "LTC/USD", 1), (151, "LTC/USD", 2), (152, "LTC/USD", 3),
        ]
        for (index, symbol, count) in removed {
            #expect(
                carried.contains {
                    $0.hourTs == hours[index].hourTs && $0.symbol == symbol && $0.value("carried_hours") == count
                }, "\(symbol) carried at \(index)")
        }
        // The fourth missing LTC hour (153) is a long gap: the window restarts and needs a week again.
        #expect(!rows.contains { $0.symbol == "LTC/USD" && (153...250).map { hours[$0].hourTs }.contains($0.hourTs) })
        #expect(rows.contains { $0.hourTs == start }, "the first hour has features: the windows were warmed up")
    }
}
