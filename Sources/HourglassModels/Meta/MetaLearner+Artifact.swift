extension MetaLearner {
    static let magic: [UInt8] = Array("HGML".utf8)
    static let formatVersion: UInt16 = 1

    /// Canonical JSON of the settings, as `ModelTrained` records them.
    public var hyperParameters: String {
        "{\"base_model_count\":\(baseModelCount),\"edge_hurdle\":\(edgeHurdle),\"fit\":\"newton-irls\","
            + "\"kind\":\"\(ModelKind.metaLearner.rawValue)\",\"l2\":\(l2),\"probability_hurdle\":\(probabilityHurdle),"
            + "\"regimes\":\"\(Self.regimes.map(\.rawValue).joined(separator: ","))\","
            + "\"round_trip_fee_rate\":\(roundTripFeeRate),\"trust_count\":\(trustCount)}"
    }

    /// The fitted learner as canonical bytes and their SHA-256.
    public var artifact: ModelArtifact {
        var out = Self.magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        put(Self.formatVersion)
        put(UInt32(baseModelCount))
        put(UInt32(trustCount))
        for value in [l2, probabilityHurdle, edgeHurdle, roundTripFeeRate, winReturnMean, lossReturnMean] {
            put(value.bitPattern)
        }
        put(UInt32(regression.coefficients.count))
        for value in regression.coefficients { put(value.bitPattern) }
        return ModelArtifact(kind: .metaLearner, hyperParameters: hyperParameters, bytes: out)
    }

    /// Rebuilds a learner from its artifact; throws on another kind or bytes that do not decode exactly.
    public init(artifact: ModelArtifact) throws {
        guard artifact.kind == .metaLearner else {
            throw ModelError.wrongKind(expected: ModelKind.metaLearner.rawValue, found: artifact.kind.rawValue)
        }
        let bytes = artifact.bytes
        var cursor = 4
        func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard cursor + size <= bytes.count else { throw ModelError.corruptArtifact("truncated at byte \(cursor)") }
            var value: T = 0
            for index in 0..<size { value |= T(bytes[cursor + index]) << (8 * index) }
            cursor += size
            return value
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.magic, try take(UInt16.self) == Self.formatVersion else {
            throw ModelError.corruptArtifact("not a version-1 HGML meta-learner")
        }
        let baseCount = Int(try take(UInt32.self))
        let trustCount = Int(try take(UInt32.self))
        var values: [Double] = []
        for _ in 0..<6 { values.append(Double(bitPattern: try take(UInt64.self))) }
        let coefficientCount = Int(try take(UInt32.self))
        guard coefficientCount == 1 + baseCount + trustCount + Self.regimes.count,
            bytes.count == cursor + 8 * coefficientCount
        else {
            throw ModelError.corruptArtifact("coefficient count does not match the inputs")
        }
        var coefficients: [Double] = []
        for _ in 0..<coefficientCount { coefficients.append(Double(bitPattern: try take(UInt64.self))) }
        self.init(
            baseModelCount: baseCount, trustCount: trustCount, l2: values[0], probabilityHurdle: values[1],
            edgeHurdle: values[2], roundTripFeeRate: values[3], winReturnMean: values[4],
            lossReturnMean: values[5], regression: LogisticRegression(coefficients: coefficients))
        guard hyperParameters == artifact.hyperParameters else {
            throw ModelError.corruptArtifact("the bytes describe other settings than the artifact records")
        }
    }
}
