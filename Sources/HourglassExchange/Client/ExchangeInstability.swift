import HourglassCore

/// Repeated exchange failure: the finding behind an `exchange_instability` kill-switch trip.
public struct ExchangeInstability: Sendable, Hashable, CustomStringConvertible {
    /// The kill-switch reason id this signal stands for.
    public static let reason = "exchange_instability"

    /// Failed attempts in a row.
    public let consecutiveFailures: Int
    /// The threshold they reached.
    public let threshold: Int
    /// The last failure.
    public let lastFailure: KrakenError

    /// Creates the signal.
    public init(consecutiveFailures: Int, threshold: Int, lastFailure: KrakenError) {
        self.consecutiveFailures = consecutiveFailures
        self.threshold = threshold
        self.lastFailure = lastFailure
    }

    /// The kill-switch trip the runner records (an input event of the hour) when it sees this signal.
    public var killSwitchTrip: KillSwitchTrip {
        KillSwitchTrip(
            reason: Self.reason, measured: .integer(Int64(consecutiveFailures)),
            threshold: .integer(Int64(threshold)), detail: description)
    }

    public var description: String {
        "\(consecutiveFailures) consecutive failed Kraken calls (threshold \(threshold)); last: \(lastFailure)"
    }
}
