/// Appends values in the canonical binary encoding shared by every event, snapshot and hash input.
///
/// The rules, one per kind of value, are the whole format:
/// - unsigned integers: LEB128 (7 bits a byte, low first), minimal length;
/// - signed integers and `FixedDecimal.raw`: zigzag, then LEB128;
/// - `Double`: the 8 bytes of its IEEE-754 bit pattern, big-endian (so -0.0 and NaN payloads are kept);
/// - `Bool`: one byte, 0 or 1;
/// - strings and byte blobs: LEB128 length, then the UTF-8 bytes / the bytes;
/// - optionals: one byte, 0 absent or 1 present, then the value;
/// - arrays: LEB128 count, then the elements in the order given, which callers sort by a defined key.
/// `ByteReader` refuses anything that is not exactly this, so decode → encode is the identity.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes.
    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the bytes written, keeping the capacity (a hash input written and hashed in pieces).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Writes one raw byte.
    public mutating func write(byte: UInt8) { bytes.append(byte) }

    /// Writes raw bytes with no length prefix (fixed-size fields such as digests).
    public mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Writes raw bytes with no length prefix; the non-generic path for arrays (digests).
    public mutating func write(raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Writes an unsigned integer as minimal LEB128.
    public mutating func write(unsigned value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Writes a signed integer as zigzag LEB128.
    public mutating func write(signed value: Int64) {
        write(unsigned: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes an `Int` as zigzag LEB128 (always 64-bit on the wire).
    public mutating func write(int value: Int) { write(signed: Int64(value)) }

    /// Writes a fixed-point decimal as the zigzag LEB128 of its raw `Int128`.
    public mutating func write(decimal value: FixedDecimal) {
        var zigzag = UInt128(bitPattern: (value.raw << 1) ^ (value.raw >> 127))
        // Nearly every price and volume fits 64 bits: the same LEB128 bytes without 128-bit shifts.
        if zigzag <= UInt128(UInt64.max) {
            write(unsigned: UInt64(truncatingIfNeeded: zigzag))
            return
        }
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    /// Writes a timestamp as zigzag LEB128 seconds.
    public mutating func write(timestamp value: UTCTimestamp) { write(signed: value.secondsSinceEpoch) }

    /// Writes a `Double` as its big-endian IEEE-754 bit pattern.
    public mutating func write(double value: Double) {
        withUnsafeBytes(of: value.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes an array of `Double`s: the same bytes as `write(array:)` with `write(double:)` per
    /// element (count, then each big-endian bit pattern), in one pass over a reserved buffer.
    public mutating func write(doubles values: [Double]) {
        write(unsigned: UInt64(values.count))
        write(rawDoubles: values[...])
    }

    /// Writes `Double`s as their big-endian bit patterns, with no count (the state hash's chunks).
    public mutating func write(rawDoubles values: ArraySlice<Double>) {
        let start = bytes.count
        // The values' native bytes in one copy (no temporary array, no generic per-byte loop, which
        // dominated debug builds), then each 8-byte pattern turned big-endian in place. Same bytes.
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        bytes.withUnsafeMutableBytes { buffer in
            for index in 0..<values.count {
                let offset = start + index * 8
                let native = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                buffer.storeBytes(of: native.bigEndian, toByteOffset: offset, as: UInt64.self)
            }
        }
    }

    /// Writes a boolean as 0 or 1.
    public mutating func write(bool value: Bool) { bytes.append(value ? 1 : 0) }

    /// Writes a length-prefixed UTF-8 string.
    public mutating func write(string value: String) {
        var value = value
        value.withUTF8 { buffer in
            write(unsigned: UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    /// Writes a length-prefixed byte blob.
    public mutating func write(blob value: [UInt8]) {
        write(unsigned: UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes an optional: a presence byte, then the value when present.
    public mutating func write<T>(optional value: T?, _ body: (inout ByteWriter, T) -> Void) {
        if let value {
            bytes.append(1)
            body(&self, value)
        } else {
            bytes.append(0)
        }
    }

    /// Writes an array: its count, then each element with `body`, in the given order.
    public mutating func write<T>(array values: [T], _ body: (inout ByteWriter, T) -> Void) {
        write(unsigned: UInt64(values.count))
        for value in values { body(&self, value) }
    }
}
