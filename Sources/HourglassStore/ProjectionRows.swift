/// Rows for one projection table, written with `COPY … FROM STDIN` (text format).
public struct ProjectionRows {
    /// Table name (a projection table, or a temporary copy of one when auditing).
    public let table: String
    /// Column names in COPY order.
    public let columns: [String]
    /// Rows of text values (nil for NULL), in column order.
    public private(set) var rows: [[String?]] = []

    /// Creates an empty set of rows.
    public init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// Adds a row; traps when the value count does not match the columns.
    public mutating func append(_ values: [String?]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values)
    }

    /// Writes the rows into `table` (or `tableOverride`) with one COPY.
    func write(_ connection: PGConnection, into tableOverride: String? = nil) throws {
        guard !rows.isEmpty else { return }
        var data: [UInt8] = []
        data.reserveCapacity(rows.count * columns.count * 16)
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { data.append(0x09) }
                guard let value else {
                    data += [0x5C, 0x4E]
                    continue
                }
                for byte in value.utf8 {
                    switch byte {
                    case 0x5C: data += [0x5C, 0x5C]
                    case 0x09: data += [0x5C, 0x74]
                    case 0x0A: data += [0x5C, 0x6E]
                    case 0x0D: data += [0x5C, 0x72]
                    default: data.append(byte)
                    }
                }
            }
            data.append(0x0A)
        }
        let target = tableOverride ?? table
        let copied = try connection.copyIn(
            "COPY \(target) (\(columns.joined(separator: ", "))) FROM STDIN",
            data: data, context: "write the \(table) projection")
        precondition(copied == rows.count, "\(table): COPY wrote \(copied) of \(rows.count) rows")
    }
}
