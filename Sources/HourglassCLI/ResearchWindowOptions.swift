import ArgumentParser
import HourglassCore
import HourglassStore

/// The bars a research command studies and the seed of its trainings, shared by `research cpcv`
/// and `research retrain`: `--exchange`, `--symbols`, `--start-hour-ts-utc`, `--end-hour-ts-utc`
/// and `--seed`.
struct ResearchWindowOptions: ParsableArguments {
    @Option(help: "Exchange of the bars.")
    var exchange: String = "kraken"

    @Option(help: "Comma-separated symbols (BASE/QUOTE).")
    var symbols: String

    @Option(help: "First hour of the window, ISO-8601 UTC on the hour.")
    var startHourTsUtc: HourArgument

    @Option(help: "Last hour of the window (inclusive), ISO-8601 UTC on the hour.")
    var endHourTsUtc: HourArgument

    @Option(help: "Seed of every model's training.")
    var seed: UInt32 = 20_260_101

    /// The symbols, sorted.
    var symbolList: [String] { symbols.split(separator: ",").map { String($0) }.sorted() }
    /// The window's first hour.
    var start: UTCTimestamp { startHourTsUtc.timestamp }
    /// The window's last hour.
    var end: UTCTimestamp { endHourTsUtc.timestamp }

    /// The stored bars of every symbol (in `symbolList` order) from `warmUpHours` before the window
    /// through its last hour.
    func bars(_ global: GlobalOptions, warmUpHours: Int64) throws -> [[Bar]] {
        try BarHistory(log: try global.openLog())
            .bars(exchange: exchange, symbols: symbolList, from: start.adding(hours: -warmUpHours), through: end)
    }

    func validate() throws {
        if end <= start { throw ValidationError("Please specify --end-hour-ts-utc after --start-hour-ts-utc.") }
        if symbolList.isEmpty || Set(symbolList).count != symbolList.count {
            throw ValidationError("Please specify --symbols as distinct comma-separated BASE/QUOTE symbols.")
        }
    }
}
