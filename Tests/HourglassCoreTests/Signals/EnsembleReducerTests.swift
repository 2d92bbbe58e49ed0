import Testing

@testable import HourglassCore

/// A deterministic batch model for the reducer tests: p = clamp(0.5 + 8 × return_24h); trades when p ≥ 0.55.
/// (The real ensemble is tested through HourglassModels and the Store; Core cannot import it.)
struct ReturnEnsemble: EnsembleModel {
    var steps = 0
    var refuse = false
    /// Reads one trust weight (its base model's): p moves by 0.1 × (weight − 0.5).
    var trusting = false
    var ensembleSha256: Hash256 { Hash256.of(Array("return-ensemble \(steps)".utf8)) }
    var artifactReferences: [ModelArtifactReference] {
        [
            ModelArtifactReference(kind: "boost_depthwise", sha256: Hash256.of([1])),
            ModelArtifactReference(kind: "meta_logistic", sha256: Hash256.of([2])),
        ]
    }
    var baseKindNames: [String] { ["boost_depthwise"] }
    var sequenceStepCount: Int { steps }
    var usesTrustWeights: Bool { trusting }

    func predictHour(_ inputs: [EnsembleInput], trustWeights: [Double]) -> [EnsembleOutput]? {
        if refuse { return nil }
        precondition(trustWeights.count == (trusting ? 1 : 0), "one trust weight per base model, or none")
        return inputs.map { input in
            precondition(steps == 0 || input.window.count == steps * FeatureRow.columnNames.count)
            let shift = trusting ? 0.1 * (trustWeights[0] - 0.5) : 0
            let p = min(0.95, max(0.05, 0.5 + 8 * input.row.value("return_24h")! + shift))
            return EnsembleOutput(
                baseProbabilities: [p], metaProbability: p, netEdge: 0.05 * (p - 0.5), roundTripFeeRate: 0.008,
                trade: p >= 0.55)
        }
    }
}

@Suite("Ensemble in the reducer")
struct EnsembleReducerTests {
    static func config(_ models: [String]) -> EngineConfig {
        var config = EngineConfig.momentumBaseline
        config.strategy = StrategyConfig(models: models, smaCross: .default, sizing: .risk)
        return config
    }

    static let hours = KrakenTestBars.hours(
        from: KrakenTestBars.ts("2021-01-01T00:00:00Z"), to: KrakenTestBars.ts("2021-01-31T23:00:00Z"))

    static func run(_ config: EngineConfig, _ models: ModelSet) -> (EngineState, [[DomainEvent]]) {
        var state = HourCycle.start(run: CycleRun.run, config: config, models: models, startHour: hours[0].hourTs).0
        var events: [[DomainEvent]] = []
        for inputs in hours {
            let result = HourCycle.step(state: state, inputs: inputs, config: config, models: models, run: CycleRun.run)
            state = result.state
            events.append(result.events)
        }
        return (state, events)
    }

    static func predictions(_ events: [[DomainEvent]]) -> [PredictionMade] {
        events.joined().compactMap { if case .predictionMade(let p) = $0 { return p } else { return nil } }
    }

    @Test func anUntrainedEnsembleStaysFlat() {
        let config = Self.config(["boost_depthwise"])
        let (state, events) = Self.run(config, ModelSet.baseline(config: config))
        let predictions = Self.predictions(events)
        #expect(!predictions.isEmpty)
        #expect(predictions.allSatisfy { $0.action == "no_entry:untrained" && $0.model == nil })
        #expect(state.positions.isEmpty && state.pendingOrders.isEmpty)
        #expect(state.sequenceRows.isEmpty, "no sequence model, no rows kept")
    }

    @Test func theMetaLearnerAloneDecidesAndIsRecorded() {
        let config = Self.config(["boost_depthwise"])
        let models = ModelSet.baseline(config: config).with(ensemble: ReturnEnsemble())
        let (_, events) = Self.run(config, models)
        let predictions = Self.predictions(events)
        let actions = Set(predictions.map(\.action))
        #expect(actions.contains("no_entry:meta"))
        #expect(actions.contains("propose_entry"))
        for prediction in predictions {
            let model = try! #require(prediction.model)
            #expect(model.features.count == FeatureRow.columnNames.count)
            #expect(model.artifacts.map(\.kind) == ["boost_depthwise", "meta_logistic"])
            #expect(prediction.confidence == model.metaProbability)
            #expect(prediction.expectedEdge == model.netEdge + 0.008)
            if prediction.action == "no_entry:meta" { #expect(!model.trade) }
            if prediction.action == "propose_entry" { #expect(model.trade) }
        }
        // Every proposed entry is judged; the verdict's order carries the meta probability as confidence.
        let verdicts = events.joined().compactMap { event -> VerdictRecorded? in
            if case .verdictRecorded(let v) = event, !v.verdict.order.isExit { return v } else { return nil }
        }
        #expect(verdicts.count == predictions.filter { $0.action == "propose_entry" }.count)
        #expect(verdicts.allSatisfy { $0.verdict.order.confidence >= 0.55 })
    }

    @Test func theManifestModelSetHashFollowsTheArtifacts() {
        let config = Self.config(["boost_depthwise"])
        let untrained = ModelSet.baseline(config: config)
        let a = untrained.with(ensemble: ReturnEnsemble(steps: 0))
        let b = untrained.with(ensemble: ReturnEnsemble(steps: 3))
        #expect(untrained.sha256 != a.sha256)
        #expect(a.sha256 != b.sha256)
        #expect(a.sha256 == untrained.with(ensemble: ReturnEnsemble(steps: 0)).sha256)
        let first = HourCycle.step(
            state: HourCycle.start(run: CycleRun.run, config: config, models: a, startHour: Self.hours[0].hourTs).0,
            inputs: Self.hours[0], config: config, models: a, run: CycleRun.run)
        #expect(first.manifest.modelSetSha256 == a.sha256)
    }

    @Test func sequenceRowsAreKeptHashedAndRoundTrip() throws {
        let config = Self.config(["boost_depthwise", "lstm"])
        let models = ModelSet.baseline(config: config).with(ensemble: ReturnEnsemble(steps: 48))
        let (state, events) = Self.run(config, models)
        #expect(state.sequenceRows.map(\.symbol) == config.universe)
        #expect(state.sequenceRows.allSatisfy { $0.rowCount == SequenceRows.capacity })
        let predictions = Self.predictions(events)
        // The first 47 rows of each symbol cannot fill a 48-row window: warming up, never traded on.
        #expect(predictions.prefix(5).allSatisfy { $0.action == "no_entry:warming_up" })
        #expect(predictions.contains { $0.model != nil })
        let decoded = try EngineState.decode(canonical: state.canonicalBytes)
        #expect(decoded == state)
        var changed = state
        changed.sequenceRows[0].flat[0] += 1e-9
        #expect(changed.sha256 != state.sha256)
    }

    @Test func trustDrawsAreFedRecordedAndKeptInTheState() throws {
        let config = Self.config(["boost_depthwise"])
        let models = ModelSet.baseline(config: config).with(ensemble: ReturnEnsemble(trusting: true))
        let (state, events) = Self.run(config, models)
        let trust = try #require(state.trust)
        // 31 days of calls: the kind has outcomes, discounted evidence above the prior, and the last 24 hours wait.
        let posterior = trust.posterior("boost_depthwise")
        #expect(trust.posteriors.map(\.kind) == ["boost_depthwise"])
        #expect(posterior.alpha > 5 && posterior.beta > 5)
        #expect(trust.pending.count == 24)
        #expect(trust.pending.allSatisfy { $0.hourTs > Self.hours.last!.hourTs.adding(hours: -24) })
        let predictions = Self.predictions(events)
        var byHour: [UTCTimestamp: TrustDraws] = [:]
        for prediction in predictions {
            let draws = try #require(prediction.model?.trust)
            #expect(draws.kinds == ["boost_depthwise"] && draws.weights == [1])
            if let seen = byHour[prediction.hourTs] { #expect(seen == draws, "one draw per hour for every symbol") }
            byHour[prediction.hourTs] = draws
        }
        // The recorded draws are the state's posteriors drawn with the (run seed, hour, purpose) key: replaying
        // the rule outside the reducer gives the same bits.
        let lastHour = Self.hours.last!.hourTs
        #expect(Self.run(config, models).0 == state, "a second run reproduces the trust state")
        let recorded = try #require(byHour[lastHour])
        var rebuilt = ThompsonTrust()
        for inputs in Self.hours {
            rebuilt.advance(to: inputs.hourTs) { symbol in inputs.bars.first { $0.symbol == symbol }?.closePrice }
            if inputs.hourTs == lastHour { break }
            let calls = predictions.filter { $0.hourTs == inputs.hourTs }.compactMap { p -> TrustCallHour.Call? in
                guard let bar = inputs.bars.first(where: { $0.symbol == p.symbol }) else { return nil }
                return TrustCallHour.Call(
                    symbol: p.symbol, entryCloseQuote: bar.closePrice, up: p.model!.baseProbabilities.map { $0 >= 0.5 })
            }
            rebuilt.record(TrustCallHour(hourTs: inputs.hourTs, kinds: ["boost_depthwise"], calls: calls))
        }
        let redrawn = rebuilt.draws(kinds: ["boost_depthwise"], runSeed: config.runSeed, hourTs: lastHour)
        #expect(redrawn.alphas.map(\.bitPattern) == recorded.alphas.map(\.bitPattern))
        #expect(redrawn.draws.map(\.bitPattern) == recorded.draws.map(\.bitPattern))
        let distinct = Set(byHour.values.map { $0.draws[0] })
        #expect(distinct.count > byHour.count * 9 / 10, "each hour draws afresh")
        // The section is in the state bytes and hash, and round-trips.
        #expect(try EngineState.decode(canonical: state.canonicalBytes) == state)
        #expect(state.canonicalBytes[0] == 4)
        var changed = state
        changed.trust!.posteriors[0].posterior.alpha += 1e-9
        #expect(changed.sha256 != state.sha256)
    }

    @Test func aRefusingModelProposesNothing() {
        let config = Self.config(["boost_depthwise"])
        let models = ModelSet.baseline(config: config).with(ensemble: ReturnEnsemble(refuse: true))
        let (state, events) = Self.run(config, models)
        #expect(Self.predictions(events).allSatisfy { $0.action == "no_entry:model_error" })
        #expect(state.positions.isEmpty)
    }

    @Test func reducerRowsEqualTheTimelineRows() {
        let config = Self.config(["boost_depthwise"])
        let from = KrakenTestBars.ts("2021-01-01T00:00:00Z")
        let to = KrakenTestBars.ts("2021-02-15T23:00:00Z")
        let hours = KrakenTestBars.hours(from: from, to: to)
        var state = EngineState.initial(config: config, startHourTs: from)
        var reducerRows: [FeatureRow] = []
        let models = ModelSet.baseline(config: config)
        for inputs in hours {
            let result = HourCycle.step(state: state, inputs: inputs, config: config, models: models, run: CycleRun.run)
            state = result.state
            let set = FeatureEngine(config: config).compute(hourTs: inputs.hourTs, windows: state.windows)
            reducerRows += EnsembleFeatures.rows(
                hourTs: inputs.hourTs, featureSet: set, windows: state.windows, config: config,
                symbols: inputs.bars.map(\.symbol))
        }
        let bars = config.universe.map { KrakenTestBars.bars($0, from: from, to: to) }
        let timeline = FeatureTimeline(config: config).rows(bars: bars, from: from, through: to)
        let withBar = Set(hours.flatMap { h in h.bars.map { "\(h.hourTs.secondsSinceEpoch) \($0.symbol)" } })
        let expected = timeline.filter { withBar.contains("\($0.hourTs.secondsSinceEpoch) \($0.symbol)") }
        #expect(reducerRows.count > 1000)
        #expect(reducerRows.count == expected.count)
        for (a, b) in zip(reducerRows, expected) {
            #expect(a.hourTs == b.hourTs && a.symbol == b.symbol)
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(a.symbol) \(a.hourTs)")
        }
    }

    @Test func ensembleConfigurationsParseValidateAndRoundTrip() throws {
        let json = try JSONValue.parse(
            #"{"models": ["ensemble"], "retrain": {"every_hours": 24, "training_window_hours": 500}}"#)
        let config = try EngineConfig(json: json)
        #expect(config.strategy.ensembleKinds == StrategyConfig.ensembleBaseKinds)
        #expect(config.strategy.usesSequenceModels)
        #expect(config.strategy.retrain.everyHours == 24)
        #expect(try EngineConfig.decode(canonical: config.canonicalBytes) == config)
        var other = config
        other.strategy.retrain.seed += 1
        #expect(other.sha256 != config.sha256)
        for (text, key) in [
            (#"{"models": ["ensemble", "momentum"]}"#, "models"),
            (#"{"models": ["ensemble", "lstm"]}"#, "models"),
            (#"{"models": ["boost_depthwise"], "retrain": {"every_hours": 0}}"#, "retrain.every_hours"),
            (#"{"models": ["boost_depthwise"], "retrain": {"epochs": 3}}"#, "retrain.epochs"),
        ] {
            #expect(throws: EngineConfigError.self, "\(key)") { try EngineConfig(json: try JSONValue.parse(text)) }
        }
        // A rule-model configuration ignores `retrain` and keeps its bytes.
        let momentum = try EngineConfig(
            json: try JSONValue.parse(#"{"models": ["momentum"], "retrain": {"every_hours": 5}}"#))
        #expect(momentum.canonicalBytes == EngineConfig.momentumBaseline.canonicalBytes)
    }

    @Test func retrainHoursFollowTheSchedule() {
        let start = KrakenTestBars.ts("2021-01-01T00:00:00Z")
        let settings = RetrainSettings(everyHours: 24, trainingWindowHours: 100, outOfFoldGroups: 4, seed: 1)
        #expect(settings.isRetrainHour(start, startHourTs: start))
        #expect(!settings.isRetrainHour(start.adding(hours: 23), startHourTs: start))
        #expect(settings.isRetrainHour(start.adding(hours: 48), startHourTs: start))
        let latest = settings.retrainHour(atOrBefore: start.adding(hours: 30), startHourTs: start)
        #expect(latest == start.adding(hours: 24))
        #expect(settings.retrainHour(atOrBefore: start.adding(hours: -1), startHourTs: start) == nil)
    }
}
