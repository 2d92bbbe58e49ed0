import CLibPQ
import HourglassCore

/// Builds the body of a `COPY … FROM STDIN (FORMAT binary)` stream.
///
/// Format: signature, flags, header extension, then per row a 16-bit field count and per field a
/// 32-bit length (-1 for NULL) and the value in PostgreSQL's binary send format; a -1 trailer.
///
/// The bytes live in an array that is grown ahead of the writes and filled through a pointer:
/// appending through `Array.append(contentsOf:)` field by field cost more than the COPY itself.
/// `PGCopyIn` drains the writer in chunks, so a long stream never sits in memory whole.
public struct PGCopyBinaryWriter {
    /// Storage; only `0..<count` is written. Grows by doubling.
    private var storage: [UInt8]
    /// Bytes written and not yet drained.
    public private(set) var count = 0
    private var fieldsLeft = 0

    /// Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01.
    static let postgresEpochOffsetSeconds: Int64 = 946_684_800
    /// The 19-byte header: signature, flags, header-extension length.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0, 0, 0, 0, 0]

    /// Starts a stream with the COPY binary header.
    public init(capacity: Int = 1 << 16) {
        storage = [UInt8](repeating: 0, count: max(capacity, 64))
        appendRaw(Self.header)
    }

    /// The bytes written so far (a copy; the streaming path uses `drain`).
    public var bytes: [UInt8] { Array(storage[0..<count]) }

    /// Starts a row of `fieldCount` fields.
    public mutating func beginRow(fieldCount: Int) {
        precondition(fieldsLeft == 0, "previous row has \(fieldsLeft) field(s) missing")
        precondition(fieldCount > 0 && fieldCount <= Int(Int16.max), "a row has 1...32767 fields")
        put(UInt16(fieldCount))
        fieldsLeft = fieldCount
    }

    /// A NULL field.
    public mutating func appendNull() {
        field()
        put(UInt32(bitPattern: -1))
    }

    /// An int8 (bigint) field.
    public mutating func append(int64 value: Int64) {
        field()
        withSpace(12) { out in
            out.storeBytes(of: UInt32(8).bigEndian, as: UInt32.self)
            out.storeBytes(of: UInt64(bitPattern: value).bigEndian, toByteOffset: 4, as: UInt64.self)
        }
    }

    /// A float8 (double precision) field: the value's IEEE 754 bits, exactly (a text COPY of its
    /// shortest round-trip description stores the same double).
    public mutating func append(float8 value: Double) {
        append(int64: Int64(bitPattern: value.bitPattern))
    }

    /// An int4 field.
    public mutating func append(int32 value: Int32) {
        field()
        put(UInt32(4))
        put(UInt32(bitPattern: value))
    }

    /// An int2 field.
    public mutating func append(int16 value: Int16) {
        field()
        put(UInt32(2))
        put(UInt16(bitPattern: value))
    }

    /// A text field.
    public mutating func append(text value: String) {
        field()
        var value = value
        value.withUTF8 { utf8 in
            put(UInt32(utf8.count))
            appendRaw(UnsafeRawBufferPointer(utf8))
        }
    }

    /// A text field from its UTF-8 bytes (for a value repeated on every row, encoded once).
    public mutating func append(utf8 value: [UInt8]) {
        field()
        put(UInt32(value.count))
        appendRaw(value)
    }

    /// A bytea field.
    public mutating func append(bytes value: [UInt8]) {
        field()
        put(UInt32(value.count))
        appendRaw(value)
    }

    /// A timestamptz field from Unix seconds.
    public mutating func append(timestamp value: Int64) {
        append(timestampMicroseconds: value * 1_000_000)
    }

    /// A timestamptz field from Unix microseconds.
    public mutating func append(timestampMicroseconds value: Int64) {
        append(int64: value - Self.postgresEpochOffsetSeconds * 1_000_000)  // int8 and timestamptz share the format
    }

    /// A uuid field from its 16 bytes.
    public mutating func append(uuid value: [UInt8]) {
        precondition(value.count == 16)
        field()
        put(UInt32(16))
        appendRaw(value)
    }

    /// A numeric field from an exact decimal (PostgreSQL's base-10000 binary numeric).
    public mutating func append(numeric value: FixedDecimalDigits) {
        value.base10000Digits.withUnsafeBufferPointer { digits in
            appendNumeric(
                negative: value.negative, weight: value.weight, displayScale: value.displayScale, digits: digits)
        }
    }

    /// A numeric field straight from a `FixedDecimal`, without allocating its digit groups.
    public mutating func append(numeric value: FixedDecimal) {
        FixedDecimalDigits.withGroups(of: value) { negative, weight, displayScale, digits in
            appendNumeric(negative: negative, weight: weight, displayScale: displayScale, digits: digits)
        }
    }

    private mutating func appendNumeric(
        negative: Bool, weight: Int16, displayScale: Int, digits: UnsafeBufferPointer<UInt16>
    ) {
        precondition(displayScale >= 0 && displayScale <= 0x3FFF, "numeric display scale out of range")
        field()
        // One reservation and one pass over the storage for the whole field.
        withSpace(4 + 8 + 2 * digits.count) { out in
            out.storeBytes(of: UInt32(8 + 2 * digits.count).bigEndian, as: UInt32.self)
            out.storeBytes(of: UInt16(digits.count).bigEndian, toByteOffset: 4, as: UInt16.self)
            out.storeBytes(of: UInt16(bitPattern: weight).bigEndian, toByteOffset: 6, as: UInt16.self)
            out.storeBytes(of: UInt16(negative ? 0x4000 : 0x0000).bigEndian, toByteOffset: 8, as: UInt16.self)
            out.storeBytes(of: UInt16(displayScale).bigEndian, toByteOffset: 10, as: UInt16.self)
            for (index, digit) in digits.enumerated() {
                out.storeBytes(of: digit.bigEndian, toByteOffset: 12 + 2 * index, as: UInt16.self)
            }
        }
    }

    /// Finishes the stream with the trailer and returns the bytes.
    public mutating func finish() -> [UInt8] {
        writeTrailer()
        return bytes
    }

    /// Appends the -1 trailer that ends the stream.
    mutating func writeTrailer() {
        precondition(fieldsLeft == 0, "last row has \(fieldsLeft) field(s) missing")
        put(UInt16(0xFFFF))
    }

    /// True between `beginRow` and the row's last field.
    var inRow: Bool { fieldsLeft > 0 }

    /// Hands the written bytes to `body` and forgets them, keeping the storage for what follows.
    mutating func drain<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let length = count
        let result = try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        count = 0
        return result
    }

    private mutating func field() {
        precondition(fieldsLeft > 0, "more fields than beginRow declared")
        fieldsLeft -= 1
    }

    /// Makes room for `byteCount` more bytes.
    @inline(__always)
    private mutating func reserve(_ byteCount: Int) {
        if count + byteCount > storage.count { grow(byteCount) }
    }

    private mutating func grow(_ byteCount: Int) {
        let needed = count + byteCount
        var size = storage.count * 2
        while size < needed { size *= 2 }
        storage.append(contentsOf: repeatElement(0, count: size - storage.count))
    }

    /// Reserves `byteCount` bytes, lets `body` fill them through a pointer, and counts them.
    @inline(__always)
    private mutating func withSpace(_ byteCount: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        reserve(byteCount)
        let offset = count
        storage.withUnsafeMutableBytes { body($0.baseAddress! + offset) }
        count += byteCount
    }

    @inline(__always)
    private mutating func put<T: FixedWidthInteger>(_ value: T) {
        withSpace(MemoryLayout<T>.size) { $0.storeBytes(of: value.bigEndian, as: T.self) }
    }

    private mutating func appendRaw(_ source: UnsafeRawBufferPointer) {
        guard source.count > 0 else { return }
        reserve(source.count)
        let offset = count
        storage.withUnsafeMutableBytes { destination in
            destination.baseAddress!.advanced(by: offset).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
        count += source.count
    }

    private mutating func appendRaw(_ source: [UInt8]) {
        source.withUnsafeBytes { appendRaw($0) }
    }
}

/// A `COPY … FROM STDIN (FORMAT binary)` in progress on one connection: rows go into `writer`
/// and are sent in chunks while later rows are still being encoded, so the server inserts while
/// the client hashes and encodes (two processes, two cores).
///
/// `finish()` or `abort(_:)` ends it; until then the connection accepts nothing else. One that is
/// dropped unfinished (an error thrown while encoding) is aborted, so the connection stays usable
/// for the ROLLBACK that follows.
final class PGCopyIn {
    /// Bytes buffered before a send: large enough to amortise the system call, small enough
    /// that the server starts early and memory stays flat.
    static let chunkBytes = 256 << 10

    let connection: PGConnection
    let context: String
    /// The rows not sent yet.
    var writer: PGCopyBinaryWriter
    private var ended = false

    /// Sends `sql` (a `COPY … FROM STDIN (FORMAT binary)`) and waits for the server to accept data.
    init(connection: PGConnection, sql: String, context: String) throws(PGError) {
        let start = PQexec(connection.handle, sql)
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try connection.check(start, context: context)
            throw PGError(context: context, sqlState: nil, message: "server did not enter COPY IN mode")
        }
        PQclear(start)
        self.connection = connection
        self.context = context
        writer = PGCopyBinaryWriter(capacity: Self.chunkBytes + (16 << 10))
    }

    /// Sends the buffered rows once a chunk is full (call between rows).
    func flushIfFull() throws(PGError) {
        if writer.count >= Self.chunkBytes { try send() }
    }

    private func send() throws(PGError) {
        precondition(!writer.inRow, "send between rows only")
        let handle = connection.handle
        let sent = writer.drain { bytes -> Int32 in
            guard bytes.count > 0 else { return 1 }
            return PQputCopyData(handle, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        if sent != 1 { throw PGError(context: context, sqlState: nil, message: connection.lastErrorMessage) }
    }

    /// Sends the trailer, ends the COPY and returns the number of rows the server wrote.
    func finish() throws(PGError) -> Int {
        writer.writeTrailer()
        do throws(PGError) { try send() } catch {
            abort("client failed to send COPY data")
            throw error
        }
        ended = true
        guard PQputCopyEnd(connection.handle, nil) == 1 else {
            throw PGError(context: context, sqlState: nil, message: connection.lastErrorMessage)
        }
        return try connection.collectCopyResults(context: context)
    }

    /// Ends the COPY with an error so the server discards it, and drains its results (the
    /// transaction is then aborted and must be rolled back).
    func abort(_ reason: String) {
        guard !ended else { return }
        ended = true
        _ = PQputCopyEnd(connection.handle, reason)
        _ = try? connection.collectCopyResults(context: context)
    }

    deinit { abort("the client abandoned the COPY") }
}

extension PGConnection {
    /// libpq's last error message for this connection, first line only.
    var lastErrorMessage: String {
        let text = String(cString: PQerrorMessage(handle))
        return String(text.split(separator: "\n", maxSplits: 1).first ?? "connection error")
    }

    /// Reads every result after `PQputCopyEnd`; returns the rows copied or throws the first error.
    func collectCopyResults(context: String) throws(PGError) -> Int {
        var copied = 0
        var firstError: PGError? = nil
        while let result = PQgetResult(handle) {
            do throws(PGError) {
                copied += try check(result, context: context).affectedRows
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return copied
    }
}
