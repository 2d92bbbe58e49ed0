import ArgumentParser

/// The `hourglass` command: a governed, event-sourced hourly trading engine.
public struct HourglassCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hourglass",
        abstract: "Run, replay and audit a governed, event-sourced hourly trading engine.",
        subcommands: [
            DatabaseCommand.self, IngestBarsCommand.self, ExecuteHourCommand.self, ExecuteWindowCommand.self,
            RunCommand.self,
            ReplayHourCommand.self, ReplayWindowCommand.self, ReplayManifestCommand.self, ManifestDiffCommand.self,
            AuditCommand.self, RunReportCommand.self, GovernanceReportCommand.self, ConfigCommand.self,
            KillSwitchCommand.self, VerifyChainCommand.self, EventsCommand.self,
            ExplainHourCommand.self,
            ReportCommand.self,
            ResearchCommand.self, FeaturesCommand.self,
        ]
    )

    public init() {}
}
