/// Retrainings a runner performed and the seconds they took (shared by the copies of a runner).
public final class TrainingTally: @unchecked Sendable {
    /// Retrainings that ran (not those read back from a run's model stream).
    public private(set) var retrainings = 0
    /// Their wall-clock seconds in total.
    public private(set) var seconds: Double = 0

    init() {}

    func add(seconds: Double) {
        retrainings += 1
        self.seconds += seconds
    }
}
