/// One step of the sizing of an entry (`risk_quote`, `stop_distance`, `quantity`), recorded in
/// `PredictionMade` so the size can be traced from equity to the proposed quantity.
public struct SizingStep: Sendable, Hashable {
    public var name: String
    public var value: RuleValue

    /// Creates a step.
    public init(_ name: String, _ value: RuleValue) {
        self.name = name
        self.value = value
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: name)
        value.encode(to: &writer)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SizingStep {
        SizingStep(try reader.readString(), try RuleValue.decode(from: &reader))
    }
}
