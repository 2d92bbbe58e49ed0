/// The warm-up inputs of a run: the bars before its start hour that fill its feature windows, by
/// reference (recorded in `RunStarted`), so replay can rebuild the same initial state and name a
/// changed warm-up bar as such.
///
/// The bars are those of the universe opening from `fromHourTs` through `throughHourTs` (the hour
/// before the start), `FeatureTimeline.warmUpHours` hours, or fewer at the very start of the data.
/// `sha256` is the SHA-256 over the payload SHA-256 of each bar's `BarRecorded` event, in (open
/// time, symbol) order: the hashes the log stores with those events.
public struct RunWarmUp: Sendable, Hashable {
    /// First hour of the warm-up range.
    public var fromHourTs: UTCTimestamp
    /// Last hour of the warm-up range (the hour before the run's start).
    public var throughHourTs: UTCTimestamp
    /// Bars in the range (missing hours have none).
    public var barCount: Int
    /// SHA-256 over the bars' event payload hashes.
    public var sha256: Hash256

    /// Creates a reference.
    public init(fromHourTs: UTCTimestamp, throughHourTs: UTCTimestamp, barCount: Int, sha256: Hash256) {
        self.fromHourTs = fromHourTs
        self.throughHourTs = throughHourTs
        self.barCount = barCount
        self.sha256 = sha256
    }

    /// The warm-up range of a run of `config` starting at `startHour`.
    public static func range(config: EngineConfig, startHour: UTCTimestamp) -> ClosedRange<UTCTimestamp> {
        startHour.adding(hours: -FeatureTimeline(config: config).warmUpHours)...startHour.adding(hours: -1)
    }

    /// The reference of `bars` (the warm-up bars of a run starting at `startHour`).
    ///
    /// Traps unless every bar is a universe bar opening in the range and the bars are sorted by
    /// (open time, symbol) and unique: the caller reads them that way.
    public static func of(bars: [Bar], config: EngineConfig, startHour: UTCTimestamp) -> RunWarmUp {
        let range = range(config: config, startHour: startHour)
        precondition(
            zip(bars, bars.dropFirst()).allSatisfy { ($0.openTs, $0.symbol) < ($1.openTs, $1.symbol) },
            "warm-up bars must be sorted by (open time, symbol) and unique")
        for bar in bars {
            precondition(range.contains(bar.openTs), "warm-up bar of \(bar.openTs) is outside \(range)")
            precondition(config.universe.contains(bar.symbol), "warm-up bar \(bar.symbol) is not in the universe")
        }
        var builder = Hash256Builder()
        for bar in bars { builder.update(Hash256.of(BarRecorded(bar: bar).canonicalBytes)) }
        return RunWarmUp(
            fromHourTs: range.lowerBound, throughHourTs: range.upperBound, barCount: bars.count,
            sha256: builder.finalize())
    }

    /// The feature windows (one per universe symbol, sorted) after stepping every warm-up hour
    /// through `BarWindow.advance`, with `BarCheck`'s validation: what the run's first hour starts from.
    public static func windows(bars: [Bar], config: EngineConfig, startHour: UTCTimestamp) -> [BarWindow] {
        let range = range(config: config, startHour: startHour)
        var windows = config.universe.map { BarWindow(symbol: $0) }
        var cursor = 0
        var hour = range.lowerBound
        while hour <= range.upperBound {
            var hourBars: [Bar] = []
            while cursor < bars.count, bars[cursor].openTs == hour {
                hourBars.append(bars[cursor])
                cursor += 1
            }
            let checks = BarCheck.checks(inputs: HourInputs(hourTs: hour, bars: hourBars), config: config)
            for index in windows.indices {
                let check = checks[index]
                precondition(check.symbol == windows[index].symbol, "checks follow the universe order")
                windows[index].advance(to: hour, bar: check.bar, missing: check.isMissing, windows: config.features)
            }
            hour = hour.adding(hours: 1)
        }
        precondition(cursor == bars.count, "warm-up bars must lie in \(range), sorted")
        return windows
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: fromHourTs)
        writer.write(timestamp: throughHourTs)
        writer.write(int: barCount)
        writer.write(raw: sha256.bytes)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> RunWarmUp {
        RunWarmUp(
            fromHourTs: try reader.readTimestamp(), throughHourTs: try reader.readTimestamp(),
            barCount: try reader.readInt(), sha256: Hash256(bytes: try reader.readRaw(count: 32)))
    }

    /// JSON view.
    public var json: JSONValue {
        .object([
            "from_hour_ts_utc": .timestamp(fromHourTs), "through_hour_ts_utc": .timestamp(throughHourTs),
            "bar_count": .int(Int64(barCount)), "sha256": .hash(sha256),
        ])
    }
}
