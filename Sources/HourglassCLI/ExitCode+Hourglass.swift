import ArgumentParser

extension ExitCode {
    /// A divergence or an invariant violation was found (replay, audit, manifest-diff, verify-chain).
    public static let divergence = ExitCode(1)
    /// Usage or input error: nothing was written.
    public static let inputError = ExitCode(2)
    /// Refused: already executed, kill switch tripped, or a lock is held.
    public static let refused = ExitCode(3)
}
