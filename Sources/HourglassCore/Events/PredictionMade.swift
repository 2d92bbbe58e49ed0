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
    /// The trained ensemble's inputs and outputs (nil for rule models). Present only in format version 2, so
    /// rule-model predictions keep their version-1 bytes.
    public var model: ModelPrediction?

    /// Creates the event.
    public init(
        hourTs: UTCTimestamp, symbol: String, modelId: String, regime: Regime, score: Double, expectedEdge: Double,
        confidence: Double, action: String, sizingSteps: [SizingStep], model: ModelPrediction? = nil
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
        self.model = model
    }

    /// Version 1 without the model section (rule models), 2 with it, 3 with it and its trust draws.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter()
        writer.write(byte: model == nil ? 1 : model?.trust == nil ? 2 : 3)
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes version 1 (no model section), 2 (with it) or 3 (with its trust draws), refusing trailing bytes.
    public static func decode(canonical bytes: [UInt8]) throws(CodecError) -> PredictionMade {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard (1...3).contains(version) else { throw .unsupportedVersion(eventType.rawValue, version) }
        var event = try decode(from: &reader)
        if version >= 2 { event.model = try ModelPrediction.decode(from: &reader, withTrust: version == 3) }
        try reader.expectEnd()
        return event
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
        model?.encode(to: &writer)
    }

    /// Reads the version-1 fields (the model section follows in version 2: see `decode(canonical:)`).
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> PredictionMade {
        let event = PredictionMade(
            hourTs: try reader.readTimestamp(), symbol: try reader.readString(), modelId: try reader.readString(),
            regime: try Regime.decode(from: &reader), score: try reader.readDouble(),
            expectedEdge: try reader.readDouble(),
            confidence: try reader.readDouble(), action: try reader.readString(),
            sizingSteps: try reader.readArray { r throws(CodecError) in try SizingStep.decode(from: &r) })
        return event
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "hour_ts_utc": .timestamp(hourTs), "symbol": .string(symbol), "model_id": .string(modelId),
            "regime": .string(regime.rawValue),
            "score": .double(score), "expected_edge": .double(expectedEdge), "confidence": .double(confidence),
            "action": .string(action),
            "sizing": .array(sizingSteps.map { .object(["step": .string($0.name), "value": $0.value.json]) }),
        ]
        if let model { fields["model"] = model.json }
        return .object(fields)
    }
}
