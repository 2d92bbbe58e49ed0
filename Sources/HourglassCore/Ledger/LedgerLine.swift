/// One line of a posting: an account, a side and a positive amount in quote currency.
public struct LedgerLine: Sendable, Hashable {
    public var account: String
    public var side: LedgerSide
    /// Amount, always above zero.
    public var amountQuote: FixedDecimal

    /// Creates a line; the amount must be positive.
    public init(account: String, side: LedgerSide, amountQuote: FixedDecimal) {
        precondition(
            amountQuote.isPositive, "a ledger line amount must be above zero, got \(amountQuote) on \(account)")
        self.account = account
        self.side = side
        self.amountQuote = amountQuote
    }

    /// Signed effect on the debit-positive balance.
    public var signedAmountQuote: FixedDecimal { side == .debit ? amountQuote : -amountQuote }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: account)
        writer.write(byte: side == .debit ? 0 : 1)
        writer.write(decimal: amountQuote)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> LedgerLine {
        let account = try reader.readString()
        let offset = reader.offset
        let side: LedgerSide
        switch try reader.readByte() {
        case 0: side = .debit
        case 1: side = .credit
        case let tag: throw .unknownTag("LedgerSide", UInt64(tag), offset: offset)
        }
        let amount = try reader.readDecimal()
        guard amount.isPositive else { throw .invalidValue("ledger line amount \(amount) is not above zero") }
        return LedgerLine(account: account, side: side, amountQuote: amount)
    }

    var json: JSONValue {
        .object(["account": .string(account), "side": .string(side.rawValue), "amount": .decimal(amountQuote)])
    }
}
