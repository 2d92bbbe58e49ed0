/// A symbol's market regime at hour H, as recorded in events and seen by rules.
public enum Regime: String, Sendable, Hashable, CaseIterable {
    /// Sustained drift in one direction.
    case trend
    /// No meaningful drift: chop.
    case range
    /// Volatility in the top of its own trailing distribution.
    case highVol = "high_vol"
    /// A sharp fall over hours.
    case crash
    /// Not enough history to tell.
    case unknown
}

extension Regime: CustomStringConvertible {
    /// The recorded label (`high_vol`, not the case name), so text interpolation prints what the
    /// events record.
    public var description: String { rawValue }
}

extension Regime {
    /// Canonical encoding: the label as a string (the same bytes as before the enum existed).
    func encode(to writer: inout ByteWriter) { writer.write(string: rawValue) }

    /// Reads what `encode(to:)` wrote; an unknown label is a codec error.
    static func decode(from reader: inout ByteReader) throws(CodecError) -> Regime {
        let text = try reader.readString()
        guard let regime = Regime(rawValue: text) else { throw .invalidValue("unknown regime \(text)") }
        return regime
    }
}
