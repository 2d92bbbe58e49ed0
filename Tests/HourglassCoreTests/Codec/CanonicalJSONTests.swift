import Testing

@testable import HourglassCore

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    // MARK: Writing

    @Test func keysAreSortedByUTF8Bytes() {
        let value = JSONValue.object([
            "b": .int(1), "a": .int(2), "B": .int(3), "aa": .int(4), "é": .int(5), "z": .int(6), "": .int(7),
        ])
        #expect(value.canonicalText == #"{"":7,"B":3,"a":2,"aa":4,"b":1,"z":6,"é":5}"#)
    }

    @Test func nestedValuesHaveNoWhitespace() {
        let value = JSONValue.object([
            "list": .array([.null, .bool(true), .bool(false), .int(-3), .array([]), .object([:])]),
            "inner": .object(["y": .string("x"), "x": .string("y")]),
        ])
        #expect(value.canonicalText == #"{"inner":{"x":"y","y":"x"},"list":[null,true,false,-3,[],{}]}"#)
        #expect(value.canonicalBytes == Array(value.canonicalText.utf8))
    }

    @Test(
        "strings escape exactly what JSON requires",
        arguments: [
            ("plain", #""plain""#),
            ("quote\"back\\slash", #""quote\"back\\slash""#),
            ("line\nreturn\rtab\t", #""line\nreturn\rtab\t""#),
            ("\u{01}\u{1F}", #""\u0001\u001f""#),
            ("\u{08}\u{0C}", #""\u0008\u000c""#),
            ("del\u{7F}/slash", "\"del\u{7F}/slash\""),
            ("é ✓ 😀", "\"é ✓ 😀\""),
            ("\u{0}", #""\u0000""#),
        ] as [(String, String)])
    func stringEscapes(value: String, text: String) throws {
        #expect(JSONValue.string(value).canonicalText == text)
        #expect(try JSONValue.parse(text) == .string(value))
    }

    @Test(
        "doubles are written in shortest round-trip form",
        arguments: [
            (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"), (2.0, "2"), (-2.0, "-2"), (-0.0, "0"),
            (1e15, "1000000000000000.0"),
            (2e16, "2e+16"), (1e-7, "1e-07"), (123456789012345.6, "123456789012345.6"), (-1.5, "-1.5"),
            (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ] as [(Double, String)])
    func doubles(value: Double, text: String) {
        #expect(JSONValue.double(value).canonicalText == text)
    }

    @Test func nonFiniteDoublesBecomeStrings() {
        #expect(JSONValue.double(.nan).canonicalText == #""NaN""#)
        #expect(JSONValue.double(.infinity).canonicalText == #""Infinity""#)
        #expect(JSONValue.double(-.infinity).canonicalText == #""-Infinity""#)
    }

    @Test func exactValuesAreStrings() {
        #expect(JSONValue.decimal(TestSupport.decimal("42000.50")).canonicalText == #""42000.5""#)
        #expect(JSONValue.timestamp(UTCTimestamp(secondsSinceEpoch: 0)).canonicalText == #""1970-01-01T00:00:00Z""#)
        #expect(JSONValue.hash(.zero).canonicalText == "\"" + String(repeating: "0", count: 64) + "\"")
        #expect(JSONValue.int(.min).canonicalText == "-9223372036854775808")
    }

    @Test func prettyTextKeepsTheCanonicalOrder() throws {
        let value = JSONValue.object(["b": .array([.int(1), .int(2)]), "a": .object([:])])
        #expect(value.prettyText == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ]\n}")
        #expect(try JSONValue.parse(value.prettyText) == value)
    }

    @Test func subscriptReadsObjectMembers() {
        let value = JSONValue.object(["a": .int(1)])
        #expect(value["a"] == .int(1))
        #expect(value["b"] == nil)
        #expect(JSONValue.int(1)["a"] == nil)
    }

    // MARK: Parsing round trip

    static let roundTripValues: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(.max), .int(.min), .double(0.1), .double(-2.5e-8),
        .double(1e300), .double(1e15), .string(""), .string("a\"b\\c\n\u{1}é😀"), .array([]), .object([:]),
        .object([
            "account_id": .string("acct-1"), "equity": .decimal(TestSupport.decimal("100000.25")),
            "input_events": .object(["count": .int(24), "sha256": .hash(.zero)]),
            "verdicts": .array([.object(["kind": .string("APPROVE"), "n": .int(3)]), .null]),
            "ratio": .double(0.30000000000000004), "kill_switch": .bool(false),
        ]),
        BarRecorded(bar: TestSupport.sampleBar()).json,
    ]

    @Test("parse(canonicalText) == value", arguments: roundTripValues.indices)
    func roundTrip(index: Int) throws {
        let value = Self.roundTripValues[index]
        #expect(try JSONValue.parse(value.canonicalText) == value)
        #expect(try JSONValue.parse(value.canonicalBytes) == value)
    }

    @Test func integralDoublesComeBackAsIntegersWithTheSameText() throws {
        // The writer prints 2.0 as `2`, which a reader cannot tell from an integer. The canonical
        // text is still a fixed point, which is what hashes depend on.
        for value in [JSONValue.double(2.0), .double(-0.0), .array([.double(7.0)])] {
            let parsed = try JSONValue.parse(value.canonicalText)
            #expect(parsed.canonicalText == value.canonicalText)
        }
        #expect(try JSONValue.parse("2") == .int(2))
    }

    // MARK: Parsing accepted input

    @Test(
        "numbers",
        arguments: [
            ("0", JSONValue.int(0)), ("-0", .int(0)), ("42", .int(42)), ("-42", .int(-42)),
            ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
            ("9223372036854775808", .double(9223372036854775808.0)),
            ("-9223372036854775809", .double(-9223372036854775809.0)),
            ("1.5", .double(1.5)), ("-0.25", .double(-0.25)), ("1e3", .double(1000)), ("1E+3", .double(1000)),
            ("2.5e-3", .double(0.0025)), ("1.0", .double(1.0)), ("1e-400", .double(0)), ("0.1", .double(0.1)),
        ] as [(String, JSONValue)])
    func numbers(text: String, value: JSONValue) throws {
        #expect(try JSONValue.parse(text) == value)
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""\uD83D\uDE00x""#) == .string("😀x"))
        #expect(try JSONValue.parse(#""\u00e9\u2713\u0041""#) == .string("é✓A"))
        #expect(try JSONValue.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try JSONValue.parse(#""x\u0000y""#) == .string("x\u{0}y"))
    }

    @Test func whitespaceAroundTokens() throws {
        let text = " \t\r\n{ \"a\" : [ 1 , 2 ] ,\n\"b\":null }\n "
        #expect(try JSONValue.parse(text) == .object(["a": .array([.int(1), .int(2)]), "b": .null]))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONValue.parseDepthMax
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue.parse(text)
        var levels = 0
        while case .array(let inner) = value {
            levels += 1
            guard let first = inner.first else { break }
            value = first
        }
        #expect(levels == depth)
    }

    // MARK: Parsing refused input

    struct BadJSON: Sendable, CustomTestStringConvertible {
        let text: String
        let offset: Int
        let reason: JSONParseError.Reason
        var testDescription: String { text.debugDescription }
    }

    static let badInputs: [BadJSON] = [
        BadJSON(text: "", offset: 0, reason: .empty),
        BadJSON(text: "  \n ", offset: 4, reason: .empty),
        BadJSON(text: "{", offset: 1, reason: .unexpectedEnd(expected: "a string key")),
        BadJSON(text: "[1,", offset: 3, reason: .unexpectedEnd(expected: "a value")),
        BadJSON(text: "[1", offset: 2, reason: .unexpectedEnd(expected: "',' or ']'")),
        BadJSON(text: "[1,]", offset: 3, reason: .unexpectedCharacter(UInt8(ascii: "]"), expected: "a value")),
        BadJSON(
            text: #"{"a":1,}"#, offset: 7, reason: .unexpectedCharacter(UInt8(ascii: "}"), expected: "a string key")),
        BadJSON(
            text: #"{"a" 1}"#, offset: 5, reason: .unexpectedCharacter(UInt8(ascii: "1"), expected: "':' after the key")
        ),
        BadJSON(text: "{1:2}", offset: 1, reason: .unexpectedCharacter(UInt8(ascii: "1"), expected: "a string key")),
        BadJSON(text: "[1 2]", offset: 3, reason: .unexpectedCharacter(UInt8(ascii: "2"), expected: "',' or ']'")),
        BadJSON(text: "01", offset: 0, reason: .invalidNumber("leading zeros are not allowed")),
        BadJSON(text: "-01", offset: 0, reason: .invalidNumber("leading zeros are not allowed")),
        BadJSON(text: "1.", offset: 2, reason: .invalidNumber("expected a digit after the decimal point")),
        BadJSON(text: "1.e3", offset: 2, reason: .invalidNumber("expected a digit after the decimal point")),
        BadJSON(text: "-", offset: 1, reason: .invalidNumber("expected a digit after '-'")),
        BadJSON(text: "1e", offset: 2, reason: .invalidNumber("expected a digit in the exponent")),
        BadJSON(text: "1e+", offset: 3, reason: .invalidNumber("expected a digit in the exponent")),
        BadJSON(text: ".5", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "."), expected: "a value")),
        BadJSON(text: "+1", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "+"), expected: "a value")),
        BadJSON(text: "1e400", offset: 0, reason: .numberOutOfRange("1e400")),
        BadJSON(text: "-1e400", offset: 0, reason: .numberOutOfRange("-1e400")),
        BadJSON(text: "NaN", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "N"), expected: "a value")),
        BadJSON(text: "Infinity", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "I"), expected: "a value")),
        BadJSON(text: "tru", offset: 0, reason: .invalidLiteral),
        BadJSON(text: "nul", offset: 0, reason: .invalidLiteral),
        BadJSON(text: "fals3", offset: 0, reason: .invalidLiteral),
        BadJSON(
            text: "truex", offset: 4, reason: .unexpectedCharacter(UInt8(ascii: "x"), expected: "the end of the text")),
        BadJSON(
            text: "1 2", offset: 2, reason: .unexpectedCharacter(UInt8(ascii: "2"), expected: "the end of the text")),
        BadJSON(text: "'a'", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "'"), expected: "a value")),
        BadJSON(text: #""abc"#, offset: 0, reason: .unterminatedString),
        BadJSON(text: #""ab\"#, offset: 0, reason: .unterminatedString),
        BadJSON(text: #""a\x""#, offset: 2, reason: .invalidEscape(UInt8(ascii: "x"))),
        BadJSON(text: #""\u12""#, offset: 1, reason: .invalidUnicodeEscape),
        BadJSON(text: #""\u12G4""#, offset: 1, reason: .invalidUnicodeEscape),
        BadJSON(text: #""\ud800""#, offset: 1, reason: .unpairedSurrogate(0xD800)),
        BadJSON(text: #""\ud800\u0041""#, offset: 1, reason: .unpairedSurrogate(0xD800)),
        BadJSON(text: #""\udc00""#, offset: 1, reason: .unpairedSurrogate(0xDC00)),
        BadJSON(text: "\"a\tb\"", offset: 2, reason: .controlCharacterInString(0x09)),
        BadJSON(text: "\"a\nb\"", offset: 2, reason: .controlCharacterInString(0x0A)),
        BadJSON(text: #"{"a":1,"a":2}"#, offset: 7, reason: .duplicateKey("a")),
        BadJSON(text: #"{"a":{"b":1,"b":1}}"#, offset: 12, reason: .duplicateKey("b")),
        BadJSON(text: "\u{FEFF}{}", offset: 0, reason: .byteOrderMark),
        BadJSON(text: "/* c */ 1", offset: 0, reason: .unexpectedCharacter(UInt8(ascii: "/"), expected: "a value")),
        BadJSON(
            text: String(repeating: "[", count: JSONValue.parseDepthMax + 1), offset: JSONValue.parseDepthMax,
            reason: .nestingTooDeep(JSONValue.parseDepthMax)),
    ]

    @Test("refuses malformed JSON", arguments: badInputs)
    func refuses(input: BadJSON) {
        do {
            let value = try JSONValue.parse(input.text)
            Issue.record("accepted \(input.text.debugDescription) as \(value)")
        } catch {
            #expect(error.reason == input.reason)
            #expect(error.offset == input.offset)
            // The same text as bytes fails the same way.
            #expect(throws: error) { try JSONValue.parse(Array(input.text.utf8)) }
        }
    }

    @Test(
        "invalid UTF-8 bytes are refused",
        arguments: [
            ([0x22, 0xFF, 0x22], 1), ([0x22, 0xC3, 0x28, 0x22], 1), ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),
            ([0x7B, 0x7D, 0x80], 2),
        ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: JSONParseError(offset: offset, line: 1, column: offset + 1, reason: .invalidUTF8)) {
            try JSONValue.parse(bytes)
        }
    }

    @Test func errorsNameLineAndColumn() {
        let text = "{\n  \"a\": 1,\n  \"é\": tru\n}"
        do {
            _ = try JSONValue.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.reason == .invalidLiteral)
            #expect(error.description == "line 3, column 8: invalid literal; expected true, false or null")
        }
    }

    @Test func reasonsAreSentences() {
        #expect(JSONParseError.Reason.duplicateKey("a").description == #"duplicate key "a" in one object"#)
        #expect(
            JSONParseError.Reason.unexpectedCharacter(0x01, expected: "a value").description
                == "unexpected byte 0x01; expected a value")
        #expect(
            JSONParseError.Reason.unpairedSurrogate(0xD800).description
                == #"\uD800 is half of a UTF-16 surrogate pair without its other half"#)
        #expect(
            JSONParseError.Reason.controlCharacterInString(0x09).description
                == "control byte 0x09 inside a string must be escaped")
        #expect(JSONParseError.Reason.invalidEscape(UInt8(ascii: "x")).description.hasPrefix(#"invalid escape \x; "#))
    }

    // MARK: JSON Lines

    @Test func jsonLines() throws {
        let text = "{\"hour\":1}\r\n{\"hour\":2}\n  [3]  \n"
        #expect(
            try JSONValue.parseLines(Array(text.utf8)) == [
                .object(["hour": .int(1)]), .object(["hour": .int(2)]), .array([.int(3)]),
            ])
        #expect(try JSONValue.parseLines(Array("1\n2".utf8)) == [.int(1), .int(2)])
        #expect(try JSONValue.parseLines([]) == [])
    }

    @Test func jsonLinesRefuseBlankLinesAndSplitValues() {
        #expect(throws: JSONParseError(offset: 2, line: 2, column: 1, reason: .blankLine)) {
            try JSONValue.parseLines(Array("1\n\n2\n".utf8))
        }
        #expect(throws: JSONParseError(offset: 3, line: 1, column: 4, reason: .unexpectedEnd(expected: "a value"))) {
            try JSONValue.parseLines(Array("[1,\n2]\n".utf8))
        }
        #expect(
            throws: JSONParseError(
                offset: 7, line: 2, column: 5,
                reason: .unexpectedCharacter(UInt8(ascii: "x"), expected: "the end of the text"))
        ) {
            try JSONValue.parseLines(Array("{}\n[1] x\n".utf8))
        }
    }
}
