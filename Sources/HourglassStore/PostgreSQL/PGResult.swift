import CLibPQ

/// Owns one `PGresult` and frees it exactly once.
final class PGResult {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    /// Number of rows.
    public var rowCount: Int { Int(PQntuples(handle)) }
    /// Number of columns.
    public var columnCount: Int { Int(PQnfields(handle)) }
    /// Rows affected by an INSERT/UPDATE/DELETE (0 when not reported).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// True when the value is SQL NULL.
    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) == 1 }

    private func isBinary(_ column: Int) -> Bool { PQfformat(handle, Int32(column)) == 1 }

    /// The value as text (text-format columns), or nil for NULL.
    public func string(_ row: Int, _ column: Int) -> String? {
        if isNull(row, column) { return nil }
        precondition(!isBinary(column), "string(_:_:) read a binary column")
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    /// The raw bytes of a binary-format value (bytea), or nil for NULL.
    public func bytes(_ row: Int, _ column: Int) -> [UInt8]? {
        if isNull(row, column) { return nil }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else { return [] }
        if isBinary(column) {
            return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                Array(UnsafeBufferPointer(start: $0, count: length))
            }
        }
        // Text-format bytea: `\x` followed by hex.
        let text = UnsafeBufferPointer(
            start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
        return PGResult.decodeHexBytea(text)
    }

    /// A bigint/integer value in either format, or nil for NULL.
    public func int64(_ row: Int, _ column: Int) -> Int64? {
        if isNull(row, column) { return nil }
        let pointer = UnsafeRawPointer(PQgetvalue(handle, Int32(row), Int32(column))!)
        if isBinary(column) {
            let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
            var value: Int64 = 0
            for index in 0..<length { value = value << 8 | Int64(pointer.load(fromByteOffset: index, as: UInt8.self)) }
            if length == 4 { value = Int64(Int32(truncatingIfNeeded: value)) }
            if length == 2 { value = Int64(Int16(truncatingIfNeeded: value)) }
            return value
        }
        return Int64(String(cString: pointer.assumingMemoryBound(to: CChar.self)))
    }

    /// Calls `body` with the raw bytes of a value without copying them (binary columns).
    public func withBytes<T>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let pointer = UnsafeRawPointer(PQgetvalue(handle, Int32(row), Int32(column))!)
        return try body(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    static func decodeHexBytea(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index + 1 < text.count {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
