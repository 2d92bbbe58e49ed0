/// One model of the ensemble trained at retrain hour R: what was trained, on what, and the artifact it gave.
///
/// Appended by the shell before R is executed (stream `models.<run>`, no hour of its own) and consumed as an
/// input of hour R, so R's manifest names it; the artifact bytes are in the blob table (LZ4) under
/// `artifactSha256`. Replay loads them back; `replay-window --retrain` trains again and compares the hash.
public struct ModelTrained: EventPayload {
    public static let eventType = EventType.modelTrained
    /// The retrain hour R: the first hour that predicts with this model.
    public var retrainHourTs: UTCTimestamp
    /// `ModelKind` raw value (`boost_depthwise`, …, `meta_logistic`).
    public var kind: String
    /// Hyper-parameters as canonical JSON (sorted keys), including seed and thread count.
    public var hyperParameters: String
    /// First hour of the training window.
    public var trainingStartTs: UTCTimestamp
    /// End of the training window, exclusive: R (only bars before R were read).
    public var trainingEndTs: UTCTimestamp
    /// SHA-256 of the feature column names (`FeatureRow.columnNames`, NUL-terminated, in order).
    public var featureSchemaSha256: Hash256
    /// SHA-256 of the samples trained on (rows, windows, labels), the same for every model of one retraining.
    public var trainingDataSha256: Hash256
    /// `HourCycle.engineVersion` of the training.
    public var engineVersion: String
    /// SHA-256 of the artifact bytes.
    public var artifactSha256: Hash256
    public var artifactByteCount: Int
    /// Labelled samples the retraining used.
    public var sampleCount: Int

    /// Creates the event.
    public init(
        retrainHourTs: UTCTimestamp, kind: String, hyperParameters: String, trainingStartTs: UTCTimestamp,
        trainingEndTs: UTCTimestamp, featureSchemaSha256: Hash256, trainingDataSha256: Hash256,
        engineVersion: String, artifactSha256: Hash256, artifactByteCount: Int, sampleCount: Int
    ) {
        self.retrainHourTs = retrainHourTs
        self.kind = kind
        self.hyperParameters = hyperParameters
        self.trainingStartTs = trainingStartTs
        self.trainingEndTs = trainingEndTs
        self.featureSchemaSha256 = featureSchemaSha256
        self.trainingDataSha256 = trainingDataSha256
        self.engineVersion = engineVersion
        self.artifactSha256 = artifactSha256
        self.artifactByteCount = artifactByteCount
        self.sampleCount = sampleCount
    }

    /// SHA-256 of the feature schema the models read: every column name, NUL-terminated, in order.
    public static var featureSchemaSha256: Hash256 {
        Hash256.of(FeatureRow.columnNames.flatMap { Array($0.utf8) + [0] })
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(timestamp: retrainHourTs)
        writer.write(string: kind)
        writer.write(string: hyperParameters)
        writer.write(timestamp: trainingStartTs)
        writer.write(timestamp: trainingEndTs)
        writer.write(raw: featureSchemaSha256.bytes)
        writer.write(raw: trainingDataSha256.bytes)
        writer.write(string: engineVersion)
        writer.write(raw: artifactSha256.bytes)
        writer.write(int: artifactByteCount)
        writer.write(int: sampleCount)
    }

    public static func decode(from reader: inout ByteReader) throws(CodecError) -> ModelTrained {
        ModelTrained(
            retrainHourTs: try reader.readTimestamp(), kind: try reader.readString(),
            hyperParameters: try reader.readString(), trainingStartTs: try reader.readTimestamp(),
            trainingEndTs: try reader.readTimestamp(),
            featureSchemaSha256: Hash256(bytes: try reader.readRaw(count: 32)),
            trainingDataSha256: Hash256(bytes: try reader.readRaw(count: 32)), engineVersion: try reader.readString(),
            artifactSha256: Hash256(bytes: try reader.readRaw(count: 32)), artifactByteCount: try reader.readInt(),
            sampleCount: try reader.readInt())
    }

    public var json: JSONValue {
        .object([
            "retrain_hour_ts_utc": .timestamp(retrainHourTs), "kind": .string(kind),
            "hyper_parameters": .string(hyperParameters), "training_start_ts_utc": .timestamp(trainingStartTs),
            "training_end_ts_utc": .timestamp(trainingEndTs), "feature_schema_sha256": .hash(featureSchemaSha256),
            "training_data_sha256": .hash(trainingDataSha256), "engine_version": .string(engineVersion),
            "artifact_sha256": .hash(artifactSha256), "artifact_bytes": .int(Int64(artifactByteCount)),
            "sample_count": .int(Int64(sampleCount)),
        ])
    }
}
