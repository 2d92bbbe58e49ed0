/// The contiguous hourly history of one symbol that the features need, newest last.
///
/// Values are `Double`s converted once from the bar's exact decimals (features only; nothing here
/// reaches the ledger). The gap policy (`FeatureWindows.gapCarryForwardHours`, applied by
/// `advance`): up to N missing hours in a row carry the last close forward as a zero-volume bar
/// (`carriedHours` counts them); a longer gap or an invalid bar empties the window, so features
/// restart once enough contiguous bars have arrived. Only the tail each feature needs is kept,
/// because the state is snapshotted every hour.
///
/// Two derived caches spare the features re-deriving 30 days every hour: the range fractions
/// before the newest, sorted (their median), and the rolling volatility at every endpoint. They
/// are functions of the stored series (plus the volatility window), kept in step by `append`,
/// never encoded, and left out of `==` and `hash`; a cache that does not match (after decoding,
/// or for another volatility window) is rebuilt by the next `append`, and readers check it.
/// The simple returns of the closes are kept the same way (`closeReturns`), so the features divide once
/// per new close instead of 720 times an hour per symbol.
/// A further cache, the digests of the full hour-aligned chunks of the closes and range fractions
/// (`ChunkDigests`), lets the state hash commit to those two long series without re-hashing them
/// every hour (`encodeCommitment`).
public struct BarWindow: Sendable, Hashable {
    /// The symbol.
    public var symbol: String
    /// Open time of the newest bar, or nil when the window is empty.
    public var lastOpenTs: UTCTimestamp?
    /// Contiguous bars seen up to `lastOpenTs`, carried ones included (may exceed what is stored).
    public var contiguousCount: Int
    /// Carried-forward bars in a row at the newest end (0 when the newest bar is a real one).
    public private(set) var carriedHours: Int
    /// The newest real close, exact: what a missing hour carries forward.
    public private(set) var lastClosePrice: FixedDecimal?
    /// Closes, up to `FeatureWindows.closeCapacity`.
    public private(set) var closes: [Double]
    /// (high − low) ÷ close, up to `FeatureWindows.rangeCapacity`.
    public private(set) var rangeFractions: [Double]
    /// Highs, up to `FeatureWindows.shortCapacity`.
    public private(set) var highs: [Double]
    /// Lows, up to `FeatureWindows.shortCapacity`.
    public private(set) var lows: [Double]
    /// Base volumes, up to `FeatureWindows.shortCapacity`.
    public private(set) var volumes: [Double]
    /// `rangeFractions` without the newest, sorted ascending; nil while that history holds a NaN
    /// or a −0.0 (whose place a sort decides by input order) or before the first `append`.
    private(set) var sortedRangeHistory: [Double]?
    /// Sample standard deviation of every `volatilitySpan` consecutive returns of `closes`, oldest
    /// first (`RollingMath.standardDeviation` of the same values, so the same bits).
    private(set) var rollingVolatilities: [Double]
    /// `RollingMath.returns(closes)`, kept in step by `push` and rebuilt by `decode`.
    private var simpleReturns: [Double]
    /// The window the volatilities were computed over (0: none yet).
    private(set) var volatilitySpan: Int
    /// Digests of the full chunks of `closes`, for the state hash.
    private(set) var closeChunks: ChunkDigests
    /// Digests of the full chunks of `rangeFractions`, for the state hash.
    private(set) var rangeChunks: ChunkDigests

    /// An empty window.
    public init(symbol: String) {
        self.symbol = symbol
        lastOpenTs = nil
        contiguousCount = 0
        carriedHours = 0
        lastClosePrice = nil
        closes = []
        rangeFractions = []
        highs = []
        lows = []
        volumes = []
        sortedRangeHistory = []
        rollingVolatilities = []
        simpleReturns = []
        volatilitySpan = 0
        closeChunks = ChunkDigests()
        rangeChunks = ChunkDigests()
    }

    public static func == (lhs: BarWindow, rhs: BarWindow) -> Bool {
        lhs.symbol == rhs.symbol && lhs.lastOpenTs == rhs.lastOpenTs && lhs.contiguousCount == rhs.contiguousCount
            && lhs.carriedHours == rhs.carriedHours && lhs.lastClosePrice == rhs.lastClosePrice
            && lhs.closes == rhs.closes && lhs.rangeFractions == rhs.rangeFractions && lhs.highs == rhs.highs
            && lhs.lows == rhs.lows
            && lhs.volumes == rhs.volumes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(symbol)
        hasher.combine(lastOpenTs)
        hasher.combine(contiguousCount)
        hasher.combine(carriedHours)
        hasher.combine(lastClosePrice)
        for series in [closes, rangeFractions, highs, lows, volumes] { hasher.combine(series) }
    }

    /// Simple returns `closes[i + 1] / closes[i] − 1`, oldest first: `RollingMath.returns(closes)`, to the bit.
    public var closeReturns: [Double] {
        simpleReturns.count == closes.count - 1 ? simpleReturns : RollingMath.returns(closes)
    }

    /// True when the newest bar is the one that opened at `hourTs`.
    public func endsAt(_ hourTs: UTCTimestamp) -> Bool { lastOpenTs == hourTs }

    /// Moves the window to hour `hourTs` under the gap policy, as the reducer and `FeatureTimeline`
    /// both do every hour: appends the hour's valid `bar`; when it is missing (`missing`, not
    /// invalid), the window ends at the previous hour and fewer than `gapCarryForwardHours` bars in
    /// a row were carried, carries the last close forward and returns it; otherwise empties the window.
    @discardableResult
    public mutating func advance(to hourTs: UTCTimestamp, bar: Bar?, missing: Bool, windows: FeatureWindows)
        -> FixedDecimal?
    {
        if let bar {
            precondition(bar.openTs == hourTs, "bar of \(bar.openTs) appended at \(hourTs)")
            append(bar, windows: windows)
            return nil
        }
        guard missing, carriedHours < windows.gapCarryForwardHours, let close = lastClosePrice,
            lastOpenTs?.adding(hours: 1) == hourTs
        else {
            reset()
            return nil
        }
        let carried = carriedHours + 1
        let value = close.doubleValue
        push(openTs: hourTs, close: value, high: value, low: value, volume: 0, windows: windows)
        carriedHours = carried
        return close
    }

    /// Appends a valid bar; a bar that does not follow `lastOpenTs` by one hour restarts the window.
    public mutating func append(_ bar: Bar, windows: FeatureWindows) {
        precondition(bar.symbol == symbol, "bar of \(bar.symbol) appended to the window of \(symbol)")
        push(
            openTs: bar.openTs, close: bar.closePrice.doubleValue, high: bar.highPrice.doubleValue,
            low: bar.lowPrice.doubleValue, volume: bar.volumeBase.doubleValue, windows: windows)
        carriedHours = 0
        lastClosePrice = bar.closePrice
    }

    /// Appends one hour's values (restarting the window when `openTs` does not follow `lastOpenTs`).
    private mutating func push(
        openTs: UTCTimestamp, close: Double, high: Double, low: Double, volume: Double, windows: FeatureWindows
    ) {
        if let lastOpenTs, lastOpenTs.adding(hours: 1) == openTs {
            contiguousCount = min(contiguousCount + 1, Int(Int32.max))
        } else {
            self = BarWindow(symbol: symbol)
            contiguousCount = 1
        }
        lastOpenTs = openTs
        let closesDropped = Self.push(close, to: &closes, capacity: windows.closeCapacity)
        updateSimpleReturns(dropped: closesDropped)
        let previousNewestRange = rangeFractions.last
        let oldestRange = rangeFractions.first
        let rangesDropped = Self.push((high - low) / close, to: &rangeFractions, capacity: windows.rangeCapacity)
        updateSortedRangeHistory(
            added: previousNewestRange, removed: rangesDropped == 1 ? oldestRange : nil, dropped: rangesDropped)
        updateRollingVolatilities(span: windows.volatilityHours, dropped: closesDropped)
        Self.push(high, to: &highs, capacity: windows.shortCapacity)
        Self.push(low, to: &lows, capacity: windows.shortCapacity)
        Self.push(volume, to: &volumes, capacity: windows.shortCapacity)
        let hour = Self.hourIndex(openTs)
        closeChunks.update(values: closes, lastHour: hour)
        rangeChunks.update(values: rangeFractions, lastHour: hour)
    }

    /// Hours since the epoch of `ts` (rounded down): the chunk alignment of the state hash.
    static func hourIndex(_ ts: UTCTimestamp) -> Int64 {
        ChunkDigests.floorDivision(ts.secondsSinceEpoch, UTCTimestamp.secondsPerHour)
    }

    /// Forgets the history: the hour is missing or invalid.
    public mutating func reset() { self = BarWindow(symbol: symbol) }

    /// Appends `value`, keeping the newest `capacity`; returns how many old values were dropped.
    @discardableResult
    private static func push(_ value: Double, to values: inout [Double], capacity: Int) -> Int {
        values.append(value)
        let dropped = max(0, values.count - capacity)
        if dropped > 0 { values.removeFirst(dropped) }
        return dropped
    }

    /// True when sorting cannot tell apart values with different bits (no NaN, no −0.0).
    static func isOrdinary(_ value: Double) -> Bool { !value.isNaN && !(value == 0 && value.sign == .minus) }

    /// The range history gained the previous newest value (`added`) and lost the dropped oldest
    /// (`removed`); any other change, or a value a sort cannot place by value alone, rebuilds it.
    private mutating func updateSortedRangeHistory(added: Double?, removed: Double?, dropped: Int) {
        let expectedCount = rangeFractions.count - 1
        if dropped <= 1, added.map(Self.isOrdinary) ?? true, var sorted = sortedRangeHistory.take() {
            if let added { sorted.insert(added, at: Self.lowerBound(of: added, in: sorted)) }
            var intact = true
            if dropped == 1 {
                let index = removed.map { Self.lowerBound(of: $0, in: sorted) } ?? sorted.count
                if index < sorted.count, sorted[index] == removed { sorted.remove(at: index) } else { intact = false }
            }
            if intact && sorted.count == expectedCount {
                sortedRangeHistory = sorted
                return
            }
        }
        let history = rangeFractions.dropLast()
        sortedRangeHistory = history.allSatisfy(Self.isOrdinary) ? history.sorted() : nil
    }

    /// First index of `sorted` whose value is not below `value`.
    private static func lowerBound(of value: Double, in sorted: [Double]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Drops the returns of the dropped closes and adds the newest close's; rebuilds them on a mismatch.
    private mutating func updateSimpleReturns(dropped: Int) {
        simpleReturns.removeFirst(min(dropped, simpleReturns.count))
        if closes.count >= 2, simpleReturns.count == closes.count - 2 {
            simpleReturns.append(closes[closes.count - 1] / closes[closes.count - 2] - 1)
        }
        if simpleReturns.count != max(0, closes.count - 1) { simpleReturns = RollingMath.returns(closes) }
    }

    /// Drops the volatilities of the dropped returns and adds the newest endpoint's; rebuilds
    /// all of them when the cache does not match (a new span, or a decoded window).
    private mutating func updateRollingVolatilities(span: Int, dropped: Int) {
        let expectedCount = max(0, closes.count - span)
        if volatilitySpan == span {
            rollingVolatilities.removeFirst(min(dropped, rollingVolatilities.count))
            if rollingVolatilities.count + 1 == expectedCount {
                rollingVolatilities.append(volatility(endingAt: closes.count, span: span))
            }
        }
        if volatilitySpan != span || rollingVolatilities.count != expectedCount {
            volatilitySpan = span
            rollingVolatilities = (0..<expectedCount).map { volatility(endingAt: span + 1 + $0, span: span) }
        }
    }

    /// `RollingMath.standardDeviation` of the `span` returns of `closes[..<end]`'s last `span + 1` closes
    /// (read from `simpleReturns`, which `push` updates first).
    private func volatility(endingAt end: Int, span: Int) -> Double {
        RollingMath.standardDeviation(simpleReturns, (end - span - 1)..<(end - 1))
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastOpenTs) { $0.write(timestamp: $1) }
        writer.write(int: contiguousCount)
        writer.write(int: carriedHours)
        writer.write(optional: lastClosePrice) { $0.write(decimal: $1) }
        writer.write(doubles: closes)
        writer.write(doubles: rangeFractions)
        writer.write(doubles: highs)
        writer.write(doubles: lows)
        writer.write(doubles: volumes)
    }

    /// What `EngineState.sha256` hashes for this window: `encode`'s fields, except that the closes
    /// and range fractions are written as `ChunkDigests.commit` (their full hour-aligned chunks as
    /// digests), which binds them as tightly as their values.
    func encodeCommitment(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastOpenTs) { $0.write(timestamp: $1) }
        writer.write(int: contiguousCount)
        writer.write(int: carriedHours)
        writer.write(optional: lastClosePrice) { $0.write(decimal: $1) }
        let hour = lastOpenTs.map(Self.hourIndex)
        ChunkDigests.commit(closes, lastHour: hour, cache: closeChunks, to: &writer)
        ChunkDigests.commit(rangeFractions, lastHour: hour, cache: rangeChunks, to: &writer)
        writer.write(doubles: highs)
        writer.write(doubles: lows)
        writer.write(doubles: volumes)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> BarWindow {
        var window = BarWindow(symbol: try reader.readString())
        window.lastOpenTs = try reader.readOptional { r throws(CodecError) in try r.readTimestamp() }
        window.contiguousCount = try reader.readInt()
        window.carriedHours = try reader.readInt()
        window.lastClosePrice = try reader.readOptional { r throws(CodecError) in try r.readDecimal() }
        window.closes = try reader.readDoubles()
        window.rangeFractions = try reader.readDoubles()
        window.highs = try reader.readDoubles()
        window.lows = try reader.readDoubles()
        window.volumes = try reader.readDoubles()
        window.simpleReturns = RollingMath.returns(window.closes)
        let history = window.rangeFractions.dropLast()
        window.sortedRangeHistory = history.allSatisfy(isOrdinary) ? history.sorted() : nil
        let hour = window.lastOpenTs.map(hourIndex)
        window.closeChunks = ChunkDigests.built(values: window.closes, lastHour: hour)
        window.rangeChunks = ChunkDigests.built(values: window.rangeFractions, lastHour: hour)
        return window
    }
}
