import Crypto
import Foundation
import HourglassCore

/// The client reference of one engine order, derived from (run id, hour, order id) alone, so the
/// same order gets the same reference after a retry, a restart or on another machine.
///
/// `clientOrderId` is a UUID-formatted `cl_ord_id` (version 8, RFC 9562's "custom" layout) built
/// from SHA-256 of the three parts; `userReference` is a positive `Int32` from the same digest, for
/// tools that filter by `userref`. Kraken enforces `cl_ord_id` uniqueness only among the account's
/// **open** orders, so a reference can be re-used once the order has closed: the adapter therefore
/// looks the reference up in open and closed orders before it ever re-sends (docs/DESIGN-NOTES.md).
public struct ClientOrderReference: Sendable, Hashable, CustomStringConvertible {
    /// The run that decided the order.
    public let runId: String
    /// The hour that decided it.
    public let hourTs: UTCTimestamp
    /// The engine's order id within the run.
    public let orderId: UInt64
    /// `cl_ord_id`: `xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx`, lower-case hex.
    public let clientOrderId: String
    /// A positive `userref` (1...Int32.max) from the same digest.
    public let userReference: Int32

    /// Derives the reference.
    public init(runId: String, hourTs: UTCTimestamp, orderId: UInt64) {
        self.runId = runId
        self.hourTs = hourTs
        self.orderId = orderId
        let text = "hourglass.order.v1\u{0}\(runId)\u{0}\(hourTs.secondsSinceEpoch)\u{0}\(orderId)"
        var digest = Array(SHA256.hash(data: Data(text.utf8)))
        digest[6] = (digest[6] & 0x0F) | 0x80
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = digest[0..<16].map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        clientOrderId = groups.joined(separator: "-")
        let word = UInt32(digest[16]) << 24 | UInt32(digest[17]) << 16 | UInt32(digest[18]) << 8 | UInt32(digest[19])
        userReference = Int32(word & 0x7FFF_FFFF) == 0 ? 1 : Int32(word & 0x7FFF_FFFF)
    }

    public var description: String { "\(clientOrderId) (run \(runId), hour \(hourTs), order \(orderId))" }
}
