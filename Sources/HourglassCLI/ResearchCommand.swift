import ArgumentParser

/// `hourglass research …`: model research over stored bars (nothing is written).
struct ResearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "research",
        abstract: "Study the models over stored bars (read only).",
        subcommands: [ResearchCPCVCommand.self, ResearchRetrainCommand.self, ResearchEvaluateCommand.self]
    )
}
