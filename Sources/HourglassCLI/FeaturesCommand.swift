import ArgumentParser

/// `hourglass features …`: the reducer's features read back from stored bars.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute and export the features of stored bars (read only).",
        subcommands: [FeaturesExportCommand.self]
    )
}
