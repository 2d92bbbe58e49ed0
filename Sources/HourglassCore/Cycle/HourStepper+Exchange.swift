extension HourStepper {
    /// The ticker's relative spread ÷ the symbol's 30-day median hourly range fraction, when a
    /// ticker was recorded for `symbol` and the features give a positive median; else nil.
    func tickerSpreadRatio(_ symbol: String, _ features: SymbolFeatures?) -> Double? {
        guard let ticker = inputs.exchange.ticker(symbol), let spread = ticker.relativeSpread, let features,
            let window = state.windows.first(where: { $0.symbol == symbol }), let current = window.rangeFractions.last,
            features.rangeRatio > 0, current > 0
        else { return nil }
        let median = current / features.rangeRatio
        return median > 0 ? spread / median : nil
    }

    /// Settles a LIVE order from what the exchange recorded: the sum of its fills, at their
    /// volume-weighted price and the exchange's fees. No fill cancels it with the acknowledgement's
    /// status; a fill the ledger cannot hold (more than the cash or the position) is not posted and
    /// is left for the balance reconciliation to report.
    mutating func settleFromExchange(_ order: PendingOrder, _ acknowledgement: ExchangeOrderAcknowledged) {
        let fills = inputs.exchange.fills.filter { $0.orderId == order.orderId }
        var quantity = FixedDecimal.zero
        var cost = FixedDecimal.zero
        var fee = FixedDecimal.zero
        for fill in fills {
            quantity += fill.quantityBase
            cost += fill.costQuote
            fee += fill.feeQuote
        }
        guard quantity.isPositive else { return cancel(order, reason: "exchange_\(acknowledgement.status)") }
        let price = cost.divided(by: quantity, rounding: .halfEven)
        let note = fills.count == 1 ? "exchange fill \(fills[0].tradeId)" : "\(fills.count) exchange fills"
        let fill = PaperFill.Fill(
            quantityBase: quantity, slippageFraction: .zero, fillPriceQuote: price, notionalQuote: cost,
            feeQuote: fee, note: quantity < order.quantityBase ? note + " (partial)" : note)
        let open = bar(order.symbol)?.openPrice ?? price
        switch order.side {
        case .buy:
            guard cost + fee <= state.cashQuote else { return cancel(order, reason: "exchange_fill_exceeds_cash") }
            applyBuy(order, fill, openPriceQuote: open)
        case .sell:
            guard quantity <= state.position(order.symbol)?.quantityBase ?? .zero else {
                return cancel(order, reason: "exchange_fill_exceeds_position")
            }
            applySell(order, fill, openPriceQuote: open)
        }
    }
}
