/// The event recording one market bar.
public struct BarRecorded: EventPayload {
    public static let eventType = EventType.barRecorded
    /// The bar.
    public var bar: Bar

    /// Wraps a bar.
    public init(bar: Bar) { self.bar = bar }

    public func encode(to writer: inout ByteWriter) {
        writer.write(string: bar.exchange)
        writer.write(string: bar.symbol)
        writer.write(timestamp: bar.openTs)
        writer.write(signed: bar.intervalSeconds)
        writer.write(decimal: bar.openPrice)
        writer.write(decimal: bar.highPrice)
        writer.write(decimal: bar.lowPrice)
        writer.write(decimal: bar.closePrice)
        writer.write(decimal: bar.volumeBase)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> BarRecorded {
        BarRecorded(
            bar: Bar(
                exchange: try reader.readString(), symbol: try reader.readString(),
                openTs: try reader.readTimestamp(), intervalSeconds: try reader.readSigned(),
                openPrice: try reader.readDecimal(), highPrice: try reader.readDecimal(),
                lowPrice: try reader.readDecimal(), closePrice: try reader.readDecimal(),
                volumeBase: try reader.readDecimal()))
    }

    public var json: JSONValue {
        .object([
            "exchange": .string(bar.exchange), "symbol": .string(bar.symbol),
            "ts_utc": .timestamp(bar.openTs), "interval_seconds": .int(bar.intervalSeconds),
            "open": .decimal(bar.openPrice), "high": .decimal(bar.highPrice), "low": .decimal(bar.lowPrice),
            "close": .decimal(bar.closePrice), "volume": .decimal(bar.volumeBase),
        ])
    }
}
