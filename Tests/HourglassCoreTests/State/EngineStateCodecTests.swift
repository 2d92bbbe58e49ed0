import HourglassCore
import Testing

@Suite struct EngineStateCodecTests {
    @Test func decodeThenEncodeIsTheIdentity() throws {
        for state in [
            SharedRun.run.state, EngineState.initial(config: .momentumBaseline, startHourTs: SharedRun.start),
        ] {
            let bytes = state.canonicalBytes
            let decoded = try EngineState.decode(canonical: bytes)
            #expect(decoded == state)
            #expect(decoded.canonicalBytes == bytes)
            #expect(decoded.sha256 == state.sha256)
        }
        print("state bytes: final \(SharedRun.run.state.canonicalBytes.count), max \(SharedRun.run.stateBytesMax)")
    }

    @Test func truncatedOrTrailingBytesAreRefused() {
        let bytes = SharedRun.run.state.canonicalBytes
        #expect(throws: CodecError.self) { try EngineState.decode(canonical: Array(bytes.dropLast())) }
        #expect(throws: CodecError.self) { try EngineState.decode(canonical: bytes + [0]) }
    }

    @Test func stateSizeIsBoundedByTheFeatureWindows() {
        let windows = FeatureWindows.default
        let doublesPerSymbol = windows.closeCapacity + windows.rangeCapacity + 3 * windows.shortCapacity
        #expect(SharedRun.run.stateBytesMax < 5 * doublesPerSymbol * 8 + 16_000)
    }
}
