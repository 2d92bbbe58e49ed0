import Foundation
import HourglassCore
import HourglassModels

extension CPCVStudyResult {
    /// The fold × model table, the per-model means, PBO and a plain verdict on the base rate.
    func text(threshold: Double) -> String {
        func number(_ value: Double?, _ digits: Int = 4) -> String {
            guard let value else { return "n/a" }
            return String(format: "%.\(digits)f", value)
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        var lines: [String] = []
        let splitCount = Set(folds.map(\.fold)).count
        lines.append(
            "CPCV: \(sampleCount) labelled samples, \(splitCount) splits, \(pathCount) paths; "
                + "long when p ≥ \(threshold), net of fees")
        let header = [
            "fold", "test", "model", "train", "n", "base", "logloss", "base_ll", "brier", "base_br", "auc",
            "ece", "trades", "sharpe", "psr", "dsr",
        ]
        let widths = [4, 7, 15, 6, 6, 6, 7, 7, 6, 7, 6, 6, 6, 7, 5, 5]
        lines.append(zip(header, widths).map { pad($0, $1) }.joined(separator: " "))
        for row in folds {
            let cells = [
                "\(row.fold)", row.testGroups.map(String.init).joined(separator: ","), row.model.rawValue,
                "\(row.trainCount)", "\(row.testCount)", number(row.baseRate, 3), number(row.logLoss),
                number(row.baseRateLogLoss), number(row.brierScore), number(row.baseRateBrierScore), number(row.auc, 3),
                number(row.calibrationError, 3), "\(row.trades)", number(row.sharpe),
                number(row.probabilisticSharpe, 2),
                number(row.deflatedSharpe, 2),
            ]
            lines.append(zip(cells, widths).map { pad($0, $1) }.joined(separator: " "))
        }
        lines.append("")
        lines.append("model             mean logloss  base logloss  mean brier  mean auc  splits beating base")
        for summary in summaries {
            lines.append(
                summary.model.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + pad(number(summary.meanLogLoss), 14) + pad(number(summary.meanBaseRateLogLoss), 14)
                    + pad(number(summary.meanBrierScore), 12) + pad(number(summary.meanAUC, 3), 10)
                    + pad("\(summary.foldsBeatingBaseRate)/\(folds.count / max(summaries.count, 1))", 22))
        }
        lines.append(
            "probability of backtest overfitting: "
                + (backtestOverfitting.map { number($0, 3) } ?? "n/a (needs ≥ 2 models and ≥ 32 samples)"))
        if anyModelBeatsBaseRate {
            let names = summaries.filter(\.beatsBaseRate).map(\.model.rawValue).joined(separator: ", ")
            lines.append("models beating the base rate on mean log loss: \(names)")
        } else {
            lines.append("NO MODEL BEATS THE BASE RATE: every model's mean log loss is at or above the base rate's.")
        }
        return lines.joined(separator: "\n")
    }

    /// Everything `text` shows, as JSON.
    func json(threshold: Double) -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .double($0) : .null } ?? .null }
        let rows: [JSONValue] = folds.map { row in
            .object([
                "fold": .int(Int64(row.fold)), "test_groups": .array(row.testGroups.map { .int(Int64($0)) }),
                "model": .string(row.model.rawValue), "train_count": .int(Int64(row.trainCount)),
                "test_count": .int(Int64(row.testCount)), "base_rate": number(row.baseRate),
                "log_loss": number(row.logLoss), "base_rate_log_loss": number(row.baseRateLogLoss),
                "brier_score": number(row.brierScore), "base_rate_brier_score": number(row.baseRateBrierScore),
                "auc": number(row.auc), "calibration_error": number(row.calibrationError),
                "mean_prediction": number(row.meanPrediction), "trades": .int(Int64(row.trades)),
                "sharpe": number(row.sharpe), "probabilistic_sharpe": number(row.probabilisticSharpe),
                "deflated_sharpe": number(row.deflatedSharpe), "beats_base_rate": .bool(row.beatsBaseRate),
            ])
        }
        let models: [JSONValue] = summaries.map { summary in
            .object([
                "model": .string(summary.model.rawValue), "mean_log_loss": number(summary.meanLogLoss),
                "mean_base_rate_log_loss": number(summary.meanBaseRateLogLoss),
                "mean_brier_score": number(summary.meanBrierScore), "mean_auc": number(summary.meanAUC),
                "folds_beating_base_rate": .int(Int64(summary.foldsBeatingBaseRate)),
                "beats_base_rate": .bool(summary.beatsBaseRate),
            ])
        }
        return .object([
            "sample_count": .int(Int64(sampleCount)), "path_count": .int(Int64(pathCount)),
            "threshold": .double(threshold), "folds": .array(rows), "models": .array(models),
            "probability_of_backtest_overfitting": number(backtestOverfitting),
            "any_model_beats_base_rate": .bool(anyModelBeatsBaseRate),
        ])
    }
}
