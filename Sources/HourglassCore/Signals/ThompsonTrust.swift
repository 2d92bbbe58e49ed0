/// Thompson-sampling trust over an ensemble's base models: one discounted Beta posterior per base-model kind,
/// updated from realised outcomes known at the hour, and one seeded draw per kind each hour. It is a section
/// of `EngineState` (ensemble runs only), and the retraining runs the same rule over its samples.
///
/// The rule, each hour H, in this order:
/// 1. `advance(to: H, close:)`: every call made at H − `horizonHours` is resolved with the symbol's close at H
///    (a bar that exists at H; no later bar is read). A call "up" (base probability ≥ 0.5) came true when that
///    close is above the call's entry close; a call "not up" when it is not. A symbol without a bar at H leaves
///    its call unresolved and dropped. Then every posterior is discounted by `decay` and the hour's successes
///    and failures are added (`BetaPosterior.discounted`).
/// 2. `draws(kinds:runSeed:hourTs:)`: one Beta draw per kind from `SeededGenerator(run seed, H, "thompson_trust")`,
///    scaled to sum to 1: the trust weights the meta-learner reads next to the base probabilities.
/// 3. `record(_:)`: the hour's calls (each scored symbol, its close at H and each kind's call) wait for H + 24h.
///
/// Beta draws are X/(X+Y) with X, Y Gamma draws by Marsaglia & Tsang (2000), normals by Marsaglia's polar
/// method, all on `DeterministicMath`, so they are the same bits on every platform.
public struct ThompsonTrust: Sendable, Hashable {
    /// Hours between a call and its outcome.
    public static let horizonHours: Int64 = 24
    /// Per-hour discount of the evidence (about 100 hours of memory).
    public static let decay = 0.99
    /// The generator's purpose string.
    public static let purpose = "thompson_trust"

    /// The posterior of every kind that has had an outcome, sorted by kind (others are at the prior).
    public var posteriors: [KindPosterior]
    /// Calls awaiting their outcome, oldest hour first.
    public var pending: [TrustCallHour]

    /// One kind's posterior.
    public struct KindPosterior: Sendable, Hashable {
        public var kind: String
        public var posterior: BetaPosterior

        /// Creates an entry.
        public init(kind: String, posterior: BetaPosterior) {
            self.kind = kind
            self.posterior = posterior
        }
    }

    /// No evidence yet: every kind at Beta(1, 1), nothing pending.
    public init(posteriors: [KindPosterior] = [], pending: [TrustCallHour] = []) {
        self.posteriors = posteriors
        self.pending = pending
    }

    /// The posterior of `kind` (the prior when it has had no outcome).
    public func posterior(_ kind: String) -> BetaPosterior {
        posteriors.first { $0.kind == kind }?.posterior ?? BetaPosterior()
    }

    /// Step 1 at hour `hourTs`: resolves the calls made `horizonHours` earlier with `close(symbol)` (the close of
    /// the symbol's bar at `hourTs`, nil without one), drops older calls, discounts every posterior once and adds
    /// the outcomes.
    public mutating func advance(to hourTs: UTCTimestamp, close: (String) -> FixedDecimal?) {
        let due = hourTs.adding(hours: -Self.horizonHours)
        var kinds = posteriors.map(\.kind)
        var successes = [Int](repeating: 0, count: kinds.count)
        var failures = [Int](repeating: 0, count: kinds.count)
        for hour in pending where hour.hourTs == due {
            for call in hour.calls {
                guard let exit = close(call.symbol) else { continue }
                let rose = exit > call.entryCloseQuote
                for (kind, up) in zip(hour.kinds, call.up) {
                    var index = kinds.firstIndex(of: kind)
                    if index == nil {
                        let at = kinds.firstIndex { $0 > kind } ?? kinds.count
                        kinds.insert(kind, at: at)
                        successes.insert(0, at: at)
                        failures.insert(0, at: at)
                        index = at
                    }
                    if up == rose { successes[index!] += 1 } else { failures[index!] += 1 }
                }
            }
        }
        pending.removeAll { $0.hourTs <= due }
        posteriors = kinds.indices.map { index in
            KindPosterior(
                kind: kinds[index],
                posterior: posterior(kinds[index]).discounted(
                    by: Self.decay, successes: successes[index], failures: failures[index]))
        }
    }

    /// Step 3: keeps the hour's calls until their outcome hour (an hour without calls keeps nothing).
    public mutating func record(_ hour: TrustCallHour) {
        precondition(pending.last.map { $0.hourTs < hour.hourTs } ?? true, "calls are recorded in hour order")
        if !hour.calls.isEmpty { pending.append(hour) }
    }

    /// Step 2: one draw per kind (in `kinds` order) from the generator keyed by (run seed, hour, purpose), and
    /// the weights (draws scaled to sum to 1).
    public func draws(kinds: [String], runSeed: UInt64, hourTs: UTCTimestamp) -> TrustDraws {
        var generator = SeededGenerator(runSeed: runSeed, hourTs: hourTs, purpose: Self.purpose)
        let chosen = kinds.map(posterior)
        let values = chosen.map { Self.beta($0.alpha, $0.beta, &generator) }
        var total = 0.0
        for value in values { total += value }
        return TrustDraws(
            kinds: kinds, alphas: chosen.map(\.alpha), betas: chosen.map(\.beta), draws: values,
            weights: values.map { $0 / total })
    }

    static func beta(_ a: Double, _ b: Double, _ generator: inout SeededGenerator) -> Double {
        let x = gamma(a, &generator)
        let y = gamma(b, &generator)
        return x / (x + y)
    }

    /// A Gamma(shape, 1) draw; shapes below 1 use Gamma(shape + 1) × U^(1/shape).
    static func gamma(_ shape: Double, _ generator: inout SeededGenerator) -> Double {
        if shape < 1 {
            let boost = gamma(shape + 1, &generator)
            return boost * DeterministicMath.exp(DeterministicMath.log(openUnit(&generator)) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal(&generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUnit(&generator)
            if DeterministicMath.log(u) < 0.5 * x * x + d - d * v + d * DeterministicMath.log(v) { return d * v }
        }
    }

    /// A standard normal draw (polar method; the second value of each pair is discarded to keep draws stateless).
    static func normal(_ generator: inout SeededGenerator) -> Double {
        while true {
            let u = 2 * openUnit(&generator) - 1
            let v = 2 * openUnit(&generator) - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * DeterministicMath.log(s) / s).squareRoot() }
        }
    }

    /// A uniform draw in (0, 1).
    static func openUnit(_ generator: inout SeededGenerator) -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1p-53
    }
}
