// Scripts/bench-lz4.swift — LZ4 ratios on real event payloads, for Scripts/bench lz4.
//
// Reads `hour_epoch<TAB>payload_hex` lines (events in hour, seq order) on stdin and prints how
// well LZ4 compresses them per event, per hour's batch, per day's batch, as 200 KB and 1 MB blobs,
// and as pieces of fixed sizes (where the per-event threshold should sit). Each value is
// compressed exactly as HourglassStore.LZ4.compress does: a LEB128 raw-length prefix, then one
// LZ4_compress_default block. Built by Scripts/bench with `swiftc -O -I Sources/CLZ4`.
import CLZ4
#if canImport(Glibc)
import Glibc
#endif

/// Size of `raw` once stored as HourglassStore.LZ4 stores it (prefix + block).
func compressedSize(_ raw: ArraySlice<UInt8>) -> Int {
    var prefix = 1
    var length = raw.count >> 7
    while length > 0 { prefix += 1; length >>= 7 }
    if raw.isEmpty { return prefix + 1 }
    let bound = Int(LZ4_compressBound(Int32(raw.count)))
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bound) { destination in
        raw.withUnsafeBufferPointer { source in
            let written = source.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) {
                LZ4_compress_default($0, destination.baseAddress!, Int32(raw.count), Int32(bound))
            }
            precondition(written > 0, "LZ4_compress_default failed")
            return prefix + Int(written)
        }
    }
}

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func hexValue(_ c: UInt8) -> UInt8 {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x61...0x66: return c - 0x61 + 10
    default: fatalError("bad hex digit \(c)")
    }
}

// --- read ---------------------------------------------------------------------------------
var payloads: [[UInt8]] = []
var hours: [Int64] = []
while let line = readLine(strippingNewline: true) {
    let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, let hour = Int64(parts[0]) else { continue }
    let hex = Array(parts[1].utf8)
    var bytes = [UInt8](repeating: 0, count: hex.count / 2)
    for index in 0..<bytes.count { bytes[index] = hexValue(hex[2 * index]) << 4 | hexValue(hex[2 * index + 1]) }
    payloads.append(bytes)
    hours.append(hour)
}
guard !payloads.isEmpty else {
    print("bench-lz4: no payloads on stdin")
    exit(1)
}
let all = payloads.flatMap { $0 }
let rawTotal = all.count

// String(format:) needs Foundation; a tiny formatter keeps this tool Foundation-free.
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}
func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if have < decimals { text += String(repeating: "0", count: decimals - have) }
        if decimals == 0 { text = String(text[..<dot]) }
    }
    return text
}
func report(_ label: String, pieces: Int, raw: Int, compressed: Int, note: String = "") {
    let ratio = Double(raw) / Double(compressed)
    let saved = 100 * (1 - Double(compressed) / Double(raw))
    let meanRaw = Double(raw) / Double(max(pieces, 1))
    print("  " + pad(label, 34) + pad("\(pieces)", 9, right: true) + pad(fixed(meanRaw, 0), 11, right: true)
          + pad(fixed(ratio, 2) + "x", 9, right: true) + pad(fixed(saved, 1) + "%", 9, right: true) + (note.isEmpty ? "" : "  " + note))
}

print("LZ4 on \(payloads.count) event payloads, \(rawTotal) bytes (mean \(fixed(Double(rawTotal) / Double(payloads.count), 1)) bytes)")
print("  " + pad("unit", 34) + pad("pieces", 9, right: true) + pad("mean raw", 11, right: true)
      + pad("ratio", 9, right: true) + pad("saved", 9, right: true))

// Per event.
var perEvent = 0
var eventsPaying = 0
for payload in payloads {
    let size = compressedSize(payload[...])
    perEvent += size
    if size * 10 <= payload.count * 9 { eventsPaying += 1 }
}
report("each event alone", pieces: payloads.count, raw: rawTotal, compressed: perEvent,
       note: "\(eventsPaying) events would save >= 10%")

// Per hour and per day: the events sharing an hour (one bar per symbol), concatenated.
func batches(by key: (Int64) -> Int64) -> (count: Int, compressed: Int) {
    var count = 0
    var compressed = 0
    var start = 0
    while start < payloads.count {
        var end = start + 1
        while end < payloads.count && key(hours[end]) == key(hours[start]) { end += 1 }
        compressed += compressedSize(payloads[start..<end].flatMap { $0 }[...])
        count += 1
        start = end
    }
    return (count, compressed)
}
let hourly = batches { $0 }
report("one hour's events, concatenated", pieces: hourly.count, raw: rawTotal, compressed: hourly.compressed)
let daily = batches { $0 / 86_400 }
report("one day's events, concatenated", pieces: daily.count, raw: rawTotal, compressed: daily.compressed)

// Blobs: the payloads in order, cut into pieces of fixed size.
func pieces(_ size: Int) -> (count: Int, compressed: Int, paying: Int, raw: Int) {
    var count = 0
    var compressed = 0
    var paying = 0
    var raw = 0
    var offset = 0
    while offset + size <= all.count {
        let piece = all[offset..<(offset + size)]
        let bytes = compressedSize(piece)
        compressed += bytes
        raw += size
        if bytes * 10 <= size * 9 { paying += 1 }
        count += 1
        offset += size
    }
    return (count, compressed, paying, raw)
}
for (label, size) in [("200 KB blob of payloads", 200_000), ("1 MB blob of payloads", 1 << 20)] {
    let result = pieces(size)
    let started = seconds()
    _ = compressedSize(all[0..<min(size, all.count)])
    let elapsed = max(seconds() - started, 1e-9)
    report(label, pieces: result.count, raw: result.raw, compressed: result.compressed,
           note: "compress \(fixed(Double(min(size, all.count)) / elapsed / 1e6, 0)) MB/s")
}

print("")
print("Where per-value compression starts to pay (pieces of the payload stream, cut to a fixed size):")
print("  " + pad("piece size", 34) + pad("pieces", 9, right: true) + pad("mean raw", 11, right: true)
      + pad("ratio", 9, right: true) + pad("saved", 9, right: true))
for size in [64, 128, 256, 384, 512, 1_024, 2_048, 4_096, 16_384, 65_536] {
    let result = pieces(size)
    guard result.count > 0 else { continue }
    report("\(size) bytes", pieces: result.count, raw: result.raw, compressed: result.compressed,
           note: "\(fixed(100 * Double(result.paying) / Double(result.count), 1))% of pieces save >= 10%")
}
