/// Builds the body of a `COPY … FROM STDIN (FORMAT binary)` stream.
///
/// Format: signature, flags, header extension, then per row a 16-bit field count and per field a
/// 32-bit length (-1 for NULL) and the value in PostgreSQL's binary send format; a -1 trailer.
public struct PGCopyBinaryWriter {
    /// The bytes so far.
    public private(set) var bytes: [UInt8]
    private var fieldsLeft = 0

    /// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
    static let postgresEpochOffsetSeconds: Int64 = 946_684_800

    /// Starts a stream with the COPY binary header.
    public init(capacity: Int = 1 << 16) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        bytes += [0, 0, 0, 0, 0, 0, 0, 0]
    }

    /// Starts a row of `fieldCount` fields.
    public mutating func beginRow(fieldCount: Int) {
        precondition(fieldsLeft == 0, "previous row has \(fieldsLeft) field(s) missing")
        appendBigEndian(UInt16(fieldCount))
        fieldsLeft = fieldCount
    }

    /// A NULL field.
    public mutating func appendNull() { field(); appendBigEndian(UInt32(bitPattern: -1)) }

    /// An int8 (bigint) field.
    public mutating func append(int64 value: Int64) { field(); appendBigEndian(UInt32(8)); appendBigEndian(UInt64(bitPattern: value)) }

    /// An int4 field.
    public mutating func append(int32 value: Int32) { field(); appendBigEndian(UInt32(4)); appendBigEndian(UInt32(bitPattern: value)) }

    /// An int2 field.
    public mutating func append(int16 value: Int16) { field(); appendBigEndian(UInt32(2)); appendBigEndian(UInt16(bitPattern: value)) }

    /// A text field.
    public mutating func append(text value: String) {
        field()
        let utf8 = value.utf8
        appendBigEndian(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A bytea field.
    public mutating func append(bytes value: [UInt8]) {
        field()
        appendBigEndian(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// A timestamptz field from Unix seconds.
    public mutating func append(timestamp value: Int64) {
        field()
        appendBigEndian(UInt32(8))
        appendBigEndian(UInt64(bitPattern: (value - Self.postgresEpochOffsetSeconds) * 1_000_000))
    }

    /// A uuid field from its 16 bytes.
    public mutating func append(uuid value: [UInt8]) {
        precondition(value.count == 16)
        field()
        appendBigEndian(UInt32(16))
        bytes.append(contentsOf: value)
    }

    /// A numeric field from an exact decimal (PostgreSQL's base-10000 binary numeric).
    public mutating func append(numeric value: FixedDecimalDigits) {
        field()
        let digits = value.base10000Digits
        appendBigEndian(UInt32(8 + 2 * digits.count))
        appendBigEndian(UInt16(digits.count))
        appendBigEndian(UInt16(bitPattern: value.weight))
        appendBigEndian(UInt16(value.negative ? 0x4000 : 0x0000))
        appendBigEndian(UInt16(value.displayScale))
        for digit in digits { appendBigEndian(digit) }
    }

    /// Finishes the stream with the trailer and returns the bytes.
    public mutating func finish() -> [UInt8] {
        precondition(fieldsLeft == 0, "last row has \(fieldsLeft) field(s) missing")
        appendBigEndian(UInt16(0xFFFF))
        return bytes
    }

    private mutating func field() {
        precondition(fieldsLeft > 0, "more fields than beginRow declared")
        fieldsLeft -= 1
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
    }
}
