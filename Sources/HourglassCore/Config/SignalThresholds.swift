/// Parameters of the baseline momentum signal and of the entry decision.
public struct SignalThresholds: Sendable, Hashable {
    /// Daily drift (momentum slope × 24) at which the momentum score reaches 1.
    public var momentumScaleDaily: Double
    /// Smallest combined score that proposes an entry.
    public var entryScoreMin: Double
    /// Smallest expected edge (fraction of notional) that proposes an entry.
    public var expectedEdgeMin: Double
    /// Smallest market breadth (share of symbols above their 24h mean) for an entry.
    public var breadthMin: Double
    /// Hours of drift the expected edge assumes the position captures.
    public var edgeHorizonHours: Double
    /// Share of the extrapolated drift counted as edge (shrinks an optimistic extrapolation).
    public var edgeShrink: Double

    /// Creates thresholds.
    public init(
        momentumScaleDaily: Double, entryScoreMin: Double, expectedEdgeMin: Double, breadthMin: Double,
        edgeHorizonHours: Double, edgeShrink: Double
    ) {
        self.momentumScaleDaily = momentumScaleDaily
        self.entryScoreMin = entryScoreMin
        self.expectedEdgeMin = expectedEdgeMin
        self.breadthMin = breadthMin
        self.edgeHorizonHours = edgeHorizonHours
        self.edgeShrink = edgeShrink
    }

    /// Round numbers picked from three in-sample trials on Jan–Apr 2021 Kraken hours (a baseline to
    /// exercise the cycle, not a validated strategy): about two entries a day across five pairs.
    public static let `default` = SignalThresholds(
        momentumScaleDaily: 0.04, entryScoreMin: 0.9, expectedEdgeMin: 0.02,
        breadthMin: 0.6, edgeHorizonHours: 24, edgeShrink: 0.5)

    var fields: [(String, Double)] {
        [
            ("momentum_scale_daily", momentumScaleDaily), ("entry_score_min", entryScoreMin),
            ("expected_edge_min", expectedEdgeMin),
            ("breadth_min", breadthMin), ("edge_horizon_hours", edgeHorizonHours), ("edge_shrink", edgeShrink),
        ]
    }

    func encode(to writer: inout ByteWriter) { for (_, value) in fields { writer.write(double: value) } }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SignalThresholds {
        var values: [Double] = []
        for _ in 0..<6 { values.append(try reader.readDouble()) }
        return SignalThresholds(
            momentumScaleDaily: values[0], entryScoreMin: values[1], expectedEdgeMin: values[2], breadthMin: values[3],
            edgeHorizonHours: values[4], edgeShrink: values[5])
    }

    var json: JSONValue { .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.0, JSONValue.double($0.1)) })) }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> SignalThresholds {
        try object.check(allowed: fields.map(\.0))
        var values: [Double] = []
        for (key, value) in fields { values.append(try object.double(key, value)) }
        guard values[0] > 0 else {
            throw .invalidValue(object.qualified("momentum_scale_daily"), reason: "must be above zero")
        }
        return SignalThresholds(
            momentumScaleDaily: values[0], entryScoreMin: values[1], expectedEdgeMin: values[2], breadthMin: values[3],
            edgeHorizonHours: values[4], edgeShrink: values[5])
    }
}
