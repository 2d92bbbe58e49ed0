import Testing

@testable import HourglassCore

/// Seeded random inputs for the canonical decoder of every event type and of the engine state:
/// mutated sample payloads and random bytes. No input may crash (a trap ends the test process);
/// every failure is a `CodecError` (the decoders' typed throws), and every input that does decode
/// is canonical: it re-encodes to exactly the bytes it came from. CI runs 60,000 inputs; set
/// `HOURGLASS_FUZZ_INPUTS` for more (`Scripts/fuzz` runs 1,000,000 in a release build).
@Suite("Canonical decoder fuzz")
struct CanonicalDecoderFuzzTests {
    static let seed: UInt64 = 0x6867_6675_7A7A  // 'hgfuzz'

    @Test("mutated event payloads decode canonically or throw a CodecError")
    func eventPayloads() {
        let types = EventType.allCases
        let seeds = types.map { type in DomainEventSamples.samples(for: type).map(\.canonicalBytes) }
        var input = FuzzInput(seed: Self.seed)
        let inputs = FuzzInput.count(fallback: 60_000)
        var decoded = 0
        var refused = 0
        for index in 0..<inputs {
            let typeIndex = index % types.count
            let type = types[typeIndex]
            // One time in eight, another type's payload: the decoder must not accept it as this one.
            let pool = input.below(8) == 0 ? seeds[input.below(seeds.count)] : seeds[typeIndex]
            let bytes = input.mutate(pool[input.below(pool.count)])
            do throws(CodecError) {
                let event = try DomainEvent.decode(type: type, canonical: bytes)
                decoded += 1
                if event.canonicalBytes != bytes {
                    Issue.record(
                        "input \(index) (seed \(Self.seed)) decodes as \(type) but re-encodes differently: \(bytes)")
                    return
                }
            } catch {
                refused += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(decoded + refused == inputs)
        // The mutations must reach the decoder's failure paths, and not every input may fail.
        #expect(refused > inputs / 2)
        #expect(decoded > 0)
    }

    @Test("mutated engine-state snapshots decode canonically or throw a CodecError")
    func engineStates() throws {
        let seeds = try StateSamples.canonicalStates()
        var input = FuzzInput(seed: Self.seed ^ 0x5747)
        let inputs = max(1, FuzzInput.count(fallback: 60_000) / 20)
        var refused = 0
        for index in 0..<inputs {
            let bytes = input.mutate(seeds[input.below(seeds.count)])
            do throws(CodecError) {
                let state = try EngineState.decode(canonical: bytes)
                if state.canonicalBytes != bytes {
                    Issue.record(
                        "input \(index) decodes as an EngineState but re-encodes differently: \(bytes.count) bytes")
                    return
                }
            } catch {
                refused += 1
            }
        }
        #expect(refused > inputs / 2)
    }
}
