extension JSONValue {
    /// Deepest nesting of arrays and objects accepted: configs and manifests are a few levels
    /// deep, and a bound keeps hostile input from exhausting the stack.
    public static let parseDepthMax = 128

    /// Parses one JSON value (RFC 8259), strictly.
    ///
    /// Objects become `[String: JSONValue]` and a repeated key is refused. A number without
    /// fraction or exponent that fits `Int64` becomes `.int`; every other number becomes `.double`
    /// (parsed by `Double(String)`, which ignores locale), and one beyond the double range is
    /// refused. Refused as well: trailing commas, comments, `NaN`/`Infinity`, leading zeros,
    /// unescaped control bytes, unpaired surrogates, and anything after the value.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            do throws(JSONParseError) { return .success(try parseDocument(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one JSON value from UTF-8 bytes, refusing bytes that are not UTF-8.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONParseError) {
                try validateEncoding(buffer)
                return .success(try parseDocument(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses JSON Lines: one value per line, `\n` or `\r\n` line ends, an optional final
    /// newline. A blank line elsewhere is refused; error positions count from the start of `bytes`.
    public static func parseLines(_ bytes: [UInt8]) throws(JSONParseError) -> [JSONValue] {
        let result: Result<[JSONValue], JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONParseError) {
                try validateEncoding(buffer)
                return .success(try parseLineValues(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func validateEncoding(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
        if let offset = UTF8Validation.firstInvalidOffset(buffer) {
            throw JSONParser(buffer, start: 0, end: buffer.count).error(.invalidUTF8, at: offset)
        }
    }

    static func parseDocument(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(buffer, start: 0, end: buffer.count)
        if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            throw parser.error(.byteOrderMark, at: 0)
        }
        parser.skipWhitespace()
        if parser.index == parser.end { throw parser.error(.empty, at: parser.index) }
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    static func parseLineValues(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [JSONValue] {
        var values: [JSONValue] = []
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && buffer[end] != 0x0A { end += 1 }
            let next = end < buffer.count ? end + 1 : end
            if end > start && buffer[end - 1] == 0x0D { end -= 1 }
            var parser = JSONParser(buffer, start: start, end: end)
            parser.skipWhitespace()
            if parser.index == end { throw parser.error(.blankLine, at: start) }
            values.append(try parser.parseValue())
            try parser.expectEnd()
            start = next
        }
        return values
    }
}

/// A recursive-descent JSON reader over `buffer[start..<end]`; error positions are reported
/// against the whole buffer.
struct JSONParser {
    let buffer: UnsafeBufferPointer<UInt8>
    let end: Int
    var index: Int
    var depth = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.buffer = buffer
        self.index = start
        self.end = end
    }

    func error(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        var line = 1
        var column = 1
        for position in 0..<Swift.min(offset, buffer.count) {
            let byte = buffer[position]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(offset: offset, line: line, column: column, reason: reason)
    }

    mutating func skipWhitespace() {
        while index < end {
            switch buffer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        if index < end { throw error(.unexpectedCharacter(buffer[index], expected: "the end of the text"), at: index) }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < end else { throw error(.unexpectedEnd(expected: "a value"), at: index) }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.unexpectedCharacter(buffer[index], expected: "a value"), at: index)
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > JSONValue.parseDepthMax { throw error(.nestingTooDeep(JSONValue.parseDepthMax), at: index) }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < end && buffer[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < end else { throw error(.unexpectedEnd(expected: "a string key"), at: index) }
            guard buffer[index] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter(buffer[index], expected: "a string key"), at: index)
            }
            let keyOffset = index
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "':' after the key")
            let value = try parseValue()
            if members.updateValue(value, forKey: key) != nil { throw error(.duplicateKey(key), at: keyOffset) }
            if try separatorOrClose(UInt8(ascii: "}"), "',' or '}'") { break }
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if index < end && buffer[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(values)
        }
        while true {
            values.append(try parseValue())
            if try separatorOrClose(UInt8(ascii: "]"), "',' or ']'") { break }
        }
        depth -= 1
        return .array(values)
    }

    /// Consumes `,` (returns false: another element follows) or `close` (returns true).
    mutating func separatorOrClose(_ close: UInt8, _ expected: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < end else { throw error(.unexpectedEnd(expected: expected), at: index) }
        let byte = buffer[index]
        index += 1
        if byte == close { return true }
        if byte == UInt8(ascii: ",") { return false }
        throw error(.unexpectedCharacter(byte, expected: expected), at: index - 1)
    }

    mutating func expect(_ byte: UInt8, _ expected: String) throws(JSONParseError) {
        skipWhitespace()
        guard index < end else { throw error(.unexpectedEnd(expected: expected), at: index) }
        guard buffer[index] == byte else {
            throw error(.unexpectedCharacter(buffer[index], expected: expected), at: index)
        }
        index += 1
    }

    mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = index
        let length = word.utf8CodeUnitCount
        guard end - index >= length else { throw error(.invalidLiteral, at: start) }
        let matches = word.withUTF8Buffer { expected in
            for offset in 0..<length where buffer[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw error(.invalidLiteral, at: start) }
        index += length
    }
}

extension JSONParser {
    /// Reads a string starting at its opening quote. The buffer is already known to be UTF-8.
    mutating func parseString() throws(JSONParseError) -> String {
        let quoteOffset = index
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string.
        while index < end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(index - 1)]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error(.controlCharacterInString(byte), at: index) }
            index += 1
        }
        if index == end { throw error(.unterminatedString, at: quoteOffset) }
        var bytes = [UInt8](UnsafeBufferPointer(rebasing: buffer[start..<index]))
        while index < end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if byte < 0x20 { throw error(.controlCharacterInString(byte), at: index) }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &bytes, quoteOffset: quoteOffset)
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        throw error(.unterminatedString, at: quoteOffset)
    }

    /// Reads one escape sequence at `index` (the backslash) and appends its UTF-8 bytes.
    mutating func parseEscape(into bytes: inout [UInt8], quoteOffset: Int) throws(JSONParseError) {
        let escapeOffset = index
        guard index + 1 < end else { throw error(.unterminatedString, at: quoteOffset) }
        let byte = buffer[index + 1]
        index += 2
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4(escapeOffset)
            var scalarValue = UInt32(unit)
            if unit >= 0xDC00 && unit <= 0xDFFF { throw error(.unpairedSurrogate(unit), at: escapeOffset) }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard index + 1 < end, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
                else {
                    throw error(.unpairedSurrogate(unit), at: escapeOffset)
                }
                let lowOffset = index
                index += 2
                let low = try parseHex4(lowOffset)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw error(.unpairedSurrogate(unit), at: escapeOffset) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            // Surrogates were excluded above, so the value is always a valid scalar.
            guard let scalar = Unicode.Scalar(scalarValue) else { throw error(.invalidUnicodeEscape, at: escapeOffset) }
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw error(.invalidEscape(byte), at: escapeOffset)
        }
    }

    /// Reads four hex digits at `index` for the `\u` escape that starts at `escapeOffset`.
    mutating func parseHex4(_ escapeOffset: Int) throws(JSONParseError) -> UInt16 {
        guard end - index >= 4 else { throw error(.invalidUnicodeEscape, at: escapeOffset) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x41 + 10
            default: throw error(.invalidUnicodeEscape, at: escapeOffset)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// Reads a number per the JSON grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = buffer[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < end, isDigit(buffer[index]) else {
            throw error(.invalidNumber("expected a digit after '-'"), at: index)
        }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
            if index < end && isDigit(buffer[index]) {
                throw error(.invalidNumber("leading zeros are not allowed"), at: start)
            }
        } else {
            while index < end && isDigit(buffer[index]) { index += 1 }
        }
        let integerEnd = index
        var isInteger = true
        if index < end && buffer[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < end, isDigit(buffer[index]) else {
                throw error(.invalidNumber("expected a digit after the decimal point"), at: index)
            }
            while index < end && isDigit(buffer[index]) { index += 1 }
        }
        if index < end && (buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < end && (buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < end, isDigit(buffer[index]) else {
                throw error(.invalidNumber("expected a digit in the exponent"), at: index)
            }
            while index < end && isDigit(buffer[index]) { index += 1 }
        }
        if isInteger, let value = int64(digitsFrom: negative ? start + 1 : start, to: integerEnd, negative: negative) {
            return .int(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error(.numberOutOfRange(text), at: start) }
        return .double(value)
    }

    /// The decimal digits in `from..<to` as an `Int64`, or nil when the value does not fit.
    func int64(digitsFrom from: Int, to: Int, negative: Bool) -> Int64? {
        // Accumulate downward so Int64.min, whose magnitude has no positive Int64, fits.
        var value: Int64 = 0
        for position in from..<to {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(buffer[position] - 0x30))
            if overflowA || overflowB { return nil }
            value = next
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
