import HourglassCore
import HourglassReport
import Testing

@Suite struct HTMLReportRendererTests {
    @Test func theSameDataRendersTheSameBytes() {
        let first = HTMLReportRenderer().renderBytes(ReportFixture.data())
        let second = HTMLReportRenderer().renderBytes(ReportFixture.data())
        #expect(first == second)
        #expect(first.count > 10_000)
        // A different input changes the bytes, so the comparison above is not vacuous.
        #expect(HTMLReportRenderer().renderBytes(ReportFixture.data(reason: "volatility_spike")) != first)
    }

    @Test func metricsCarryStableAttributesWithTheirExactValues() {
        let html = HTMLReportRenderer().render(ReportFixture.data())
        #expect(html.contains("data-metric=\"sharpe\" data-value=\"1.234568\">1.23</td>"))
        #expect(html.contains("data-metric=\"cagr\" data-value=\"0.123457\">12.35%</td>"))
        #expect(html.contains("data-metric=\"fees\" data-value=\"41.2\">41.20</td>"))
        #expect(html.contains("data-metric=\"deflated_sharpe\" data-value=\"\">n/a until models exist</td>"))
    }

    @Test func theDocumentIsSelfContained() {
        let html = HTMLReportRenderer().render(ReportFixture.data())
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components("http://").allSatisfy { $0 == "www.w3.org/2000/svg" })
        #expect(!html.contains("https://"))
        #expect(!html.contains("@import") && !html.contains("url("))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("2022-03-01T00:00:00Z"))
    }

    @Test func textFromTheLogIsEscaped() {
        let html = HTMLReportRenderer().render(
            ReportFixture.data(reason: "<script>alert(1)</script>", symbol: "A&B\"<i>"))
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("A&amp;B&quot;&lt;i&gt;"))
        #expect(!html.contains("A&B"))
    }

    @Test func everySectionIsDrawn() {
        let html = HTMLReportRenderer().render(ReportFixture.data())
        for label in [
            "Equity and drawdown against buy-and-hold", "Exposure and open positions", "Rule outcomes per day",
            "Monte Carlo max drawdowns",
        ] {
            #expect(html.contains("aria-label=\"\(label)\""), "missing chart \(label)")
        }
        #expect(html.contains("class=\"band-kill_switch\""))
        #expect(html.contains("data-rule=\"fee_hurdle\" data-pass=\"15\" data-modify=\"0\" data-block=\"6\""))
        #expect(html.contains("data-trade=\"5\""))
        #expect(!html.contains("data-trade=\"6\""))
        #expect(html.contains("<em>open</em>"))
    }
}

extension String {
    fileprivate func components(_ separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            rest = rest[range.upperBound...]
            parts.append(String(rest.prefix(while: { $0 != "\"" })))
        }
        return parts
    }
}
