import Testing

@testable import HourglassCore

/// `EngineState.sha256` commits to the windows' long series through cached chunk digests: the
/// cached hash equals the hash computed from scratch (a decoded snapshot), and any changed byte of
/// a snapshot changes it.
@Suite("State hash")
struct StateHashTests {
    let config = EngineConfig.default

    /// The commitment bytes of `window`, from its caches.
    func commitment(_ window: BarWindow) -> [UInt8] {
        var writer = ByteWriter()
        window.encodeCommitment(to: &writer)
        return writer.bytes
    }

    /// `window` encoded and decoded: the same values, caches built from scratch.
    func roundTripped(_ window: BarWindow) throws -> BarWindow {
        var writer = ByteWriter()
        window.encode(to: &writer)
        var reader = ByteReader(writer.bytes)
        return try BarWindow.decode(from: &reader)
    }

    @Test func cachedCommitmentEqualsTheFreshOneEveryHourThroughGapsAndFullWindows() throws {
        // 2021-01..04: an all-pairs outage (windows restart) and more than 30 full days (values dropped).
        var windows = config.universe.map { BarWindow(symbol: $0) }
        var fullChunksSeen = 0
        for inputs in SharedRun.hours {
            for index in windows.indices {
                let bar = inputs.bars.first { $0.symbol == windows[index].symbol }
                windows[index].advance(to: inputs.hourTs, bar: bar, missing: bar == nil, windows: config.features)
                let window = windows[index]
                let fresh = try roundTripped(window)
                #expect(commitment(window) == commitment(fresh), "\(window.symbol) at \(inputs.hourTs)")
                // The uncached path (an empty cache) gives the same bytes as the live cache.
                let hour = window.lastOpenTs.map(BarWindow.hourIndex)
                let series = [(window.closes, window.closeChunks), (window.rangeFractions, window.rangeChunks)]
                for (series, cache) in series {
                    var cached = ByteWriter()
                    var uncached = ByteWriter()
                    ChunkDigests.commit(series, lastHour: hour, cache: cache, to: &cached)
                    ChunkDigests.commit(series, lastHour: hour, cache: ChunkDigests(), to: &uncached)
                    #expect(cached.bytes == uncached.bytes, "\(window.symbol) at \(inputs.hourTs)")
                    if hour != nil { #expect(cache.lastHour == hour && cache.count == series.count) }
                }
                fullChunksSeen = max(fullChunksSeen, window.closeChunks.digests.count)
            }
        }
        #expect(fullChunksSeen >= 10)
        #expect(windows.allSatisfy { $0.closes.count == config.features.closeCapacity })
    }

    @Test func commitmentIsMuchSmallerThanTheWindowForFullWindows() throws {
        let state = SharedRun.run.state
        var canonical = ByteWriter()
        var committed = ByteWriter()
        for window in state.windows {
            window.encode(to: &canonical)
            window.encodeCommitment(to: &committed)
        }
        #expect(state.windows.allSatisfy { $0.closes.count == config.features.closeCapacity })
        #expect(committed.bytes.count * 3 < canonical.bytes.count)
        // What the bench counts is what the hash takes in: the whole commitment, piece by piece.
        let whole = state.commitmentBytes
        #expect(Hash256.of(whole) == state.sha256)
        #expect(state.commitmentByteCount == whole.count)
        #expect(whole.count > EngineState.hashPieceBytes, "the count spans more than one piece")
        #expect(whole.count < state.canonicalBytes.count)
        let decoded = try EngineState.decode(canonical: state.canonicalBytes)
        #expect(decoded.commitmentByteCount == whole.count, "caches or none, the same bytes")
    }

    @Test func everyHourOfARunHashesAsItsDecodedSnapshot() throws {
        let run = SharedRun.run
        var state = HourCycle.start(
            run: run.run, config: run.config, models: run.models, startHour: SharedRun.start
        ).0
        var tradeChanges = 0
        for (hour, inputs) in run.inputs.enumerated() {
            let previousTrades = state.closedTrades
            let result = HourCycle.step(
                state: state, inputs: inputs, config: run.config, models: run.models, run: run.run)
            state = result.state
            // The closed trades' digest (engine 0.7.0) is cached by every hour, and is the one of its trades.
            if state.closedTrades != previousTrades { tradeChanges += 1 }
            #expect(state.closedTradesDigest.digest == ClosedTradesDigest.of(state.closedTrades), "hour \(hour)")
            if hour % 7 == 0 || hour >= run.inputs.count - 24 || state.closedTrades != previousTrades {
                // Decoded: no caches at all, every section hashed on the spot.
                let decoded = try EngineState.decode(canonical: state.canonicalBytes)
                #expect(decoded.closedTradesDigest.digest == nil)
                #expect(decoded.sha256 == result.manifest.stateSha256, "hour \(inputs.hourTs)")
            }
        }
        #expect(tradeChanges >= 10)
        #expect(state.sha256 == run.state.sha256)
        // Any write to the trades drops the cache; the hash then binds the trade that changed.
        var changed = state
        changed.closedTrades[changed.closedTrades.count - 1].returnFraction = .nan
        #expect(changed.closedTradesDigest.digest == nil)
        #expect(changed.sha256 != state.sha256)
        changed.closedTrades = state.closedTrades
        #expect(changed.sha256 == state.sha256)
    }

    @Test func anyChangedByteOfASnapshotChangesItsHash() throws {
        let state = SharedRun.run.state
        let bytes = state.canonicalBytes
        let original = state.sha256
        #expect(original == (try EngineState.decode(canonical: bytes)).sha256)
        var decodedVariants = 0
        let window = state.windows[0]
        var prefix = ByteWriter()
        prefix.write(byte: bytes[0])
        prefix.write(timestamp: state.startHourTs)
        prefix.write(optional: state.lastHourTs) { $0.write(timestamp: $1) }
        prefix.write(decimal: state.cashQuote)
        prefix.write(array: state.positions) { $1.encode(to: &$0) }
        prefix.write(array: state.pendingOrders) { $1.encode(to: &$0) }
        prefix.write(unsigned: UInt64(state.windows.count))
        var header = ByteWriter()
        header.write(string: window.symbol)
        header.write(optional: window.lastOpenTs) { $0.write(timestamp: $1) }
        header.write(int: window.contiguousCount)
        header.write(int: window.carriedHours)
        header.write(optional: window.lastClosePrice) { $0.write(decimal: $1) }
        header.write(unsigned: UInt64(window.closes.count))
        let closesStart = prefix.bytes.count + header.bytes.count
        let seriesBytes = (window.closes.count + window.rangeFractions.count) * 8 + 2
        // A byte of every 7th value of the two series (each byte position in turn: head, every
        // full chunk, tail), and a byte in every 211 of the whole snapshot.
        var offsets = stride(from: closesStart, to: closesStart + seriesBytes, by: 57).map { $0 }
        offsets += stride(from: 0, to: bytes.count, by: 211)
        for offset in offsets {
            var altered = bytes
            altered[offset] ^= 0x01
            guard let decoded = try? EngineState.decode(canonical: altered) else { continue }
            decodedVariants += 1
            #expect(decoded.sha256 != original, "byte \(offset) of \(bytes.count)")
        }
        #expect(decodedVariants > seriesBytes / 57)
    }

    /// A feature row of `symbol` at `hourTs` whose values differ per hour, symbol and column.
    func syntheticRow(_ symbol: String, _ hourTs: UTCTimestamp, seed: Int) -> FeatureRow {
        let features = SymbolFeatures(
            return1h: 0, return4h: 0, return24h: 0, momentumSlope: 0, atr14: 0, atrFraction: 0,
            realizedVolatility: 0, volatilityPercentile: 0, highVolatility: false, volumeSurgeRatio: 0,
            rangeRatio: 0, breakout: false, distanceFromMean: 0, betaToBTC: 0, correlationToBTC: 0,
            marketBreadth: 0)
        var row = FeatureRow(
            hourTs: hourTs, symbol: symbol, regime: .trend, features: features, rsi14: 0, correlation720: 0,
            beta720: 0)
        row.values = row.values.indices.map { Double(seed * 31 + $0) / 7.0 - 3.5 }
        return row
    }

    @Test func sequenceRowsHashAlikeCachedUncachedAndDecodedEveryHourAndBindEveryValue() throws {
        let start = UTCTimestamp.parse("2021-01-01T00:00:00Z")!
        var state = EngineState.initial(config: config, startHourTs: start)
        state.sequenceRows = config.universe.prefix(3).map { SequenceRows(symbol: $0) }
        for hour in 0..<(SequenceRows.capacity + 40) {
            let hourTs = start.adding(hours: Int64(hour))
            for index in state.sequenceRows.indices where !(index == 1 && hour % 11 == 5) {
                state.sequenceRows[index].append(
                    syntheticRow(state.sequenceRows[index].symbol, hourTs, seed: hour * 3 + index))
            }
            let decoded = try EngineState.decode(canonical: state.canonicalBytes)
            #expect(decoded == state)
            #expect(decoded.sha256 == state.sha256, "hour \(hour): cached against decoded")
            var uncached = state
            for index in uncached.sequenceRows.indices {
                let flat = uncached.sequenceRows[index].flat
                uncached.sequenceRows[index].flat = flat  // drops the row digests
            }
            #expect(uncached.sha256 == state.sha256, "hour \(hour): cached against uncached")
            for (rows, fresh) in zip(state.sequenceRows, uncached.sequenceRows) {
                var cachedBytes = ByteWriter()
                var freshBytes = ByteWriter()
                rows.encodeCommitment(to: &cachedBytes)
                fresh.encodeCommitment(to: &freshBytes)
                #expect(cachedBytes.bytes == freshBytes.bytes, "hour \(hour) \(rows.symbol)")
            }
        }
        #expect(state.sequenceRows.allSatisfy { $0.rowCount == SequenceRows.capacity })
        let original = state.sha256
        // One bit of every 13th value of a full window, changed in place (the cache is dropped) and
        // through a snapshot (decoded: the cache is rebuilt).
        let flat = state.sequenceRows[1].flat
        for index in stride(from: 0, to: flat.count, by: 13) {
            var changed = state
            changed.sequenceRows[1].flat[index] = Double(bitPattern: flat[index].bitPattern ^ 1)
            #expect(changed.sha256 != original, "value \(index)")
            #expect((try EngineState.decode(canonical: changed.canonicalBytes)).sha256 == changed.sha256)
        }
        // Any byte of the snapshot, every 101st: a decodable variant hashes differently.
        let bytes = state.canonicalBytes
        var decodedVariants = 0
        for offset in stride(from: 0, to: bytes.count, by: 101) {
            var altered = bytes
            altered[offset] ^= 0x01
            guard let decoded = try? EngineState.decode(canonical: altered) else { continue }
            decodedVariants += 1
            #expect(decoded.sha256 != original, "byte \(offset) of \(bytes.count)")
        }
        #expect(decodedVariants > flat.count * 8 * 3 / 101 / 2)
    }

    @Test func aSnapshotWithOneBarAlteredHashesDifferentlyWhereverTheBarIs() throws {
        // Two runs of one symbol's window, identical but for one bar's close, at every position.
        let symbol = config.universe[0]
        let bars = SharedRun.hours.suffix(900).compactMap { $0.bars.first { $0.symbol == symbol } }
        var reference = BarWindow(symbol: symbol)
        for bar in bars { reference.append(bar, windows: config.features) }
        #expect(reference.closes.count == config.features.closeCapacity)
        let kept = bars.count - config.features.closeCapacity
        for position in stride(from: kept, to: bars.count, by: 5) {
            var window = BarWindow(symbol: symbol)
            for (index, bar) in bars.enumerated() {
                var bar = bar
                if index == position {
                    bar.highPrice = bar.highPrice + FixedDecimal.one
                    bar.closePrice = bar.closePrice + FixedDecimal.one
                }
                window.append(bar, windows: config.features)
            }
            #expect(commitment(window) != commitment(reference), "bar \(position - kept) of the window")
            #expect(commitment(window) == commitment(try roundTripped(window)))
        }
    }
}
