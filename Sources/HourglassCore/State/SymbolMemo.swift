/// What the engine remembers about a symbol between hours besides its bars: last exit and stop-out.
public struct SymbolMemo: Sendable, Hashable {
    public var symbol: String
    /// Hour a position in the symbol was last closed (the fill hour), if ever.
    public var lastExitTs: UTCTimestamp?
    /// Hour a stop loss last closed a position in the symbol, if ever.
    public var lastStopOutTs: UTCTimestamp?
    /// Regime label when the latest entry order in this symbol was decided; the fill copies it into
    /// the new position's `entryRegime`.
    public var pendingEntryRegime: Regime?

    /// Creates a memo.
    public init(
        symbol: String, lastExitTs: UTCTimestamp? = nil, lastStopOutTs: UTCTimestamp? = nil,
        pendingEntryRegime: Regime? = nil
    ) {
        self.symbol = symbol
        self.lastExitTs = lastExitTs
        self.lastStopOutTs = lastStopOutTs
        self.pendingEntryRegime = pendingEntryRegime
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastExitTs) { $0.write(timestamp: $1) }
        writer.write(optional: lastStopOutTs) { $0.write(timestamp: $1) }
        writer.write(optional: pendingEntryRegime) { $1.encode(to: &$0) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SymbolMemo {
        SymbolMemo(
            symbol: try reader.readString(),
            lastExitTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() },
            lastStopOutTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() },
            pendingEntryRegime: try reader.readOptional { r throws(CodecError) in try Regime.decode(from: &r) })
    }
}
