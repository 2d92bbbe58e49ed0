import HourglassCore

/// A stored bar that differs from the file's bar at the same timestamp.
public struct BarConflict: Error, CustomStringConvertible {
    /// Index of the conflicting bar in the input (0-based).
    public let index: Int
    /// The field that differs first.
    public let field: String
    /// The value already in the log.
    public let stored: String
    /// The value in the input.
    public let incoming: String
    /// The bar's start.
    public let ts: UTCTimestamp

    public var description: String {
        "bar \(ts) conflicts with the stored bar: \(field) is \(stored) in the log but \(incoming) in the file; the log is immutable, so fix the file or ingest it under another symbol"
    }
}

/// What one ingestion did.
public struct BarIngestReport: Sendable {
    /// Bars in the input.
    public var bars: Int
    /// Events appended (bars new to the log).
    public var appended: Int
    /// Bars already stored identically, skipped.
    public var duplicatesSkipped: Int
    /// First and last `seq` appended, when any.
    public var firstSeq: Int64?
    public var lastSeq: Int64?
}

/// Appends bars as `BarRecorded` events plus their `bars` projection rows, in one transaction.
///
/// Bars already stored identically are skipped (re-ingesting a file is a no-op); a stored bar
/// that differs refuses the whole input and writes nothing.
public struct BarIngestor {
    let log: EventLog

    /// Creates an ingestor on `log`.
    public init(log: EventLog) { self.log = log }

    /// Ingests `bars`, which must be one exchange, symbol and interval, strictly increasing.
    public func ingest(_ bars: [Bar]) throws -> BarIngestReport {
        guard let first = bars.first, let last = bars.last else {
            return BarIngestReport(bars: 0, appended: 0, duplicatesSkipped: 0)
        }
        for (index, bar) in bars.enumerated() {
            precondition(
                bar.exchange == first.exchange && bar.symbol == first.symbol
                    && bar.intervalSeconds == first.intervalSeconds,
                "one exchange, symbol and interval per ingest")
            precondition(index == 0 || bars[index - 1].openTs < bar.openTs, "bars must be strictly increasing")
            precondition(bar.violation == nil, "bars are validated before ingest")
        }
        let stream = Bar.stream(exchange: first.exchange)
        return try log.withAppendTransaction(context: "ingest \(bars.count) bars of \(first.symbol)") { session in
            let stored = try storedBars(session.connection, first: first, from: first.openTs, through: last.openTs)
            var fresh: [Bar] = []
            fresh.reserveCapacity(bars.count)
            var duplicates = 0
            for (index, bar) in bars.enumerated() {
                guard let existing = stored[bar.openTs.secondsSinceEpoch] else {
                    fresh.append(bar)
                    continue
                }
                if let conflict = Self.firstDifference(existing, bar) {
                    throw BarConflict(
                        index: index, field: conflict.field, stored: conflict.stored, incoming: conflict.incoming,
                        ts: bar.openTs)
                }
                duplicates += 1
            }
            // The events stream to the server while they are encoded and hashed; the projection
            // rows are built alongside, then sent in the same transaction.
            var projection = PGCopyBinaryWriter(capacity: fresh.count * Self.projectionRowBytesEstimate + 64)
            let exchange = Array(first.exchange.utf8)
            let symbol = Array(first.symbol.utf8)
            let appended = try session.append(
                streams: [stream], count: fresh.count,
                event: { index in
                    PendingEvent(
                        stream: stream, hourTs: fresh[index].openTs, event: .barRecorded(BarRecorded(bar: fresh[index]))
                    )
                },
                written: { index, header in
                    Self.writeProjectionRow(
                        &projection, bar: fresh[index], seq: header.seq, exchange: exchange, symbol: symbol)
                })
            try writeProjection(session.connection, projection, rowCount: fresh.count)
            return BarIngestReport(
                bars: bars.count, appended: fresh.count, duplicatesSkipped: duplicates,
                firstSeq: appended?.lowerBound, lastSeq: appended?.upperBound)
        }
    }

    private func storedBars(_ connection: PGConnection, first: Bar, from: UTCTimestamp, through: UTCTimestamp) throws
        -> [Int64: Bar]
    {
        let result = try connection.execute(
            """
            SELECT extract(epoch from ts_utc)::bigint, open::text, high::text, low::text, close::text, volume::text
            FROM bars WHERE exchange = $1 AND symbol = $2 AND interval_seconds = $3
              AND ts_utc BETWEEN to_timestamp($4) AND to_timestamp($5)
            """,
            [
                .text(first.exchange), .text(first.symbol), .int64(first.intervalSeconds),
                .int64(from.secondsSinceEpoch), .int64(through.secondsSinceEpoch),
            ], context: "read stored bars")
        var byTs: [Int64: Bar] = [:]
        for row in 0..<result.rowCount {
            let ts = result.int64(row, 0)!
            func decimal(_ column: Int) throws -> FixedDecimal { try FixedDecimal.parse(result.string(row, column)!) }
            byTs[ts] = Bar(
                exchange: first.exchange, symbol: first.symbol, openTs: UTCTimestamp(secondsSinceEpoch: ts),
                intervalSeconds: first.intervalSeconds, openPrice: try decimal(1), highPrice: try decimal(2),
                lowPrice: try decimal(3), closePrice: try decimal(4), volumeBase: try decimal(5))
        }
        return byTs
    }

    /// Bytes of one projection row in COPY binary form, for the buffer's first reservation.
    static let projectionRowBytesEstimate = 120

    private static func writeProjectionRow(
        _ copy: inout PGCopyBinaryWriter, bar: Bar, seq: Int64, exchange: [UInt8], symbol: [UInt8]
    ) {
        precondition(seq > 0, "a projection row carries its event's seq")
        copy.beginRow(fieldCount: 10)
        copy.append(utf8: exchange)
        copy.append(utf8: symbol)
        copy.append(int32: Int32(bar.intervalSeconds))
        copy.append(timestamp: bar.openTs.secondsSinceEpoch)
        copy.append(numeric: bar.openPrice)
        copy.append(numeric: bar.highPrice)
        copy.append(numeric: bar.lowPrice)
        copy.append(numeric: bar.closePrice)
        copy.append(numeric: bar.volumeBase)
        copy.append(int64: seq)
    }

    private func writeProjection(_ connection: PGConnection, _ rows: PGCopyBinaryWriter, rowCount: Int) throws {
        guard rowCount > 0 else { return }
        let copy = try PGCopyIn(
            connection: connection,
            sql:
                "COPY bars (exchange, symbol, interval_seconds, ts_utc, open, high, low, close, volume, seq) FROM STDIN (FORMAT binary)",
            context: "write the bars projection")
        copy.writer = rows
        let copied = try copy.finish()
        precondition(copied == rowCount, "bars projection wrote \(copied) of \(rowCount) rows")
    }

    static func firstDifference(_ stored: Bar, _ incoming: Bar) -> (field: String, stored: String, incoming: String)? {
        let pairs: [(String, FixedDecimal, FixedDecimal)] = [
            ("open", stored.openPrice, incoming.openPrice), ("high", stored.highPrice, incoming.highPrice),
            ("low", stored.lowPrice, incoming.lowPrice), ("close", stored.closePrice, incoming.closePrice),
            ("volume", stored.volumeBase, incoming.volumeBase),
        ]
        for (field, a, b) in pairs where a != b { return (field, a.description, b.description) }
        return nil
    }
}
