import HourglassCore
import Testing

/// The BACKTEST release policy (`risk.backtest_release_after_hours`): a tripped kill switch is
/// released by a recorded, simulated operator N hours after the trip, in BACKTEST only.
@Suite struct BacktestReleasePolicyTests {
    static let tripIndex = 200
    static let afterHours = 48

    /// 300 hours of the shared run; an operator clears any earlier trip at 199, and hour 200 keeps
    /// only 2 of 5 bars, which trips `data_integrity_systemic`.
    static var hours: [HourInputs] {
        var hours = Array(SharedRun.hours.prefix(300))
        hours[tripIndex - 1].releases = [KillSwitchReleased(releasedBy: "ops", reason: "earlier trips reviewed")]
        hours[tripIndex].bars = Array(hours[tripIndex].bars.prefix(2))
        return hours
    }

    static func config(afterHours: Int) throws -> EngineConfig {
        try EngineConfig(
            json: try JSONValue.parse(#"{"risk": {"backtest_release_after_hours": \#(afterHours)}}"#),
            over: .momentumBaseline)
    }

    static func run(_ mode: RunMode, afterHours: Int = afterHours) throws -> CycleRun {
        CycleRun(
            hours: hours, config: try config(afterHours: afterHours),
            run: RunContext(runId: CycleRun.run.runId, accountId: CycleRun.run.accountId, runMode: mode))
    }

    static func policyReleases(_ events: [DomainEvent]) -> [KillSwitchReleased] {
        events.compactMap {
            guard case .killSwitchReleased(let release) = $0 else { return nil }
            return release.releasedBy == KillSwitchState.backtestPolicyOperator ? release : nil
        }
    }

    @Test func aBacktestReleasesTheSwitchAsARecordedSimulatedOperatorAfterNHours() throws {
        let run = try Self.run(.backtest)
        let trip = Self.tripIndex
        let release = trip + Self.afterHours
        #expect(run.manifests[trip].killSwitchTripped)
        for hour in trip..<release {
            #expect(run.manifests[hour].killSwitchTripped, "still tripped at \(hour)")
            #expect(Self.policyReleases(run.hourEvents[hour]).isEmpty, "released early at \(hour)")
        }
        let released = try #require(Self.policyReleases(run.hourEvents[release]).first)
        #expect(released.reason.contains("BACKTEST release policy"))
        #expect(released.reason.contains("data_integrity_systemic"))
        #expect(released.reason.contains(SharedRun.hours[trip].hourTs.iso8601))
        #expect(!run.manifests[release].killSwitchTripped)
        #expect(Self.policyReleases(run.events).count == 1)
        #expect(run.violations.isEmpty)
        let again = try Self.run(.backtest)
        #expect(again.events.map(\.canonicalBytes) == run.events.map(\.canonicalBytes), "reproducible")
    }

    @Test(arguments: [RunMode.paper, RunMode.live])
    func paperAndLiveNeverApplyThePolicy(mode: RunMode) throws {
        let run = try Self.run(mode)
        #expect(Self.policyReleases(run.events).isEmpty)
        for hour in Self.tripIndex..<run.manifests.count {
            #expect(run.manifests[hour].killSwitchTripped, "\(mode) released at \(hour)")
            #expect(
                !run.hourEvents[hour].contains {
                    if case .orderPlaced(let order) = $0 { return order.side == .buy } else { return false }
                }, "\(mode) bought at \(hour) with the switch tripped")
        }
    }

    @Test func zeroTurnsThePolicyOff() throws {
        let run = try Self.run(.backtest, afterHours: 0)
        #expect(Self.policyReleases(run.events).isEmpty)
        #expect(run.manifests.last!.killSwitchTripped)
    }

    @Test func thePolicyIsAConfigValueInTheHash() throws {
        #expect(EngineConfig.momentumBaseline.risk.backtestReleaseAfterHours == 24)
        let config = try Self.config(afterHours: 36)
        #expect(config.risk.backtestReleaseAfterHours == 36)
        #expect(config.sha256 != EngineConfig.momentumBaseline.sha256)
        #expect(try EngineConfig.decode(canonical: config.canonicalBytes) == config)
        #expect(config.json["risk"]?["backtest_release_after_hours"] == .int(36))
        #expect(throws: EngineConfigError.self) { try Self.config(afterHours: -1) }
    }
}
