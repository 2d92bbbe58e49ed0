import HourglassCore
import HourglassExchange
import HourglassStore

extension HourlyRunner {
    /// The exchange inputs of `hourTs`: when it is the latest closed hour, the pair rules and the
    /// ticker just read; in LIVE, what became of the orders decided at the hour before (found by
    /// client reference, so a lost acknowledgement is recovered) with their fills, and the balances.
    ///
    /// A late hour records no pair rules: those read now did not necessarily hold then, and Kraken
    /// keeps no history of them. It executes with the last rules recorded before it
    /// (`RunStore.inputsForExecution`; docs/OPERATIONS.md, "Late hours and pair rules").
    func exchangeInputs(
        run: RunRecord, hourTs: UTCTimestamp, latest: Bool, directory: KrakenPairDirectory,
        before: EngineState
    ) async throws -> ExchangeInputs {
        var inputs = ExchangeInputs()
        if latest {
            let rules = directory.pairs.map {
                ExchangePairRule(
                    symbol: $0.symbol, lotDecimals: $0.lotDecimals, minOrderBase: $0.orderMinBase,
                    minCostQuote: $0.costMinQuote, tickSizeQuote: $0.tickSize)
            }
            inputs.pairRules = PairRulesRecorded(hourTs: hourTs, exchange: run.config.exchange, rules: rules)
            let time = try await exchange("read the exchange clock", hour: hourTs, run: run) {
                try await $0.serverTime()
            }
            let tickers = try await exchange("read Ticker", hour: hourTs, run: run) {
                try await $0.tickers(directory.pairs.map(\.pairName))
            }
            inputs.tickers = tickers.compactMap { ticker in
                directory.pair(krakenName: ticker.pairName).map {
                    TickerRecorded(
                        hourTs: hourTs, symbol: $0.symbol, observedTs: time.now, bidPriceQuote: ticker.bidPrice,
                        askPriceQuote: ticker.askPrice)
                }
            }.sorted { $0.symbol < $1.symbol }
        }
        guard run.context.runMode == .live else { return inputs }
        var acknowledgements: [ExchangeOrderAcknowledged] = []
        var fills: [ExchangeFillRecorded] = []
        for order in before.pendingOrders {
            let reference = ClientOrderReference(
                runId: run.context.runId, hourTs: order.decidedHourTs, orderId: order.orderId)
            let found = try await exchange("find order \(reference.clientOrderId)", hour: hourTs, run: run) {
                try await $0.findOrder(clientOrderId: reference.clientOrderId)
            }
            guard let found else {
                acknowledgements.append(
                    ExchangeOrderAcknowledged(
                        hourTs: hourTs, orderId: order.orderId, symbol: order.symbol,
                        decidedHourTs: order.decidedHourTs,
                        clientOrderId: reference.clientOrderId, exchangeOrderId: "", status: "not_sent",
                        detail: "no order with this client reference on the exchange"))
                continue
            }
            if found.status == .open || found.status == .pending {
                // What has not filled by the next hour is not the engine's any more: cancel the rest.
                _ = try await exchange("cancel the rest of \(found.txid)", hour: hourTs, run: run) {
                    try await $0.cancelOrder(txid: found.txid)
                }
            }
            acknowledgements.append(
                ExchangeOrderAcknowledged(
                    hourTs: hourTs, orderId: order.orderId, symbol: order.symbol, decidedHourTs: order.decidedHourTs,
                    clientOrderId: reference.clientOrderId, exchangeOrderId: found.txid, status: "placed",
                    detail: "\(found.status.rawValue): \(found.volumeExecutedBase) of \(found.volumeBase) executed"))
            let page = try await exchange("read TradesHistory", hour: hourTs, run: run) {
                try await $0.tradesHistory(start: order.decidedHourTs)
            }
            for trade in page.trades where trade.orderTxid == found.txid {
                fills.append(
                    ExchangeFillRecorded(
                        hourTs: hourTs, orderId: order.orderId, symbol: order.symbol, tradeId: trade.tradeId,
                        tradeTs: trade.executedAt,
                        quantityBase: trade.volumeBase, priceQuote: trade.priceQuote, costQuote: trade.costQuote,
                        feeQuote: trade.feeQuote))
            }
        }
        inputs.acknowledgements = acknowledgements
        inputs.fills = fills.sorted { ($0.orderId, $0.tradeId) < ($1.orderId, $1.tradeId) }
        let time = try await exchange("read the exchange clock", hour: hourTs, run: run) { try await $0.serverTime() }
        let balances = try await exchange("read Balance", hour: hourTs, run: run) { try await $0.balances() }
        lastBalances = balances
        inputs.balances = BalancesRecorded(
            hourTs: hourTs, observedTs: time.now,
            balances: balances.amounts.map {
                AssetAmount(asset: directory.engineAsset(krakenAsset: $0.asset) ?? $0.asset, amount: $0.amount)
            })
        return inputs
    }

    /// LIVE: compares the balances read for this hour with the ledger after the hour's fills. A
    /// mismatch beyond one lot is recorded as a `balance_mismatch` alarm of the next hour (which
    /// trips the kill switch there, naming the asset); returns its description, nil when they agree.
    func reconcile(
        run: RunRecord, hourTs: UTCTimestamp, state: EngineState, directory: KrakenPairDirectory,
        inputs: inout ExchangeInputs
    ) async throws -> String? {
        guard let balances = lastBalances else { return nil }
        let mismatches = BalanceReconciliation.mismatches(
            exchange: balances, cashQuote: state.cashQuote,
            positions: state.positions.map { ($0.symbol, $0.quantityBase) },
            quoteAsset: run.config.quoteCurrency, directory: directory)
        guard let first = mismatches.first else { return nil }
        let detail = mismatches.map(\.description).joined(separator: "; ")
        let trip = KillSwitchTrip(
            reason: BalanceMismatch.reason, measured: first.killSwitchTrip.measured,
            threshold: first.killSwitchTrip.threshold, detail: detail)
        let next = hourTs.adding(hours: 1)
        try ExchangeInputRecorder(log: log).record(
            run: run, hourTs: next,
            events: [.exchangeAlarmRaised(ExchangeAlarmRaised(hourTs: next, trip: trip))])
        return detail
    }

    /// Sends the hour's approved orders as market orders, each with its client reference, at most
    /// once (`KrakenClient.placeOrder`); returns how many were sent or found already placed.
    func send(_ orders: [PendingOrder], run: RunRecord, hourTs: UTCTimestamp, directory: KrakenPairDirectory)
        async throws -> Int
    {
        var sent = 0
        for order in orders {
            guard let pair = directory.pair(symbol: order.symbol) else { throw RunnerError.unknownPair(order.symbol) }
            let reference = ClientOrderReference(runId: run.context.runId, hourTs: hourTs, orderId: order.orderId)
            let request = KrakenOrderRequest(
                pair: pair.pairName, side: order.side, orderType: .market,
                volumeBase: order.quantityBase.rounded(decimals: pair.lotDecimals, .down),
                reference: reference)
            let placement = try await exchange("place order \(order.orderId)", hour: hourTs.adding(hours: 1), run: run)
            {
                try await $0.placeOrder(request)
            }
            sent += 1
            logger.info(
                "order sent",
                metadata: [
                    "run.id": "\(run.context.runId)", "hour.ts": "\(hourTs)", "outcome": "order_sent",
                    "order.id": "\(order.orderId)", "cl_ord_id": "\(reference.clientOrderId)",
                    "txid": "\(placement.txids.joined(separator: ","))",
                ])
        }
        return sent
    }
}
