import HourglassCore
import Testing

/// `JSONKeyLines` finds the line of every key, nested paths joined with dots, so configuration
/// errors can name a line.
@Suite("JSON key lines")
struct JSONKeyLinesTests {
    static let text = """
        {
          "fee_rate": "0.001",
          "limits": {
            "max_positions": 3,
            "note": "a \\"quoted\\" {brace} [bracket], comma"
          },
          "pairs": [
            {"symbol": "XBT/USD",
             "lot_decimals": 8}
          ],
          "run_seed": 7
        }
        """

    @Test func everyKeyWithItsLineInOrder() {
        let found = JSONKeyLines.lines(in: Array(Self.text.utf8))
        #expect(
            found.map(\.path) == [
                "fee_rate", "limits", "limits.max_positions", "limits.note", "pairs", "pairs.symbol",
                "pairs.lot_decimals", "run_seed",
            ])
        #expect(found.map(\.line) == [2, 3, 4, 5, 7, 8, 9, 11])
    }

    @Test func aMissingPathFallsBackToItsEnclosingKey() {
        let bytes = Array(Self.text.utf8)
        #expect(JSONKeyLines.line(of: "limits.max_positions", in: bytes) == 4)
        #expect(JSONKeyLines.line(of: "limits.no_such_key", in: bytes) == 3)
        #expect(JSONKeyLines.line(of: "pairs[1]", in: bytes) == 7)
        #expect(JSONKeyLines.line(of: "btc_symbol", in: bytes) == nil)
    }

    @Test func stringValuesAreNotKeys() {
        let found = JSONKeyLines.lines(in: Array(#"{"a": "b", "c": ["d", "e"], "f": {"g": "h"}}"#.utf8))
        #expect(found.map(\.path) == ["a", "c", "f", "f.g"])
    }
}
