import HourglassCore

/// One row of the metrics table: a stable id (the DOM's `data-metric`), a label and a value.
///
/// The value comes from the JSON that `run-report --json` prints, so the report and the text
/// agree to the digit: `exactText` is that JSON's text for the value and becomes `data-value`.
public struct ReportMetric: Sendable, Equatable {
    /// How the value is shown.
    public enum Unit: String, Sendable, Equatable {
        /// A fraction shown as a percentage (0.1234 → 12.34%).
        case percent
        /// A plain ratio (Sharpe, profit factor) with two decimals.
        case ratio
        /// An amount of the quote currency with two decimals.
        case quote
        /// A whole count.
        case count
    }

    /// The id, e.g. `sharpe`; also the key in `run-report --json`'s `metrics`.
    public var id: String
    /// What a person reads, e.g. `Sharpe (annualised)`.
    public var label: String
    /// The value, or nil when it is undefined or does not exist yet.
    public var value: Double?
    /// The value exactly as `run-report --json` prints it (`1.234568`, `"41.2"` without quotes); empty when nil.
    public var exactText: String
    /// The value exactly as it came (a number, a decimal string, or null).
    public var json: JSONValue
    /// How to show it.
    public var unit: Unit
    /// Shown instead of a missing value, e.g. `n/a until models exist`.
    public var missingNote: String

    /// Creates a metrics row from a JSON value: a number, a decimal string or null.
    public init(id: String, label: String, json: JSONValue?, unit: Unit, missingNote: String = "n/a") {
        self.id = id
        self.label = label
        self.unit = unit
        self.missingNote = missingNote
        self.json = json ?? .null
        switch json {
        case .double(let number):
            value = number
            exactText = JSONValue.double(number).canonicalText
        case .int(let number):
            value = Double(number)
            exactText = String(number)
        case .string(let text):
            value = (try? FixedDecimal.parse(text))?.doubleValue
            exactText = value == nil ? "" : text
        default:
            value = nil
            exactText = ""
        }
    }
}
