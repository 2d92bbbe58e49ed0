import HourglassCore
import Testing

@Suite struct HourCycleTests {
    @Test func multiMonthRunKeepsEveryMoneyInvariant() {
        let run = SharedRun.run
        #expect(run.violations.isEmpty, "\(run.violations.prefix(5))")
        let fills = run.filled()
        let days = Double(SharedRun.hours.count) / 24
        let verdicts = run.manifests.reduce((0, 0, 0)) {
            ($0.0 + $1.verdictsApprove, $0.1 + $1.verdictsModify, $0.2 + $1.verdictsBlock)
        }
        let initial = EngineConfig.momentumBaseline.initialCashQuote
        let returnFraction = (run.state.equityQuote - initial).divided(by: initial, rounding: .halfEven)
        print(
            "shared run: hours \(SharedRun.hours.count) events \(run.events.count) fills \(fills.count) closed \(run.state.closedTrades.count) "
                + "equity \(run.state.equityQuote.formatted(decimals: 2)) return \(returnFraction.formatted(decimals: 4)) "
                + "verdicts A/M/B \(verdicts) state bytes max \(run.stateBytesMax) last state \(run.manifests.last!.stateSha256) manifests \(Hash256.of(Array(run.manifests.map(\.canonicalText).joined(separator: "\n").utf8)))"
        )
        let reasons = Dictionary(grouping: run.state.closedTrades, by: \.exitReason).map {
            "\($0.key) \($0.value.count)"
        }.sorted()
        let trips = run.events.filter { if case .killSwitchTripped = $0 { return true } else { return false } }.count
        print("shared run: \(GovernedRunSummary(run))")
        print("shared run: exits (last \(run.state.closedTrades.count)) \(reasons), kill-switch trips \(trips)")
        #expect(fills.count > 10, "the baseline should trade over four months")
        #expect(Double(fills.count) / days < 10, "not thousands of trades a day")
    }

    @Test func twoRunsGiveIdenticalManifestsAndEvents() {
        let hours = Array(SharedRun.hours.prefix(400))
        let again = CycleRun(hours: hours, releaseAfterHours: 24)
        #expect(again.manifests == Array(SharedRun.run.manifests.prefix(400)))
        #expect(
            again.events.map(\.canonicalBytes)
                == Array(SharedRun.run.hourEvents.prefix(400)).flatMap { $0 }.map(\.canonicalBytes))
        #expect(again.manifests.map(\.canonicalText) == SharedRun.run.manifests.prefix(400).map(\.canonicalText))
    }

    /// Changing every bar after H changes nothing decided at H (predictions, verdicts, orders).
    @Test func decisionsAtHourHIgnoreEveryLaterBar() throws {
        let shared = SharedRun.run
        let index = try #require(
            shared.hourEvents.indices.first { index in
                index > 200
                    && shared.hourEvents[index].contains {
                        if case .orderPlaced = $0 { return true } else { return false }
                    }
            })
        var hours = Array(SharedRun.hours.prefix(index + 4))
        for later in (index + 1)..<hours.count {
            hours[later].bars = hours[later].bars.map { bar in
                var bar = bar
                let factor = FixedDecimal(raw: 1_500_000_000_000)
                bar.openPrice = bar.openPrice.multiplied(by: factor, rounding: .halfEven)
                bar.highPrice = bar.highPrice.multiplied(by: factor, rounding: .halfEven)
                bar.lowPrice = bar.lowPrice.multiplied(by: factor, rounding: .halfEven)
                bar.closePrice = bar.closePrice.multiplied(by: factor, rounding: .halfEven)
                return bar
            }
        }
        let altered = CycleRun(hours: hours, releaseAfterHours: 24)
        for hour in 0...index { #expect(altered.hourEvents[hour] == shared.hourEvents[hour], "hour \(hour) changed") }
        #expect(
            altered.hourEvents[index + 1] != shared.hourEvents[index + 1],
            "the altered future must matter to later hours")
    }

    @Test func fillsHappenAtTheNextOpenPlusAdverseSlippage() throws {
        let config = EngineConfig.momentumBaseline
        let fills = SharedRun.run.filled()
        try #require(!fills.isEmpty)
        for fill in fills {
            #expect(fill.fillHourTs == fill.decidedHourTs.adding(hours: 1))
            let inputs = try #require(SharedRun.hours.first { $0.hourTs == fill.fillHourTs })
            let bar = try #require(inputs.bars.first { $0.symbol == fill.symbol })
            #expect(fill.openPriceQuote == bar.openPrice)
            let expectedPrice =
                fill.side == .buy
                ? bar.openPrice.multiplied(by: .one + fill.slippageFraction, rounding: .up)
                : bar.openPrice.multiplied(by: .one - fill.slippageFraction, rounding: .down)
            #expect(fill.fillPriceQuote == expectedPrice)
            #expect(fill.side == .buy ? fill.fillPriceQuote > bar.openPrice : fill.fillPriceQuote < bar.openPrice)
            #expect(fill.quantityBase.significantDecimals <= 8, "quantity rounds to the lot")
            #expect(
                fill.notionalQuote
                    == config.notionalQuote(
                        quantityBase: fill.quantityBase, priceQuote: fill.fillPriceQuote,
                        rounding: fill.side == .buy ? .up : .down))
            #expect(
                fill.feeQuote
                    == fill.notionalQuote.multiplied(by: config.feeRate, rounding: .up).rounded(decimals: 4, .up))
            #expect(
                fill.feeQuote >= fill.notionalQuote.multiplied(by: config.feeRate, rounding: .halfEven), "fees round up"
            )
        }
    }

    @Test func anOrderWhoseNextBarIsMissingIsCancelledNotFilled() throws {
        let shared = SharedRun.run
        let index = try #require(
            shared.hourEvents.indices.first { index in
                index > 200
                    && shared.hourEvents[index].contains {
                        if case .orderPlaced = $0 { return true } else { return false }
                    }
            })
        let placed = try #require(
            shared.hourEvents[index].compactMap { if case .orderPlaced(let e) = $0 { return e } else { return nil } }
                .first)
        var hours = Array(SharedRun.hours.prefix(index + 2))
        hours[index + 1].bars.removeAll { $0.symbol == placed.symbol }
        let run = CycleRun(hours: hours, releaseAfterHours: 24)
        let next = run.hourEvents[index + 1]
        #expect(
            next.contains {
                if case .orderCancelled(let c) = $0 {
                    return c.orderId == placed.orderId && c.reason == "no_bar"
                } else {
                    return false
                }
            })
        #expect(
            !next.contains {
                if case .orderFilled(let f) = $0 { return f.orderId == placed.orderId } else { return false }
            })
        #expect(run.violations.isEmpty)
    }

    @Test func mostBarsMissingTripsTheKillSwitchUntilReleased() {
        var hours = Array(SharedRun.hours.prefix(260))
        hours[199].releases = [KillSwitchReleased(releasedBy: "ops", reason: "earlier trips reviewed")]
        hours[200].bars = Array(hours[200].bars.prefix(2))
        hours[240].releases = [KillSwitchReleased(releasedBy: "ops", reason: "exchange data restored")]
        // The BACKTEST release policy is off here: only the operator's release may clear the switch.
        var config = EngineConfig.momentumBaseline
        config.risk.backtestReleaseAfterHours = 0
        let run = CycleRun(hours: hours, config: config)
        #expect(
            run.hourEvents[200].contains {
                if case .killSwitchTripped(let t) = $0 {
                    return t.reason == "data_integrity_systemic"
                } else {
                    return false
                }
            })
        #expect(
            run.manifests[200].killSwitchTripped && run.manifests[200].killSwitchReason == "data_integrity_systemic")
        #expect(run.manifests[239].killSwitchTripped)
        for hour in 200..<240 {
            #expect(
                !run.hourEvents[hour].contains {
                    if case .orderPlaced(let o) = $0 { return o.side == .buy } else { return false }
                })
        }
        #expect(run.hourEvents[240].contains { if case .killSwitchReleased = $0 { return true } else { return false } })
        #expect(!run.manifests[240].killSwitchTripped)
        #expect(run.violations.isEmpty)
    }

    @Test func firstHourPostsTheCapitalAndEveryHourEndsWithItsManifest() throws {
        let first = SharedRun.run.hourEvents[0]
        guard case .ledgerPosted(let posted) = first.first else {
            Issue.record("first event is not the capital posting")
            return
        }
        #expect(
            posted.posting.kind == "capital"
                && posted.posting.debitsQuote == EngineConfig.momentumBaseline.initialCashQuote)
        // The manifest's event digests as first defined (type name, 0x00, SHA-256 of the payload, each
        // event's pieces fed as arrays): the step's unbuffered, per-bar fast paths give the same digest.
        func referenceDigest(_ events: [DomainEvent]) -> Hash256 {
            var builder = Hash256Builder()
            for event in events {
                builder.update(Array(event.eventType.rawValue.utf8) + [0])
                builder.update(Hash256.of(event.canonicalBytes))
            }
            return builder.finalize()
        }
        #expect(SharedRun.run.inputs.count == SharedRun.run.manifests.count)
        #expect(SharedRun.run.inputs.contains { !$0.releases.isEmpty })
        for (hour, (events, manifest)) in zip(SharedRun.run.hourEvents, SharedRun.run.manifests).enumerated() {
            guard case .hourClosed(let closed) = events.last else {
                Issue.record("HourClosed is not last")
                return
            }
            #expect(closed.manifest == manifest)
            #expect(manifest.outputEventCount == events.count - 1)
            #expect(manifest.outputEventsSha256 == HourManifest.digest(of: Array(events.dropLast())))
            #expect(manifest.outputEventsSha256 == referenceDigest(Array(events.dropLast())))
            let inputs = SharedRun.run.inputs[hour].events
            #expect(manifest.inputEventCount == inputs.count)
            #expect(manifest.inputEventsSha256 == referenceDigest(inputs), "input digest at hour \(hour)")
        }
        let manifests = SharedRun.run.manifests
        for (previous, next) in zip(manifests, manifests.dropFirst()) {
            #expect(next.prevStateSha256 == previous.stateSha256)
        }
    }

    @Test func startRecordsTheCanonicalConfigAndModels() throws {
        let config = EngineConfig.momentumBaseline
        let models = ModelSet.baseline(config: config)
        let (state, started) = HourCycle.start(
            run: CycleRun.run, config: config, models: models, startHour: SharedRun.start)
        #expect(try started.config() == config)
        #expect(started.configSha256 == config.sha256 && started.modelSetSha256 == models.sha256)
        #expect(started.engineVersion == HourCycle.engineVersion)
        #expect(state.lastHourTs == nil && state.startHourTs == SharedRun.start)
    }

    @Test func manifestJSONHasTheDesignKeys() {
        let json = SharedRun.run.manifests[300].json
        for key in [
            "account_id", "run_id", "run_mode", "hour_ts_utc", "engine_version", "config_sha256", "model_set_sha256",
            "input_events",
            "output_events", "prev_state_sha256", "state_sha256", "equity", "cash", "open_positions", "verdicts",
            "kill_switch",
        ] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(SharedRun.run.manifests[300].inputEventCount == SharedRun.hours[300].bars.count)
    }
}
