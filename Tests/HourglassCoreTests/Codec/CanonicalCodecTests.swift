import Testing

@testable import HourglassCore

@Suite("Canonical codec")
struct CanonicalCodecTests {
    private func encoded(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter()
        body(&writer)
        return writer.bytes
    }

    // MARK: Integers

    @Test(
        "LEB128 edge values",
        arguments: [
            (UInt64(0), [UInt8(0x00)]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
            (16_383, [0xFF, 0x7F]), (16_384, [0x80, 0x80, 0x01]), (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            (UInt64.max >> 1, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
            (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ] as [(UInt64, [UInt8])])
    func unsigned(value: UInt64, bytes: [UInt8]) throws {
        #expect(encoded { $0.write(unsigned: value) } == bytes)
        var reader = ByteReader(bytes)
        #expect(try reader.readUnsigned() == value)
        #expect(reader.isAtEnd)
    }

    @Test(
        "zigzag edge values",
        arguments: [
            (Int64(0), [UInt8(0x00)]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (63, [0x7E]), (-64, [0x7F]),
            (64, [0x80, 0x01]),
            (Int64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ] as [(Int64, [UInt8])])
    func signed(value: Int64, bytes: [UInt8]) throws {
        #expect(encoded { $0.write(signed: value) } == bytes)
        #expect(encoded { $0.write(int: Int(value)) } == bytes)
        var reader = ByteReader(bytes)
        #expect(try reader.readSigned() == value)
        #expect(reader.isAtEnd)
    }

    @Test(
        "decimal zigzag covers Int128",
        arguments: [
            (Int128(0), 1), (-1, 1), (1, 1), (1_000_000_000_000, 6), (Int128.max, 19), (Int128.min, 19),
            (Int128(Int64.min) * 4, 10),
        ] as [(Int128, Int)])
    func decimalRoundTrip(raw: Int128, length: Int) throws {
        let bytes = encoded { $0.write(decimal: FixedDecimal(raw: raw)) }
        #expect(bytes.count == length)
        var reader = ByteReader(bytes)
        #expect(try reader.readDecimal().raw == raw)
        #expect(reader.isAtEnd)
        // A value that fits 64 bits encodes exactly like the signed rule.
        if let small = Int64(exactly: raw) { #expect(bytes == encoded { $0.write(signed: small) }) }
    }

    @Test(
        "non-minimal integers are refused",
        arguments: [
            [UInt8(0x80), 0x00], [0xFF, 0x00], [0x81, 0x80, 0x00],
            [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
        ] as [[UInt8]])
    func nonMinimal(bytes: [UInt8]) {
        var unsignedReader = ByteReader(bytes)
        #expect(throws: CodecError.nonCanonicalInteger(offset: 0)) { try unsignedReader.readUnsigned() }
        var decimalReader = ByteReader(bytes)
        #expect(throws: CodecError.nonCanonicalInteger(offset: 0)) { try decimalReader.readDecimal() }
    }

    @Test func overlongIntegersOverflow() {
        var tenth = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02])
        #expect(throws: CodecError.integerOverflow(offset: 0)) { try tenth.readUnsigned() }
        var eleven = ByteReader([UInt8](repeating: 0xFF, count: 10) + [0x01])
        #expect(throws: CodecError.integerOverflow(offset: 0)) { try eleven.readUnsigned() }
        var wide = ByteReader([UInt8](repeating: 0xFF, count: 18) + [0x04])
        #expect(throws: CodecError.integerOverflow(offset: 0)) { try wide.readDecimal() }
    }

    // MARK: Other values

    @Test func doublesKeepTheirBitPattern() throws {
        #expect(encoded { $0.write(double: 1.0) } == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(encoded { $0.write(double: -0.0) } == [0x80, 0, 0, 0, 0, 0, 0, 0])
        let payloadNaN = Double(bitPattern: 0x7FF8_0000_0000_0123)
        for value in [0.1, -0.0, .infinity, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, payloadNaN] {
            var reader = ByteReader(encoded { $0.write(double: value) })
            #expect(try reader.readDouble().bitPattern == value.bitPattern)
        }
    }

    @Test func boolsAreOneByteZeroOrOne() throws {
        #expect(encoded { $0.write(bool: false) } == [0])
        #expect(encoded { $0.write(bool: true) } == [1])
        var reader = ByteReader([0, 1, 2])
        #expect(try reader.readBool() == false)
        #expect(try reader.readBool() == true)
        #expect(throws: CodecError.invalidBool(2, offset: 2)) { try reader.readBool() }
    }

    @Test func optionalsArraysStringsAndBlobs() throws {
        let bytes = encoded { writer in
            writer.write(optional: nil as Int64?) { $0.write(signed: $1) }
            writer.write(optional: Int64(-2)) { $0.write(signed: $1) }
            writer.write(array: ["b", "a"]) { $0.write(string: $1) }
            writer.write(blob: [0xDE, 0xAD])
            writer.write(string: "é")
            writer.write(timestamp: UTCTimestamp(secondsSinceEpoch: 1))
        }
        #expect(bytes == [0, 1, 0x03, 2, 1, 0x62, 1, 0x61, 2, 0xDE, 0xAD, 2, 0xC3, 0xA9, 0x02])
        var reader = ByteReader(bytes)
        #expect(try reader.readOptional { (r: inout ByteReader) throws(CodecError) in try r.readSigned() } == nil)
        #expect(try reader.readOptional { (r: inout ByteReader) throws(CodecError) in try r.readSigned() } == -2)
        #expect(try reader.readArray { (r: inout ByteReader) throws(CodecError) in try r.readString() } == ["b", "a"])
        #expect(try reader.readBlob() == [0xDE, 0xAD])
        #expect(try reader.readString() == "é")
        #expect(try reader.readTimestamp() == UTCTimestamp(secondsSinceEpoch: 1))
        try reader.expectEnd()
    }

    // MARK: Refusals

    @Test func truncationIsRefused() {
        var varint = ByteReader([0x80])
        #expect(throws: CodecError.truncated(needed: 1, offset: 1)) { try varint.readUnsigned() }
        var string = ByteReader([5, 0x61, 0x62, 0x63])
        #expect(throws: CodecError.truncated(needed: 2, offset: 1)) { try string.readString() }
        var double = ByteReader([0, 0, 0, 0, 0, 0, 0])
        #expect(throws: CodecError.truncated(needed: 1, offset: 7)) { try double.readDouble() }
        var empty = ByteReader([])
        #expect(throws: CodecError.truncated(needed: 1, offset: 0)) { try empty.readBool() }
    }

    @Test(
        "invalid UTF-8 is refused",
        arguments: [
            [UInt8(0xC3), 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82],
        ] as [[UInt8]])
    func invalidUTF8(text: [UInt8]) {
        var reader = ByteReader([UInt8(text.count)] + text)
        #expect(throws: CodecError.invalidUTF8(offset: 1)) { try reader.readString() }
    }

    @Test func lengthsAreBounded() {
        var writer = ByteWriter()
        writer.write(unsigned: UInt64(ByteReader.lengthMax) + 1)
        var reader = ByteReader(writer.bytes)
        #expect(throws: CodecError.lengthLimit("string", ByteReader.lengthMax + 1)) { try reader.readString() }
    }

    @Test func trailingBytesAndWrongVersionAreRefused() throws {
        let bytes = BarRecorded(bar: TestSupport.sampleBar()).canonicalBytes
        #expect(throws: CodecError.trailingBytes(1)) { try BarRecorded.decode(canonical: bytes + [0]) }
        #expect(throws: CodecError.unsupportedVersion("BarRecorded", 2)) {
            try BarRecorded.decode(canonical: [2] + bytes.dropFirst())
        }
        #expect(throws: CodecError.truncated(needed: 1, offset: 0)) { try BarRecorded.decode(canonical: []) }
    }

    // MARK: Every event type

    @Test func everyEventTypeHasSamples() {
        for type in EventType.allCases {
            let samples = DomainEventSamples.samples(for: type)
            #expect(!samples.isEmpty, "no sample for \(type.rawValue)")
            #expect(samples.allSatisfy { $0.eventType == type })
        }
    }

    @Test("decode → encode is the identity", arguments: DomainEventSamples.all.indices)
    func roundTrip(index: Int) throws {
        let event = DomainEventSamples.all[index]
        let bytes = event.canonicalBytes
        let decoded = try DomainEvent.decode(type: event.eventType, canonical: bytes)
        #expect(decoded == event)
        #expect(decoded.canonicalBytes == bytes)
        #expect(decoded.json == event.json)
    }

    @Test("every truncation and extension of an event is refused", arguments: DomainEventSamples.all.indices)
    func truncationsRefused(index: Int) {
        let event = DomainEventSamples.all[index]
        let bytes = event.canonicalBytes
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) {
                try DomainEvent.decode(type: event.eventType, canonical: Array(bytes[0..<length]))
            }
        }
        #expect(throws: CodecError.trailingBytes(1)) {
            try DomainEvent.decode(type: event.eventType, canonical: bytes + [0])
        }
    }

    @Test func eventTypeNamesAreStableAndUnique() {
        // The names are stored in the log and fed into the chain hash: never rename one.
        let names = EventType.allCases.map(\.rawValue)
        #expect(names.contains("BarRecorded"))
        #expect(Set(names).count == names.count)
        #expect(EventType.allCases.allSatisfy { EventType(rawValue: $0.rawValue) == $0 })
    }
}
