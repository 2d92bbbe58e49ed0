import ArgumentParser
import HourglassCore

/// `hourglass config show`: the effective configuration and its SHA-256.
struct ConfigShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective engine config (defaults overridden by --config) and its SHA-256.",
        discussion:
            "The SHA-256 is the one RunStarted and every manifest record (config_sha256). The file format is in docs/CONFIG.md."
    )

    @Option(help: "A JSON config file; its keys override the defaults.")
    var config: String?

    @Flag(help: "Print JSON: {\"config\": …, \"sha256\": …}.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let effective = try config.map { try ConfigFile.load(path: $0) } ?? .default
            if json {
                Console.printJSON(.object(["config": effective.json, "sha256": .hash(effective.sha256)]))
            } else {
                Console.print(effective.json.prettyText)
                Console.print("sha256 \(effective.sha256)")
            }
        }
    }
}
