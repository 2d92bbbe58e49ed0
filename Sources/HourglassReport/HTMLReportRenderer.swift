import HourglassCore

/// Renders a `RunReportData` as one self-contained HTML file: inline CSS and SVG, no script, no network.
///
/// Numbers a test or a tool reads carry stable attributes: `data-metric="sharpe"` with the exact
/// value in `data-value` (the same text as `run-report --json`), and `data-trade`, `data-mc`,
/// `data-run` on the rest. All times are UTC ISO-8601; nothing depends on the locale or the clock.
public struct HTMLReportRenderer: Sendable {
    /// Width of every chart, in SVG units (the page scales it).
    static let chartWidth = 1080.0
    /// Left and right margins inside a chart (axis labels).
    static let marginLeft = 78.0, marginRight = 58.0

    /// Creates a renderer.
    public init() {}

    /// The whole document.
    public func render(_ data: RunReportData) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>Hourglass run " + ReportFormat.escape(data.identity.runId) + "</title>"
        html += "<style>" + Self.css + "</style></head><body><main>"
        html += header(data)
        html += headline(data)
        html += section("Equity and drawdown", equityChart(data))
        html += section("Exposure and open positions", exposureChart(data))
        html += section("Governance: rule outcomes per day", verdictHeatmap(data))
        html += section("Kill switch, breaker and retraining", periodsTable(data))
        html += "<div class=\"columns\">"
        html += section("Metrics", metricsTable(data))
        html += section("Monte Carlo max drawdown (trade resampling)", monteCarloHistogram(data))
        html += "</div>"
        html += section("Trades", tradesTable(data))
        html +=
            "<footer>Rendered by Hourglass from the run's event log and projections. "
            + "Times are UTC. Returns are annualised with √(24·365).</footer>"
        html += "</main></body></html>\n"
        return html
    }

    /// The same document as UTF-8 bytes.
    public func renderBytes(_ data: RunReportData) -> [UInt8] { Array(render(data).utf8) }

    func section(_ title: String, _ body: String) -> String {
        "<section><h2>" + ReportFormat.escape(title) + "</h2>" + body + "</section>"
    }

    private func header(_ data: RunReportData) -> String {
        let id = data.identity
        let first = data.hours.first.map { ReportFormat.hour($0.hourTs) } ?? "-"
        let last = data.hours.last.map { ReportFormat.hour($0.hourTs) } ?? "-"
        func row(_ key: String, _ label: String, _ value: String) -> String {
            "<div><dt>\(label)</dt><dd data-run=\"\(key)\">" + ReportFormat.escape(value) + "</dd></div>"
        }
        var out =
            "<header><h1>Hourglass run report <span class=\"mode mode-\(id.runMode.rawValue.lowercased())\">"
            + ReportFormat.escape(id.runMode.rawValue) + "</span></h1><dl class=\"identity\">"
        out += row("run_id", "run", id.runId)
        out += row("account_id", "account", id.accountId)
        out += row("window", "window", "\(first) … \(last)")
        out += row("hours", "hours", String(data.hours.count))
        out += row("universe", "universe", id.universe.joined(separator: " "))
        out += row("engine_version", "engine", id.engineVersion)
        out += row("config_sha256", "config sha256", id.configSha256)
        out += row("model_set_sha256", "model set sha256", id.modelSetSha256)
        return out + "</dl></header>"
    }

    /// A strip of the few numbers a colleague asks first; the full set is in the metrics table.
    private func headline(_ data: RunReportData) -> String {
        let ids = ["total_return", "cagr", "sharpe", "max_drawdown", "trades", "fees"]
        var out = "<div class=\"kpis\">"
        out += kpi(
            label: "final equity", value: data.hours.last.map { ReportFormat.money($0.equityQuote) } ?? "-",
            key: "final_equity", tone: "")
        for id in ids {
            guard let metric = data.metrics.first(where: { $0.id == id }) else { continue }
            let tone = metric.id == "max_drawdown" ? "neg" : ((metric.value ?? 0) < 0 ? "neg" : "")
            out += kpi(label: metric.label, value: Self.display(metric), key: metric.id, tone: tone)
        }
        return out + "</div>"
    }

    private func kpi(label: String, value: String, key: String, tone: String) -> String {
        "<div class=\"kpi \(tone)\"><div class=\"kpi-label\">" + ReportFormat.escape(label)
            + "</div><div class=\"kpi-value\" data-kpi=\"\(key)\">" + ReportFormat.escape(value) + "</div></div>"
    }

    /// How a metric reads in the table.
    static func display(_ metric: ReportMetric) -> String {
        guard let value = metric.value else { return metric.missingNote }
        switch metric.unit {
        case .percent: return ReportFormat.percent(value)
        case .ratio: return ReportFormat.fixed(value, decimals: 2)
        case .quote: return ReportFormat.fixed(value, decimals: 2, grouped: true)
        case .count: return ReportFormat.fixed(value, decimals: 0, grouped: true)
        }
    }
}
