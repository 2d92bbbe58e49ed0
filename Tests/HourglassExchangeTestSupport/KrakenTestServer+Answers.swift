import HourglassCore
import HourglassExchange

/// An order the test server holds.
struct TestOrder {
    var txid: String
    var clientOrderId: String?
    var userReference: Int64
    var pairKey: String
    var altname: String
    var side: String
    var orderType: String
    var volume: FixedDecimal
    var executed: FixedDecimal
    var averagePrice: FixedDecimal
    var cost: FixedDecimal
    var fee: FixedDecimal
    var status: String
    var openedAt: Int64
    var closedAt: Int64?
    var tradeIds: [String]

    var json: String {
        let reference = clientOrderId.map { ",\"cl_ord_id\":\"\($0)\"" } ?? ""
        let closed = closedAt.map { ",\"closetm\":\($0).25" } ?? ""
        let trades = tradeIds.map { "\"\($0)\"" }.joined(separator: ",")
        return
            "{\"refid\":null,\"userref\":\(userReference)\(reference),\"status\":\"\(status)\","
            + "\"opentm\":\(openedAt).5\(closed),\"starttm\":0,\"expiretm\":0,"
            + "\"descr\":{\"pair\":\"\(altname)\",\"type\":\"\(side)\",\"ordertype\":\"\(orderType)\","
            + "\"price\":\"0\",\"price2\":\"0\",\"leverage\":\"none\",\"order\":\"\(summary)\",\"close\":\"\"},"
            + "\"vol\":\"\(volume)\",\"vol_exec\":\"\(executed)\",\"cost\":\"\(cost)\",\"fee\":\"\(fee)\","
            + "\"price\":\"\(averagePrice)\",\"misc\":\"\",\"oflags\":\"fciq\",\"trades\":[\(trades)]}"
    }

    var summary: String { "\(side) \(volume.formatted(decimals: 8)) \(altname) @ \(orderType)" }
}

/// A fill the test server holds.
struct TestTrade {
    var id: String
    var orderTxid: String
    var pairKey: String
    var time: Int64
    var side: String
    var price: FixedDecimal
    var volume: FixedDecimal
    var cost: FixedDecimal
    var fee: FixedDecimal

    var json: String {
        "{\"ordertxid\":\"\(orderTxid)\",\"postxid\":\"TKH2SE-M7IF5-CFI7LT\",\"pair\":\"\(pairKey)\","
            + "\"time\":\(time).125,\"type\":\"\(side)\",\"ordertype\":\"market\",\"price\":\"\(price)\","
            + "\"cost\":\"\(cost)\",\"fee\":\"\(fee)\","
            + "\"vol\":\"\(volume)\",\"margin\":\"0.00000\",\"misc\":\"\"}"
    }
}

extension KrakenTestServer {
    /// (pair key, altname, bid, ask) of the pairs the server trades.
    static let pairs: [(key: String, altname: String, bid: String, ask: String)] = [
        ("XETHZUSD", "ETHUSD", "1869.90", "1870.10"), ("XXBTZUSD", "XBTUSD", "30300.00000", "30300.10000"),
    ]

    static func pair(_ name: String) -> (key: String, altname: String, bid: String, ask: String)? {
        pairs.first { $0.key == name || $0.altname == name }
    }

    func answer(_ path: String, _ form: KrakenForm) -> LoopbackHTTPServer.Reply {
        switch path {
        case KrakenEndpoint.time.path:
            let now = state.withLock { state in
                defer { state.clockSeconds += state.clockStepSeconds }
                return state.clockSeconds
            }
            return ok("{\"unixtime\":\(now),\"rfc1123\":\"(not used)\"}")
        case KrakenEndpoint.assetPairs.path: return ok(state.withLock { $0.assetPairsResult })
        case KrakenEndpoint.ticker.path: return ticker(form)
        case KrakenEndpoint.ohlc.path: return ohlc(form)
        case KrakenEndpoint.balance.path:
            let members = state.withLock { $0.balances }.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",")
            return ok("{\(members)}")
        case KrakenEndpoint.addOrder.path: return addOrder(form)
        case KrakenEndpoint.openOrders.path: return ok("{\"open\":\(orders(form, open: true))}")
        case KrakenEndpoint.closedOrders.path: return ok("{\"closed\":\(orders(form, open: false)),\"count\":0}")
        case KrakenEndpoint.queryOrders.path:
            let wanted = (form.value("txid") ?? "").split(separator: ",").map(String.init)
            let found = state.withLock { $0.orders }.filter { wanted.contains($0.txid) }
            return ok("{" + found.map { "\"\($0.txid)\":\($0.json)" }.joined(separator: ",") + "}")
        case KrakenEndpoint.cancelOrder.path: return cancel(form)
        case KrakenEndpoint.tradesHistory.path:
            let trades = state.withLock { $0.trades }
            let members = trades.map { "\"\($0.id)\":\($0.json)" }.joined(separator: ",")
            return ok("{\"trades\":{\(members)},\"count\":\(trades.count)}")
        default: return reply(error: ["EGeneral:Unknown method"], status: 404)
        }
    }

    private func ticker(_ form: KrakenForm) -> LoopbackHTTPServer.Reply {
        var members: [String] = []
        for name in (form.value("pair") ?? "").split(separator: ",").map(String.init) {
            guard let pair = Self.pair(name) else { return reply(error: ["EQuery:Unknown asset pair"]) }
            if let quote = state.withLock({ $0.quotes[pair.key] }) {
                members.append(
                    "\"\(pair.key)\":{\"a\":[\"\(quote.ask)\",\"1\",\"1.000\"],\"b\":[\"\(quote.bid)\",\"1\",\"1.000\"],"
                        + "\"c\":[\"\(quote.ask)\",\"0.1\"],\"v\":[\"1\",\"1\"],\"p\":[\"1\",\"1\"],\"t\":[1,1],"
                        + "\"l\":[\"1\",\"1\"],\"h\":[\"1\",\"1\"],\"o\":\"1\"}")
                continue
            }
            members.append(
                "\"\(pair.key)\":" + (pair.key == "XXBTZUSD" ? KrakenFixtures.tickerXBT : KrakenFixtures.tickerETH))
        }
        return ok("{" + members.joined(separator: ",") + "}")
    }

    private func ohlc(_ form: KrakenForm) -> LoopbackHTTPServer.Reply {
        guard let name = form.value("pair"), let pair = Self.pair(name) else {
            return reply(error: ["EQuery:Unknown asset pair"])
        }
        guard form.value("interval") == "60" else { return reply(error: ["EGeneral:Invalid arguments:interval"]) }
        let since = form.value("since").flatMap { Int64($0) } ?? Int64.min
        let (candles, clock, pageSize) = state.withLock {
            ($0.candles[pair.key] ?? [], $0.clockSeconds, $0.ohlcPageSize)
        }
        let currentHour = clock - clock % 3600
        let committed = candles.filter { (Int64($0[0]) ?? 0) + 3600 <= clock && (Int64($0[0]) ?? 0) > since }
        let page = Array(committed.prefix(pageSize))
        let close = (page.last ?? candles.last)?[4] ?? "1"
        let live =
            candles.first { Int64($0[0]) == currentHour }
            ?? [String(currentHour), close, close, close, close, close, "0.00000000", "0"]
        let entries = (page + [live]).map { candle in
            "[\(candle[0]),\"\(candle[1])\",\"\(candle[2])\",\"\(candle[3])\",\"\(candle[4])\",\"\(candle[5])\","
                + "\"\(candle[6])\",\(candle[7])]"
        }
        let last = page.last.map { $0[0] } ?? String(max(since, 0))
        return ok("{\"\(pair.key)\":[\(entries.joined(separator: ","))],\"last\":\(last)}")
    }

    private func addOrder(_ form: KrakenForm) -> LoopbackHTTPServer.Reply {
        guard let pairName = form.value("pair"), let pair = Self.pair(pairName) else {
            return reply(error: ["EQuery:Unknown asset pair"])
        }
        guard let side = form.value("type"), side == "buy" || side == "sell", let orderType = form.value("ordertype"),
            orderType == "market" || orderType == "limit", let volumeText = form.value("volume"),
            let volume = try? FixedDecimal.parse(volumeText), volume.isPositive
        else {
            return reply(error: ["EGeneral:Invalid arguments"])
        }
        if form.value("cl_ord_id") != nil && form.value("userref") != nil {
            return reply(error: ["EGeneral:Invalid arguments"])
        }
        if volume < FixedDecimal(raw: 100_000_000) { return reply(error: ["EOrder:Order minimum not met"]) }
        let summary = "\(side) \(volume.formatted(decimals: 8)) \(pair.altname) @ \(orderType)"
        if form.value("validate") == "true" { return ok("{\"descr\":{\"order\":\"\(summary)\"}}") }
        let txid = state.withLock { state -> String in
            let number = state.orders.count + 1
            let txid = "OTEST\(number)-AAAAA-\(String(100_000 + number))"
            let quote = state.quotes[pair.key] ?? (pair.bid, pair.ask)
            let price = try! FixedDecimal.parse(side == "buy" ? quote.ask : quote.bid)
            var order = TestOrder(
                txid: txid, clientOrderId: form.value("cl_ord_id"),
                userReference: form.value("userref").flatMap { Int64($0) } ?? 0, pairKey: pair.key,
                altname: pair.altname, side: side, orderType: orderType, volume: volume, executed: .zero,
                averagePrice: .zero, cost: .zero, fee: .zero, status: "open", openedAt: state.clockSeconds,
                closedAt: nil, tradeIds: [])
            var filled = FixedDecimal.zero
            switch state.fillMode {
            case .fillMarket: filled = orderType == "market" ? volume : .zero
            case .partial(let fraction):
                filled = volume.multiplied(by: fraction, rounding: .down).rounded(decimals: 8, .down)
            case .rest: filled = .zero
            }
            if filled.isPositive {
                let cost = filled.multiplied(by: price, rounding: .halfEven).rounded(decimals: 5, .halfEven)
                let fee = cost.multiplied(by: FixedDecimal(raw: 2_600_000_000), rounding: .up).rounded(decimals: 5, .up)
                let tradeId = "TTEST\(state.trades.count + 1)-BBBBB-CCCCCC"
                state.trades.append(
                    TestTrade(
                        id: tradeId, orderTxid: txid, pairKey: pair.key, time: state.clockSeconds,
                        side: side, price: price, volume: filled, cost: cost, fee: fee))
                order.executed = filled
                order.averagePrice = price
                order.cost = cost
                order.fee = fee
                order.tradeIds = [tradeId]
                if state.tracksBalances {
                    let base = pair.key == "XXBTZUSD" ? "XXBT" : "XETH"
                    state.adjust("ZUSD", by: side == "buy" ? .zero - cost - fee : cost - fee)
                    state.adjust(base, by: side == "buy" ? filled : .zero - filled)
                }
                if filled == volume {
                    order.status = "closed"
                    order.closedAt = state.clockSeconds
                }
            }
            state.orders.append(order)
            return txid
        }
        return ok("{\"descr\":{\"order\":\"\(summary)\"},\"txid\":[\"\(txid)\"]}")
    }

    private func orders(_ form: KrakenForm, open: Bool) -> String {
        let reference = form.value("cl_ord_id")
        let chosen = state.withLock { $0.orders }.filter { order in
            (order.status == "open" || order.status == "pending") == open
                && (reference == nil || order.clientOrderId == reference)
        }
        return "{" + chosen.map { "\"\($0.txid)\":\($0.json)" }.joined(separator: ",") + "}"
    }

    private func cancel(_ form: KrakenForm) -> LoopbackHTTPServer.Reply {
        let count = state.withLock { state -> Int in
            var count = 0
            for index in state.orders.indices
            where state.orders[index].status == "open"
                && (state.orders[index].txid == form.value("txid")
                    || (form.value("cl_ord_id") != nil && state.orders[index].clientOrderId == form.value("cl_ord_id")))
            {
                state.orders[index].status = "canceled"
                state.orders[index].closedAt = state.clockSeconds
                count += 1
            }
            return count
        }
        if count == 0 { return reply(error: ["EOrder:Unknown order"]) }
        return ok("{\"count\":\(count)}")
    }
}

extension KrakenTestServer.State {
    /// Adds `delta` to the balance of `asset` (creating it at zero).
    mutating func adjust(_ asset: String, by delta: FixedDecimal) {
        let index =
            balances.firstIndex { $0.0 == asset }
            ?? {
                balances.append((asset, "0"))
                return balances.count - 1
            }()
        let current = (try? FixedDecimal.parse(balances[index].1)) ?? .zero
        balances[index].1 = (current + delta).description
    }
}
