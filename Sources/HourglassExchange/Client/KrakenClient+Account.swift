import HourglassCore

extension KrakenClient {
    /// The account's balances (`Balance`), by Kraken asset code.
    public func balances() async throws(KrakenError) -> KrakenBalances {
        try KrakenBalances.parse(try await call(.balance))
    }

    /// Orders by transaction id (`QueryOrders`, at most 50 ids), with their trade ids.
    public func queryOrders(txids: [String]) async throws(KrakenError) -> [KrakenOrder] {
        guard !txids.isEmpty, txids.count <= 50 else {
            throw .invalidRequest(.queryOrders, reason: "give 1…50 transaction ids, not \(txids.count)")
        }
        let form = KrakenForm([("trades", "true"), ("txid", txids.joined(separator: ","))])
        return try KrakenOrder.parseAll(try await call(.queryOrders, form))
    }

    /// Open orders (`OpenOrders`), only the one tagged `clientOrderId` when given.
    public func openOrders(clientOrderId: String? = nil) async throws(KrakenError) -> [KrakenOrder] {
        var form = KrakenForm([("trades", "true")])
        if let clientOrderId { form.append("cl_ord_id", clientOrderId) }
        return try KrakenOrder.parseAll(try await call(.openOrders, form).member("open"))
    }

    /// Closed orders (`ClosedOrders`, Kraken's most recent 50), only those tagged `clientOrderId`
    /// when given, opened at or after `start` when given.
    public func closedOrders(clientOrderId: String? = nil, start: UTCTimestamp? = nil) async throws(KrakenError)
        -> [KrakenOrder]
    {
        var form = KrakenForm([("trades", "true")])
        if let clientOrderId { form.append("cl_ord_id", clientOrderId) }
        if let start { form.append("start", String(start.secondsSinceEpoch)) }
        return try KrakenOrder.parseAll(try await call(.closedOrders, form).member("closed"))
    }

    /// The order tagged `clientOrderId`, open or closed, or nil when Kraken has none.
    ///
    /// This is how a restart finds an order whose acknowledgement was lost. Kraken's filter is
    /// trusted only as a filter: the tag of every answer is checked again here.
    public func findOrder(clientOrderId: String) async throws(KrakenError) -> KrakenOrder? {
        let open = try await openOrders(clientOrderId: clientOrderId).filter { $0.clientOrderId == clientOrderId }
        if let order = open.first { return order }
        let closed = try await closedOrders(clientOrderId: clientOrderId).filter { $0.clientOrderId == clientOrderId }
        return closed.first
    }

    /// Cancels an open order by transaction id (`CancelOrder`).
    public func cancelOrder(txid: String) async throws(KrakenError) -> KrakenCancelResult {
        try KrakenCancelResult.parse(try await call(.cancelOrder, KrakenForm([("txid", txid)])))
    }

    /// Cancels an open order by its client order id (`CancelOrder` with `cl_ord_id`).
    public func cancelOrder(clientOrderId: String) async throws(KrakenError) -> KrakenCancelResult {
        try KrakenCancelResult.parse(try await call(.cancelOrder, KrakenForm([("cl_ord_id", clientOrderId)])))
    }

    /// One page of fills (`TradesHistory`) between `start` and `end` (Unix seconds, Kraken's
    /// exclusive bounds), skipping `offset` results; Kraken returns 50 per page.
    public func tradesHistory(start: UTCTimestamp? = nil, end: UTCTimestamp? = nil, offset: Int = 0)
        async throws(KrakenError) -> KrakenTradesPage
    {
        var form = KrakenForm([("trades", "true")])
        if let start { form.append("start", String(start.secondsSinceEpoch)) }
        if let end { form.append("end", String(end.secondsSinceEpoch)) }
        if offset > 0 { form.append("ofs", String(offset)) }
        return try KrakenTradesPage.parse(try await call(.tradesHistory, form))
    }
}
