import Testing

@testable import HourglassCore

/// Committed byte vectors for the persisted and hashed encodings.
///
/// These bytes are stored in the log and chained by hash, so they must never change by accident.
/// If one of these tests fails, the encoding changed. A deliberate format change must bump the
/// payload's `formatVersion` (or the header's version byte), keep a decoder for the old version,
/// and only then regenerate these vectors from the new code.
@Suite("Golden vectors")
struct GoldenVectorTests {
    static let bar = TestSupport.sampleBar()

    static let marketHeader = EventHeader(
        seq: 1, stream: Bar.stream(exchange: "kraken"), streamVersion: 1, runId: nil, accountId: nil,
        hourTs: bar.openTs, eventType: .barRecorded,
        payloadSha256: Hash256.of(BarRecorded(bar: bar).canonicalBytes))

    static let runHeader = EventHeader(
        seq: 9_000_000_001, stream: "run.6f1c2d3e-0000-4000-8000-00000000abcd", streamVersion: 300,
        runId: "6f1c2d3e-0000-4000-8000-00000000abcd", accountId: "acct-1",
        hourTs: TestSupport.timestamp("2026-01-01T00:00:00Z"), eventType: .barRecorded,
        payloadSha256: Hash256.zero)

    @Test func barRecordedBytes() {
        let bytes = BarRecorded(bar: Self.bar).canonicalBytes
        #expect(
            TestSupport.hex(bytes)
                == "01066b72616b656e075842542f555344808290d90ca03880a09caeeece9b95018080da90c3eec895018090e9d7f6e1849501808896b6b597b29501e4bff1bccece05"
        )
        #expect(Hash256.of(bytes).hex == "c5573622475f46567e3d169349f856861a911e282b2bb37bcffee89a462ad778")
    }

    @Test func eventHeaderBytes() {
        #expect(
            TestSupport.hex(Self.marketHeader.canonicalBytes)
                == "01020d6d61726b65742e6b72616b656e02000001808290d90c0b4261725265636f72646564")
        #expect(
            TestSupport.hex(Self.runHeader.canonicalBytes)
                == "0182e88887432872756e2e36663163326433652d303030302d343030302d383030302d303030303030303061626364d804012436663163326433652d303030302d343030302d383030302d3030303030303030616263640106616363742d310180e4ad950d0b4261725265636f72646564"
        )
        var bare = Self.marketHeader
        bare.hourTs = nil
        #expect(
            TestSupport.hex(bare.canonicalBytes) == "01020d6d61726b65742e6b72616b656e020000000b4261725265636f72646564")
    }

    @Test func chainHashes() {
        var previous = Hash256.zero
        var chain: [String] = []
        for hour in Int64(0)..<3 {
            let bar = TestSupport.sampleBar(hour: hour)
            let header = EventHeader(
                seq: hour + 1, stream: Bar.stream(exchange: bar.exchange), streamVersion: hour + 1, runId: nil,
                accountId: nil, hourTs: bar.openTs, eventType: .barRecorded,
                payloadSha256: Hash256.of(BarRecorded(bar: bar).canonicalBytes))
            previous = header.chainHash(previous: previous)
            chain.append(previous.hex)
        }
        #expect(
            chain == [
                "3cf8a8dd5eddec1d43c0a8910d5821c471a7766d4b6e7c3db036f6f5deaa0fc8",
                "eeac9ad607e51135bb23cd74cc3e87a712a1d2130f0fab80c8340559409d2de8",
                "5bfd719bfaa43962e4795d78370733beae83260cc40ea10e54879c57592820d9",
            ])
    }

    @Test func barJSONText() {
        let text = BarRecorded(bar: Self.bar).json.canonicalText
        #expect(
            text
                == #"{"close":"42050.125","exchange":"kraken","high":"42100","interval_seconds":3600,"low":"41950.25","open":"42000.5","symbol":"XBT/USD","ts_utc":"2024-01-01T00:00:00Z","volume":"12.345678901234"}"#
        )
        #expect(Hash256.of(Array(text.utf8)).hex == "49b934e4feb73489c7dbd336c3b8d5e3b61a024b3c773a76b314c81b5bc50fc1")
    }

    @Test func hashOfKnownInputs() {
        // Pins the SHA-256 dependency itself (FIPS 180-2 test vector for "abc").
        #expect(Hash256.of(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hash256.of([UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
