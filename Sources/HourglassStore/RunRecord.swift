import HourglassCore

/// A run as recorded by its `RunStarted` event.
public struct RunRecord: Sendable {
    /// The run's identity (id, account, mode).
    public var context: RunContext
    /// First hour of the run.
    public var startHourTs: UTCTimestamp
    /// The configuration the run was started with (decoded from the event's canonical bytes).
    public var config: EngineConfig {
        didSet { configSha256 = config.sha256 }
    }
    /// SHA-256 of `config`, computed once (and again whenever `config` is replaced), so the
    /// reducer need not hash the config every hour.
    public private(set) var configSha256: Hash256
    /// The `RunStarted` payload.
    public var started: RunStarted
    /// Seq of the `RunStarted` event.
    public var seq: Int64

    /// Creates a record; hashes `config` once.
    public init(context: RunContext, startHourTs: UTCTimestamp, config: EngineConfig, started: RunStarted, seq: Int64) {
        self.context = context
        self.startHourTs = startHourTs
        self.config = config
        self.configSha256 = config.sha256
        self.started = started
        self.seq = seq
    }

    /// The run's event stream.
    public var stream: String { RunRecord.stream(runId: context.runId) }

    /// The event stream of a run.
    public static func stream(runId: String) -> String { "run.\(runId)" }
}

/// One executed hour as stored in `hour_manifests`.
public struct StoredHour: Sendable {
    public var hourTs: UTCTimestamp
    /// Canonical manifest JSON, byte for byte as stored.
    public var manifestText: String
    public var prevStateSha256: String
    public var stateSha256: String
    /// Blob key of the LZ4 state snapshot, when one was taken after this hour.
    public var snapshotSha256: Hash256?
    /// First and last seq of the hour's output events.
    public var firstSeq: Int64
    public var lastSeq: Int64
}
