/// Reads the canonical binary encoding written by `ByteWriter`, refusing any non-canonical form.
public struct ByteReader: Sendable {
    /// Longest string or blob accepted (16 MiB): a corrupt length cannot allocate without bound.
    public static let lengthMax = 16 << 20

    private let bytes: [UInt8]
    /// Offset of the next unread byte.
    public private(set) var offset: Int

    /// Creates a reader over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    /// True when every byte was consumed.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Throws unless every byte was consumed.
    public func expectEnd() throws(CodecError) {
        if offset != bytes.count { throw .trailingBytes(bytes.count - offset) }
    }

    /// Reads one raw byte.
    public mutating func readByte() throws(CodecError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(needed: 1, offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads `count` raw bytes.
    public mutating func readRaw(count: Int) throws(CodecError) -> [UInt8] {
        guard count <= bytes.count - offset else {
            throw .truncated(needed: count - (bytes.count - offset), offset: offset)
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Reads a minimal LEB128 unsigned integer.
    public mutating func readUnsigned() throws(CodecError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw .integerOverflow(offset: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                if byte == 0 && shift > 0 { throw .nonCanonicalInteger(offset: start) }
                return result
            }
            shift += 7
            if shift > 63 { throw .integerOverflow(offset: start) }
        }
    }

    /// Reads a zigzag LEB128 signed integer.
    public mutating func readSigned() throws(CodecError) -> Int64 {
        let zigzag = try readUnsigned()
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    /// Reads an `Int` written by `write(int:)`.
    public mutating func readInt() throws(CodecError) -> Int { Int(try readSigned()) }

    /// Reads a length or count, bounded by `lengthMax`.
    public mutating func readCount(_ what: String) throws(CodecError) -> Int {
        let value = try readUnsigned()
        guard value <= UInt64(Self.lengthMax) else { throw .lengthLimit(what, Int(clamping: value)) }
        return Int(value)
    }

    /// Reads a fixed-point decimal.
    public mutating func readDecimal() throws(CodecError) -> FixedDecimal {
        let start = offset
        var result: UInt128 = 0
        var shift: UInt128 = 0
        while true {
            let byte = try readByte()
            if shift == 126 && byte > 3 { throw .integerOverflow(offset: start) }
            result |= UInt128(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                if byte == 0 && shift > 0 { throw .nonCanonicalInteger(offset: start) }
                break
            }
            shift += 7
            if shift > 126 { throw .integerOverflow(offset: start) }
        }
        return FixedDecimal(raw: Int128(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    /// Reads a timestamp.
    public mutating func readTimestamp() throws(CodecError) -> UTCTimestamp {
        UTCTimestamp(secondsSinceEpoch: try readSigned())
    }

    /// Reads a big-endian IEEE-754 double.
    public mutating func readDouble() throws(CodecError) -> Double {
        var bits: UInt64 = 0
        for _ in 0..<8 { bits = bits << 8 | UInt64(try readByte()) }
        return Double(bitPattern: bits)
    }

    /// Reads a count-prefixed array of big-endian doubles (`ByteWriter.write(doubles:)`) in one pass.
    public mutating func readDoubles() throws(CodecError) -> [Double] {
        let count = try readCount("array")
        guard count <= (bytes.count - offset) / 8 else {
            // Short input: the element-by-element reader, so the error is the one it always gave.
            var values: [Double] = []
            for _ in 0..<count { values.append(try readDouble()) }
            return values
        }
        let start = offset
        offset += count * 8
        return bytes.withUnsafeBufferPointer { buffer in
            [Double](unsafeUninitializedCapacity: count) { values, initialized in
                for index in 0..<count {
                    var bits: UInt64 = 0
                    let base = start + index * 8
                    for byte in 0..<8 { bits = bits << 8 | UInt64(buffer[base + byte]) }
                    values[index] = Double(bitPattern: bits)
                }
                initialized = count
            }
        }
    }

    /// Reads a boolean, refusing bytes other than 0 and 1.
    public mutating func readBool() throws(CodecError) -> Bool {
        let byte = try readByte()
        guard byte <= 1 else { throw .invalidBool(byte, offset: offset - 1) }
        return byte == 1
    }

    /// Reads a length-prefixed UTF-8 string, refusing invalid UTF-8.
    public mutating func readString() throws(CodecError) -> String {
        let count = try readCount("string")
        let start = offset
        let raw = try readRaw(count: count)
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(offset: start) }
        return text
    }

    /// Reads a length-prefixed blob.
    public mutating func readBlob() throws(CodecError) -> [UInt8] {
        let count = try readCount("blob")
        return try readRaw(count: count)
    }

    /// Reads an optional written by `write(optional:)`.
    public mutating func readOptional<T>(_ body: (inout ByteReader) throws(CodecError) -> T) throws(CodecError) -> T? {
        try readBool() ? try body(&self) : nil
    }

    /// Reads an array written by `write(array:)`.
    public mutating func readArray<T>(_ body: (inout ByteReader) throws(CodecError) -> T) throws(CodecError) -> [T] {
        let count = try readCount("array")
        var values: [T] = []
        values.reserveCapacity(Swift.min(count, 4096))
        for _ in 0..<count { values.append(try body(&self)) }
        return values
    }
}
