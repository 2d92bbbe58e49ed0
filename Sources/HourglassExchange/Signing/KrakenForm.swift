/// An ordered `application/x-www-form-urlencoded` body: fields keep the order they were added in,
/// because the signature covers the exact bytes sent.
public struct KrakenForm: Sendable, Equatable {
    /// The fields, in order.
    public private(set) var fields: [(name: String, value: String)]

    /// Creates a form from fields in order.
    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    public static func == (lhs: KrakenForm, rhs: KrakenForm) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Appends a field.
    public mutating func append(_ name: String, _ value: String) { fields.append((name, value)) }

    /// The first value of `name`, if present.
    public func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The encoded body (`a=1&b=x%2Fy`).
    public var encoded: String {
        fields.map { Self.escape($0.name) + "=" + Self.escape($0.value) }.joined(separator: "&")
    }

    /// Parses an encoded body (`+` is a space); nil when an escape is broken.
    public static func parse(_ text: String) -> KrakenForm? {
        if text.isEmpty { return KrakenForm() }
        var form = KrakenForm()
        for part in text.split(separator: "&", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(String(pieces[0])) else { return nil }
            let value = pieces.count > 1 ? unescape(String(pieces[1])) : ""
            guard let value else { return nil }
            form.append(name, value)
        }
        return form
    }

    /// Percent-encodes everything but the RFC 3986 unreserved characters.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
