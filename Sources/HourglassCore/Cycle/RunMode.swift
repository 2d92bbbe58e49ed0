/// How a run trades: simulated from history, simulated live, or for real.
public enum RunMode: String, Sendable, Hashable, CaseIterable {
    case backtest = "BACKTEST"
    case paper = "PAPER"
    case live = "LIVE"
}
