import HourglassCore
import Testing

@testable import HourglassStore

@Suite("LZ4")
struct LZ4Tests {
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [42]),
        ("short text", Array("hourglass".utf8)),
        ("repetitive 64 KiB", Array(String(repeating: "0123456789abcdef", count: 4_096).utf8)),
        ("zeros 1 MiB", [UInt8](repeating: 0, count: 1 << 20)),
        ("incompressible 100 KiB", Samples.noise(count: 100_000, seed: 3)),
    ]

    @Test("compress then decompress gives the input back", arguments: inputs.indices)
    func roundTrip(_ index: Int) throws {
        let (name, raw) = Self.inputs[index]
        let compressed = LZ4.compress(raw)
        #expect(try LZ4.decompress(compressed) == raw, "\(name)")
    }

    @Test("repetitive data shrinks, incompressible data grows only by the block overhead")
    func sizes() {
        let repetitive = Self.inputs[3].1
        #expect(LZ4.compress(repetitive).count * 50 < repetitive.count)
        let noise = Self.inputs[5].1
        let compressed = LZ4.compress(noise)
        #expect(compressed.count >= noise.count)
        #expect(compressed.count <= noise.count + noise.count / 255 + 16 + 10)
    }

    @Test("the length prefix is LEB128 of the raw length")
    func prefix() {
        #expect(LZ4.compress([]).first == 0x00)
        let compressed = LZ4.compress([UInt8](repeating: 7, count: 300))
        #expect(Array(compressed.prefix(2)) == [0xAC, 0x02])
    }

    @Test(
        "truncated, extended or garbage input is refused, never returned",
        arguments: [
            "truncated", "extended", "wrong length", "garbage", "huge length", "empty",
        ])
    func corruptRefused(_ damage: String) {
        let raw = Array(String(repeating: "the quick brown fox ", count: 50).utf8)
        var bad = LZ4.compress(raw)
        switch damage {
        case "truncated": bad.removeLast(4)
        case "extended": bad += [0, 0, 0]
        case "wrong length": bad[0] ^= 0x01
        case "garbage": bad = [0x10] + Samples.noise(count: 40, seed: 9)
        case "huge length": bad = [0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00]
        default: bad = []
        }
        #expect(throws: LZ4Error.self) { try LZ4.decompress(bad) }
    }
}
