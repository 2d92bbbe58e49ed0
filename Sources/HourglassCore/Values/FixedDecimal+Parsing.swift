/// Why a decimal text was refused.
public enum DecimalParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidCharacter(UInt8, position: Int)
    case scientificNotation
    case notANumber
    case tooManyDecimals(Int)
    case tooManyIntegerDigits(Int)
    case missingDigits

    public var description: String {
        switch self {
        case .empty: return "empty value"
        case .invalidCharacter(let byte, let position):
            return
                "invalid character \(byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : "byte 0x\(String(byte, radix: 16))") at position \(position + 1)"
        case .scientificNotation: return "scientific notation is not accepted; write the plain decimal"
        case .notANumber: return "NaN or infinity is not a number"
        case .tooManyDecimals(let digits):
            return "\(digits) decimal places exceed the \(FixedDecimal.scaleDigits) that are kept exactly"
        case .tooManyIntegerDigits(let digits):
            return "\(digits) integer digits exceed the \(FixedDecimal.integerDigitsMax) allowed"
        case .missingDigits: return "no digits"
        }
    }
}

extension FixedDecimal {
    /// Parses plain decimal text (`-12.5`, `0.0001`, `122.0`) exactly; refuses anything it cannot keep.
    public static func parse(_ text: String) throws(DecimalParseError) -> FixedDecimal {
        var text = text
        let result: Result<FixedDecimal, DecimalParseError> = text.withUTF8 { buffer in
            do throws(DecimalParseError) { return .success(try parse(utf8: buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses plain decimal text from UTF-8 bytes; the fast path of CSV ingestion.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DecimalParseError) -> FixedDecimal {
        let count = bytes.count
        if count == 0 { throw .empty }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var whole: Int128 = 0
        var integerDigits = 0
        var fraction: Int128 = 0
        var fractionDigits = 0
        var seenPoint = false
        var pointIndex = 0
        var anyDigit = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                anyDigit = true
                let digit = Int128(byte - 0x30)
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > scaleDigits {
                        // Trailing zeros beyond the scale are harmless; other digits are not.
                        // Report every decimal written, not the count at the first bad digit
                        // (skipped zeros are not counted in fractionDigits).
                        if digit != 0 { throw .tooManyDecimals(digitRun(bytes, from: pointIndex + 1)) }
                        fractionDigits -= 1
                    } else {
                        fraction = fraction * 10 + digit
                    }
                } else {
                    if integerDigits > 0 || digit != 0 { integerDigits += 1 }
                    if integerDigits > integerDigitsMax { throw .tooManyIntegerDigits(integerDigits) }
                    whole = whole * 10 + digit
                }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                pointIndex = index
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                throw .scientificNotation
            } else if byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") || byte == UInt8(ascii: "i")
                || byte == UInt8(ascii: "I")
            {
                throw .notANumber
            } else {
                throw .invalidCharacter(byte, position: index)
            }
            index += 1
        }
        if !anyDigit { throw .missingDigits }
        let raw = whole * scaleFactor + fraction * pow10(scaleDigits - fractionDigits)
        return FixedDecimal(raw: negative ? -raw : raw)
    }

    /// The number of consecutive ASCII digits in `bytes` from `start`.
    static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
        return end - start
    }
}
