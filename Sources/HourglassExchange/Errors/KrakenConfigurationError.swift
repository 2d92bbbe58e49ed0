/// Why the adapter cannot be configured: missing or unreadable credentials, a bad URL, a nonce file
/// that cannot be used. Messages name the setting to fix and never contain a key or a secret.
public enum KrakenConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No key or no secret was found anywhere.
    case missingCredentials(missing: String)
    /// The secret is not base64 text.
    case invalidSecret
    /// The secrets file could not be read.
    case secretsFileUnreadable(path: String, reason: String)
    /// A line of the secrets file is not `key=…` or `secret=…`.
    case secretsFileLine(path: String, line: Int, reason: String)
    /// `HOURGLASS_KRAKEN_URL` is not an `http(s)://host[:port]` URL.
    case invalidBaseURL(String)
    /// The nonce file cannot be opened, locked, read or written.
    case nonceFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingCredentials(let missing):
            return "no Kraken \(missing): set HOURGLASS_KRAKEN_KEY and HOURGLASS_KRAKEN_SECRET, "
                + "or pass --secrets-file PATH with key= and secret= lines"
        case .invalidSecret:
            return "the Kraken secret is not base64 text; copy the private key exactly as Kraken shows it"
        case .secretsFileUnreadable(let path, let reason):
            return "\(path): cannot read the secrets file: \(reason)"
        case .secretsFileLine(let path, let line, let reason):
            return "\(path), line \(line): \(reason); the file holds key=… and secret=… lines"
        case .invalidBaseURL(let value):
            return "HOURGLASS_KRAKEN_URL \"\(value)\" is not an http:// or https:// URL with a host"
        case .nonceFile(let path, let reason):
            return "\(path): nonce file: \(reason)"
        }
    }
}
