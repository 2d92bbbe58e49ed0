/// The last feature rows of one symbol, oldest first, for the ensemble's sequence models (LSTM, Transformer).
///
/// A row is appended at every hour the symbol has features and a valid bar (the hours it is predicted), as
/// the training samples' windows are built; at most `capacity` rows are kept. Carried in `EngineState`, so
/// the state hash covers them and replay from a snapshot sees the same windows.
public struct SequenceRows: Sendable, Hashable {
    /// Rows kept: the sequence models' window length.
    public static let capacity = 48

    public var symbol: String
    /// Hour of the newest row (nil while empty).
    public var lastHourTs: UTCTimestamp?
    /// Values per row.
    public var columnCount: Int
    /// `rowCount × columnCount` values, oldest row first.
    public var flat: [Double]

    /// An empty window of `symbol`.
    public init(symbol: String, columnCount: Int = FeatureRow.columnNames.count) {
        self.symbol = symbol
        self.columnCount = columnCount
        lastHourTs = nil
        flat = []
    }

    /// Rows held.
    public var rowCount: Int { flat.count / columnCount }

    /// Appends `row` (one value per column), dropping the oldest beyond `capacity`.
    public mutating func append(_ row: FeatureRow) {
        let newest = row.values  // determinism: ordered (an array)
        precondition(newest.count == columnCount, "a row needs \(columnCount) values")
        flat += newest
        if rowCount > Self.capacity { flat.removeFirst(columnCount) }
        lastHourTs = row.hourTs
    }

    /// The last `steps` rows flattened, oldest first; empty when fewer are held.
    public func window(steps: Int) -> [Double] {
        guard steps > 0, rowCount >= steps else { return [] }
        return Array(flat[(rowCount - steps) * columnCount..<flat.count])
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastHourTs) { $0.write(timestamp: $1) }
        writer.write(int: columnCount)
        writer.write(doubles: flat)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SequenceRows {
        var rows = SequenceRows(symbol: try reader.readString())
        rows.lastHourTs = try reader.readOptional { r throws(CodecError) in try r.readTimestamp() }
        rows.columnCount = try reader.readInt()
        rows.flat = try reader.readDoubles()
        guard rows.columnCount > 0, rows.flat.count % rows.columnCount == 0, rows.rowCount <= capacity else {
            throw .invalidValue("SequenceRows of \(rows.symbol) has a bad shape")
        }
        return rows
    }
}
