/// A balanced batch of ledger lines: one per fill (and one for the starting capital).
///
/// Construction asserts Σ debits = Σ credits exactly; zero amounts are left out.
public struct LedgerPosting: Sendable, Hashable {
    /// Run-unique id, increasing.
    public var postingId: UInt64
    /// The hour whose cycle posted it.
    public var hourTs: UTCTimestamp
    /// `capital`, `buy` or `sell`.
    public var kind: String
    /// The order whose fill this records, if any.
    public var orderId: UInt64?
    /// The lines, in posting order.
    public var lines: [LedgerLine]

    /// Creates a posting; traps unless it balances.
    public init(postingId: UInt64, hourTs: UTCTimestamp, kind: String, orderId: UInt64?, lines: [LedgerLine]) {
        self.postingId = postingId
        self.hourTs = hourTs
        self.kind = kind
        self.orderId = orderId
        self.lines = lines
        precondition(isBalanced, "ledger posting \(postingId) does not balance")
    }

    /// Σ debit amounts.
    public var debitsQuote: FixedDecimal { lines.filter { $0.side == .debit }.reduce(.zero) { $0 + $1.amountQuote } }
    /// Σ credit amounts.
    public var creditsQuote: FixedDecimal { lines.filter { $0.side == .credit }.reduce(.zero) { $0 + $1.amountQuote } }
    /// Debits equal credits and there is at least one line.
    public var isBalanced: Bool { !lines.isEmpty && debitsQuote == creditsQuote }

    /// Capital contributed at the start of the run: Dr cash, Cr equity_contributed.
    public static func capital(postingId: UInt64, hourTs: UTCTimestamp, amountQuote: FixedDecimal) -> LedgerPosting {
        LedgerPosting(
            postingId: postingId, hourTs: hourTs, kind: "capital", orderId: nil,
            lines: [
                LedgerLine(account: LedgerAccount.cash, side: .debit, amountQuote: amountQuote),
                LedgerLine(account: LedgerAccount.equityContributed, side: .credit, amountQuote: amountQuote),
            ])
    }

    /// A buy fill: Dr inventory notional, Dr fees fee, Cr cash notional + fee.
    public static func buy(
        postingId: UInt64, hourTs: UTCTimestamp, orderId: UInt64, symbol: String,
        notionalQuote: FixedDecimal, feeQuote: FixedDecimal
    ) -> LedgerPosting {
        var lines = [LedgerLine(account: LedgerAccount.inventory(symbol), side: .debit, amountQuote: notionalQuote)]
        if feeQuote.isPositive {
            lines.append(LedgerLine(account: LedgerAccount.fees, side: .debit, amountQuote: feeQuote))
        }
        lines.append(LedgerLine(account: LedgerAccount.cash, side: .credit, amountQuote: notionalQuote + feeQuote))
        return LedgerPosting(postingId: postingId, hourTs: hourTs, kind: "buy", orderId: orderId, lines: lines)
    }

    /// A sell fill: Dr cash notional, Cr inventory at cost, the difference to realized_pnl; then
    /// Dr fees, Cr cash for the fee.
    public static func sell(
        postingId: UInt64, hourTs: UTCTimestamp, orderId: UInt64, symbol: String, notionalQuote: FixedDecimal,
        costRemovedQuote: FixedDecimal, feeQuote: FixedDecimal
    ) -> LedgerPosting {
        var lines: [LedgerLine] = []
        if notionalQuote.isPositive {
            lines.append(LedgerLine(account: LedgerAccount.cash, side: .debit, amountQuote: notionalQuote))
        }
        if costRemovedQuote.isPositive {
            lines.append(
                LedgerLine(account: LedgerAccount.inventory(symbol), side: .credit, amountQuote: costRemovedQuote))
        }
        let pnl = notionalQuote - costRemovedQuote
        if pnl.isPositive {
            lines.append(LedgerLine(account: LedgerAccount.realizedPnl, side: .credit, amountQuote: pnl))
        }
        if pnl.isNegative {
            lines.append(LedgerLine(account: LedgerAccount.realizedPnl, side: .debit, amountQuote: -pnl))
        }
        if feeQuote.isPositive {
            lines.append(LedgerLine(account: LedgerAccount.fees, side: .debit, amountQuote: feeQuote))
            lines.append(LedgerLine(account: LedgerAccount.cash, side: .credit, amountQuote: feeQuote))
        }
        return LedgerPosting(postingId: postingId, hourTs: hourTs, kind: "sell", orderId: orderId, lines: lines)
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(unsigned: postingId)
        writer.write(timestamp: hourTs)
        writer.write(string: kind)
        writer.write(optional: orderId) { $0.write(unsigned: $1) }
        writer.write(array: lines) { $1.encode(to: &$0) }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> LedgerPosting {
        let postingId = try reader.readUnsigned()
        let hourTs = try reader.readTimestamp()
        let kind = try reader.readString()
        let orderId = try reader.readOptional { r throws(CodecError) in try r.readUnsigned() }
        let lines = try reader.readArray { r throws(CodecError) in try LedgerLine.decode(from: &r) }
        let debits = lines.filter { $0.side == .debit }.reduce(FixedDecimal.zero) { $0 + $1.amountQuote }
        let credits = lines.filter { $0.side == .credit }.reduce(FixedDecimal.zero) { $0 + $1.amountQuote }
        guard !lines.isEmpty, debits == credits else {
            throw .invalidValue("ledger posting \(postingId) does not balance: \(debits) ≠ \(credits)")
        }
        return LedgerPosting(postingId: postingId, hourTs: hourTs, kind: kind, orderId: orderId, lines: lines)
    }

    var json: JSONValue {
        .object([
            "posting_id": .int(Int64(postingId)), "hour_ts_utc": .timestamp(hourTs), "kind": .string(kind),
            "order_id": orderId.map { .int(Int64($0)) } ?? .null, "lines": .array(lines.map(\.json)),
        ])
    }
}
