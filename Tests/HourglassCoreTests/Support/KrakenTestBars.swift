import Foundation
import HourglassCore
import Synchronization

/// Real Kraken hourly bars from `../shared/data` (or `HOURGLASS_DATA`), read with Foundation in tests only.
enum KrakenTestBars {
    /// The data folder.
    static let directory: URL = TestSupport.dataDirectory

    static let files = [
        "BCH/USD": "kraken_BCHUSD_1h.csv", "ETH/USD": "kraken_ETHUSD_1h.csv", "LTC/USD": "kraken_LTCUSD_1h.csv",
        "XBT/USD": "kraken_XBTUSD_1h.csv", "XRP/USD": "kraken_XRPUSD_1h.csv",
    ]

    /// A file's rows and their hour stamps, split once per test process (splitting the multi-year files in a
    /// debug build on every call was a visible share of the reducer suites' time).
    private struct Lines: Sendable {
        let stamps: [String]
        let rows: [Substring]
    }
    private static let cache = Mutex<[String: Lines]>([:])

    private static func lines(_ file: String) -> Lines {
        if let cached = cache.withLock({ $0[file] }) { return cached }
        let url = directory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("cannot read \(url.path); set HOURGLASS_DATA")
        }
        let rows = Array(text.split(separator: "\n").dropFirst())
        let lines = Lines(stamps: rows.map { String($0.prefix(20)) }, rows: rows)
        cache.withLock { $0[file] = lines }
        return lines
    }

    /// Bars of `symbol` with `from ≤ openTs ≤ to`.
    static func bars(_ symbol: String, from: UTCTimestamp, to: UTCTimestamp) -> [Bar] {
        let lines = lines(files[symbol]!)
        let low = from.iso8601
        let high = to.iso8601
        var bars: [Bar] = []
        for (index, line) in lines.rows.enumerated() {
            let prefix = lines.stamps[index]
            guard prefix >= low, prefix <= high else { continue }
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 6, let ts = UTCTimestamp.parse(fields[0]) else { fatalError("bad line \(line)") }
            bars.append(
                Bar(
                    exchange: "kraken", symbol: symbol, openTs: ts, intervalSeconds: 3600,
                    openPrice: try! FixedDecimal.parse(fields[1]), highPrice: try! FixedDecimal.parse(fields[2]),
                    lowPrice: try! FixedDecimal.parse(fields[3]), closePrice: try! FixedDecimal.parse(fields[4]),
                    volumeBase: try! FixedDecimal.parse(fields[5])))
        }
        return bars
    }

    /// One `HourInputs` per hour from `from` to `to` inclusive for `symbols` (missing bars absent).
    static func hours(from: UTCTimestamp, to: UTCTimestamp, symbols: [String] = EngineConfig.momentumBaseline.universe)
        -> [HourInputs]
    {
        var bySymbol: [[Bar]] = symbols.sorted().map { bars($0, from: from, to: to) }
        var cursors = [Int](repeating: 0, count: bySymbol.count)
        var out: [HourInputs] = []
        var hour = from
        while hour <= to {
            var hourBars: [Bar] = []
            for index in bySymbol.indices {
                if cursors[index] < bySymbol[index].count, bySymbol[index][cursors[index]].openTs == hour {
                    hourBars.append(bySymbol[index][cursors[index]])
                    cursors[index] += 1
                }
            }
            out.append(HourInputs(hourTs: hour, bars: hourBars))
            hour = hour.adding(hours: 1)
        }
        bySymbol = []
        return out
    }

    static func ts(_ text: String) -> UTCTimestamp { UTCTimestamp.parse(text)! }

    /// The warm-up bars of a run of `config` starting at `start` (`RunWarmUp.range`), sorted by
    /// open time then symbol, as the store reads them.
    static func warmUpBars(before start: UTCTimestamp, config: EngineConfig = .momentumBaseline) -> [Bar] {
        let range = RunWarmUp.range(config: config, startHour: start)
        return hours(from: range.lowerBound, to: range.upperBound, symbols: config.universe).flatMap(\.bars)
    }
}

/// Runs the cycle over `hours` from a fresh state, checking the money invariants after every hour.
struct CycleRun {
    static let run = RunContext(
        runId: "00000000-0000-4000-8000-000000000001", accountId: "test-account", runMode: .backtest)

    let config: EngineConfig
    let models: ModelSet
    /// The run's identity (BACKTEST unless given).
    let run: RunContext
    var state: EngineState
    /// Each hour's events, in order.
    var hourEvents: [[DomainEvent]] = []
    var manifests: [HourManifest] = []
    /// Broken invariants, as sentences (empty when all held).
    var violations: [String] = []
    /// The largest encoded state seen.
    var stateBytesMax = 0

    /// The inputs actually stepped (with the simulated operator's releases).
    var inputs: [HourInputs] = []

    /// Steps `hours` from `initial` (or a fresh state). With `releaseAfterHours`, a simulated
    /// operator releases the kill switch that many hours after each trip (as an input of that hour).
    init(
        hours: [HourInputs], config: EngineConfig = .momentumBaseline, from initial: EngineState? = nil,
        releaseAfterHours: Int64? = nil, run: RunContext = CycleRun.run, warmUpBars: [Bar] = []
    ) {
        self.config = config
        self.run = run
        models = ModelSet.baseline(config: config)
        state =
            initial
            ?? HourCycle.start(
                run: run, config: config, models: models, startHour: hours[0].hourTs, warmUpBars: warmUpBars
            ).0
        for var inputs in hours {
            if let after = releaseAfterHours, state.killSwitch.tripped, let trip = state.killSwitch.tripHourTs,
                inputs.hourTs >= trip.adding(hours: after), inputs.releases.isEmpty
            {
                inputs.releases = [
                    KillSwitchReleased(
                        releasedBy: "test-operator",
                        reason: "reviewed the \(state.killSwitch.reason ?? "") trip of \(trip)")
                ]
            }
            self.inputs.append(inputs)
            let result = HourCycle.step(state: state, inputs: inputs, config: config, models: models, run: run)
            check(result)
            state = result.state
            hourEvents.append(result.events)
            manifests.append(result.manifest)
        }
    }

    mutating func check(_ result: HourResult) {
        let state = result.state
        let hour = result.manifest.hourTs
        if state.cashQuote.isNegative { violations.append("\(hour): cash \(state.cashQuote) < 0") }
        for position in state.positions where !position.quantityBase.isPositive {
            violations.append("\(hour): \(position.symbol) not positive")
        }
        if state.ledger.balance(of: LedgerAccount.cash) != state.cashQuote {
            violations.append("\(hour): ledger cash differs")
        }
        if !state.ledger.totalQuote.isZero { violations.append("\(hour): ledger does not sum to zero") }
        for position in state.positions
        where state.ledger.balance(of: LedgerAccount.inventory(position.symbol)) != position.costBasisQuote {
            violations.append("\(hour): inventory of \(position.symbol) differs from its cost basis")
        }
        let marked = state.positions.reduce(state.cashQuote) {
            $0 + $1.quantityBase.multiplied(by: $1.markPriceQuote, rounding: .halfEven)
        }
        if result.manifest.equityQuote != marked {
            violations.append("\(hour): manifest equity differs from cash + positions at marks")
        }
        // The state hash commits to the windows through cached chunk digests: once a day it is
        // checked against the hash of the decoded snapshot (caches built from scratch); decoding
        // every hour would be most of a debug hour's cost.
        let stateBytes = state.canonicalBytes
        if result.manifest.stateSha256 != state.sha256 {
            violations.append("\(hour): manifest state hash differs")
        }
        if hour.hourOfDay == 23,
            (try? EngineState.decode(canonical: stateBytes))?.sha256 != result.manifest.stateSha256
        {
            violations.append("\(hour): the decoded snapshot's hash differs from the manifest's")
        }
        for event in result.events {
            if case .ledgerPosted(let posted) = event, !posted.posting.isBalanced {
                violations.append("\(hour): unbalanced posting")
            }
        }
        guard case .hourClosed(let closed) = result.events.last, closed.manifest == result.manifest else {
            violations.append("\(hour): HourClosed is not last or differs from the manifest")
            return
        }
        stateBytesMax = max(stateBytesMax, stateBytes.count)
    }

    /// Every event of the run, in order.
    var events: [DomainEvent] { hourEvents.flatMap { $0 } }

    /// Events of one type, as payloads.
    func filled() -> [OrderFilled] {
        events.compactMap { if case .orderFilled(let e) = $0 { return e } else { return nil } }
    }
}

/// A four-month run of the five Kraken pairs (2021-01-01 → 2021-04-30), computed once and shared by the tests.
enum SharedRun {
    static let start = KrakenTestBars.ts("2021-01-01T00:00:00Z")
    /// Kraken had no bars for any pair at 2021-01-29T16:00Z, which trips the kill switch; an
    /// operator release is fed as an input at 2021-01-30T00:00Z so the run trades on.
    static let hours: [HourInputs] = {
        var hours = KrakenTestBars.hours(from: start, to: KrakenTestBars.ts("2021-04-30T23:00:00Z"))
        let releaseIndex = hours.firstIndex { $0.hourTs == KrakenTestBars.ts("2021-01-30T00:00:00Z") }!
        hours[releaseIndex].releases = [
            KillSwitchReleased(releasedBy: "test-operator", reason: "Kraken outage of 2021-01-29T16:00Z is over")
        ]
        return hours
    }()
    static let run = CycleRun(hours: hours, releaseAfterHours: 24)
}
