import HourglassCore

/// One executed hour as its events recorded it, grouped in cycle order (see `HourExplainer`).
///
/// Cycle order: inputs consumed → fills and cancellations of earlier orders → exits → per symbol
/// the model outputs with their sizing steps → every rule's verdict on each proposed order →
/// orders placed → ledger postings → kill switch and breaker → the manifest and its hashes.
public struct HourExplanation: Sendable {
    /// An event payload and the `seq` it was recorded at.
    public struct Logged<Payload: Sendable>: Sendable {
        /// Where the event sits in the log.
        public var seq: Int64
        /// The decoded payload.
        public var payload: Payload

        init(seq: Int64, _ payload: Payload) {
            self.seq = seq
            self.payload = payload
        }
    }

    /// The run.
    public var run: RunContext
    /// The hour explained.
    public var hourTs: UTCTimestamp
    /// The symbol the explanation is narrowed to, if any.
    public var symbol: String?
    /// Input events the hour consumed (before narrowing).
    public var inputCount: Int
    /// Events the hour wrote (before narrowing).
    public var outputCount: Int
    /// Bars consumed.
    public var bars: [Logged<Bar>] = []
    /// Operator releases consumed, then the BACKTEST release policy's simulated one (an output).
    public var releases: [Logged<KillSwitchReleased>] = []
    /// The pair rules the hour judged lots and minimums by (PAPER/LIVE); a late hour's may be an
    /// earlier hour's event (its `hourTs` says which; docs/OPERATIONS.md).
    public var pairRules: [Logged<PairRulesRecorded>] = []
    /// Bid and ask read at decision time (the latest closed hour of PAPER/LIVE).
    public var tickers: [Logged<TickerRecorded>] = []
    /// LIVE: what the exchange said of the orders decided the hour before.
    public var acknowledgements: [Logged<ExchangeOrderAcknowledged>] = []
    /// LIVE: the exchange's fills of those orders (the `fills` step posts them).
    public var exchangeFills: [Logged<ExchangeFillRecorded>] = []
    /// LIVE: the account's balances as the exchange reported them.
    public var balances: [Logged<BalancesRecorded>] = []
    /// Findings that trip the kill switch this hour (instability, balance mismatch).
    public var alarms: [Logged<ExchangeAlarmRaised>] = []
    /// Missing bars the gap policy carried forward into the feature windows (outputs).
    public var carried: [Logged<BarCarriedForward>] = []
    /// Models trained for this hour (a retrain hour of an ensemble run), by kind.
    public var modelsTrained: [Logged<ModelTrained>] = []
    /// Fills of orders decided in earlier hours.
    public var fills: [Logged<OrderFilled>] = []
    /// Orders cancelled instead of filled.
    public var cancellations: [Logged<OrderCancelled>] = []
    /// Exits the hour triggered.
    public var exits: [Logged<ExitTriggered>] = []
    /// Every model's output per symbol (today one momentum model; the meta-learner is not built yet).
    public var predictions: [Logged<PredictionMade>] = []
    /// Every proposed order with every rule's judgement.
    public var verdicts: [Logged<VerdictRecorded>] = []
    /// Orders placed (filling at the next hour).
    public var orders: [Logged<OrderPlaced>] = []
    /// Ledger postings.
    public var postings: [Logged<LedgerPosted>] = []
    /// Kill-switch trips recorded this hour.
    public var trips: [Logged<KillSwitchTripped>] = []
    /// The manifest the hour closed with.
    public var manifest: HourManifest?
    /// The `seq` of the `HourClosed` event.
    public var manifestSeq: Int64?

    init(run: RunContext, hourTs: UTCTimestamp, symbol: String?, inputCount: Int, outputCount: Int) {
        self.run = run
        self.hourTs = hourTs
        self.symbol = symbol
        self.inputCount = inputCount
        self.outputCount = outputCount
    }

    /// Files one input event under step 1; throws when it is not an hour input.
    mutating func addInput(_ event: DomainEvent, seq: Int64) throws {
        switch event {
        case .barRecorded(let recorded): bars.append(Logged(seq: seq, recorded.bar))
        case .killSwitchReleased(let release): releases.append(Logged(seq: seq, release))
        case .pairRulesRecorded(let rules): pairRules.append(Logged(seq: seq, rules))
        case .tickerRecorded(let ticker): tickers.append(Logged(seq: seq, ticker))
        case .exchangeOrderAcknowledged(let acknowledgement): acknowledgements.append(Logged(seq: seq, acknowledgement))
        case .exchangeFillRecorded(let fill): exchangeFills.append(Logged(seq: seq, fill))
        case .balancesRecorded(let recorded): balances.append(Logged(seq: seq, recorded))
        case .exchangeAlarmRaised(let alarm): alarms.append(Logged(seq: seq, alarm))
        case .modelTrained(let trained): modelsTrained.append(Logged(seq: seq, trained))
        case .runStarted, .predictionMade, .verdictRecorded, .orderPlaced, .orderFilled, .orderCancelled,
            .exitTriggered, .ledgerPosted, .killSwitchTripped, .hourClosed, .barCarriedForward:
            throw RunStoreError.inputCorrupt(seq: seq, reason: "\(event.eventType.rawValue) is not an hour input")
        }
    }

    /// Files one output event under its step.
    mutating func add(_ event: DomainEvent, seq: Int64) throws {
        switch event {
        case .orderFilled(let fill): fills.append(Logged(seq: seq, fill))
        case .orderCancelled(let cancel): cancellations.append(Logged(seq: seq, cancel))
        case .exitTriggered(let exit): exits.append(Logged(seq: seq, exit))
        case .predictionMade(let prediction): predictions.append(Logged(seq: seq, prediction))
        case .verdictRecorded(let verdict): verdicts.append(Logged(seq: seq, verdict))
        case .orderPlaced(let order): orders.append(Logged(seq: seq, order))
        case .ledgerPosted(let posting): postings.append(Logged(seq: seq, posting))
        case .killSwitchTripped(let trip): trips.append(Logged(seq: seq, trip))
        case .barCarriedForward(let carry): carried.append(Logged(seq: seq, carry))
        case .killSwitchReleased(let release):
            // An operator's release is an input echoed among the outputs; the policy's is only an output.
            if release.releasedBy == KillSwitchState.backtestPolicyOperator {
                releases.append(Logged(seq: seq, release))
            }
        case .hourClosed(let closed):
            manifest = closed.manifest
            manifestSeq = seq
        case .barRecorded, .runStarted, .pairRulesRecorded, .tickerRecorded,
            .exchangeOrderAcknowledged, .exchangeFillRecorded, .balancesRecorded, .exchangeAlarmRaised, .modelTrained:
            throw RunStoreError.inputCorrupt(seq: seq, reason: "\(event.eventType.rawValue) is not an hour's output")
        }
    }

    /// Keeps only what concerns `symbol` (postings follow the orders of that symbol; balances and
    /// alarms concern the account, and stay).
    mutating func narrow(to symbol: String) {
        bars = bars.filter { $0.payload.symbol == symbol }
        pairRules = pairRules.map { item in
            var narrowed = item
            narrowed.payload.rules = item.payload.rules.filter { $0.symbol == symbol }
            return narrowed
        }
        tickers = tickers.filter { $0.payload.symbol == symbol }
        acknowledgements = acknowledgements.filter { $0.payload.symbol == symbol }
        exchangeFills = exchangeFills.filter { $0.payload.symbol == symbol }
        carried = carried.filter { $0.payload.symbol == symbol }
        fills = fills.filter { $0.payload.symbol == symbol }
        cancellations = cancellations.filter { $0.payload.symbol == symbol }
        exits = exits.filter { $0.payload.symbol == symbol }
        predictions = predictions.filter { $0.payload.symbol == symbol }
        verdicts = verdicts.filter { $0.payload.verdict.order.symbol == symbol }
        orders = orders.filter { $0.payload.symbol == symbol }
        let orderIds = Set(fills.map(\.payload.orderId) + orders.map(\.payload.orderId))
        postings = postings.filter { $0.payload.posting.orderId.map(orderIds.contains) ?? false }
    }

    /// The circuit breaker's level as the rules saw it this hour (its `circuit_breaker` results);
    /// nil when no order was judged.
    public var breakerLevel: String? {
        verdicts.lazy.flatMap(\.payload.verdict.results).first { $0.ruleId == "circuit_breaker" }?.measured.description
    }
}
