import Testing

@testable import HourglassStore

/// A connection that fails never carries the DSN's password in its error, even when libpq's parse
/// error quotes the token it stopped at or the whole URI.
@Suite("DSN redaction")
struct DSNRedactionTests {
    static let secret = "Pw4Redaction"

    static let dsns = [
        "postgresql://user:\(secret)%zz@127.0.0.1:9/db",  // invalid percent-encoded token: "…"
        "postgresql://user:\(secret)@[::1/db",  // … in IPv6 host address in URI: "<the URI>"
        "postgresql://user:\(secret)@127.0.0.1:9/db",  // connection refused
        "postgresql:///db?host=127.0.0.1&port=9&password=\(secret)%zz",
        "host=127.0.0.1 port=9 user=u password=\(secret)",
        "host=127.0.0.1 port=9 password='\(secret) and more' junk",
    ]

    @Test("the error names the problem but not the password", arguments: dsns)
    func passwordHidden(_ dsn: String) {
        do {
            _ = try PGConnection(dsn: dsn)
            Issue.record("connected with \(dsn)")
        } catch {
            #expect(!error.message.isEmpty)
            #expect(!error.description.contains(Self.secret), "\(error.description)")
            #expect(!error.debugDescription.contains(Self.secret), "\(error.debugDescription)")
        }
    }
}
