import CLZ4
import HourglassCore

/// Why LZ4 data could not be decoded.
public struct LZ4Error: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "LZ4: \(reason)" }
}

/// LZ4 block compression with a LEB128 raw-length prefix, so a compressed value is self-describing.
public enum LZ4 {
    /// Largest raw value accepted (256 MiB): a corrupt prefix cannot allocate without bound.
    public static let rawBytesMax = 256 << 20

    /// Compresses `raw` into `[LEB128 raw length][LZ4 block]`.
    public static func compress(_ raw: [UInt8]) -> [UInt8] {
        precondition(raw.count <= rawBytesMax, "value too large for LZ4 block")
        var writer = ByteWriter(capacity: 10)
        writer.write(unsigned: UInt64(raw.count))
        let prefix = writer.bytes
        let bound = Int(LZ4_compressBound(Int32(raw.count)))
        var out = [UInt8](repeating: 0, count: prefix.count + bound)
        let written = raw.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination -> Int32 in
                for index in 0..<prefix.count { destination[index] = prefix[index] }
                let src = UnsafeRawPointer(source.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(
                    to: CChar.self)
                let dst = UnsafeMutableRawPointer(destination.baseAddress! + prefix.count).assumingMemoryBound(
                    to: CChar.self)
                return LZ4_compress_default(src, dst, Int32(raw.count), Int32(bound))
            }
        }
        precondition(written > 0 || raw.isEmpty, "LZ4_compress_default failed")
        out.removeSubrange((prefix.count + Int(written))...)
        return out
    }

    /// Decompresses what `compress` produced, checking the length exactly.
    public static func decompress(_ compressed: [UInt8]) throws -> [UInt8] {
        var reader = ByteReader(compressed)
        let rawLength: UInt64
        do { rawLength = try reader.readUnsigned() } catch { throw LZ4Error(reason: "bad length prefix: \(error)") }
        guard rawLength <= UInt64(rawBytesMax) else { throw LZ4Error(reason: "raw length \(rawLength) exceeds limit") }
        let start = reader.offset
        var out = [UInt8](repeating: 0, count: Int(rawLength))
        if rawLength == 0 { return out }
        let produced = compressed.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination -> Int32 in
                let src = UnsafeRawPointer(source.baseAddress! + start).assumingMemoryBound(to: CChar.self)
                let dst = UnsafeMutableRawPointer(destination.baseAddress!).assumingMemoryBound(to: CChar.self)
                return LZ4_decompress_safe(src, dst, Int32(compressed.count - start), Int32(rawLength))
            }
        }
        guard produced == Int32(rawLength) else {
            throw LZ4Error(reason: "corrupt block (decoded \(produced) of \(rawLength) bytes)")
        }
        return out
    }
}
