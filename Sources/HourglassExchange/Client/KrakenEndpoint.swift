/// A Kraken REST method this adapter calls, with its path and whether it is signed.
public enum KrakenEndpoint: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case time = "Time"
    case assetPairs = "AssetPairs"
    case ohlc = "OHLC"
    case ticker = "Ticker"
    case balance = "Balance"
    case addOrder = "AddOrder"
    case queryOrders = "QueryOrders"
    case openOrders = "OpenOrders"
    case closedOrders = "ClosedOrders"
    case cancelOrder = "CancelOrder"
    case tradesHistory = "TradesHistory"

    /// True for the methods under `/0/private/`, which need a key, a nonce and a signature.
    public var isPrivate: Bool {
        switch self {
        case .time, .assetPairs, .ohlc, .ticker: return false
        default: return true
        }
    }

    /// The URI path (`/0/public/Time`, `/0/private/AddOrder`); private paths are what is signed.
    public var path: String { (isPrivate ? "/0/private/" : "/0/public/") + rawValue }

    public var description: String { rawValue }
}
