import Testing

@testable import HourglassCore

/// Swift seeds `Hasher` per process, so a `Dictionary`'s iteration order depends on the process,
/// its capacity and its insertion history. None of that may reach canonical bytes or hashes.
@Suite("Determinism")
struct DeterminismTests {
    static let members: [(String, JSONValue)] = [
        ("run_id", .string("6f1c2d3e")), ("hour_ts_utc", .timestamp(UTCTimestamp(secondsSinceEpoch: 1_767_225_600))),
        ("equity", .decimal(TestSupport.decimal("100000.25"))), ("open_positions", .int(3)),
        ("kill_switch", .bool(false)), ("ratio", .double(0.125)), ("verdicts", .array([.string("APPROVE"), .null])),
        ("input_events", .object(["sha256": .hash(.zero), "count": .int(24)])),
    ]

    /// Every rotation and reversal of the members, each into dictionaries of several capacities.
    static func dictionaries() -> [[String: JSONValue]] {
        var orders: [[(String, JSONValue)]] = []
        for shift in 0..<members.count {
            let rotated = Array(members[shift...] + members[..<shift])
            orders.append(rotated)
            orders.append(rotated.reversed())
        }
        var result: [[String: JSONValue]] = []
        for (index, order) in orders.enumerated() {
            var dictionary: [String: JSONValue] = [:]
            dictionary.reserveCapacity([0, 8, 64, 1024][index % 4])
            for (key, value) in order { dictionary[key] = value }
            result.append(dictionary)
        }
        return result
    }

    @Test func jsonObjectsGiveOneTextWhateverTheInsertionOrder() {
        let dictionaries = Self.dictionaries()
        let texts = Set(dictionaries.map { JSONValue.object($0).canonicalText })
        let digests = Set(dictionaries.map { Hash256.of(JSONValue.object($0).canonicalBytes) })
        #expect(texts.count == 1)
        #expect(digests.count == 1)
        // The test means something only if the dictionaries really iterate in different orders.
        let iterationOrders = Set(dictionaries.map { $0.keys.joined(separator: ",") })
        #expect(iterationOrders.count > 1)
    }

    @Test func barsGiveOneEncodingWhateverTheDictionaryTheyCameFrom() throws {
        let fields: [(String, String)] = [
            ("exchange", "kraken"), ("symbol", "XBT/USD"), ("ts", "2024-01-01T05:00:00Z"), ("open", "42000.5"),
            ("high", "42100"), ("low", "41950.25"), ("close", "42050.125"), ("volume", "12.345678901234"),
        ]
        var encodings: Set<[UInt8]> = []
        var jsonTexts: Set<String> = []
        for shift in 0..<fields.count {
            var dictionary: [String: String] = [:]
            dictionary.reserveCapacity(shift * 16)
            for (key, value) in fields[shift...] + fields[..<shift] { dictionary[key] = value }
            let bar = Bar(
                exchange: dictionary["exchange"]!, symbol: dictionary["symbol"]!,
                openTs: TestSupport.timestamp(dictionary["ts"]!), intervalSeconds: 3600,
                openPrice: try FixedDecimal.parse(dictionary["open"]!),
                highPrice: try FixedDecimal.parse(dictionary["high"]!),
                lowPrice: try FixedDecimal.parse(dictionary["low"]!),
                closePrice: try FixedDecimal.parse(dictionary["close"]!),
                volumeBase: try FixedDecimal.parse(dictionary["volume"]!))
            let payload = BarRecorded(bar: bar)
            for _ in 0..<10 {
                encodings.insert(payload.canonicalBytes)
                jsonTexts.insert(payload.json.canonicalText)
            }
        }
        #expect(encodings.count == 1)
        #expect(jsonTexts.count == 1)
        #expect(encodings.first == BarRecorded(bar: TestSupport.sampleBar(hour: 5)).canonicalBytes)
    }

    @Test func parsedJSONReencodesIdentically() throws {
        let text = JSONValue.object(Self.dictionaries()[0]).canonicalText
        for _ in 0..<20 {
            #expect(try JSONValue.parse(text).canonicalText == text)
        }
    }

    @Test func barFileParsingIsRepeatable() throws {
        let bytes = try TestSupport.dataFile("kraken_XBTUSDC_1h.csv")
        var builder = Hash256Builder()
        var digests: Set<Hash256> = []
        for _ in 0..<3 {
            let result = try BarCSVParser.parse(
                bytes, fileName: "kraken_XBTUSDC_1h.csv", format: .ohlcv,
                exchange: "kraken", symbol: "XBT/USDC", intervalSeconds: 3600)
            builder = Hash256Builder()
            for bar in result.bars { builder.update(BarRecorded(bar: bar).canonicalBytes) }
            digests.insert(builder.finalize())
        }
        #expect(digests.count == 1)
    }
}
