import HourglassCore
import HourglassStore

extension HourExplanation {
    /// The explanation as an auditor reads it: one numbered step per line group, in cycle order,
    /// fitting one screen for an hour of five symbols (`--symbol` narrows it; `--json` is complete).
    var text: String {
        var lines = [
            "hour \(hourTs.iso8601) · run \(run.runId) (\(run.runMode.rawValue), account \(run.accountId))"
                + " · \(inputCount) events read, \(outputCount) written" + (symbol.map { " · only \($0)" } ?? "")
        ]
        func step(_ label: String, _ items: [String], empty: String = "none") {
            let body = items.isEmpty ? [empty] : items
            lines.append(label.padding(toLength: 13, withPad: " ", startingAt: 0) + body[0])
            lines += body.dropFirst().map { String(repeating: " ", count: 13) + $0 }
        }
        step(
            "1 inputs",
            bars.map { item in
                let bar = item.payload
                return "\(bar.symbol.padding(toLength: 8, withPad: " ", startingAt: 0)) o \(Self.price(bar.openPrice)) "
                    + "h \(Self.price(bar.highPrice)) l \(Self.price(bar.lowPrice)) c \(Self.price(bar.closePrice)) "
                    + "v \(bar.volumeBase.formatted(decimals: 2))  (seq \(item.seq))"
            }
                + carried.map {
                    "\($0.payload.symbol.padding(toLength: 8, withPad: " ", startingAt: 0)) missing: close "
                        + "\(Self.price($0.payload.closePriceQuote)) carried forward (\($0.payload.carriedHours) h, "
                        + "not traded)  (seq \($0.seq))"
                }
                + releases.map {
                    "kill-switch release by \($0.payload.releasedBy): \($0.payload.reason)  (seq \($0.seq))"
                }
                + modelsTrained.map { item in
                    let trained = item.payload
                    return "model trained \(trained.kind) on \(trained.sampleCount) samples "
                        + "[\(trained.trainingStartTs), \(trained.trainingEndTs)) artifact "
                        + "\(trained.artifactSha256.hex.prefix(16))… \(trained.artifactByteCount) bytes"
                        + "  (seq \(item.seq))"
                } + exchangeInputLines)
        step(
            "2 fills",
            fills.map { item in
                let fill = item.payload
                return
                    "order \(fill.orderId) \(fill.side.rawValue) \(fill.symbol) \(fill.quantityBase)"
                    + " @ \(Self.price(fill.fillPriceQuote)) (open \(Self.price(fill.openPriceQuote)),"
                    + " slip \(fill.slippageFraction)) fee \(fill.feeQuote.formatted(decimals: 2))"
                    + " → cash \(fill.cashAfterQuote.formatted(decimals: 2)), position \(fill.positionAfterBase)"
            }
                + cancellations.map {
                    "order \($0.payload.orderId) \($0.payload.symbol) cancelled: \($0.payload.reason)"
                },
            empty: "none due this hour")
        step(
            "3 exits",
            exits.map { item in
                let exit = item.payload
                return
                    "\(exit.symbol) \(exit.reason): \(exit.quantityBase) at close \(Self.price(exit.closePriceQuote))"
                    + (exit.triggerPriceQuote.map { " (trigger \(Self.price($0)))" } ?? "")
            })
        let recorded = predictions.filter { $0.payload.model != nil }
        step(
            "4 features",
            recorded.isEmpty
                ? ["not events: replay-hour recomputes them from the inputs above"]
                : recorded.map { item in
                    let values = item.payload.model!.features
                    return item.payload.symbol.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + zip(FeatureRow.columnNames, values).map { "\($0) \(Self.number($1))" }
                        .joined(separator: ", ")
                })
        step(
            "5 models",
            predictions.map { item in
                let prediction = item.payload
                return "\(prediction.symbol.padding(toLength: 8, withPad: " ", startingAt: 0)) \(prediction.modelId) "
                    + "regime \(prediction.regime) score \(Self.number(prediction.score))"
                    + " edge \(Self.number(prediction.expectedEdge)) "
                    + "conf \(Self.number(prediction.confidence)) → \(prediction.action)"
            } + (predictions.isEmpty || !recorded.isEmpty ? [] : ["meta-learner: n/a (rule models)"])
                + recorded.map { item in
                    let model = item.payload.model!
                    let kinds = model.artifacts.map(\.kind).filter { $0 != "meta_logistic" }
                    let base = zip(kinds, model.baseProbabilities)
                        .map { "\($0) \(Self.number($1))" }.joined(separator: ", ")
                    return "\(item.payload.symbol.padding(toLength: 8, withPad: " ", startingAt: 0)) base [\(base)] "
                        + "meta p \(Self.number(model.metaProbability)) net edge \(Self.number(model.netEdge)) "
                        + (model.trade ? "trade" : "no trade") + " (ensemble \(model.ensembleSha256.hex.prefix(12))…)"
                } + Self.trustLines(recorded.lazy.compactMap { $0.payload.model?.trust }.first))
        step(
            "6 sizing",
            predictions.filter { !$0.payload.sizingSteps.isEmpty }.flatMap { item in
                Self.packed(
                    item.payload.sizingSteps.map { "\($0.name) \(Self.value($0.value))" },
                    first: item.payload.symbol.padding(toLength: 9, withPad: " ", startingAt: 0), separator: " → ")
            })
        step("7 verdicts", verdicts.flatMap { Self.verdictLines($0.payload.verdict) })
        step(
            "8 orders",
            orders.map { item in
                let order = item.payload
                return
                    "order \(order.orderId) \(order.side.rawValue) \(order.symbol) \(order.quantityBase)"
                    + " ref \(Self.price(order.referencePriceQuote))"
                    + " fills at \(order.fillsAtHourTs.iso8601) (\(order.reason))"
            })
        step(
            "9 ledger",
            postings.map { item in
                let posting = item.payload.posting
                return "posting \(posting.postingId) \(posting.kind)" + (posting.orderId.map { " order \($0)" } ?? "")
                    + ": "
                    + posting.lines.map { "\($0.side.rawValue) \($0.account) \($0.amountQuote.formatted(decimals: 2))" }
                    .joined(separator: " · ")
            })
        let killSwitch =
            manifest.map { $0.killSwitchTripped ? "TRIPPED (\($0.killSwitchReason ?? "-"))" : "not tripped" } ?? "-"
        step(
            "10 guards",
            ["kill switch \(killSwitch) · breaker \(breakerLevel ?? "not consulted (no order judged)")"]
                + trips.map { "tripped this hour: \($0.payload.reason): \($0.payload.detail)" })
        if let manifest {
            step(
                "11 manifest",
                [
                    "equity \(manifest.equityQuote.formatted(decimals: 2))"
                        + " · cash \(manifest.cashQuote.formatted(decimals: 2))"
                        + " · open positions \(manifest.openPositions) · verdicts \(manifest.verdictsApprove) approve,"
                        + " \(manifest.verdictsModify) modify, \(manifest.verdictsBlock) block"
                        + " · engine \(manifest.engineVersion)",
                    "config     \(manifest.configSha256.hex)"
                        + "   model set \(manifest.modelSetSha256.hex.prefix(16))…",
                    "inputs     \(manifest.inputEventsSha256.hex)   (\(manifest.inputEventCount))",
                    "outputs    \(manifest.outputEventsSha256.hex)   (\(manifest.outputEventCount))",
                    "state      \(manifest.prevStateSha256.hex.prefix(16))… → \(manifest.stateSha256.hex)",
                ])
        }
        return lines.joined(separator: "\n")
    }

    /// Step 1's exchange inputs: pair rules (saying which hour read them when it is not this one),
    /// tickers, acknowledgements, exchange fills, balances and alarms, each with its seq.
    var exchangeInputLines: [String] {
        var lines: [String] = []
        for item in pairRules {
            let read = item.payload.hourTs == hourTs ? "" : ", read for \(item.payload.hourTs.iso8601)"
            let rules = item.payload.rules.map { rule in
                "\(rule.symbol) lot \(rule.lotDecimals) min \(rule.minOrderBase)"
                    + (rule.minCostQuote.map { " cost \($0)" } ?? "") + (rule.tickSizeQuote.map { " tick \($0)" } ?? "")
            }
            lines += Self.packed(
                rules.isEmpty ? ["none of this pair"] : rules, first: "pair rules ", separator: " · ")
            lines[lines.count - 1] += "  (seq \(item.seq)\(read))"
        }
        lines += tickers.map { item in
            let ticker = item.payload
            return "ticker \(ticker.symbol) bid \(Self.price(ticker.bidPriceQuote))"
                + " ask \(Self.price(ticker.askPriceQuote)) at \(ticker.observedTs.iso8601)  (seq \(item.seq))"
        }
        lines += acknowledgements.map { item in
            let ack = item.payload
            return "ack order \(ack.orderId) \(ack.symbol) \(ack.status)"
                + (ack.exchangeOrderId.isEmpty ? "" : " txid \(ack.exchangeOrderId)")
                + " ref \(ack.clientOrderId): \(ack.detail)  (seq \(item.seq))"
        }
        lines += exchangeFills.map { item in
            let fill = item.payload
            return "exchange fill order \(fill.orderId) \(fill.symbol) trade \(fill.tradeId) \(fill.quantityBase)"
                + " @ \(Self.price(fill.priceQuote)) cost \(fill.costQuote.formatted(decimals: 2))"
                + " fee \(fill.feeQuote.formatted(decimals: 2))  (seq \(item.seq))"
        }
        for item in balances {
            let amounts = item.payload.balances.map { "\($0.asset) \($0.amount)" }
            lines += Self.packed(amounts.isEmpty ? ["none"] : amounts, first: "balances ", separator: " · ")
            lines[lines.count - 1] += "  at \(item.payload.observedTs.iso8601) (seq \(item.seq))"
        }
        lines += alarms.map { "alarm \($0.payload.trip.reason): \($0.payload.trip.detail)  (seq \($0.seq))" }
        return lines
    }

    /// A verdict: the order and decision, every non-PASS rule in full, the PASS rules packed.
    static func verdictLines(_ verdict: GovernanceVerdict) -> [String] {
        let order = verdict.order
        var lines = [
            "\(order.side.rawValue) \(order.symbol) \(order.quantityBase) ref \(price(order.referencePriceQuote))"
                + " (\(order.reason)) → \(verdict.decision.rawValue)"
                + (verdict.decision == .modify ? " to \(verdict.approvedQuantityBase)" : "")
        ]
        for result in verdict.results where result.outcome != .pass {
            lines.append(
                "  \(result.outcome.name.padding(toLength: 6, withPad: " ", startingAt: 0)) \(result.ruleId) "
                    + "\(value(result.measured)) vs \(value(result.threshold)): \(result.reason)")
        }
        let passed = verdict.results.filter { $0.outcome == .pass }
            .map { "\($0.ruleId) \(value($0.measured))/\(value($0.threshold))" }
        lines += packed(passed, first: "  PASS   ", separator: " · ")
        return lines
    }

    /// The hour's Thompson trust draws (one set for every symbol), or nothing without them.
    static func trustLines(_ trust: TrustDraws?) -> [String] {
        guard let trust else { return [] }
        let parts = trust.kinds.indices.map { index in
            "\(trust.kinds[index]) Beta(\(Self.number(trust.alphas[index])), \(Self.number(trust.betas[index]))) "
                + "draw \(Self.number(trust.draws[index])) weight \(Self.number(trust.weights[index]))"
        }
        return Self.packed(parts, first: "trust    ", separator: ", ")
    }

    /// Items joined on lines of at most 106 characters (13 more are the step column), the first
    /// line starting with `first` and the others indented to match.
    static func packed(_ items: [String], first: String, separator: String) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines: [String] = []
        var current = first + items[0]
        for item in items.dropFirst() {
            if current.count + separator.count + item.count > 106 {
                lines.append(current + separator.trimmingTrailingSpaces)
                current = String(repeating: " ", count: first.count) + item
            } else {
                current += separator + item
            }
        }
        return lines + [current]
    }

    static func price(_ value: FixedDecimal) -> String {
        value.formatted(decimals: value.magnitude < FixedDecimal(10) ? 4 : 2)
    }

    /// A double with at most 4 decimals, trailing zeros trimmed.
    static func number(_ value: Double) -> String {
        guard value.isFinite, let fixed = FixedDecimal.fromDouble(value, decimals: 4, rounding: .halfEven) else {
            return "\(value)"
        }
        return fixed.description
    }

    static func value(_ value: RuleValue) -> String {
        if case .number(let number) = value { return self.number(number) }
        return value.description
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
