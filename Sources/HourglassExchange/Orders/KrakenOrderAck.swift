/// Kraken's answer to `AddOrder`: the order description and, unless it was only validated, its ids.
public struct KrakenOrderAck: Sendable, Hashable {
    /// Kraken's description (`buy 1.25000000 XBTUSD @ limit 27500.0`).
    public let description: String
    /// Transaction ids of the placed order; empty when `validate=true`.
    public let txids: [String]

    /// Creates an acknowledgement.
    public init(description: String, txids: [String]) {
        self.description = description
        self.txids = txids
    }

    /// True when Kraken only validated the order (no id was assigned).
    public var isValidationOnly: Bool { txids.isEmpty }

    /// Parses `{"descr": {"order": "…"}, "txid": ["OU22CG-KLAF2-FWUDD7"]}`; `txid` is absent on validate.
    public static func parse(_ result: KrakenJSON, validateOnly: Bool) throws(KrakenError) -> KrakenOrderAck {
        let description = try result.member("descr").member("order").string()
        var txids: [String] = []
        if let list = try result.optionalMember("txid") {
            for element in try list.array() { txids.append(try element.string()) }
        }
        if !validateOnly && txids.isEmpty { throw result.malformed("a placed order has no txid") }
        return KrakenOrderAck(description: description, txids: txids)
    }
}
