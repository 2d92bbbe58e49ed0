import HourglassCore

/// One `OHLC` answer: the committed candles, the dropped not-yet-committed one, and the `last` cursor.
///
/// Kraken documents that the last entry of the array is the current, not-yet-committed interval and
/// is always present whatever `since` says. It is kept apart (`uncommitted`) and never becomes a
/// bar. Missing intervals stay missing: nothing is filled in.
public struct KrakenOHLCPage: Sendable, Hashable {
    /// The pair key the answer was filed under (`XXBTZUSD`).
    public let pairName: String
    /// Committed candles, oldest first.
    public let committed: [KrakenCandle]
    /// The unfinished interval Kraken always appends.
    public let uncommitted: KrakenCandle
    /// Kraken's `last`: the `since` to pass for the next page.
    public let last: Int64

    /// Creates a page.
    public init(pairName: String, committed: [KrakenCandle], uncommitted: KrakenCandle, last: Int64) {
        self.pairName = pairName
        self.committed = committed
        self.uncommitted = uncommitted
        self.last = last
    }

    /// Parses an `OHLC` result for an interval of `intervalSeconds`.
    ///
    /// Refuses a result without exactly one pair member, an empty array, entries out of time order
    /// or off the interval grid, and entries that are not valid bars (low above open, …).
    public static func parse(_ result: KrakenJSON, intervalSeconds: Int64) throws(KrakenError) -> KrakenOHLCPage {
        let members = try result.sortedMembers()
        let pairs = members.filter { $0.key != "last" }
        guard pairs.count == 1 else {
            throw result.malformed("expected one pair and \"last\", got \(pairs.map(\.key))")
        }
        let last = try result.member("last").int()
        let entries = try pairs[0].value.array()
        guard !entries.isEmpty else {
            throw pairs[0].value.malformed("no entries; Kraken always sends the not-yet-committed interval")
        }
        var candles: [KrakenCandle] = []
        candles.reserveCapacity(entries.count)
        for entry in entries {
            let candle = try KrakenCandle.parse(entry)
            if let violation = candle.bar(symbol: pairs[0].key, intervalSeconds: intervalSeconds).violation {
                throw entry.malformed("not a valid bar: \(violation)")
            }
            if let previous = candles.last, candle.openTs <= previous.openTs {
                throw entry.malformed("\(candle.openTs) does not follow \(previous.openTs)")
            }
            candles.append(candle)
        }
        let uncommitted = candles.removeLast()
        return KrakenOHLCPage(pairName: pairs[0].key, committed: candles, uncommitted: uncommitted, last: last)
    }
}
