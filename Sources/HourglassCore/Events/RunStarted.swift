/// The first event of a run: who, how, from when, with which engine, configuration and models.
public struct RunStarted: EventPayload {
    public static let eventType = EventType.runStarted
    /// 2: the warm-up reference `warmUp` follows the model set.
    public static let formatVersion: UInt8 = 2
    public var runId: String
    public var accountId: String
    public var runMode: RunMode
    /// The first hour the run executes.
    public var startHourTs: UTCTimestamp
    /// `HourCycle.engineVersion` of the engine that started it.
    public var engineVersion: String
    /// `EngineConfig.canonicalBytes`: replay decodes the configuration from here.
    public var configBytes: [UInt8]
    /// SHA-256 of `configBytes`.
    public var configSha256: Hash256
    /// `ModelSet.id`.
    public var modelSetId: String
    /// `ModelSet.sha256`.
    public var modelSetSha256: Hash256
    /// The bars before `startHourTs` that warmed the feature windows up (`RunWarmUp`).
    public var warmUp: RunWarmUp

    /// Creates the event.
    public init(
        runId: String, accountId: String, runMode: RunMode, startHourTs: UTCTimestamp, engineVersion: String,
        configBytes: [UInt8], configSha256: Hash256, modelSetId: String, modelSetSha256: Hash256,
        warmUp: RunWarmUp
    ) {
        self.runId = runId
        self.accountId = accountId
        self.runMode = runMode
        self.startHourTs = startHourTs
        self.engineVersion = engineVersion
        self.configBytes = configBytes
        self.configSha256 = configSha256
        self.modelSetId = modelSetId
        self.modelSetSha256 = modelSetSha256
        self.warmUp = warmUp
    }

    /// The run's configuration, decoded from the recorded bytes.
    public func config() throws(CodecError) -> EngineConfig { try EngineConfig.decode(canonical: configBytes) }

    public func encode(to writer: inout ByteWriter) {
        writer.write(string: runId)
        writer.write(string: accountId)
        writer.write(string: runMode.rawValue)
        writer.write(timestamp: startHourTs)
        writer.write(string: engineVersion)
        writer.write(blob: configBytes)
        writer.write(raw: configSha256.bytes)
        writer.write(string: modelSetId)
        writer.write(raw: modelSetSha256.bytes)
        warmUp.encode(to: &writer)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> RunStarted {
        let runId = try reader.readString()
        let accountId = try reader.readString()
        let modeText = try reader.readString()
        guard let mode = RunMode(rawValue: modeText) else { throw .invalidValue("run mode '\(modeText)'") }
        let start = try reader.readTimestamp()
        let version = try reader.readString()
        let bytes = try reader.readBlob()
        let configSha = Hash256(bytes: try reader.readRaw(count: 32))
        guard Hash256.of(bytes) == configSha else {
            throw .invalidValue("RunStarted config_sha256 does not match its config bytes")
        }
        return RunStarted(
            runId: runId, accountId: accountId, runMode: mode, startHourTs: start, engineVersion: version,
            configBytes: bytes,
            configSha256: configSha, modelSetId: try reader.readString(),
            modelSetSha256: Hash256(bytes: try reader.readRaw(count: 32)), warmUp: try RunWarmUp.decode(from: &reader))
    }

    public var json: JSONValue {
        .object([
            "run_id": .string(runId), "account_id": .string(accountId), "run_mode": .string(runMode.rawValue),
            "start_hour_ts_utc": .timestamp(startHourTs), "engine_version": .string(engineVersion),
            "config_sha256": .hash(configSha256), "config_bytes": .int(Int64(configBytes.count)),
            "model_set_id": .string(modelSetId), "model_set_sha256": .hash(modelSetSha256), "warm_up": warmUp.json,
        ])
    }
}
