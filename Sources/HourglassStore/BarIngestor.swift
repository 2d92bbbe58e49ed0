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
            precondition(bar.exchange == first.exchange && bar.symbol == first.symbol && bar.intervalSeconds == first.intervalSeconds,
                         "one exchange, symbol and interval per ingest")
            precondition(index == 0 || bars[index - 1].openTs < bar.openTs, "bars must be strictly increasing")
            precondition(bar.violation == nil, "bars are validated before ingest")
        }
        // Encode and hash outside the lock: the lock is held only for the database work.
        let stream = Bar.stream(exchange: first.exchange)
        return try log.withAppendTransaction(context: "ingest \(bars.count) bars of \(first.symbol)") { session in
            let stored = try storedBars(session.connection, first: first, from: first.openTs, through: last.openTs)
            var fresh: [Bar] = []
            fresh.reserveCapacity(bars.count)
            var duplicates = 0
            for (index, bar) in bars.enumerated() {
                guard let existing = stored[bar.openTs.secondsSinceEpoch] else { fresh.append(bar); continue }
                if let conflict = Self.firstDifference(existing, bar) {
                    throw BarConflict(index: index, field: conflict.field, stored: conflict.stored, incoming: conflict.incoming, ts: bar.openTs)
                }
                duplicates += 1
            }
            let pending = fresh.map { PendingEvent(stream: stream, hourTs: $0.openTs, event: .barRecorded(BarRecorded(bar: $0))) }
            let headers = try session.append(pending)
            try writeProjection(session.connection, bars: fresh, headers: headers)
            return BarIngestReport(bars: bars.count, appended: headers.count, duplicatesSkipped: duplicates,
                                   firstSeq: headers.first?.seq, lastSeq: headers.last?.seq)
        }
    }

    private func storedBars(_ connection: PGConnection, first: Bar, from: UTCTimestamp, through: UTCTimestamp) throws -> [Int64: Bar] {
        let result = try connection.execute("""
            SELECT extract(epoch from ts_utc)::bigint, open::text, high::text, low::text, close::text, volume::text
            FROM bars WHERE exchange = $1 AND symbol = $2 AND interval_seconds = $3
              AND ts_utc BETWEEN to_timestamp($4) AND to_timestamp($5)
            """, [.text(first.exchange), .text(first.symbol), .int64(first.intervalSeconds),
                  .int64(from.secondsSinceEpoch), .int64(through.secondsSinceEpoch)], context: "read stored bars")
        var byTs: [Int64: Bar] = [:]
        for row in 0..<result.rowCount {
            let ts = result.int64(row, 0)!
            func decimal(_ column: Int) throws -> FixedDecimal { try FixedDecimal.parse(result.string(row, column)!) }
            byTs[ts] = Bar(exchange: first.exchange, symbol: first.symbol, openTs: UTCTimestamp(secondsSinceEpoch: ts),
                           intervalSeconds: first.intervalSeconds, openPrice: try decimal(1), highPrice: try decimal(2),
                           lowPrice: try decimal(3), closePrice: try decimal(4), volumeBase: try decimal(5))
        }
        return byTs
    }

    private func writeProjection(_ connection: PGConnection, bars: [Bar], headers: [EventHeader]) throws {
        guard !bars.isEmpty else { return }
        var copy = PGCopyBinaryWriter(capacity: bars.count * 120)
        for (bar, header) in zip(bars, headers) {
            copy.beginRow(fieldCount: 10)
            copy.append(text: bar.exchange)
            copy.append(text: bar.symbol)
            copy.append(int32: Int32(bar.intervalSeconds))
            copy.append(timestamp: bar.openTs.secondsSinceEpoch)
            copy.append(numeric: FixedDecimalDigits(bar.openPrice))
            copy.append(numeric: FixedDecimalDigits(bar.highPrice))
            copy.append(numeric: FixedDecimalDigits(bar.lowPrice))
            copy.append(numeric: FixedDecimalDigits(bar.closePrice))
            copy.append(numeric: FixedDecimalDigits(bar.volumeBase))
            copy.append(int64: header.seq)
        }
        let copied = try connection.copyIn(
            "COPY bars (exchange, symbol, interval_seconds, ts_utc, open, high, low, close, volume, seq) FROM STDIN (FORMAT binary)",
            data: copy.finish(), context: "write the bars projection")
        precondition(copied == bars.count, "bars projection wrote \(copied) of \(bars.count) rows")
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
