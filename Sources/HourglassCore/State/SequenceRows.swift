/// The last feature rows of one symbol, oldest first, for the ensemble's sequence models (LSTM, Transformer).
///
/// A row is appended at every hour the symbol has features and a valid bar (the hours it is predicted), as
/// the training samples' windows are built; at most `capacity` rows are kept. Carried in `EngineState`, so
/// the state hash covers them and replay from a snapshot sees the same windows.
///
/// The state hash commits to each row by its SHA-256 (`encodeCommitment`), cached here as each row
/// arrives, so an hour hashes one new row per symbol and 32 bytes for every other, not all 48 rows. The
/// cache is never encoded, is left out of `==` and `hash`, is rebuilt on decode, and is dropped by any
/// other change to `flat` or `columnCount`; without it the rows are hashed on the spot (same commitment).
public struct SequenceRows: Sendable, Hashable {
    /// Rows kept: the sequence models' window length.
    public static let capacity = 48

    public var symbol: String
    /// Hour of the newest row (nil while empty).
    public var lastHourTs: UTCTimestamp?
    /// Values per row.
    public var columnCount: Int { didSet { rowDigests = nil } }
    /// `rowCount × columnCount` values, oldest row first.
    public var flat: [Double] { didSet { rowDigests = nil } }
    /// The SHA-256 of each row (`rowDigest`), oldest first, when known to match `flat`.
    private var rowDigests: [Hash256]?

    /// An empty window of `symbol`.
    public init(symbol: String, columnCount: Int = FeatureRow.columnNames.count) {
        self.symbol = symbol
        self.columnCount = columnCount
        lastHourTs = nil
        flat = []
        rowDigests = []
    }

    public static func == (lhs: SequenceRows, rhs: SequenceRows) -> Bool {
        lhs.symbol == rhs.symbol && lhs.lastHourTs == rhs.lastHourTs && lhs.columnCount == rhs.columnCount
            && lhs.flat == rhs.flat
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(symbol)
        hasher.combine(lastHourTs)
        hasher.combine(columnCount)
        hasher.combine(flat)
    }

    /// Rows held.
    public var rowCount: Int { flat.count / columnCount }

    /// Appends `row` (one value per column), dropping the oldest beyond `capacity`.
    public mutating func append(_ row: FeatureRow) {
        let newest = row.values  // determinism: ordered (an array)
        precondition(newest.count == columnCount, "a row needs \(columnCount) values")
        var digests = rowDigests
        rowDigests = nil
        flat += newest
        if rowCount > Self.capacity {
            flat.removeFirst(columnCount)
            if digests?.isEmpty == false { digests?.removeFirst() }
        }
        digests?.append(Self.rowDigest(newest[...]))
        // Kept only when it still has one digest per row (else the commitment hashes the rows itself).
        rowDigests = digests?.count == rowCount ? digests : nil
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

    /// The state hash's commitment to the rows: the canonical bytes with `flat` written as the row count
    /// and each row's SHA-256. `columnCount` and the count fix the layout, so it binds every value.
    func encodeCommitment(to writer: inout ByteWriter) {
        writer.write(string: symbol)
        writer.write(optional: lastHourTs) { $0.write(timestamp: $1) }
        writer.write(int: columnCount)
        writer.write(unsigned: UInt64(rowCount))
        if let rowDigests, rowDigests.count == rowCount {
            for digest in rowDigests { writer.write(raw: digest.bytes) }
        } else {
            for row in 0..<rowCount {
                writer.write(raw: Self.rowDigest(flat[row * columnCount..<(row + 1) * columnCount]).bytes)
            }
        }
    }

    /// SHA-256 of one row's values (big-endian bit patterns, no count).
    static func rowDigest(_ values: ArraySlice<Double>) -> Hash256 {
        var writer = ByteWriter(capacity: values.count * 8)
        writer.write(rawDoubles: values)
        return Hash256.of(writer.bytes)
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> SequenceRows {
        var rows = SequenceRows(symbol: try reader.readString())
        rows.lastHourTs = try reader.readOptional { r throws(CodecError) in try r.readTimestamp() }
        rows.columnCount = try reader.readInt()
        rows.flat = try reader.readDoubles()
        guard rows.columnCount > 0, rows.flat.count % rows.columnCount == 0, rows.rowCount <= capacity else {
            throw .invalidValue("SequenceRows of \(rows.symbol) has a bad shape")
        }
        rows.rowDigests = (0..<rows.rowCount).map { row in
            rowDigest(rows.flat[row * rows.columnCount..<(row + 1) * rows.columnCount])
        }
        return rows
    }
}
