import Foundation
import HourglassCore

/// Reads a window's output events and inputs in bulk (a few queries per thousand hours, not per
/// hour) and hands them out hour by hour, in order.
///
/// Pipelined: a thread of its own, on a second connection, reads and decodes the next batches
/// while the caller steps and compares the current one (at most `batchesAhead` batches wait, so
/// memory stays bounded). Batches are handed out in hour order, so the result is that of reading
/// on the caller's thread; a failed read is thrown by the `next` call that needs its batch, as
/// before. `close` (or deinit) stops the thread and waits for it, so no connection outlives the
/// reader.
final class HourEventReader {
    /// Hours fetched per round trip, unless told otherwise.
    static let hoursPerBatch: Int64 = 1000
    /// Batches read ahead of the one being replayed.
    static let batchesAhead = 2

    private let queue: HourBatchQueue
    private let finished = DispatchSemaphore(value: 0)
    private var current: HourEventBatch
    private var closed = false

    /// Starts reading `from...through` of `runId` on a second connection to `log`'s database,
    /// `hoursPerBatch` hours per round trip.
    init(
        log: EventLog, runId: String, from: UTCTimestamp, through: UTCTimestamp,
        hoursPerBatch: Int64 = HourEventReader.hoursPerBatch
    ) throws {
        precondition(hoursPerBatch > 0, "a batch holds at least one hour")
        let reading = HourBatchSource(log: try log.reopen(), runId: runId)
        let queue = HourBatchQueue(capacity: Self.batchesAhead)
        self.queue = queue
        current = HourEventBatch(last: from.adding(hours: -1), hours: [:])
        let finished = finished
        let thread = Thread {
            defer { finished.signal() }
            var start = from
            while start <= through {
                let last = min(through, start.adding(hours: hoursPerBatch - 1))
                let batch = Result { try reading.load(from: start, through: last) }
                guard queue.put(batch) else { return }
                if case .failure = batch { return }
                start = last.adding(hours: 1)
            }
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    deinit { close() }

    /// The stored output events and the inputs of `stored`, the hour after the previous call's
    /// (the first call: `from`).
    func next(_ stored: StoredHour) throws -> ([StoredEvent], HourInputs) {
        while stored.hourTs > current.last { current = try queue.take().get() }
        let key = stored.hourTs.secondsSinceEpoch
        return current.hours.removeValue(forKey: key)
            ?? ([], HourInputs(hourTs: stored.hourTs, bars: [], releases: [], exchange: ExchangeInputs()))
    }

    /// Stops the reading thread and waits until it has let go of its connection.
    func close() {
        guard !closed else { return }
        closed = true
        queue.cancel()
        finished.wait()
    }
}

/// One batch of hours, read and decoded: each hour's stored output events and inputs.
struct HourEventBatch: Sendable {
    /// The batch's last hour.
    var last: UTCTimestamp
    /// By hour (seconds since the epoch); hours without events are absent.
    var hours: [Int64: ([StoredEvent], HourInputs)]
}

/// The bounded, ordered hand-over between the reading thread and the replaying one.
final class HourBatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var items: [Result<HourEventBatch, any Error>] = []
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room, then appends; false once cancelled (the batch is dropped).
    func put(_ item: Result<HourEventBatch, any Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Waits for the next batch and removes it.
    func take() -> Result<HourEventBatch, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Wakes a waiting `put` and refuses every later one.
    func cancel() {
        condition.lock()
        cancelled = true
        items = []
        condition.broadcast()
        condition.unlock()
    }
}

/// The queries and decoding of one batch, on the reading thread's own connection.
final class HourBatchSource: @unchecked Sendable {
    let log: EventLog
    let runId: String

    init(log: EventLog, runId: String) {
        self.log = log
        self.runId = runId
    }

    /// Reads and decodes `start...last`.
    func load(from start: UTCTimestamp, through last: UTCTimestamp) throws -> HourEventBatch {
        var outputs: [Int64: [StoredEvent]] = [:]
        var inputBars: [Int64: [Bar]] = [:]
        var inputReleases: [Int64: [KillSwitchReleased]] = [:]
        var inputExchange: [Int64: ExchangeInputs] = [:]
        var inputModels: [Int64: [ModelTrained]] = [:]
        let columns =
            "e.seq, e.stream, e.stream_version, e.run_id::text, e.account_id, "
            + "extract(epoch from e.hour_ts_utc)::bigint, e.event_type, e.codec, e.payload, e.payload_sha256, "
            + "e.chain_sha256"
        let outputRows = try log.connection.execute(
            """
            SELECT \(columns) FROM events e
            WHERE e.run_id = $1::uuid AND e.hour_ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3) ORDER BY e.seq
            """, [.text(runId), .int64(start.secondsSinceEpoch), .int64(last.secondsSinceEpoch)], binaryResults: true,
            context: "read a window's events")
        for event in try EventLog.decodeRows(outputRows) {
            outputs[event.header.hourTs!.secondsSinceEpoch, default: []].append(event)
        }
        let inputRows = try log.connection.execute(
            """
            SELECT \(columns), extract(epoch from i.hour_ts_utc)::bigint
            FROM hour_inputs i JOIN events e ON e.seq = i.seq
            WHERE i.run_id = $1::uuid AND i.hour_ts_utc BETWEEN to_timestamp($2) AND to_timestamp($3)
            ORDER BY i.hour_ts_utc, i.position
            """, [.text(runId), .int64(start.secondsSinceEpoch), .int64(last.secondsSinceEpoch)], binaryResults: true,
            context: "read a window's inputs")
        let inputs = try EventLog.decodeRows(inputRows)
        for (row, event) in inputs.enumerated() {
            let hour = inputRows.int64(row, 11)!
            let decoded = try event.decode()
            if inputExchange[hour, default: ExchangeInputs()].record(decoded) { continue }
            switch decoded {
            case .barRecorded(let recorded): inputBars[hour, default: []].append(recorded.bar)
            case .killSwitchReleased(let release): inputReleases[hour, default: []].append(release)
            case .modelTrained(let trained): inputModels[hour, default: []].append(trained)
            default:
                throw RunStoreError.inputCorrupt(
                    seq: event.header.seq, reason: "\(event.header.eventType.rawValue) is not an hour input")
            }
        }
        var batch = HourEventBatch(last: last, hours: [:])
        var hour = start
        while hour <= last {
            let key = hour.secondsSinceEpoch
            let bars = (inputBars[key] ?? []).sorted { $0.symbol < $1.symbol }
            let recorded = inputExchange[key] ?? ExchangeInputs()
            // Re-created so tickers, acknowledgements and fills are in manifest order.
            let exchange = ExchangeInputs(
                pairRules: recorded.pairRules, tickers: recorded.tickers,
                acknowledgements: recorded.acknowledgements, fills: recorded.fills,
                balances: recorded.balances, alarms: recorded.alarms)
            batch.hours[key] = (
                outputs[key] ?? [],
                HourInputs(
                    hourTs: hour, bars: bars, releases: inputReleases[key] ?? [], exchange: exchange,
                    modelsTrained: inputModels[key] ?? [])
            )
            hour = hour.adding(hours: 1)
        }
        return batch
    }
}
