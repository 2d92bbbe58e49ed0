/// The contiguous hourly history of one symbol that the features need, newest last.
///
/// Values are `Double`s converted once from the bar's exact decimals (features only; nothing here
/// reaches the ledger). A missing or invalid hour empties the window: history is never
/// forward-filled, so features restart after a gap once enough contiguous bars have arrived.
/// Only the tail each feature needs is kept, because the state is snapshotted every hour.
public struct BarWindow: Sendable, Hashable {
    /// The symbol.
    public var symbol: String
    /// Open time of the newest bar, or nil when the window is empty.
    public var lastOpenTs: UTCTimestamp?
    /// Contiguous bars seen up to `lastOpenTs` (may exceed what is stored).
    public var contiguousCount: Int
    /// Closes, up to `FeatureWindows.closeCapacity`.
    public var closes: [Double]
    /// (high − low) ÷ close, up to `FeatureWindows.rangeCapacity`.
    public var rangeFractions: [Double]
    /// Highs, up to `FeatureWindows.shortCapacity`.
    public var highs: [Double]
    /// Lows, up to `FeatureWindows.shortCapacity`.
    public var lows: [Double]
    /// Base volumes, up to `FeatureWindows.shortCapacity`.
    public var volumes: [Double]

    /// An empty window.
    public init(symbol: String) {
        self.symbol = symbol
        lastOpenTs = nil
        contiguousCount = 0
        closes = []
        rangeFractions = []
        highs = []
        lows = []
        volumes = []
    }

    /// True when the newest bar is the one that opened at `hourTs`.
    public func endsAt(_ hourTs: UTCTimestamp) -> Bool { lastOpenTs == hourTs }

    /// Appends a valid bar; a bar that does not follow `lastOpenTs` by one hour restarts the window.
    public mutating func append(_ bar: Bar, windows: FeatureWindows) {
        precondition(bar.symbol == symbol, "bar of \(bar.symbol) appended to the window of \(symbol)")
        if let lastOpenTs, lastOpenTs.adding(hours: 1) == bar.openTs {
            contiguousCount = min(contiguousCount + 1, Int(Int32.max))
        } else {
            self = BarWindow(symbol: symbol)
            contiguousCount = 1
        }
        lastOpenTs = bar.openTs
        let close = bar.closePrice.doubleValue
        let high = bar.highPrice.doubleValue
        let low = bar.lowPrice.doubleValue
        Self.push(close, to: &closes, capacity: windows.closeCapacity)
        Self.push((high - low) / close, to: &rangeFractions, capacity: windows.rangeCapacity)
        Self.push(high, to: &highs, capacity: windows.shortCapacity)
        Self.push(low, to: &lows, capacity: windows.shortCapacity)
        Self.push(bar.volumeBase.doubleValue, to: &volumes, capacity: windows.shortCapacity)
    }

    /// Forgets the history: the hour is missing or invalid.
    public mutating func reset() { self = BarWindow(symbol: symbol) }

    private static func push(_ value: Double, to values: inout [Double], capacity: Int) {
        values.append(value)
        if values.count > capacity { values.removeFirst(values.count - capacity) }
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastOpenTs) { $0.write(timestamp: $1) }
        writer.write(int: contiguousCount)
        writer.write(doubles: closes)
        writer.write(doubles: rangeFractions)
        writer.write(doubles: highs)
        writer.write(doubles: lows)
        writer.write(doubles: volumes)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> BarWindow {
        var window = BarWindow(symbol: try reader.readString())
        window.lastOpenTs = try reader.readOptional { r throws(CodecError) in try r.readTimestamp() }
        window.contiguousCount = try reader.readInt()
        window.closes = try reader.readArray { r throws(CodecError) in try r.readDouble() }
        window.rangeFractions = try reader.readArray { r throws(CodecError) in try r.readDouble() }
        window.highs = try reader.readArray { r throws(CodecError) in try r.readDouble() }
        window.lows = try reader.readArray { r throws(CodecError) in try r.readDouble() }
        window.volumes = try reader.readArray { r throws(CodecError) in try r.readDouble() }
        return window
    }
}
