/// The model set's prediction for one symbol at H, what the cycle did with it, and the sizing steps.
public struct PredictionMade: EventPayload {
    public static let eventType = EventType.predictionMade
    public var hourTs: UTCTimestamp
    public var symbol: String
    /// `ModelSet.id`.
    public var modelId: String
    /// Regime label at H.
    public var regime: Regime
    public var score: Double
    public var expectedEdge: Double
    public var confidence: Double
    /// `propose_entry`, `hold` (already held), `no_entry:<why>`.
    public var action: String
    /// Sizing of a proposed entry, in order (empty when none was sized).
    public var sizingSteps: [SizingStep]

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, symbol: String, modelId: String, regime: Regime, score: Double, expectedEdge: Double,
        confidence: Double, action: String, sizingSteps: [SizingStep]
    ) {
        self.hourTs = hourTs
        self.symbol = symbol
        self.modelId = modelId
        self.regime = regime
        self.score = score
        self.expectedEdge = expectedEdge
        self.confidence = confidence
        self.action = action
        self.sizingSteps = sizingSteps
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: hourTs)
        writer.write(string: symbol)
        writer.write(string: modelId)
        regime.encode(to: &writer)
        writer.write(double: score)
        writer.write(double: expectedEdge)
        writer.write(double: confidence)
        writer.write(string: action)
        writer.write(array: sizingSteps) { $1.encode(to: &$0) }
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> PredictionMade {
        PredictionMade(
            hourTs: try reader.readTimestamp(), symbol: try reader.readString(), modelId: try reader.readString(),
            regime: try Regime.decode(from: &reader), score: try reader.readDouble(),
            expectedEdge: try reader.readDouble(),
            confidence: try reader.readDouble(), action: try reader.readString(),
            sizingSteps: try reader.readArray { r throws(CodecError) in try SizingStep.decode(from: &r) })
    }

    public var json: JSONValue {
        .object([
            "hour_ts_utc": .timestamp(hourTs), "symbol": .string(symbol), "model_id": .string(modelId),
            "regime": .string(regime.rawValue),
            "score": .double(score), "expected_edge": .double(expectedEdge), "confidence": .double(confidence),
            "action": .string(action),
            "sizing": .array(sizingSteps.map { .object(["step": .string($0.name), "value": $0.value.json]) }),
        ])
    }
}
