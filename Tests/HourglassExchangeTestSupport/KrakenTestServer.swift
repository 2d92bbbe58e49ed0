import Foundation
import HourglassCore
import HourglassExchange
import Synchronization

/// A Kraken REST API on loopback for tests: documented-format answers from in-memory state, a
/// settable clock, per-path scripts of failures, and server-side checks of key, signature and nonce.
///
/// Unscripted calls are answered from the state: `Time` from `clockSeconds`, `OHLC` from `candles`
/// (entries after `since`, at most `ohlcPageSize`, then the unfinished interval), `AssetPairs` and
/// `Ticker` from the docs' examples, `Balance` from `balances`, orders and fills from what
/// `AddOrder` created. Scripts (`enqueue`) are consumed first, one per request to that path.
public final class KrakenTestServer: Sendable {
    /// A scripted answer for the next request to a path.
    public enum Script: Sendable {
        /// Answer Kraken's error envelope with these error strings.
        case krakenError([String], status: Int = 200)
        /// Answer this body as it is (malformed JSON, HTML, …).
        case raw(status: Int, body: String)
        /// Answer normally, but only after `seconds` (beyond the client's timeout).
        case delay(seconds: Double)
        /// Close the connection without answering.
        case hangUp
        /// Act on the request (an order is created), then close without answering: a lost acknowledgement.
        case actThenHangUp
    }

    /// How created orders fill.
    public enum FillMode: Sendable {
        /// Market orders fill completely at the ask (buy) or bid (sell); limit orders rest open.
        case fillMarket
        /// Orders fill `fraction` of their volume and stay open.
        case partial(fraction: FixedDecimal)
        /// Orders rest open, unfilled.
        case rest
    }

    /// One request as the server saw it.
    public struct Seen: Sendable {
        /// The path.
        public let path: String
        /// Query (GET) or body (POST) fields.
        public let form: KrakenForm
        /// Whether key, signature and nonce were valid (nil for public calls).
        public let authenticated: Bool?
    }

    struct State {
        var clockSeconds: Int64 = 1_688_673_700
        var clockStepSeconds: Int64 = 0
        var scripts: [String: [Script]] = [:]
        var candles: [String: [[String]]] = [:]
        var ohlcPageSize = 720
        var balances: [(String, String)] = [("XXBT", "1011.1908877900"), ("ZUSD", "171288.6158")]
        var lastNonce: UInt64 = 0
        var orders: [TestOrder] = []
        var trades: [TestTrade] = []
        var fillMode: FillMode = .fillMarket
        var seen: [Seen] = []
        var quotes: [String: (bid: String, ask: String)] = [:]
        var tracksBalances = false
        var assetPairsResult = KrakenFixtures.assetPairsResult
    }

    /// The key the server expects in `API-Key`.
    public let apiKey: String
    /// The secret the server verifies `API-Sign` with.
    public let secret: String
    private let signer: KrakenSigner
    let state = Mutex(State())
    private let server = Mutex<LoopbackHTTPServer?>(nil)

    /// Starts a server expecting `apiKey` and `secret` (default: Kraken's documented example key).
    public init(apiKey: String = "test-api-key", secret: String = KrakenFixtures.SigningExample.secret) throws {
        self.apiKey = apiKey
        self.secret = secret
        signer = try KrakenSigner(secretBase64: secret)
        let http = try LoopbackHTTPServer { [weak self] request in
            guard let self else { return .hangUp }
            return self.handle(request)
        }
        server.withLock { $0 = http }
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { server.withLock { $0!.baseURL } }

    /// Stops the server.
    public func stop() { server.withLock { $0?.stop() } }

    /// Sets Kraken's clock; `step` seconds are added after every `Time` answer.
    public func setClock(_ seconds: Int64, step: Int64 = 0) {
        state.withLock {
            $0.clockSeconds = seconds
            $0.clockStepSeconds = step
        }
    }

    /// Queues scripted answers for `endpoint`.
    public func enqueue(_ endpoint: KrakenEndpoint, _ scripts: Script...) {
        state.withLock { $0.scripts[endpoint.path, default: []] += scripts }
    }

    /// Sets the hourly candles of `pair`: `[time, open, high, low, close, vwap, volume, count]` as text.
    public func setCandles(_ pair: String, _ candles: [[String]]) { state.withLock { $0.candles[pair] = candles } }

    /// Limits each `OHLC` answer to `size` committed entries (Kraken: 720), to exercise paging.
    public func setOHLCPageSize(_ size: Int) { state.withLock { $0.ohlcPageSize = size } }

    /// Sets the `AssetPairs` result (default `KrakenFixtures.assetPairsResult`), as when Kraken changes a pair's rules.
    public func setAssetPairs(_ result: String) { state.withLock { $0.assetPairsResult = result } }

    /// Sets the balances (`Balance`).
    public func setBalances(_ balances: [(String, String)]) { state.withLock { $0.balances = balances } }

    /// Adds `delta` to the balance of `asset` (creating it at zero), as a deposit the ledger never saw.
    public func adjustBalance(_ asset: String, by delta: FixedDecimal) {
        state.withLock { $0.adjust(asset, by: delta) }
    }

    /// The balance of `asset` (`Balance`), zero when the account holds none.
    public func balance(_ asset: String) -> FixedDecimal {
        state.withLock { state in
            state.balances.first { $0.0 == asset }.flatMap { try? FixedDecimal.parse($0.1) } ?? .zero
        }
    }

    /// Sets the bid and ask of `pairKey` (`XXBTZUSD`): what `Ticker` answers and market orders fill at.
    public func setQuote(_ pairKey: String, bid: String, ask: String) {
        state.withLock { $0.quotes[pairKey] = (bid, ask) }
    }

    /// When on, every fill moves `Balance`: the quote asset by cost and fee, the base asset by volume.
    public func setTracksBalances(_ on: Bool) { state.withLock { $0.tracksBalances = on } }

    /// Sets how new orders fill.
    public func setFillMode(_ mode: FillMode) { state.withLock { $0.fillMode = mode } }

    /// Every request so far, in arrival order.
    public var seen: [Seen] { state.withLock { $0.seen } }

    /// How many requests reached `endpoint`.
    public func count(_ endpoint: KrakenEndpoint) -> Int { seen.filter { $0.path == endpoint.path }.count }

    /// How many orders exist (placed by `AddOrder`, validate excluded).
    public var orderCount: Int { state.withLock { $0.orders.count } }

    func handle(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        let text = request.method == "POST" ? String(decoding: request.body, as: UTF8.self) : request.query
        guard let form = KrakenForm.parse(text) else { return reply(error: ["EGeneral:Invalid arguments"]) }
        let isPrivate = request.path.hasPrefix("/0/private/")
        let refusal = isPrivate ? authenticate(request, text, form) : nil
        let authenticated: Bool? = isPrivate ? refusal == nil : nil
        let script: Script? = state.withLock { state in
            state.seen.append(Seen(path: request.path, form: form, authenticated: authenticated))
            guard var queue = state.scripts[request.path], !queue.isEmpty else { return nil }
            let first = queue.removeFirst()
            state.scripts[request.path] = queue
            return first
        }
        if let refusal { return reply(error: [refusal]) }
        switch script {
        case .krakenError(let errors, let status)?: return reply(error: errors, status: status)
        case .raw(let status, let body)?: return .respond(status: status, body: Array(body.utf8), delaySeconds: 0)
        case .hangUp?: return .hangUp
        case .actThenHangUp?:
            _ = answer(request.path, form)
            return .hangUp
        case .delay(let seconds)?:
            if case .respond(let status, let body, _) = answer(request.path, form) {
                return .respond(status: status, body: body, delaySeconds: seconds)
            }
            return .hangUp
        case nil: return answer(request.path, form)
        }
    }

    /// Kraken's refusal of a private call (nil when key, signature and nonce are good).
    private func authenticate(_ request: LoopbackHTTPServer.Request, _ body: String, _ form: KrakenForm) -> String? {
        guard request.headers["api-key"] == apiKey else { return "EAPI:Invalid key" }
        guard let sign = request.headers["api-sign"], let nonceText = form.value("nonce"),
            let nonce = UInt64(nonceText),
            signer.verify(sign, path: request.path, nonce: nonceText, postData: body)
        else {
            return "EAPI:Invalid signature"
        }
        return state.withLock { state in
            guard nonce > state.lastNonce else { return "EAPI:Invalid nonce" }
            state.lastNonce = nonce
            return nil
        }
    }

    /// Makes the next private call's nonce look stale (as if another process had used a larger one).
    public func raiseLastNonce(to value: UInt64) { state.withLock { $0.lastNonce = max($0.lastNonce, value) } }

    func reply(error: [String], status: Int = 200) -> LoopbackHTTPServer.Reply {
        let list = error.map { "\"\($0)\"" }.joined(separator: ",")
        return .respond(status: status, body: Array("{\"error\":[\(list)],\"result\":{}}".utf8), delaySeconds: 0)
    }

    func ok(_ result: String) -> LoopbackHTTPServer.Reply {
        .respond(status: 200, body: Array("{\"error\":[],\"result\":\(result)}".utf8), delaySeconds: 0)
    }
}
