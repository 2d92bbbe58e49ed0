import ArgumentParser

/// `hourglass config`: the engine configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the engine configuration.",
        subcommands: [ConfigShowCommand.self]
    )
}
