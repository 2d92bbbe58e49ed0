extension EngineState {
    /// Canonical bytes of the state: a version byte, then every field in declaration order.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter(capacity: 64 * 1024)
        write(to: &writer, hashing: false) { _ in }
        return writer.bytes
    }

    /// SHA-256 of the state's commitment bytes: the canonical bytes, except that each symbol
    /// window's closes and range fractions are written as the digests of their full hour-aligned
    /// chunks (cached in the window; `ChunkDigests`) with the values around them, each symbol's
    /// sequence rows as the digest of every row (cached in `SequenceRows`), and the closed trades as
    /// their count and the digest of their canonical bytes (cached until they change;
    /// `ClosedTradesDigest`), so an hour hashes a few kilobytes, not the ~61 KB of the windows, 48
    /// rows a symbol and ~4.7 KB of trades. Every other section, present or added later, is hashed
    /// as its canonical bytes. A full commitment: any changed byte of the canonical bytes changes it
    /// (engine 0.7.0; 0.6.0 hashed the closed trades whole, 0.5.0 the sequence rows too, before that
    /// the SHA-256 of the canonical bytes). The bytes go into the SHA-256 a few kilobytes at a
    /// time, never into one buffer.
    public var sha256: Hash256 {
        var builder = Hash256Builder()
        forEachCommitmentPiece { builder.update($0) }
        return builder.finalize()
    }

    /// Bytes gathered before they are fed to the state hash's SHA-256.
    static let hashPieceBytes = 4096

    /// How many bytes `sha256` feeds to its SHA-256 (the commitment's length): what `Scripts/bench`
    /// adds to its hash floor. The same pieces `sha256` takes, counted instead of hashed.
    public var commitmentByteCount: Int {
        var count = 0
        forEachCommitmentPiece { count += $0.count }
        return count
    }

    /// Writes the commitment bytes and hands them to `take` a piece of at least `hashPieceBytes` at a
    /// time (the last one shorter), reusing one buffer: what `sha256` hashes, in order.
    private func forEachCommitmentPiece(_ take: ([UInt8]) -> Void) {
        var writer = ByteWriter(capacity: Self.hashPieceBytes + 2048)
        write(to: &writer, hashing: true) { writer in
            if writer.bytes.count >= Self.hashPieceBytes {
                take(writer.bytes)
                writer.removeAll()
            }
        }
        take(writer.bytes)
    }

    /// The commitment bytes `sha256` hashes, written into one buffer without pieces (for tests).
    var commitmentBytes: [UInt8] {
        var writer = ByteWriter(capacity: 64 * 1024)
        write(to: &writer, hashing: true) { _ in }
        return writer.bytes
    }

    /// Writes the canonical bytes, or (`hashing`) the commitment bytes `sha256` hashes (the two
    /// differ only in how the windows and sequence rows are written), calling `piece` after each
    /// window and each symbol's rows so a hashing caller can take what is written so far.
    private func write(to writer: inout ByteWriter, hashing: Bool, piece: (inout ByteWriter) -> Void) {
        // Version 3 adds the sequence rows, 4 the trust section (EngineState+Trust); a state without them keeps
        // its version-2 (or 3) bytes.
        writer.write(byte: trust != nil ? 4 : sequenceRows.isEmpty ? 2 : 3)
        writer.write(timestamp: startHourTs)
        writer.write(optional: lastHourTs) { $0.write(timestamp: $1) }
        writer.write(decimal: cashQuote)
        writer.write(array: positions) { $1.encode(to: &$0) }
        writer.write(array: pendingOrders) { $1.encode(to: &$0) }
        if hashing {
            writer.write(array: windows) {
                $1.encodeCommitment(to: &$0)
                piece(&$0)
            }
        } else {
            writer.write(array: windows) { $1.encode(to: &$0) }
        }
        writer.write(array: memos) { $1.encode(to: &$0) }
        writer.write(decimal: peakEquityQuote)
        writer.write(decimal: dayOpenEquityQuote)
        writer.write(optional: dayStartTs) { $0.write(timestamp: $1) }
        writer.write(decimal: lastEquityQuote)
        writer.write(int: entriesToday)
        writer.write(int: entriesLastHour)
        writer.write(unsigned: nextOrderId)
        writer.write(unsigned: nextPostingId)
        if hashing {
            // Committed by count and digest (cached until the trades change): see `ClosedTradesDigest`.
            writer.write(unsigned: UInt64(closedTrades.count))
            writer.write(raw: (closedTradesDigest.digest ?? ClosedTradesDigest.of(closedTrades)).bytes)
        } else {
            writer.write(array: closedTrades) { $1.encode(to: &$0) }
        }
        killSwitch.encode(to: &writer)
        breaker.encode(to: &writer)
        ledger.encode(to: &writer)
        if !sequenceRows.isEmpty || trust != nil {
            if hashing {
                writer.write(array: sequenceRows) {
                    $1.encodeCommitment(to: &$0)
                    piece(&$0)
                }
            } else {
                writer.write(array: sequenceRows) { $1.encode(to: &$0) }
            }
        }
        trust?.encode(to: &writer)
    }

    /// Decodes a snapshot, refusing anything that does not re-encode to the same bytes.
    public static func decode(canonical bytes: [UInt8]) throws(CodecError) -> EngineState {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard (2...4).contains(version) else { throw .unsupportedVersion("EngineState", version) }
        var state = EngineState(
            startHourTs: try reader.readTimestamp(),
            lastHourTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() },
            cashQuote: try reader.readDecimal(),
            positions: try reader.readArray { r throws(CodecError) in try Position.decode(from: &r) },
            pendingOrders: try reader.readArray { r throws(CodecError) in try PendingOrder.decode(from: &r) },
            windows: try reader.readArray { r throws(CodecError) in try BarWindow.decode(from: &r) },
            memos: try reader.readArray { r throws(CodecError) in try SymbolMemo.decode(from: &r) },
            peakEquityQuote: try reader.readDecimal(), dayOpenEquityQuote: try reader.readDecimal(),
            dayStartTs: try reader.readOptional { r throws(CodecError) in try r.readTimestamp() },
            lastEquityQuote: try reader.readDecimal(),
            entriesToday: try reader.readInt(), entriesLastHour: try reader.readInt(),
            nextOrderId: try reader.readUnsigned(),
            nextPostingId: try reader.readUnsigned(),
            closedTrades: try reader.readArray { r throws(CodecError) in try ClosedTrade.decode(from: &r) },
            killSwitch: try KillSwitchState.decode(from: &reader),
            breaker: try CircuitBreakerState.decode(from: &reader), ledger: try LedgerBalances.decode(from: &reader))
        if version >= 3 {
            state.sequenceRows = try reader.readArray { r throws(CodecError) in try SequenceRows.decode(from: &r) }
            guard version == 4 || !state.sequenceRows.isEmpty else {
                throw .invalidValue("a version-3 state without sequence rows")
            }
        }
        if version == 4 { state.trust = try ThompsonTrust.decode(from: &reader) }
        try reader.expectEnd()
        guard state.isCanonicallyOrdered else { throw .invalidValue("EngineState arrays are not sorted by their keys") }
        return state
    }

    var isCanonicallyOrdered: Bool {
        zip(positions, positions.dropFirst()).allSatisfy { $0.symbol < $1.symbol }
            && zip(pendingOrders, pendingOrders.dropFirst()).allSatisfy { $0.orderId < $1.orderId }
            && zip(windows, windows.dropFirst()).allSatisfy { $0.symbol < $1.symbol }
            && zip(memos, memos.dropFirst()).allSatisfy { $0.symbol < $1.symbol }
            && zip(sequenceRows, sequenceRows.dropFirst()).allSatisfy { $0.symbol < $1.symbol }
            && zip(ledger.entries, ledger.entries.dropFirst()).allSatisfy { $0.account < $1.account }
    }
}
