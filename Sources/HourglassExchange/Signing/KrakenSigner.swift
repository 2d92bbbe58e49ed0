import Crypto
import Foundation

/// Signs Kraken private REST calls: `API-Sign = base64(HMAC-SHA512(base64-decoded secret,
/// URI path + SHA-256(nonce + POST data)))`, as Kraken's "Spot REST Authentication" guide defines it.
///
/// The secret is held as a symmetric key and never printed: `description` names the type only.
public struct KrakenSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    // Raw key bytes: SymmetricKey is not Sendable, so it is rebuilt per signature.
    private let keyBytes: [UInt8]

    /// Creates a signer from the base64 private key Kraken issues.
    /// - Throws: `KrakenConfigurationError.invalidSecret` when the text is not base64 (the
    ///   message never repeats the text).
    public init(secretBase64: String) throws(KrakenConfigurationError) {
        let trimmed = secretBase64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let bytes = Data(base64Encoded: trimmed) else { throw .invalidSecret }
        keyBytes = Array(bytes)
    }

    /// The `API-Sign` value for one request.
    /// - Parameters:
    ///   - path: the URI path starting at `/0/private/` (e.g. `/0/private/AddOrder`).
    ///   - nonce: the nonce exactly as written in the POST data.
    ///   - postData: the form-encoded body exactly as sent.
    public func signature(path: String, nonce: String, postData: String) -> String {
        let inner = SHA256.hash(data: Data((nonce + postData).utf8))
        var message = Data(path.utf8)
        message.append(contentsOf: inner)
        let mac = HMAC<SHA512>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes))
        return Data(mac).base64EncodedString()
    }

    /// True when `candidate` is the signature of this request (constant-time comparison).
    public func verify(_ candidate: String, path: String, nonce: String, postData: String) -> Bool {
        let expected = Array(signature(path: path, nonce: nonce, postData: postData).utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    public var description: String { "KrakenSigner(secret: <redacted>)" }
    public var debugDescription: String { description }
}
