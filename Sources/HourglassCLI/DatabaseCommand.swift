import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass db …`: schema management.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database schema.",
        subcommands: [MigrateCommand.self]
    )
}

/// `hourglass db migrate`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema migrations that are not applied yet (idempotent).",
        discussion:
            "Each migration runs in its own transaction under an advisory lock. Connect as the schema owner (a superuser on the local cluster)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runReportingErrors {
            let report = try Migrator(log: try global.openLog()).migrate()
            if global.json {
                Console.printJSON(
                    .object([
                        "applied": .array(report.applied.map { .string($0) }),
                        "already_applied": .array(report.alreadyApplied.map { .string($0) }),
                    ]))
            } else if report.applied.isEmpty {
                Console.print("schema up to date (\(report.alreadyApplied.count) migrations applied)")
            } else {
                for name in report.applied { Console.print("applied \(name)") }
                Console.print(
                    "schema up to date (\(report.applied.count + report.alreadyApplied.count) migrations applied)")
            }
        }
    }
}
