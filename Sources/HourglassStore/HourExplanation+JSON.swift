import HourglassCore

extension HourExplanation {
    /// Everything the explanation holds, each event as its own JSON with its `seq`, in cycle order.
    public var json: JSONValue {
        func logged<P>(_ items: [Logged<P>], _ body: (P) -> JSONValue) -> JSONValue {
            .array(
                items.map { item in
                    guard case .object(var members) = body(item.payload) else { return body(item.payload) }
                    members["seq"] = .int(item.seq)
                    return .object(members)
                })
        }
        let models: [JSONValue] = predictions.map { item in
            .object([
                "seq": .int(item.seq), "symbol": .string(item.payload.symbol),
                "model_id": .string(item.payload.modelId),
                "regime": .string(item.payload.regime.rawValue), "score": .double(item.payload.score),
                "expected_edge": .double(item.payload.expectedEdge), "confidence": .double(item.payload.confidence),
                "action": .string(item.payload.action),
                "model": item.payload.model?.json ?? .null,
            ])
        }
        let sizing: [JSONValue] = predictions.map { item in
            .object([
                "seq": .int(item.seq), "symbol": .string(item.payload.symbol),
                "steps": .array(item.payload.sizingSteps.map(\.json)),
            ])
        }
        return .object([
            "run_id": .string(run.runId), "account_id": .string(run.accountId),
            "run_mode": .string(run.runMode.rawValue),
            "hour_ts_utc": .timestamp(hourTs), "symbol": symbol.map { .string($0) } ?? .null,
            "input_event_count": .int(Int64(inputCount)), "output_event_count": .int(Int64(outputCount)),
            "inputs": .object([
                "bars": logged(bars) { BarRecorded(bar: $0).json }, "releases": logged(releases, \.json),
                "pair_rules": logged(pairRules, \.json), "tickers": logged(tickers, \.json),
                "acknowledgements": logged(acknowledgements, \.json),
                "exchange_fills": logged(exchangeFills, \.json), "balances": logged(balances, \.json),
                "alarms": logged(alarms, \.json),
                "models_trained": logged(modelsTrained, \.json),
            ]),
            "carried_bars": logged(carried, \.json),
            "fills": logged(fills, \.json), "cancellations": logged(cancellations, \.json),
            "exits": logged(exits, \.json),
            "features": .object([
                "recorded": .bool(false),
                "note": .string("features are not events; replay-hour recomputes them from the inputs"),
            ]),
            "models": .array(models), "meta_learner": .null, "sizing": .array(sizing),
            "verdicts": logged(verdicts) { $0.verdict.json }, "orders": logged(orders, \.json),
            "postings": logged(postings, \.json), "kill_switch_trips": logged(trips, \.json),
            "kill_switch": manifest.map {
                .object([
                    "tripped": .bool($0.killSwitchTripped),
                    "reason": $0.killSwitchReason.map { .string($0) } ?? .null,
                ])
            } ?? .null,
            "breaker_level": breakerLevel.map { .string($0) } ?? .null,
            "manifest": manifest.map(\.json) ?? .null, "manifest_seq": manifestSeq.map { .int($0) } ?? .null,
        ])
    }
}
