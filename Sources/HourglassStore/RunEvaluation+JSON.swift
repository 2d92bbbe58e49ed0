import HourglassCore

extension RunEvaluation {
    /// Everything `research evaluate` shows, as JSON (undefined ratios are null).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["run": run.json]
        members["baseline"] = baseline?.json ?? .null
        members["deflated_sharpe_over_runs"] = number(deflatedSharpeOverRuns)
        return .object(members)
    }
}

extension RunEvidence {
    /// The run's evidence as JSON.
    public var json: JSONValue {
        .object([
            "run_id": .string(runId), "account_id": .string(accountId), "models": .array(models.map(JSONValue.string)),
            "universe": .array(universe.map(JSONValue.string)), "first_hour_ts_utc": .timestamp(firstHourTs),
            "last_hour_ts_utc": .timestamp(lastHourTs), "strategy": strategy.json,
            "buy_and_hold_same_exposure": buyAndHoldSameExposure.json, "buy_and_hold_full": buyAndHoldFull.json,
            "model_predictions": .int(Int64(modelPredictionCount)), "predictions": predictions?.json ?? .null,
        ])
    }
}

extension StrategyFigures {
    /// The figures as JSON.
    public var json: JSONValue {
        .object([
            "hours": .int(Int64(hours)), "initial_equity": .decimal(initialEquityQuote),
            "final_equity": .decimal(finalEquityQuote), "return": number(returnFraction),
            "sharpe": number(sharpe), "deflated_sharpe": number(deflatedSharpe),
            "max_drawdown": number(maxDrawdownFraction), "fees": .decimal(feesQuote),
            "trades": tradeCount.map { .int(Int64($0)) } ?? .null,
            "hours_invested_fraction": number(hoursInvestedFraction),
            "mean_invested_fraction": number(meanInvestedFraction),
        ])
    }
}

extension MetaPredictionScores {
    /// The scores as JSON.
    public var json: JSONValue {
        .object([
            "predictions": .int(Int64(predictionCount)), "model_predictions": .int(Int64(modelPredictionCount)),
            "labelled": .int(Int64(labelledCount)),
            "excluded": .object([
                "beyond_window": .int(Int64(beyondWindowCount)), "without_bar": .int(Int64(withoutBarCount)),
                "unlabelled": .int(Int64(unlabelledCount)),
            ]),
            "actions": .object(Dictionary(uniqueKeysWithValues: actions.map { ($0.action, .int(Int64($0.count))) })),
            "base_rate": number(baseRate), "auc": number(auc), "log_loss": number(logLoss),
            "base_rate_log_loss": number(baseRateLogLoss), "brier": number(brierScore),
            "base_rate_brier": number(baseRateBrierScore), "beats_base_rate": .bool(beatsBaseRate),
            "expected_calibration_error": number(calibration.expectedCalibrationError),
            "calibration": .array(
                calibration.bins.map { bin in
                    .object([
                        "lower": number(bin.lower), "upper": number(bin.upper), "count": .int(Int64(bin.count)),
                        "mean_predicted": number(bin.meanPredicted), "observed_rate": number(bin.observedRate),
                    ])
                }),
            "probability": .object([
                "mean": number(meanProbability), "min": number(minProbability), "max": number(maxProbability),
            ]),
            "fee_winner_rate": number(feeWinnerRate), "meta_trades": .int(Int64(tradeCount)),
            "meta_trade_hit_rate": number(tradeHitRate), "meta_trade_mean_net_return": number(tradeMeanNetReturn),
            "all_hours_mean_net_return": number(allMeanNetReturn),
            "base_models": .array(
                baseModels.map { model in
                    .object([
                        "kind": .string(model.kind), "auc": number(model.auc), "log_loss": number(model.logLoss),
                        "brier": number(model.brierScore),
                    ])
                }),
        ])
    }
}

/// A ratio as JSON: null when undefined or not finite.
private func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .double(value)
}
