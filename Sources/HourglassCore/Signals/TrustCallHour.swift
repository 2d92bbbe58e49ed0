/// One hour's base-model calls awaiting their outcome in `ThompsonTrust`: the kinds, then per scored symbol
/// its close at that hour and each kind's call.
public struct TrustCallHour: Sendable, Hashable {
    /// The hour the calls were made at.
    public var hourTs: UTCTimestamp
    /// The base-model kinds, in the order of every call's `up`.
    public var kinds: [String]
    /// One call per scored symbol, sorted by symbol.
    public var calls: [Call]

    /// One symbol's calls.
    public struct Call: Sendable, Hashable {
        public var symbol: String
        /// The close of the symbol's bar at `hourTs`.
        public var entryCloseQuote: FixedDecimal
        /// Per kind: the base probability was ≥ 0.5 (the model called "up").
        public var up: [Bool]

        /// Creates a call.
        public init(symbol: String, entryCloseQuote: FixedDecimal, up: [Bool]) {
            self.symbol = symbol
            self.entryCloseQuote = entryCloseQuote
            self.up = up
        }

        /// The call of a base probability.
        public static func isUp(_ probability: Double) -> Bool { probability >= 0.5 }
    }

    /// Creates an hour of calls (sorted by symbol here).
    public init(hourTs: UTCTimestamp, kinds: [String], calls: [Call]) {
        precondition(calls.allSatisfy { $0.up.count == kinds.count }, "one call per kind")
        self.hourTs = hourTs
        self.kinds = kinds
        self.calls = calls.sorted { $0.symbol < $1.symbol }
    }
}
