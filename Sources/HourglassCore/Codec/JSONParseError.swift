/// Why a JSON text was refused, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong at the offending position.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The text holds nothing but whitespace.
        case empty
        /// The text ended while `expected` was still needed.
        case unexpectedEnd(expected: String)
        /// A byte that cannot appear here; `expected` says what could.
        case unexpectedCharacter(UInt8, expected: String)
        /// A word that starts like `true`, `false` or `null` but is not one.
        case invalidLiteral
        /// A number that breaks the JSON grammar; the text says which rule.
        case invalidNumber(String)
        /// A number too large for a `Double` (e.g. `1e400`).
        case numberOutOfRange(String)
        /// A string without its closing quote.
        case unterminatedString
        /// A backslash followed by a byte that is not a JSON escape.
        case invalidEscape(UInt8)
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A `\u` escape of half a UTF-16 surrogate pair.
        case unpairedSurrogate(UInt16)
        /// A raw control byte (below 0x20) inside a string.
        case controlCharacterInString(UInt8)
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// A UTF-8 byte-order mark at the start.
        case byteOrderMark
        /// The same key twice in one object.
        case duplicateKey(String)
        /// Arrays and objects nested deeper than `JSONValue.parseDepthMax`.
        case nestingTooDeep(Int)
        /// An empty line inside JSON Lines text.
        case blankLine

        public var description: String {
            switch self {
            case .empty: return "no JSON value: the text is empty"
            case .unexpectedEnd(let expected): return "the text ends where \(expected) was expected"
            case .unexpectedCharacter(let byte, let expected):
                return "unexpected \(Self.show(byte)); expected \(expected)"
            case .invalidLiteral: return "invalid literal; expected true, false or null"
            case .invalidNumber(let rule): return "invalid number: \(rule)"
            case .numberOutOfRange(let text): return "number \(text) is outside the range of a 64-bit double"
            case .unterminatedString: return "string has no closing quote"
            case .invalidEscape(let byte):
                return
                    "invalid escape \\\(Self.show(byte, quoted: false)); JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
            case .invalidUnicodeEscape: return "\\u must be followed by four hex digits"
            case .unpairedSurrogate(let unit):
                return "\\u\(Self.hex4(unit)) is half of a UTF-16 surrogate pair without its other half"
            case .controlCharacterInString(let byte):
                return "control byte 0x\(Self.hex4(UInt16(byte)).suffix(2)) inside a string must be escaped"
            case .invalidUTF8: return "bytes are not valid UTF-8"
            case .byteOrderMark: return "a byte-order mark is not allowed; save the file as UTF-8 without BOM"
            case .duplicateKey(let key): return "duplicate key \"\(key)\" in one object"
            case .nestingTooDeep(let limit): return "arrays and objects nest deeper than \(limit) levels"
            case .blankLine: return "blank line; JSON Lines holds one value on every line"
            }
        }

        static func show(_ byte: UInt8, quoted: Bool = true) -> String {
            if byte >= 0x20 && byte < 0x7F {
                let character = String(UnicodeScalar(byte))
                return quoted ? "'\(character)'" : character
            }
            return "byte 0x\(hex4(UInt16(byte)).suffix(2))"
        }

        static func hex4(_ value: UInt16) -> String {
            let digits = Array("0123456789ABCDEF".utf8)
            let bytes = [12, 8, 4, 0].map { digits[Int((value >> UInt16($0)) & 0xF)] }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// 0-based byte offset of the offending position in the whole text.
    public let offset: Int
    /// 1-based line of that position.
    public let line: Int
    /// 1-based column of that position, in Unicode scalars from the start of the line.
    public let column: Int
    /// What was wrong.
    public let reason: Reason

    /// Creates an error.
    public init(offset: Int, line: Int, column: Int, reason: Reason) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line L, column C: REASON`.
    public var description: String { "line \(line), column \(column): \(reason)" }
}
