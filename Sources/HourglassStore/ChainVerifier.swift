import HourglassCore

/// The outcome of recomputing the hash chain over a range of `seq`.
public struct ChainVerification: Sendable {
    /// Events checked.
    public var checked: Int
    /// First and last `seq` checked (nil when the range was empty).
    public var firstSeq: Int64?
    public var lastSeq: Int64?
    /// The first problem found, if any.
    public var firstBreak: ChainBreak?
    /// True when every event's payload hash and chain hash recomputed equal.
    public var intact: Bool { firstBreak == nil }
}

/// Where and how the chain breaks.
public struct ChainBreak: Sendable, CustomStringConvertible {
    /// The first event whose stored hashes do not recompute.
    public var seq: Int64
    /// What does not match (`payload_sha256`, `chain_sha256`, `seq gap`, `decode`).
    public var kind: String
    public var expected: String
    public var found: String

    public var description: String { "chain broken at seq \(seq): \(kind) expected \(expected), found \(found)" }
}

/// Recomputes payload hashes and the hash chain from the stored rows.
public struct ChainVerifier {
    let log: EventLog

    /// Creates a verifier over `log`.
    public init(log: EventLog) { self.log = log }

    /// Verifies `fromSeq...toSeq` (defaults: the whole log). `progress` is called after each batch.
    public func verify(fromSeq: Int64 = 1, toSeq: Int64? = nil, progress: (Int64) -> Void = { _ in }) throws
        -> ChainVerification
    {
        var previous = Hash256.zero
        var expectedSeq = fromSeq
        if fromSeq > 1 {
            let prior = try log.connection.execute(
                "SELECT seq, chain_sha256 FROM events WHERE seq < $1 ORDER BY seq DESC LIMIT 1",
                [.int64(fromSeq)], binaryResults: true, context: "read the chain before the range")
            if prior.rowCount == 1 {
                previous = Hash256(bytes: prior.bytes(0, 1)!)
                expectedSeq = prior.int64(0, 0)! + 1
            } else {
                expectedSeq = 1
            }
        }
        var report = ChainVerification(checked: 0)
        var cursor = fromSeq - 1
        while true {
            let batch = try log.readRaw(afterSeq: cursor, limit: EventLog.readBatchRowsMax, toSeq: toSeq)
            if batch.isEmpty { break }
            for event in batch {
                if report.firstSeq == nil { report.firstSeq = event.header.seq }
                report.lastSeq = event.header.seq
                if event.header.seq != expectedSeq {
                    report.firstBreak = ChainBreak(
                        seq: event.header.seq, kind: "seq gap", expected: String(expectedSeq),
                        found: String(event.header.seq))
                    return report
                }
                let payloadHash = Hash256.of(event.payload)
                if payloadHash != event.header.payloadSha256 {
                    report.firstBreak = ChainBreak(
                        seq: event.header.seq, kind: "payload_sha256", expected: payloadHash.hex,
                        found: event.header.payloadSha256.hex)
                    return report
                }
                let chain = event.header.chainHash(previous: previous)
                if chain != event.chainSha256 {
                    report.firstBreak = ChainBreak(
                        seq: event.header.seq, kind: "chain_sha256", expected: chain.hex, found: event.chainSha256.hex)
                    return report
                }
                previous = chain
                expectedSeq += 1
                report.checked += 1
            }
            cursor = batch.last!.header.seq
            progress(cursor)
        }
        return report
    }
}
