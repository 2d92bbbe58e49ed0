extension HourStepper {
    /// Fills (or cancels) every order decided at H−1 at H's open, posting each fill to the ledger.
    mutating func applyFills() {
        let orders = state.pendingOrders
        state.pendingOrders = []
        for order in orders {
            precondition(
                order.fillHourTs == hourTs,
                "pending order \(order.orderId) belongs to \(order.fillHourTs), not \(hourTs)")
            if let acknowledgement = inputs.exchange.acknowledgement(order.orderId) {
                settleFromExchange(order, acknowledgement)
                continue
            }
            guard let bar = bar(order.symbol) else {
                cancel(order, reason: "no_bar")
                continue
            }
            switch order.side {
            case .buy:
                switch PaperFill.buy(order, openPriceQuote: bar.openPrice, cashQuote: state.cashQuote, config: config) {
                case .filled(let fill): applyBuy(order, fill, openPriceQuote: bar.openPrice)
                case .cancelled(let reason): cancel(order, reason: reason)
                }
            case .sell:
                let held = state.position(order.symbol)?.quantityBase ?? .zero
                switch PaperFill.sell(order, openPriceQuote: bar.openPrice, heldQuantityBase: held, config: config) {
                case .filled(let fill): applySell(order, fill, openPriceQuote: bar.openPrice)
                case .cancelled(let reason): cancel(order, reason: reason)
                }
            }
            precondition(!state.cashQuote.isNegative, "cash went negative filling order \(order.orderId)")
        }
    }

    mutating func cancel(_ order: PendingOrder, reason: String) {
        events.append(
            .orderCancelled(
                OrderCancelled(
                    orderId: order.orderId, symbol: order.symbol, side: order.side,
                    decidedHourTs: order.decidedHourTs, hourTs: hourTs, quantityBase: order.quantityBase, reason: reason
                )))
    }

    mutating func applyBuy(_ order: PendingOrder, _ fill: PaperFill.Fill, openPriceQuote: FixedDecimal) {
        state.cashQuote -= fill.notionalQuote + fill.feeQuote
        var position =
            state.position(order.symbol)
            ?? Position(
                symbol: order.symbol, quantityBase: .zero, costBasisQuote: .zero, entryFeesQuote: .zero,
                entryHourTs: hourTs,
                entryPriceQuote: fill.fillPriceQuote, entryAtrQuote: order.atrQuote,
                stopPriceQuote: max(
                    .zero,
                    fill.fillPriceQuote
                        - order.atrQuote.multiplied(by: config.risk.stopLossATRMultiple, rounding: .halfEven)),
                takeProfitPriceQuote: fill.fillPriceQuote
                    + order.atrQuote.multiplied(by: config.risk.takeProfitATRMultiple, rounding: .halfEven),
                highestCloseQuote: fill.fillPriceQuote, markPriceQuote: fill.fillPriceQuote,
                entryRegime: state.memo(order.symbol)?.pendingEntryRegime ?? .unknown)
        position.quantityBase += fill.quantityBase
        position.costBasisQuote += fill.notionalQuote
        position.entryFeesQuote += fill.feeQuote
        state.setPosition(order.symbol, position)
        let posting = LedgerPosting.buy(
            postingId: nextPostingId(), hourTs: hourTs, orderId: order.orderId, symbol: order.symbol,
            notionalQuote: fill.notionalQuote, feeQuote: fill.feeQuote)
        state.ledger.apply(posting)
        emitFill(order, fill, openPriceQuote: openPriceQuote, positionAfter: position.quantityBase, posting: posting)
    }

    mutating func applySell(_ order: PendingOrder, _ fill: PaperFill.Fill, openPriceQuote: FixedDecimal) {
        guard var position = state.position(order.symbol) else { preconditionFailure("sell fill without a position") }
        let closesPosition = fill.quantityBase == position.quantityBase
        let ratio = fill.quantityBase.divided(by: position.quantityBase, rounding: .halfEven)
        let costRemoved =
            closesPosition
            ? position.costBasisQuote
            : position.costBasisQuote.multiplied(by: ratio, rounding: .halfEven).rounded(
                decimals: config.quoteDecimals, .halfEven)
        let feesRemoved =
            closesPosition
            ? position.entryFeesQuote
            : position.entryFeesQuote.multiplied(by: ratio, rounding: .halfEven).rounded(
                decimals: config.quoteDecimals, .halfEven)
        state.cashQuote += fill.notionalQuote - fill.feeQuote
        position.quantityBase -= fill.quantityBase
        position.costBasisQuote -= costRemoved
        position.entryFeesQuote -= feesRemoved
        precondition(!position.quantityBase.isNegative, "a sell left a negative position")
        state.setPosition(order.symbol, closesPosition ? nil : position)
        if closesPosition {
            recordClosedTrade(position, order: order, fill: fill, costRemoved: costRemoved, feesRemoved: feesRemoved)
        }
        let posting = LedgerPosting.sell(
            postingId: nextPostingId(), hourTs: hourTs, orderId: order.orderId, symbol: order.symbol,
            notionalQuote: fill.notionalQuote, costRemovedQuote: costRemoved, feeQuote: fill.feeQuote)
        state.ledger.apply(posting)
        emitFill(order, fill, openPriceQuote: openPriceQuote, positionAfter: position.quantityBase, posting: posting)
    }

    mutating func recordClosedTrade(
        _ position: Position, order: PendingOrder, fill: PaperFill.Fill, costRemoved: FixedDecimal,
        feesRemoved: FixedDecimal
    ) {
        let pnl = fill.notionalQuote - costRemoved - feesRemoved - fill.feeQuote
        // Only exits sell (long only), and every exit order carries its reason (HourStepper+Exits).
        guard let exitReason = ExitReason(orderReason: order.reason) else {
            preconditionFailure("a position was closed by an order that is not an exit: \(order.reason)")
        }
        let trade = ClosedTrade(
            symbol: order.symbol, entryTs: position.entryHourTs, exitTs: hourTs, realizedPnlQuote: pnl,
            returnFraction: costRemoved.isPositive ? pnl.doubleValue / costRemoved.doubleValue : 0,
            exitReason: exitReason)
        state.closedTrades.append(trade)
        if state.closedTrades.count > config.closedTradesKept {
            state.closedTrades.removeFirst(state.closedTrades.count - config.closedTradesKept)
        }
        if let index = state.memos.firstIndex(where: { $0.symbol == order.symbol }) {
            state.memos[index].lastExitTs = hourTs
            if exitReason == .stopLoss { state.memos[index].lastStopOutTs = hourTs }
        }
    }

    mutating func emitFill(
        _ order: PendingOrder, _ fill: PaperFill.Fill, openPriceQuote: FixedDecimal, positionAfter: FixedDecimal,
        posting: LedgerPosting
    ) {
        events.append(
            .orderFilled(
                OrderFilled(
                    orderId: order.orderId, symbol: order.symbol, side: order.side, decidedHourTs: order.decidedHourTs,
                    fillHourTs: hourTs,
                    requestedQuantityBase: order.quantityBase, quantityBase: fill.quantityBase,
                    openPriceQuote: openPriceQuote,
                    slippageFraction: fill.slippageFraction, fillPriceQuote: fill.fillPriceQuote,
                    notionalQuote: fill.notionalQuote,
                    feeQuote: fill.feeQuote, cashAfterQuote: state.cashQuote, positionAfterBase: positionAfter,
                    note: fill.note)))
        events.append(.ledgerPosted(LedgerPosted(posting: posting)))
    }
}
