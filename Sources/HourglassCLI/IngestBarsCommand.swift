import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// `hourglass ingest-bars`: validate bar files and append them to the market stream.
struct IngestBarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-bars",
        abstract: "Validate bar files and append each bar as an event (re-ingesting is a no-op).",
        discussion: """
            Every file is parsed and validated before anything is written: an error names the file, \
            line, field and reason, exits 2 and writes nothing. Bars already stored identically are \
            skipped; a stored bar that differs is refused. Gaps are counted, never filled. Each file \
            is appended in one transaction.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Exchange the bars come from (kraken, binance). Defaults to the file name's prefix.")
    var exchange: String?

    @Option(name: .customLong("file"), help: "Bar file to ingest (repeat for several).")
    var files: [String] = []

    @Option(help: "Symbol as BASE/QUOTE. Defaults to the pair in the file name (kraken_XBTUSD_1h.csv → XBT/USD).")
    var symbol: String?

    @Option(
        help:
            "File layout: ohlcv (ts_utc,open,high,low,close,volume with header) or kraken (unix_seconds,…,trades, no header)."
    )
    var format: BarFileFormat = .ohlcv

    @Option(help: "Bar length in seconds. Defaults to the file name's interval (_1h → 3600), else 3600.")
    var intervalSeconds: Int64?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Please specify at least one --file PATH.") }
        if symbol != nil && files.count > 1 {
            throw ValidationError("Please give --symbol with a single --file (each file holds one symbol).")
        }
        if let exchange, !["kraken", "binance"].contains(exchange) {
            throw ValidationError("Please specify --exchange kraken or --exchange binance.")
        }
        if let intervalSeconds, intervalSeconds <= 0 {
            throw ValidationError("Please specify a positive --interval-seconds.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let started = MonotonicClock.now()
            var parsedFiles: [(path: String, parsed: BarFileParseResult)] = []
            for path in files { parsedFiles.append((path, try parse(path: path))) }
            let ingestor = BarIngestor(log: try global.openLog())
            var totals = (rows: 0, appended: 0, duplicates: 0, gaps: 0, missing: 0)
            var perFile: [JSONValue] = []
            for (path, parsed) in parsedFiles {
                let name = (path as NSString).lastPathComponent
                let report: BarIngestReport
                do {
                    report = try ingestor.ingest(parsed.bars)
                } catch let conflict as BarConflict {
                    let line = conflict.index + (format == .ohlcv ? 2 : 1)
                    throw CLIError.input("\(name):\(line): \(conflict.description)")
                }
                totals.rows += parsed.rowCount
                totals.appended += report.appended
                totals.duplicates += report.duplicatesSkipped
                totals.gaps += parsed.gapCount
                totals.missing += parsed.missingBars
                perFile.append(
                    .object([
                        "file": .string(name), "symbol": .string(parsed.bars.first?.symbol ?? symbol ?? ""),
                        "rows": .int(Int64(parsed.rowCount)), "appended": .int(Int64(report.appended)),
                        "duplicates_skipped": .int(Int64(report.duplicatesSkipped)),
                        "gaps": .int(Int64(parsed.gapCount)),
                        "missing_bars": .int(Int64(parsed.missingBars)),
                    ]))
                if !global.json {
                    Console.progress(
                        "ingest-bars: \(name): \(parsed.rowCount) rows, \(report.appended) appended, \(report.duplicatesSkipped) duplicates skipped, \(parsed.gapCount) gaps (\(parsed.missingBars) missing bars)"
                    )
                }
            }
            let seconds = MonotonicClock.seconds(since: started)
            let rate = seconds > 0 ? Double(totals.appended) / seconds : 0
            if global.json {
                Console.printJSON(
                    .object([
                        "files": .array(perFile), "rows": .int(Int64(totals.rows)),
                        "appended": .int(Int64(totals.appended)),
                        "duplicates_skipped": .int(Int64(totals.duplicates)), "gaps": .int(Int64(totals.gaps)),
                        "missing_bars": .int(Int64(totals.missing)),
                        "seconds": .double((seconds * 1000).rounded() / 1000),
                        "events_per_second": .double(rate.rounded()),
                    ]))
            } else {
                Console.print(
                    "ingested \(totals.rows) rows from \(files.count) file(s): \(totals.appended) events appended, \(totals.duplicates) duplicates skipped, \(totals.gaps) gaps (\(totals.missing) missing bars), \(String(format: "%.2f", seconds)) s, \(Int(rate)) events/s"
                )
            }
        }
    }

    private func parse(path: String) throws -> BarFileParseResult {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("\(path): cannot read the file (does it exist and is it readable?)")
        }
        let fromName = BarCSVParser.symbol(fromFileName: name)
        guard let exchange = exchange ?? fromName?.exchange else {
            throw CLIError.input("\(name): cannot tell the exchange from the file name; please specify --exchange")
        }
        guard let symbol = symbol ?? fromName?.symbol else {
            throw CLIError.input(
                "\(name): cannot tell the symbol from the file name; please specify --symbol BASE/QUOTE")
        }
        let interval = intervalSeconds ?? fromName?.intervalSeconds ?? 3600
        return try BarCSVParser.parse(
            [UInt8](data), fileName: name, format: format, exchange: exchange, symbol: symbol,
            intervalSeconds: interval)
    }
}

extension BarFileFormat: ExpressibleByArgument {}
