import HourglassCore

/// One asset whose exchange balance differs from the ledger by more than its tolerance.
public struct BalanceMismatch: Sendable, Hashable, CustomStringConvertible {
    /// The kill-switch reason id a mismatch stands for.
    public static let reason = "balance_mismatch"

    /// The engine's asset name (`XBT`, `USD`).
    public let asset: String
    /// What Kraken reports.
    public let exchangeAmount: FixedDecimal
    /// What the ledger holds.
    public let ledgerAmount: FixedDecimal
    /// The largest difference accepted (one lot of the asset).
    public let tolerance: FixedDecimal

    /// Creates a mismatch.
    public init(asset: String, exchangeAmount: FixedDecimal, ledgerAmount: FixedDecimal, tolerance: FixedDecimal) {
        self.asset = asset
        self.exchangeAmount = exchangeAmount
        self.ledgerAmount = ledgerAmount
        self.tolerance = tolerance
    }

    /// Exchange minus ledger.
    public var differenceAmount: FixedDecimal { exchangeAmount - ledgerAmount }

    /// The kill-switch trip the runner records for this mismatch.
    public var killSwitchTrip: KillSwitchTrip {
        KillSwitchTrip(
            reason: Self.reason, measured: .decimal(differenceAmount.magnitude), threshold: .decimal(tolerance),
            detail: description)
    }

    public var description: String {
        "\(asset): Kraken holds \(exchangeAmount), the ledger \(ledgerAmount) (difference \(differenceAmount), "
            + "tolerance \(tolerance))"
    }
}
