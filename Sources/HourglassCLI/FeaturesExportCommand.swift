import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// `hourglass features export`: one CSV row per hour of the reducer's features of one symbol.
struct FeaturesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a symbol's hourly features (the reducer's own feature code) to a CSV file.",
        discussion: """
            The bars of the default universe and the symbol, from the warm-up before the start hour \
            (the same bars a run starting at that hour warms up from) through the end hour, are \
            replayed through the reducer's feature path and gap policy, so the first row has full \
            windows and every row holds the reducer's numbers. Columns: ts_utc, symbol, then one per \
            feature (snake_case); numbers are shortest round-trip decimals. carried_hours > 0 marks an \
            hour whose missing bar the gap policy carried forward (never traded on). Hours without \
            features (a long gap, too little history) have no row.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Exchange of the bars.")
    var exchange: String = "kraken"

    @Option(help: "Symbol as BASE/QUOTE.")
    var symbol: String

    @Option(help: "First hour, ISO-8601 UTC on the hour.")
    var startHourTsUtc: HourArgument

    @Option(help: "Last hour (inclusive), ISO-8601 UTC on the hour.")
    var endHourTsUtc: HourArgument

    @Option(help: "CSV file to write.")
    var out: String

    func validate() throws {
        if endHourTsUtc.timestamp < startHourTsUtc.timestamp {
            throw ValidationError("Please specify --end-hour-ts-utc at or after --start-hour-ts-utc.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let config = EngineConfig.default
            let timeline = FeatureTimeline(config: config)
            let start = startHourTsUtc.timestamp
            let end = endHourTsUtc.timestamp
            let universe = Array(Set(config.universe + [symbol])).sorted()
            let bars = try BarHistory(log: try global.openLog())
                .bars(
                    exchange: exchange, symbols: universe, from: start.adding(hours: -timeline.warmUpHours),
                    through: end)
            let rows = timeline.rows(bars: bars, from: start, through: end, symbols: [symbol])
            var text = (["ts_utc", "symbol"] + FeatureRow.columnNames).joined(separator: ",") + "\n"
            for row in rows {
                text +=
                    ([row.hourTs.iso8601, row.symbol] + row.values.map(\.description)).joined(separator: ",") + "\n"
            }
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                throw CLIError.input("\(out): cannot write the file (does its folder exist and is it writable?)")
            }
            if global.json {
                Console.printJSON(
                    .object([
                        "file": .string(out), "rows": .int(Int64(rows.count)),
                        "columns": .int(Int64(2 + FeatureRow.columnNames.count)),
                    ]))
            } else {
                Console.print("wrote \(rows.count) rows of \(symbol) to \(out)")
            }
        }
    }
}
