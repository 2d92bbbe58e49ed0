import Testing

@testable import HourglassCore

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    private func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    }

    @Test(
        "offsets of the first bad byte",
        arguments: [
            ([UInt8](), nil), (Array("plain ascii".utf8), nil), (Array("é ✓ 😀".utf8), nil),
            ([0x41, 0xFF], 1), ([0x41, 0xC3, 0x28], 1), ([0xC0, 0xAF], 0), ([0xC1, 0xBF], 0), ([0xE0, 0x80, 0x80], 0),
            ([0xED, 0xA0, 0x80], 0), ([0xED, 0x9F, 0xBF], nil), ([0xF0, 0x8F, 0xBF, 0xBF], 0),
            ([0xF4, 0x8F, 0xBF, 0xBF], nil),
            ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5, 0x80, 0x80, 0x80], 0), ([0x41, 0x42, 0xE2, 0x82], 2), ([0x80], 0),
            ([0xE2, 0x82, 0xAC, 0xE2, 0x28, 0xAC], 3),
        ] as [([UInt8], Int?)])
    func offsets(bytes: [UInt8], expected: Int?) {
        #expect(firstInvalid(bytes) == expected)
    }

    /// Differential test against the standard library's validator on seeded random bytes biased
    /// toward the interesting ranges (lead bytes, continuation bytes, boundaries).
    @Test func agreesWithTheStandardLibrary() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        var disagreements: [[UInt8]] = []
        for _ in 0..<50_000 {
            let length = Int(next() % 7)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let roll = next()
                bytes.append(
                    roll % 3 == 0
                        ? UInt8(truncatingIfNeeded: roll >> 8)
                        : interesting[Int((roll >> 8) % UInt64(interesting.count))])
            }
            if (firstInvalid(bytes) == nil) != (String(validating: bytes, as: UTF8.self) != nil) {
                disagreements.append(bytes)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
