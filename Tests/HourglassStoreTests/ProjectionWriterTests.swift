import HourglassCore
import Testing

@testable import HourglassStore

/// The `predictions.sizing` column written step by step is the canonical JSON of its value.
@Suite("Projection writer")
struct ProjectionWriterTests {
    @Test("sizingText writes the same bytes as the canonical JSON of the sizing steps")
    func sizingTextEqualsCanonicalJSON() throws {
        let values: [RuleValue] = [
            .none, .decimal(try FixedDecimal.parse("0.95")), .decimal(try FixedDecimal.parse("-12345.678901")),
            .decimal(.zero), .number(0.1), .number(-2.5e-7), .number(3), .number(1e300), .number(.nan),
            .number(.infinity), .number(-.infinity), .integer(0), .integer(-42), .integer(Int64.max),
            .flag(true), .flag(false), .text(""), .text("high_vol"), .text("quote \" back \\ tab \t nl \n é \u{1}"),
        ]
        let names = ["fraction", "vol_target", "cap \"x\"", "", "kelly\\half", "ünïcode"]
        var predictions: [PredictionMade] = [Self.prediction(steps: [])]
        for count in 1...4 {
            for start in values.indices {
                let steps = (0..<count).map { offset in
                    SizingStep(names[(start + offset) % names.count], values[(start + 3 * offset) % values.count])
                }
                predictions.append(Self.prediction(steps: steps))
            }
        }
        for prediction in predictions {
            let expected = ProjectionWriter.sizingJSON(prediction).canonicalText
            #expect(ProjectionWriter.sizingText(prediction) == expected)
        }
        // The reference itself: keys in byte order, no spaces.
        #expect(
            ProjectionWriter.sizingJSON(Self.prediction(steps: [SizingStep("a", .integer(1))])).canonicalText
                == #"[{"step":"a","value":1}]"#)
    }

    static func prediction(steps: [SizingStep]) -> PredictionMade {
        PredictionMade(
            hourTs: UTCTimestamp(secondsSinceEpoch: 1_600_000_000 / 3600 * 3600), symbol: "XBT/USD",
            modelId: "momentum", regime: .trend, score: 0.25, expectedEdge: 0.01, confidence: 0.5,
            action: "propose_entry", sizingSteps: steps)
    }
}
