import ArgumentParser
import Foundation
import HourglassStore

/// Options every command takes: where the database is and how to print.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "libpq connection string (URI or key=value). Defaults to $HOURGLASS_DSN.")
    public var dsn: String?

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    public var json = false

    public init() {}

    /// The DSN from the flag or the environment.
    public func resolvedDSN() throws -> String {
        if let dsn, !dsn.isEmpty { return dsn }
        if let env = ProcessInfo.processInfo.environment["HOURGLASS_DSN"], !env.isEmpty { return env }
        throw ValidationError(
            "Please specify --dsn or set HOURGLASS_DSN (for the local cluster: export HOURGLASS_DSN=$(Scripts/pg dsn))."
        )
    }

    /// Opens the event log, reporting failure as an input error.
    public func openLog() throws -> EventLog {
        do {
            return try EventLog.open(dsn: try resolvedDSN())
        } catch let error as PGError {
            throw CLIError.input(
                "cannot connect to the database: \(error.message). Is the server running (Scripts/pg start) and the DSN right?"
            )
        }
    }
}
