import Testing

@testable import HourglassCore

@Suite struct CircuitBreakerTests {
    let config = RiskConfig.default

    func inputs(
        drawdown: Double = 0, winRate: Double? = nil, sharpe: Double? = nil, losses: Int = 0,
        missing: Double = 0, anomaly: Double = 0, systemic: Double = 0, systemicSymbols: Int = 0,
        hours: Int64 = 0
    ) -> CircuitBreakerInputs {
        CircuitBreakerInputs(
            hourTs: Fx.hour.adding(hours: hours), drawdownFraction: drawdown, winRate: winRate,
            rollingSharpe: sharpe, consecutiveLosses: losses, missingBarShare: missing, anomalyShare: anomaly,
            systemicAnomalyShare: systemic, systemicAnomalySymbols: systemicSymbols)
    }

    func level(_ inputs: CircuitBreakerInputs) -> BreakerLevel {
        CircuitBreaker.target(inputs: inputs, config: config).level
    }

    @Test func drawdownTiersDriveTheLevel() {
        #expect(level(inputs(drawdown: 0.049)) == .normal)
        #expect(level(inputs(drawdown: 0.05)) == .alert)
        #expect(level(inputs(drawdown: 0.099)) == .alert)
        #expect(level(inputs(drawdown: 0.10)) == .throttle)
        #expect(level(inputs(drawdown: 0.199)) == .throttle)
        #expect(level(inputs(drawdown: 0.20)) == .halt)
    }

    @Test func degradationDrivesTheLevel() {
        #expect(level(inputs(winRate: 0.35)) == .normal)
        #expect(level(inputs(winRate: 0.3)) == .alert)
        #expect(level(inputs(sharpe: -0.1)) == .alert)
        #expect(level(inputs(winRate: 0.3, sharpe: -0.1)) == .throttle)
        #expect(level(inputs(losses: 2)) == .normal)
        #expect(level(inputs(losses: 3)) == .alert)
        #expect(level(inputs(losses: 5)) == .throttle)
    }

    @Test func dataIntegrityAndAnomaliesDriveTheLevel() {
        #expect(level(inputs(missing: 0.2)) == .alert)
        #expect(level(inputs(missing: 0.5)) == .alert)
        #expect(level(inputs(missing: 0.6)) == .halt)
        #expect(level(inputs(anomaly: 0.2)) == .alert)
        // Per-symbol anomalies (range > 4 × median) alert but never halt, however many symbols show them.
        #expect(level(inputs(anomaly: 1)) == .alert)
        // HALT takes the kill switch's systemic anomaly: ≥ 60% of the symbols and at least 2 of them.
        #expect(level(inputs(anomaly: 1, systemic: 0.4, systemicSymbols: 2)) == .alert)
        #expect(level(inputs(anomaly: 1, systemic: 0.6, systemicSymbols: 3)) == .halt)
        #expect(level(inputs(anomaly: 1, systemic: 0.8, systemicSymbols: 4)) == .halt)
        #expect(level(inputs(anomaly: 1, systemic: 1, systemicSymbols: 1)) == .alert)
        #expect(level(inputs(anomaly: 1, systemic: 1, systemicSymbols: 2)) == .halt)
    }

    @Test func escalationIsImmediateAndRecorded() {
        let start = CircuitBreakerState.initial(at: Fx.hour)
        let (halted, reason) = CircuitBreaker.next(
            state: start, inputs: inputs(drawdown: 0.25, hours: 1), config: config)
        #expect(halted.level == .halt)
        #expect(halted.sinceTs == Fx.hour.adding(hours: 1))
        #expect(reason?.hasPrefix("NORMAL → HALT") == true)
        let (same, none) = CircuitBreaker.next(state: halted, inputs: inputs(drawdown: 0.25, hours: 2), config: config)
        #expect(same == CircuitBreakerState(level: .halt, sinceTs: Fx.hour.adding(hours: 1), calmHours: 0))
        #expect(none == nil)
    }

    @Test func recoveryTakesCalmHoursAndOneLevelAtATime() {
        var state = CircuitBreakerState(level: .halt, sinceTs: Fx.hour, calmHours: 0)
        var transitions: [String] = []
        for hour in 1...72 {
            let step = CircuitBreaker.next(state: state, inputs: inputs(hours: Int64(hour)), config: config)
            state = step.state
            if let reason = step.transitionReason { transitions.append("\(hour):\(reason.split(separator: ":")[0])") }
        }
        #expect(transitions == ["24:HALT → THROTTLE", "48:THROTTLE → ALERT", "72:ALERT → NORMAL"])
        #expect(state.level == .normal)
    }

    @Test func aRelapseResetsTheCalmCount() {
        var state = CircuitBreakerState(level: .throttle, sinceTs: Fx.hour, calmHours: 23)
        state = CircuitBreaker.next(state: state, inputs: inputs(drawdown: 0.12), config: config).state
        #expect(state.calmHours == 0)
        #expect(state.level == .throttle)
    }

    @Test func measuresItsInputsFromTheContext() {
        let trades = Fx.trades(wins: 5, win: 0.01, losses: 15, loss: 0.02)
        let context = Fx.context(equity: "9000", peak: "10000", closedTrades: trades, missingBarShare: 0.2)
        let measured = CircuitBreakerInputs.measure(context: context, config: config)
        #expect(measured.drawdownFraction == 0.1)
        #expect(measured.winRate == 0.25)
        #expect((measured.rollingSharpe ?? 0) < 0)
        #expect(measured.consecutiveLosses == 15)
        #expect(measured.missingBarShare == 0.2)
        #expect(CircuitBreakerInputs.measure(context: Fx.context(), config: config).winRate == nil)
        // Anomalies: 4 symbols wide (5 × and 8 × median), 2 of them with a 10% move as well.
        let markets = [
            ("ADA/USD", 5.0, 0.1), ("BCH/USD", 8.0, 0.01), ("ETH/USD", 8.0, -0.1), ("SOL/USD", 8.0, 0.1),
            ("XBT/USD", 1.0, 0.0),
        ]
        .map { Fx.market($0.0, features: Fx.features(rangeRatio: $0.1, return1h: $0.2)) }
        let wide = CircuitBreakerInputs.measure(context: Fx.context(markets: markets), config: config)
        #expect(wide.anomalyShare == 0.8)
        #expect(wide.systemicAnomalyShare == 0.4 && wide.systemicAnomalySymbols == 2)
    }

    @Test func stateRoundTripsItsCanonicalBytes() throws {
        for level in BreakerLevel.allCases {
            let state = CircuitBreakerState(level: level, sinceTs: Fx.hour, calmHours: 7)
            var writer = ByteWriter()
            state.encode(to: &writer)
            var reader = ByteReader(writer.bytes)
            #expect(try CircuitBreakerState.decode(from: &reader) == state)
            try reader.expectEnd()
        }
        var reader = ByteReader([9, 0, 0])
        #expect(throws: CodecError.self) { try CircuitBreakerState.decode(from: &reader) }
    }
}
