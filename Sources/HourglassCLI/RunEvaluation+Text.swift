import Foundation
import HourglassCore
import HourglassStore

extension RunEvaluation {
    /// The meta-learner's scores, the strategy table against buy-and-hold and a plain verdict.
    var text: String {
        var lines = run.predictionLines
        lines.append("")
        lines.append(
            "strategy, net of fees".padding(toLength: 34, withPad: " ", startingAt: 0)
                + ["return", "sharpe", "dsr", "max_dd", "fees", "trades", "in_hours", "invested"].enumerated().map {
                    pad($1, [9, 8, 6, 8, 12, 7, 9, 9][$0])
                }.joined())
        lines += run.strategyRows(name: "run")
        if let baseline {
            lines += baseline.strategyRows(name: "baseline")
            lines.append(
                "deflated Sharpe of the run over the 2 configurations tried: \(fixed(deflatedSharpeOverRuns, 3))")
        }
        lines.append(
            "(dsr: P(true Sharpe > 0) for one configuration; in_hours: share of hours with an open position; "
                + "invested: mean (equity − cash) ÷ equity)")
        if let baseline, baseline.predictions != nil {
            lines.append("")
            lines.append("baseline \(baseline.runId):")
            lines += baseline.predictionLines.dropFirst()
        }
        return lines.joined(separator: "\n")
    }
}

extension RunEvidence {
    /// The header and the meta-learner's scores with a plain verdict.
    fileprivate var predictionLines: [String] {
        var lines = [
            "research evaluate: run \(runId) (account \(accountId), models \(models.joined(separator: ","))), "
                + "\(firstHourTs.iso8601) .. \(lastHourTs.iso8601), \(strategy.hours) hours, "
                + universe.joined(separator: " ")
        ]
        guard let scores = predictions else {
            lines.append(
                modelPredictionCount == 0
                    ? "meta-learner: no model predictions in this run (a rule-model run): nothing to score"
                    : "meta-learner: \(modelPredictionCount) model predictions, none labelled inside the window")
            return lines
        }
        lines.append(
            "meta-learner, out of sample: \(scores.modelPredictionCount) model predictions, \(scores.labelledCount) "
                + "labelled (1 = upper barrier first within 24 h, barriers ±1σ of the 168 bars before)")
        lines.append(
            "  excluded: \(scores.beyondWindowCount) with the horizon past the last hour, \(scores.withoutBarCount) "
                + "without a bar, \(scores.unlabelledCount) unlabelled (σ not measurable or undecided)")
        lines.append(
            "  base rate \(fixed(scores.baseRate, 4))   AUC \(fixed(scores.auc, 4))   log loss "
                + "\(fixed(scores.logLoss, 4)) (base rate \(fixed(scores.baseRateLogLoss, 4)))   Brier "
                + "\(fixed(scores.brierScore, 4)) (base rate \(fixed(scores.baseRateBrierScore, 4)))   ECE "
                + fixed(scores.calibration.expectedCalibrationError, 4))
        lines.append(
            "  meta probability: mean \(fixed(scores.meanProbability, 4)), min \(fixed(scores.minProbability, 4)), "
                + "max \(fixed(scores.maxProbability, 4)); flagged trade \(scores.tradeCount) times"
                + (scores.tradeCount > 0
                    ? " (hit rate \(fixed(scores.tradeHitRate, 4)), mean return net of the round trip "
                        + "\(fixed(scores.tradeMeanNetReturn, 5)))" : ""))
        lines.append(
            "  entering every labelled hour: mean return net of the 0.8% round trip "
                + "\(fixed(scores.allMeanNetReturn, 5)); share beating the fee at the upper barrier "
                + fixed(scores.feeWinnerRate, 4))
        lines.append("  actions: " + scores.actions.map { "\($0.action) \($0.count)" }.joined(separator: ", "))
        if !scores.baseModels.isEmpty {
            lines.append("  base model          auc   log_loss    brier")
            for model in scores.baseModels {
                lines.append(
                    "  " + model.kind.padding(toLength: 16, withPad: " ", startingAt: 0) + pad(fixed(model.auc, 4), 7)
                        + pad(fixed(model.logLoss, 4), 11) + pad(fixed(model.brierScore, 4), 9))
            }
        }
        lines.append("  calibration  bucket        n  predicted  observed")
        for bin in scores.calibration.bins {
            lines.append(
                "               " + "[\(fixed(bin.lower, 1)), \(fixed(bin.upper, 1)))" + pad("\(bin.count)", 9)
                    + pad(fixed(bin.meanPredicted, 4), 11) + pad(fixed(bin.observedRate, 4), 10))
        }
        lines.append(verdict(scores))
        return lines
    }

    /// A plain sentence: does the meta-learner beat the base rate out of sample, and did it trade.
    private func verdict(_ scores: MetaPredictionScores) -> String {
        let edge =
            scores.beatsBaseRate
            ? "the meta-learner's log loss is below the base rate's by "
                + "\(fixed(scores.baseRateLogLoss - scores.logLoss, 4)) (AUC \(fixed(scores.auc, 4)))"
            : "NO EDGE OUT OF SAMPLE: the meta-learner's log loss is not below the base rate's "
                + "(AUC \(fixed(scores.auc, 4)))"
        let traded =
            scores.tradeCount == 0
            ? "it never said trade, so the strategy stayed flat"
            : "it said trade \(scores.tradeCount) times"
        return "  " + edge + "; " + traded + "."
    }

    /// The strategy's row and its two buy-and-hold benchmarks.
    fileprivate func strategyRows(name: String) -> [String] {
        [
            row("\(name) (\(models.joined(separator: ",")))", strategy),
            row("  buy-and-hold, same exposure", buyAndHoldSameExposure),
            row("  buy-and-hold, fully invested", buyAndHoldFull),
        ]
    }

    private func row(_ label: String, _ figures: StrategyFigures) -> String {
        label.padding(toLength: 34, withPad: " ", startingAt: 0)
            + pad(percent(figures.returnFraction), 9) + pad(fixed(figures.sharpe, 2), 8)
            + pad(fixed(figures.deflatedSharpe, 2), 6) + pad(percent(figures.maxDrawdownFraction), 8)
            + pad(figures.feesQuote.formatted(decimals: 2), 12) + pad(figures.tradeCount.map(String.init) ?? "-", 7)
            + pad(percent(figures.hoursInvestedFraction), 9) + pad(percent(figures.meanInvestedFraction), 9)
    }
}

private func fixed(_ value: Double?, _ digits: Int) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.\(digits)f", value)
}

private func percent(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    return String(format: "%.2f%%", value * 100)
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}
