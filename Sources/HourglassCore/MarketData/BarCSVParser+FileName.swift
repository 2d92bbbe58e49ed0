extension BarCSVParser {
    /// Quote currencies recognised at the end of a pair name, longest first so `XBTUSDT` splits
    /// as `XBT/USDT`, not `XBTU/SDT` or `XBTUS/DT`.
    public static let quoteCurrencies = ["USDT", "USDC", "USD", "EUR", "BTC", "ETH"]

    /// Reads exchange, symbol and bar interval from a file name, or nil when it does not follow
    /// one of the two naming schemes.
    ///
    /// - `{exchange}_{PAIR}_{tf}.csv` (the data folder's scheme): `kraken_XBTUSD_1h.csv` →
    ///   (`kraken`, `XBT/USD`, 3600); `tf` is `<n>m`, `<n>h` or `<n>d`.
    /// - `{PAIR}_{minutes}.csv` (Kraken's own download names): `XBTUSD_60.csv` → (nil, `XBT/USD`, 3600).
    ///
    /// A directory part is ignored. The pair is split before the longest matching quote currency
    /// of `quoteCurrencies`; the exchange is returned in lower case.
    public static func symbol(fromFileName fileName: String) -> (
        exchange: String?, symbol: String, intervalSeconds: Int64
    )? {
        var name = Substring(fileName)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        guard name.hasSuffix(".csv") else { return nil }
        name = name.dropLast(4)
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var exchange: String?
        if parts.count == 3 {
            guard let lowered = asciiAlphanumeric(parts[0], uppercase: false) else { return nil }
            exchange = lowered
        }
        guard let intervalSeconds = intervalSeconds(fromSuffix: parts[parts.count - 1]),
            let pair = asciiAlphanumeric(parts[parts.count - 2], uppercase: true),
            let symbol = splitPair(pair)
        else { return nil }
        return (exchange, symbol, intervalSeconds)
    }

    /// `1h` → 3600, `5m` → 300, `1d` → 86400; a bare number is minutes, as in Kraken's names (`60`).
    static func intervalSeconds(fromSuffix suffix: Substring) -> Int64? {
        var digits = suffix
        var unitSeconds: Int64 = 60
        switch suffix.last {
        case "m": digits = suffix.dropLast()
        case "h":
            digits = suffix.dropLast()
            unitSeconds = 3600
        case "d":
            digits = suffix.dropLast()
            unitSeconds = 86_400
        default: break
        }
        // At most four digits and no leading zero: `0060` is not a name anyone writes.
        guard !digits.isEmpty, digits.count <= 4, digits.first != "0",
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits)
        else { return nil }
        return count * unitSeconds
    }

    /// `XBTUSD` → `XBT/USD`, or nil when no quote currency ends the pair after a non-empty base.
    static func splitPair(_ pair: String) -> String? {
        for quote in quoteCurrencies where pair.hasSuffix(quote) && pair.utf8.count > quote.utf8.count {
            return "\(pair.dropLast(quote.utf8.count))/\(quote)"
        }
        return nil
    }

    /// The text in the requested ASCII case, or nil when it is empty or holds anything but ASCII
    /// letters and digits.
    static func asciiAlphanumeric(_ text: Substring, uppercase: Bool) -> String? {
        guard !text.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(uppercase ? byte - 0x20 : byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(uppercase ? byte : byte + 0x20)
            default: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
