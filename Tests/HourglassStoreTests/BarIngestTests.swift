import HourglassCore
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// Real files from the shared data folder, through the parser into the log and the projection.
@Suite("Bar ingestion")
struct BarIngestTests {
    /// Parses one file of the data folder the way `hourglass ingest-bars` does.
    static func parse(_ name: String) throws -> BarFileParseResult {
        let naming = try #require(BarCSVParser.symbol(fromFileName: name))
        return try BarCSVParser.parse(
            try TestEnvironment.dataFile(name), fileName: name, format: .ohlcv,
            exchange: try #require(naming.exchange), symbol: naming.symbol,
            intervalSeconds: naming.intervalSeconds)
    }

    @Test("kraken_XBTUSD_1h.csv: 72,259 bars, 3,254 gaps; re-ingesting appends nothing")
    func ingestRealFileTwice() throws {
        let parsed = try Self.parse("kraken_XBTUSD_1h.csv")
        #expect(parsed.rowCount == 72_259)
        #expect(parsed.gapCount == 3_254)
        #expect(parsed.missingBars == 10_856)
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            let first = try BarIngestor(log: log).ingest(parsed.bars)
            #expect(first.bars == 72_259)
            #expect(first.appended == 72_259)
            #expect(first.duplicatesSkipped == 0)
            #expect(first.firstSeq == 1)
            #expect(first.lastSeq == 72_259)
            #expect(try db.count("events") == 72_259)
            #expect(try db.count("bars") == 72_259)

            let second = try BarIngestor(log: log).ingest(parsed.bars)
            #expect(second.appended == 0)
            #expect(second.duplicatesSkipped == 72_259)
            #expect(second.firstSeq == nil)
            #expect(try db.count("events") == 72_259)
            #expect(try db.count("bars") == 72_259)
            #expect(try log.lastSeq() == 72_259)
            let verification = try ChainVerifier(log: log).verify()
            #expect(verification.intact)
            #expect(verification.checked == 72_259)
        }
    }

    @Test("the bars projection equals the events, row for row, and the file")
    func projectionEqualsEvents() throws {
        let parsed = try Self.parse("kraken_XRPUSD_1h.csv")
        try TestDatabase.with { (db) throws in
            let connection = try db.connect()
            let log = EventLog(connection: connection)
            _ = try BarIngestor(log: log).ingest(parsed.bars)
            var fromEvents: [Bar] = []
            var cursor: Int64 = 0
            while true {
                let batch = try log.read(afterSeq: cursor, limit: EventLog.readBatchRowsMax, stream: "market.kraken")
                guard let last = batch.last else { break }
                for event in batch {
                    guard case .barRecorded(let recorded) = try event.decode() else {
                        Issue.record("not a bar: \(event.header)")
                        continue
                    }
                    #expect(event.header.hourTs == recorded.bar.openTs)
                    fromEvents.append(recorded.bar)
                }
                cursor = last.header.seq
            }
            let rows = try connection.execute(
                """
                SELECT seq, exchange, symbol, interval_seconds, extract(epoch from ts_utc)::bigint,
                       open::text, high::text, low::text, close::text, volume::text
                FROM bars ORDER BY seq
                """, context: "read the projection")
            #expect(rows.rowCount == fromEvents.count)
            var projected: [Bar] = []
            for row in 0..<rows.rowCount {
                #expect(rows.int64(row, 0) == Int64(row + 1), "projection row \(row) has the seq of its event")
                func decimal(_ column: Int) throws -> FixedDecimal { try FixedDecimal.parse(rows.string(row, column)!) }
                projected.append(
                    Bar(
                        exchange: rows.string(row, 1)!, symbol: rows.string(row, 2)!,
                        openTs: UTCTimestamp(secondsSinceEpoch: rows.int64(row, 4)!),
                        intervalSeconds: rows.int64(row, 3)!, openPrice: try decimal(5), highPrice: try decimal(6),
                        lowPrice: try decimal(7), closePrice: try decimal(8), volumeBase: try decimal(9)))
            }
            #expect(projected == fromEvents)
            #expect(fromEvents == parsed.bars)
            // Spot-check the projection's text against the file's own text for a few rows.
            let text = String(decoding: try TestEnvironment.dataFile("kraken_XRPUSD_1h.csv"), as: UTF8.self)
            let lines = text.split(separator: "\n")
            for index in [0, 1, 1_000, 20_000, parsed.bars.count - 1] {
                let fields = lines[index + 1].split(separator: ",")
                let stored = try connection.execute(
                    "SELECT open, high, low, close, volume FROM bars WHERE ts_utc = $1::timestamptz AND symbol = 'XRP/USD'",
                    [.text(String(fields[0]))], context: "read one bar")
                try #require(stored.rowCount == 1)
                for column in 0..<5 {
                    #expect(
                        try FixedDecimal.parse(stored.string(0, column)!)
                            == FixedDecimal.parse(String(fields[column + 1])))
                }
            }
        }
    }

    @Test("a stored bar that differs (same ts, other close) refuses the whole input; nothing is written")
    func conflictRefused() throws {
        let bars = try Self.parse("kraken_XBTUSDT_1h.csv").bars
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            #expect(try BarIngestor(log: log).ingest(Array(bars[0..<100])).appended == 100)
            var incoming = Array(bars[50..<150])  // 50 duplicates, then 50 new bars
            incoming[10].closePrice = incoming[10].closePrice + FixedDecimal.one
            if incoming[10].highPrice < incoming[10].closePrice { incoming[10].highPrice = incoming[10].closePrice }
            #expect {
                _ = try BarIngestor(log: log).ingest(incoming)
            } throws: { error in
                guard let conflict = error as? BarConflict else { return false }
                return conflict.index == 10 && conflict.ts == bars[60].openTs
                    && ["close", "high"].contains(conflict.field)
            }
            #expect(try db.count("events") == 100)
            #expect(try db.count("bars") == 100)
            #expect(try ChainVerifier(log: log).verify().intact)
        }
    }

    @Test("an overlapping file appends only the new bars")
    func overlapAppendsNewOnly() throws {
        let bars = try Self.parse("kraken_XBTUSDC_1h.csv").bars
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            _ = try BarIngestor(log: log).ingest(Array(bars[0..<1_000]))
            let report = try BarIngestor(log: log).ingest(Array(bars[500..<2_000]))
            #expect(report.appended == 1_000)
            #expect(report.duplicatesSkipped == 500)
            #expect(report.firstSeq == 1_001)
            #expect(try db.count("bars") == 2_000)
            #expect(try db.scalar("SELECT count(*) FROM events WHERE stream = 'market.kraken'") == 2_000)
            #expect(try db.scalar("SELECT max(stream_version) FROM events WHERE stream = 'market.kraken'") == 2_000)
        }
    }

    @Test("two symbols of one exchange share its stream; versions stay dense")
    func twoSymbolsOneStream() throws {
        let usdt = try Self.parse("kraken_XBTUSDT_1h.csv").bars
        let usdc = try Self.parse("kraken_XBTUSDC_1h.csv").bars
        try TestDatabase.with { (db) throws in
            let log = EventLog(connection: try db.connect())
            _ = try BarIngestor(log: log).ingest(usdt)
            _ = try BarIngestor(log: log).ingest(usdc)
            #expect(
                try db.scalar("SELECT count(DISTINCT stream_version) FROM events WHERE stream = 'market.kraken'")
                    == 4_320)
            #expect(try db.scalar("SELECT count(*) FROM bars WHERE symbol = 'XBT/USDC'") == 2_160)
            #expect(try ChainVerifier(log: log).verify().checked == 4_320)
        }
    }

    @Test("an empty input writes nothing")
    func emptyInput() throws {
        try TestDatabase.with { (db) throws in
            let report = try BarIngestor(log: EventLog(connection: try db.connect())).ingest([])
            #expect(report.appended == 0)
            #expect(try db.count("events") == 0)
        }
    }
}
