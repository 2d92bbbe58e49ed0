/// One balanced ledger posting (Σ debits = Σ credits exactly; decoding refuses anything else).
public struct LedgerPosted: EventPayload {
    public static let eventType = EventType.ledgerPosted
    public var posting: LedgerPosting

    /// Creates the event.
    public init(posting: LedgerPosting) { self.posting = posting }

    public func encode(to writer: inout ByteWriter) { posting.encode(to: &writer) }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> LedgerPosted {
        LedgerPosted(posting: try LedgerPosting.decode(from: &reader))
    }

    public var json: JSONValue { posting.json }
}
