/// Takes a DSN's password out of text libpq wrote about that DSN. libpq's parse errors quote the
/// token they stopped at (`invalid percent-encoded token: "pass%zz"`) and sometimes the whole
/// URI, so a malformed DSN would otherwise print its password in the error.
enum DSNRedaction {
    /// What stands in for a password.
    static let mask = "[password hidden]"

    /// `message` with the DSN (when it carries a password) and every password candidate in it
    /// replaced by `mask`, longest first.
    static func redact(_ message: String, dsn: String) -> String {
        let secrets = passwordCandidates(in: dsn)
        guard !secrets.isEmpty else { return message }
        var text = replacing(dsn, in: message)
        for secret in secrets.sorted(by: { $0.count > $1.count }) { text = replacing(secret, in: text) }
        return text
    }

    /// Every text that may be the password: a URI's `user:password@` (raw and percent-decoded, up to
    /// the first and the last `@`) and every `password=` value (quoted or not, in key=value or query).
    static func passwordCandidates(in dsn: String) -> [String] {
        var found: [String] = []
        for scheme in ["postgresql://", "postgres://"] where dsn.hasPrefix(scheme) {
            let rest = Substring(dsn.dropFirst(scheme.count))
            for at in [rest.firstIndex(of: "@"), rest.lastIndex(of: "@")].compactMap({ $0 }) {
                let userinfo = rest[..<at]
                if let colon = userinfo.firstIndex(of: ":") {
                    found.append(String(userinfo[userinfo.index(after: colon)...]))
                }
            }
        }
        var search = Substring(dsn)
        while let range = search.range(of: "password=") {
            var value = search[range.upperBound...]
            if value.first == "'" {
                value = value.dropFirst()
                found.append(String(value.prefix { $0 != "'" }))
            }
            found.append(String(value.prefix { $0 != " " && $0 != "&" && $0 != "\t" && $0 != "\n" }))
            search = value
        }
        found += found.map(percentDecoded)
        return Array(Set(found.filter { !$0.isEmpty })).sorted()
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func replacing(_ secret: String, in text: String) -> String {
        guard !secret.isEmpty else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: secret) {
            result += rest[..<range.lowerBound] + mask
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    /// The first range of `needle` (Store has no Foundation).
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
