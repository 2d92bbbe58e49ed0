import Foundation

/// A Kraken API key pair. The secret never leaves this type except as signatures: `description`,
/// `debugDescription` and every error name the key's source, never its value.
public struct KrakenCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The public key, sent as `API-Key`.
    public let apiKey: String
    /// Signs requests with the private key.
    public let signer: KrakenSigner
    /// Where the pair came from (`environment`, or the secrets file's path), for messages.
    public let source: String

    /// Creates credentials from a key and a base64 secret.
    public init(apiKey: String, secretBase64: String, source: String) throws(KrakenConfigurationError) {
        let key = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw .missingCredentials(missing: "API key") }
        self.apiKey = key
        signer = try KrakenSigner(secretBase64: secretBase64)
        self.source = source
    }

    /// Loads the pair from `--secrets-file PATH` when given, else from `HOURGLASS_KRAKEN_KEY` and
    /// `HOURGLASS_KRAKEN_SECRET`.
    ///
    /// The file holds `key=…` and `secret=…` lines; blank lines and `#` comments are ignored.
    /// - Throws: `KrakenConfigurationError.missingCredentials` saying what to set when nothing is found.
    public static func load(environment: [String: String], secretsFile: String?) throws(KrakenConfigurationError)
        -> KrakenCredentials
    {
        if let secretsFile { return try fromFile(secretsFile) }
        let key = environment["HOURGLASS_KRAKEN_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["HOURGLASS_KRAKEN_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil): throw .missingCredentials(missing: "API key and secret")
        case (nil, _): throw .missingCredentials(missing: "API key")
        case (_, nil): throw .missingCredentials(missing: "API secret")
        case (let key?, let secret?):
            return try KrakenCredentials(apiKey: key, secretBase64: secret, source: "environment")
        }
    }

    /// Reads a secrets file.
    public static func fromFile(_ path: String) throws(KrakenConfigurationError) -> KrakenCredentials {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .secretsFileUnreadable(path: path, reason: "it does not exist or is not UTF-8 text")
        }
        var key: String?
        var secret: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .secretsFileLine(path: path, line: index + 1, reason: "no '=' on the line")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            switch name {
            case "key": key = value
            case "secret": secret = value
            default:
                // Never echo the line: it may be a pasted secret.
                throw .secretsFileLine(path: path, line: index + 1, reason: "expected key=… or secret=…")
            }
        }
        guard let key, !key.isEmpty else { throw .missingCredentials(missing: "API key (no key= line in \(path))") }
        guard let secret, !secret.isEmpty else {
            throw .missingCredentials(missing: "API secret (no secret= line in \(path))")
        }
        return try KrakenCredentials(apiKey: key, secretBase64: secret, source: path)
    }

    public var description: String { "KrakenCredentials(key: <redacted>, secret: <redacted>, source: \(source))" }
    public var debugDescription: String { description }
}
