import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// `hourglass report` in a real browser: a real three-week BACKTEST run on real Kraken bars,
/// rendered by headless Chromium (a screenshot and the DOM it built); the numbers the DOM carries
/// equal `run-report --json`'s.
@Suite struct ReportBrowserTests {
    static let runId = "00000000-0000-4000-8000-00000000b20e"
    static let account = "browser"
    static let start = UTCTimestamp.parse("2022-03-08T00:00:00Z")!
    static let hours: Int64 = 21 * 24
    static let windowWidth = 1200, windowHeight = 3000

    /// The Chromium binary on PATH, or nil.
    static func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs Chromium headless with `arguments`, returning its stdout; throws unless it exits 0.
    static func runChromium(_ binary: String, _ arguments: [String], profile: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=\(profile)",
            ] + arguments
        let stdoutPath = profile + ".out"
        let stderrPath = profile + ".err"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw CLIFailure(
                "chromium \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                    + err.suffix(800))
        }
        return out
    }

    /// Every `data-metric="id" … data-value="v"` pair in the DOM Chromium serialised.
    static func domMetrics(_ dom: String) throws -> [String: String] {
        let pattern = try NSRegularExpression(pattern: #"data-metric="([a-z_]+)"[^>]*?data-value="([^"]*)""#)
        var metrics: [String: String] = [:]
        for match in pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
            let id = String(dom[Range(match.range(at: 1), in: dom)!])
            let value = String(dom[Range(match.range(at: 2), in: dom)!])
            #expect(metrics.updateValue(value, forKey: id) == nil, "metric \(id) appears twice")
        }
        return metrics
    }

    /// A value of `run-report --json`'s `metrics` as the report's `data-value` writes it.
    static func attributeText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        default: return value.canonicalText
        }
    }

    @Test func theBrowserShowsTheNumbersRunReportPrints() throws {
        guard let chromium = Self.chromium() else {
            Issue.record("chromium is not installed: install it with `apt-get install chromium` (Scripts/test does)")
            return
        }
        let scratch = try Scratch("browser")
        defer { scratch.remove() }
        let database = try TestDatabase.create("browser")
        defer { database.drop() }
        let cli = try CLI(dsn: database.dsn, scratch: scratch)
        let end = Self.start.adding(hours: Self.hours - 1)
        try cli.succeed(
            CycleCLIMarketData.ingestArguments(
                try CycleCLIMarketData.writeSlices(to: scratch, from: Self.start, through: end)))
        try cli.succeed(
            [
                "execute-window", "--account-id", Self.account, "--run-mode", "BACKTEST", "--run-id", Self.runId,
                "--start-hour-ts-utc", Self.start.iso8601, "--end-hour-ts-utc", end.iso8601,
            ] + MomentumBaseline.arguments)
        let runArguments = ["--account-id", Self.account, "--run-id", Self.runId]
        let html = scratch.path("report.html")
        let written = try JSONValue.parse(
            try cli.succeed(["report"] + runArguments + ["--out", html, "--json"]).stdout)
        // Another process (another hash seed) writes the same bytes: the Monte Carlo is seeded, no order leaks.
        let again = try JSONValue.parse(
            try cli.succeed(["report"] + runArguments + ["--out", scratch.path("again.html"), "--json"]).stdout)
        #expect(again["sha256"] == written["sha256"] && written["sha256"] != nil)
        let first = try Data(contentsOf: URL(fileURLWithPath: html))
        #expect(try first == Data(contentsOf: URL(fileURLWithPath: scratch.path("again.html"))))
        let runReport = try JSONValue.parse(try cli.succeed(["run-report"] + runArguments + ["--json"]).stdout)
        guard case .object(let expected) = runReport["metrics"] else {
            Issue.record("run-report --json has no metrics object: \(runReport.canonicalText)")
            return
        }
        // The premise: the run traded, so the ratios are numbers, not all n/a.
        try #require((expected["trades"].flatMap { if case .int(let n) = $0 { n } else { nil } } ?? 0) > 0)
        #expect(written["hours"] == .int(Self.hours))

        let screenshot = scratch.path("report.png")
        _ = try Self.runChromium(
            chromium,
            [
                "--screenshot=\(screenshot)", "--window-size=\(Self.windowWidth),\(Self.windowHeight)",
                "file://\(html)",
            ], profile: scratch.path("profile-shot"))
        try checkScreenshot(screenshot)

        let dom = try Self.runChromium(
            chromium, ["--dump-dom", "file://\(html)"], profile: scratch.path("profile-dom"))
        #expect(dom.contains("Hourglass run report") && dom.contains(Self.runId))
        let shown = try Self.domMetrics(dom)
        let keys = [
            "total_return", "cagr", "sharpe", "sortino", "max_drawdown", "calmar", "profit_factor", "win_rate",
            "expectancy", "exposure", "fees", "trades", "deflated_sharpe",
        ]
        for key in keys {
            guard let value = expected[key] else {
                Issue.record("run-report --json lacks metrics.\(key)")
                continue
            }
            #expect(
                shown[key] == Self.attributeText(value),
                "metric \(key): DOM \(shown[key] ?? "missing"), run-report \(value)")
        }
        #expect(shown["deflated_sharpe"] != "", "the deflated Sharpe has a value for a run that traded")
        // Every round trip is a row: closed trades plus positions still open at the end.
        func occurrences(_ text: String) -> Int { dom.components(separatedBy: text).count - 1 }
        let rows = occurrences("data-trade=\"")
        let closed = occurrences("data-pnl=\"") - occurrences("data-pnl=\"\"")
        #expect(
            rows >= closed && closed == Int(Self.attributeText(expected["trades"]!)) ?? -1,
            "rows \(rows), closed \(closed)")
        #expect(dom.contains("data-kpi=\"final_equity\""))
        try checkTrades(dom: dom, runReport: runReport)
    }

    /// The trade list the browser shows is `run-report --json`'s `trades`, row for row and value for value.
    func checkTrades(dom: String, runReport: JSONValue) throws {
        guard case .array(let expected) = runReport["trades"] else {
            Issue.record("run-report --json has no trades array")
            return
        }
        try #require(!expected.isEmpty, "the run made no trade; pick another window")
        let shown = try Self.domTrades(dom)
        #expect(shown.count == expected.count, "DOM \(shown.count) trades, run-report \(expected.count)")
        let keys: [(attribute: String, json: String)] = [
            ("symbol", "symbol"), ("entry", "entry_hour_ts_utc"), ("exit", "exit_hour_ts_utc"),
            ("quantity", "quantity"), ("entry-price", "entry_price"), ("exit-price", "exit_price"),
            ("fees", "fees"), ("pnl", "pnl"),
        ]
        for (index, (row, trade)) in zip(shown, expected).enumerated() {
            for key in keys {
                let want = trade[key.json].map(Self.attributeText)
                #expect(row[key.attribute] == want, "trade \(index) \(key.json): DOM \(row[key.attribute] ?? "-")")
            }
        }
    }

    /// The `data-` attributes of every `<tr data-trade="…">` row, in row order.
    static func domTrades(_ dom: String) throws -> [[String: String]] {
        let row = try NSRegularExpression(pattern: #"<tr data-trade="(\d+)"([^>]*)>"#)
        let attribute = try NSRegularExpression(pattern: #"data-([a-z-]+)="([^"]*)""#)
        return row.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).enumerated().map { index, match in
            let text = String(dom[Range(match.range(at: 2), in: dom)!])
            #expect(dom[Range(match.range(at: 1), in: dom)!] == "\(index)", "rows out of order")
            var values: [String: String] = [:]
            for pair in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                values[String(text[Range(pair.range(at: 1), in: text)!])] = String(
                    text[Range(pair.range(at: 2), in: text)!])
            }
            return values
        }
    }

    /// A PNG of the window's size whose bytes show more than a blank page.
    func checkScreenshot(_ path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 24, "the screenshot is empty")
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == Self.windowWidth && height == Self.windowHeight, "screenshot is \(width)×\(height)")
        // A blank 1200×3000 page compresses to a few kilobytes; charts, tables and text to hundreds.
        #expect(bytes.count > 100_000, "the screenshot is only \(bytes.count) bytes: the page looks empty")
    }
}
