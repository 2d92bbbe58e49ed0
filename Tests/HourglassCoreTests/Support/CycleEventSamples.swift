import HourglassCore

/// One sample of every event type the cycle adds, for codec round-trip tests.
func cycleEventSamples() -> [DomainEvent] {
    let hour = UTCTimestamp(secondsSinceEpoch: 1_609_459_200)
    let d = { (text: String) in try! FixedDecimal.parse(text) }
    let config = EngineConfig.momentumBaseline
    let models = ModelSet.baseline(config: config)
    let run = RunContext(runId: "00000000-0000-4000-8000-000000000001", accountId: "acct", runMode: .paper)
    let started = HourCycle.start(run: run, config: config, models: models, startHour: hour).1
    let order = ProposedOrder(
        symbol: "ETH/USD", side: .buy, quantityBase: d("1.5"), referencePriceQuote: d("735.12"), isExit: false,
        expectedEdge: 0.0125, confidence: 0.7, stopDistanceFraction: 0.031, reason: "signal:momentum@1")
    let results = [
        RuleResult(
            ruleId: "cash_sufficiency", measured: .decimal(d("1107.1")), threshold: .decimal(d("100000")),
            outcome: .pass, reason: "fits"),
        RuleResult(
            ruleId: "position_size_cap", measured: .decimal(d("0.06")), threshold: .decimal(d("0.05")),
            outcome: .modify(quantityBase: d("1.2")), reason: "cap"),
        RuleResult(
            ruleId: "max_positions", measured: .integer(1), threshold: .integer(10), outcome: .pass, reason: "ok"),
        RuleResult(
            ruleId: "data_integrity", measured: .flag(true), threshold: .flag(true), outcome: .pass, reason: "ok"),
    ]
    let pending = PendingOrder(
        orderId: 7, symbol: "ETH/USD", side: .buy, quantityBase: d("1.2"), decidedHourTs: hour,
        referencePriceQuote: d("735.12"),
        atrFraction: d("0.0123"), atrQuote: d("9.04"), isExit: false, reason: "signal:momentum@1")
    let manifest = HourManifest(
        accountId: "acct", runId: run.runId, runMode: .paper, hourTs: hour, engineVersion: HourCycle.engineVersion,
        configSha256: config.sha256, modelSetSha256: models.sha256, inputEventCount: 5,
        inputEventsSha256: Hash256.of([1]),
        outputEventCount: 9, outputEventsSha256: Hash256.of([2]), prevStateSha256: Hash256.of([3]),
        stateSha256: Hash256.of([4]),
        equityQuote: d("100012.3456"), cashQuote: d("99000"), openPositions: 1, verdictsApprove: 0, verdictsModify: 1,
        verdictsBlock: 0, killSwitchTripped: true, killSwitchReason: "data_integrity")
    return [
        .runStarted(started),
        .orderFilled(
            OrderFilled(
                orderId: 6, symbol: "XBT/USD", side: .sell, decidedHourTs: hour.adding(hours: -1), fillHourTs: hour,
                requestedQuantityBase: d("0.2"), quantityBase: d("0.15"), openPriceQuote: d("29000.1"),
                slippageFraction: d("0.0015"),
                fillPriceQuote: d("28956.59985"), notionalQuote: d("4343.4899"), feeQuote: d("17.374"),
                cashAfterQuote: d("104326.1159"),
                positionAfterBase: .zero, note: "reduced_to_holding")),
        .orderCancelled(
            OrderCancelled(
                orderId: 5, symbol: "XRP/USD", side: .buy, decidedHourTs: hour.adding(hours: -1), hourTs: hour,
                quantityBase: d("1000"), reason: "no_bar")),
        .exitTriggered(
            ExitTriggered(
                hourTs: hour, symbol: "LTC/USD", reason: "stop_loss", closePriceQuote: d("120.5"),
                triggerPriceQuote: d("121"),
                quantityBase: d("3.25"))),
        .predictionMade(
            PredictionMade(
                hourTs: hour, symbol: "ETH/USD", modelId: models.id, regime: .trend, score: 0.71, expectedEdge: 0.0125,
                confidence: 0.6, action: "propose_entry",
                sizingSteps: [
                    SizingStep("equity", .decimal(d("100000"))), SizingStep("stop_distance_fraction", .number(0.031)),
                ])),
        .verdictRecorded(
            VerdictRecorded(hourTs: hour, verdict: GovernanceVerdict.combine(order: order, results: results))),
        .orderPlaced(OrderPlaced(order: pending)),
        .ledgerPosted(
            LedgerPosted(
                posting: .buy(
                    postingId: 3, hourTs: hour, orderId: 7, symbol: "ETH/USD", notionalQuote: d("882.15"),
                    feeQuote: d("3.5286")))),
        .ledgerPosted(
            LedgerPosted(
                posting: .sell(
                    postingId: 4, hourTs: hour, orderId: 6, symbol: "XBT/USD", notionalQuote: d("4343.4899"),
                    costRemovedQuote: d("4400"), feeQuote: d("17.374")))),
        .killSwitchTripped(KillSwitchTripped(hourTs: hour, reason: "data_integrity", detail: "3 of 5 bars missing")),
        .killSwitchReleased(KillSwitchReleased(releasedBy: "ops", reason: "feed restored")),
        .killSwitchReleased(
            KillSwitchState(tripped: true, reason: "drawdown_halt", tripHourTs: hour)
                .backtestRelease(at: hour.adding(hours: 168), afterHours: 168)!),
        .barCarriedForward(
            BarCarriedForward(hourTs: hour, symbol: "XRP/USD", closePriceQuote: d("0.2213"), carriedHours: 1)),
        .barCarriedForward(
            BarCarriedForward(hourTs: hour, symbol: "", closePriceQuote: d("-0.0001"), carriedHours: 24)),
        .hourClosed(HourClosed(manifest: manifest)),
    ] + exchangeEventSamples(hour: hour) + modelEventSamples(hour: hour)
}

/// A `ModelTrained` and an ensemble `PredictionMade` (with its model section).
func modelEventSamples(hour: UTCTimestamp) -> [DomainEvent] {
    let artifact = Hash256.of(Array("boost".utf8))
    let meta = Hash256.of(Array("meta".utf8))
    return [
        .modelTrained(
            ModelTrained(
                retrainHourTs: hour, kind: "boost_depthwise",
                hyperParameters: #"{"max_depth":4,"nthread":1,"seed":20260101}"#,
                trainingStartTs: hour.adding(hours: -720), trainingEndTs: hour,
                featureSchemaSha256: ModelTrained.featureSchemaSha256, trainingDataSha256: Hash256.of([1, 2, 3]),
                engineVersion: HourCycle.engineVersion, artifactSha256: artifact, artifactByteCount: 51_234,
                sampleCount: 2_880)),
        .predictionMade(
            PredictionMade(
                hourTs: hour, symbol: "XBT/USD", modelId: "ensemble@1(boost_depthwise)", regime: .range,
                score: -0.2, expectedEdge: 0.004, confidence: 0.4, action: "no_entry:meta", sizingSteps: [],
                model: ModelPrediction(
                    features: FeatureRow.columnNames.indices.map { Double($0) * 0.25 - 1 },
                    ensembleSha256: Hash256.of([9]),
                    artifacts: [
                        ModelArtifactReference(kind: "boost_depthwise", sha256: artifact),
                        ModelArtifactReference(kind: "meta_logistic", sha256: meta),
                    ], baseProbabilities: [0.43], metaProbability: 0.4, netEdge: -0.004, trade: false))),
        .predictionMade(
            PredictionMade(
                hourTs: hour, symbol: "ETH/USD", modelId: "ensemble@1(boost_depthwise)", regime: .trend,
                score: 0.3, expectedEdge: 0.012, confidence: 0.65, action: "propose_entry", sizingSteps: [],
                model: ModelPrediction(
                    features: FeatureRow.columnNames.indices.map { Double($0) * 0.5 },
                    ensembleSha256: Hash256.of([9]),
                    artifacts: [
                        ModelArtifactReference(kind: "boost_depthwise", sha256: artifact),
                        ModelArtifactReference(kind: "meta_logistic", sha256: meta),
                    ], baseProbabilities: [0.61], metaProbability: 0.65, netEdge: 0.004, trade: true,
                    trust: TrustDraws(
                        kinds: ["boost_depthwise"], alphas: [3.25], betas: [1.5], draws: [0.71], weights: [1])))),
    ]
}

/// One sample of every exchange input event (PAPER/LIVE), optional fields both present and absent.
func exchangeEventSamples(hour: UTCTimestamp) -> [DomainEvent] {
    let d = { (text: String) in try! FixedDecimal.parse(text) }
    return [
        .pairRulesRecorded(
            PairRulesRecorded(
                hourTs: hour, exchange: "kraken",
                rules: [
                    ExchangePairRule(
                        symbol: "XBT/USD", lotDecimals: 8, minOrderBase: d("0.0001"), minCostQuote: d("0.5"),
                        tickSizeQuote: d("0.1")),
                    ExchangePairRule(
                        symbol: "ETH/USD", lotDecimals: 8, minOrderBase: d("0.002"), minCostQuote: nil,
                        tickSizeQuote: nil),
                ])),
        .tickerRecorded(
            TickerRecorded(
                hourTs: hour, symbol: "XBT/USD", observedTs: hour.adding(hours: 1),
                bidPriceQuote: d("30300"), askPriceQuote: d("30300.1"))),
        .exchangeOrderAcknowledged(
            ExchangeOrderAcknowledged(
                hourTs: hour, orderId: 7, symbol: "ETH/USD", decidedHourTs: hour.adding(hours: -1),
                clientOrderId: "0b8c6a1e-3f2d-8a4b-9c1d-2e3f4a5b6c7d", exchangeOrderId: "OQCLML-BW3P3-BUCMWZ",
                status: "placed",
                detail: "closed: 1.2 of 1.2 executed")),
        .exchangeFillRecorded(
            ExchangeFillRecorded(
                hourTs: hour, orderId: 7, symbol: "ETH/USD", tradeId: "TCCCTY-WE2O6-P3NB37",
                tradeTs: hour.adding(hours: 1), quantityBase: d("1.2"), priceQuote: d("1870.1"),
                costQuote: d("2244.12"), feeQuote: d("5.8347"))),
        .balancesRecorded(
            BalancesRecorded(
                hourTs: hour, observedTs: hour.adding(hours: 1),
                balances: [
                    AssetAmount(asset: "XBT", amount: d("0.5")), AssetAmount(asset: "USD", amount: d("97750.0453")),
                ])),
        .exchangeAlarmRaised(
            ExchangeAlarmRaised(
                hourTs: hour,
                trip: KillSwitchTrip(
                    reason: "balance_mismatch", measured: .decimal(d("0.1")), threshold: .decimal(d("0.00000001")),
                    detail: "XBT: Kraken holds 0.6, the ledger 0.5"))),
    ]
}
