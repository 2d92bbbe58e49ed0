import HourglassCore

extension KrakenClient {
    /// Longest run of `OHLC` pages one `closedBars` call reads.
    public static let ohlcPagesMax = 20

    /// Kraken's clock (`Time`): what decides which hours have closed.
    public func serverTime() async throws(KrakenError) -> KrakenServerTime {
        try KrakenServerTime.parse(try await call(.time))
    }

    /// The pairs and their trading rules (`AssetPairs`), sorted by pair key; all pairs when `pairs` is empty.
    public func assetPairs(_ pairs: [String] = []) async throws(KrakenError) -> [KrakenAssetPair] {
        var form = KrakenForm()
        if !pairs.isEmpty { form.append("pair", pairs.joined(separator: ",")) }
        return try KrakenAssetPair.parseAll(try await call(.assetPairs, form))
    }

    /// Best bid, ask and last trade of each pair (`Ticker`), sorted by pair key.
    public func tickers(_ pairs: [String]) async throws(KrakenError) -> [KrakenTicker] {
        guard !pairs.isEmpty else { throw .invalidRequest(.ticker, reason: "name at least one pair") }
        return try KrakenTicker.parseAll(try await call(.ticker, KrakenForm([("pair", pairs.joined(separator: ","))])))
    }

    /// One `OHLC` page of `pair` (interval in minutes), since Kraken's cursor `since` when given.
    public func ohlcPage(pair: String, intervalMinutes: Int = 60, since: Int64? = nil) async throws(KrakenError)
        -> KrakenOHLCPage
    {
        var form = KrakenForm([("pair", pair), ("interval", String(intervalMinutes))])
        if let since { form.append("since", String(since)) }
        return try KrakenOHLCPage.parse(try await call(.ohlc, form), intervalSeconds: Int64(intervalMinutes) * 60)
    }

    /// The hourly bars of `pair` that opened after `after` and had closed by Kraken's clock `serverTime`,
    /// oldest first, gaps left as gaps.
    ///
    /// Pages with `since` (starting at `after`, or at Kraken's oldest when nil) until a page reaches the
    /// not-yet-committed interval or brings nothing new, at most `ohlcPagesMax` pages. Kraken keeps
    /// only its 720 most recent entries, so a catch-up further back than that finds what is left.
    public func closedHourlyBars(pair: KrakenAssetPair, after: UTCTimestamp?, serverTime: KrakenServerTime)
        async throws(KrakenError) -> [Bar]
    {
        let interval = UTCTimestamp.secondsPerHour
        var since = after?.secondsSinceEpoch
        var bars: [Bar] = []
        for _ in 0..<Self.ohlcPagesMax {
            let page = try await ohlcPage(pair: pair.pairName, intervalMinutes: 60, since: since)
            let newest = bars.last?.openTs ?? after
            let fresh = page.committed.filter { candle in
                (newest.map { candle.openTs > $0 } ?? true)
                    && candle.openTs.secondsSinceEpoch + interval <= serverTime.now.secondsSinceEpoch
            }
            bars += fresh.map { $0.bar(symbol: pair.symbol, intervalSeconds: interval) }
            let reachedEdge =
                page.committed.last.map {
                    $0.openTs.secondsSinceEpoch + interval
                        >= page.uncommitted.openTs.secondsSinceEpoch
                } ?? true
            if fresh.isEmpty || reachedEdge || (since.map { page.last <= $0 } ?? false) { break }
            since = page.last
        }
        return bars
    }
}
