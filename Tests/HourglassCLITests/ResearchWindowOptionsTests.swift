import HourglassCore
import HourglassTestSupport
import Testing

/// The window options `research cpcv` and `research retrain` share, refused the same way by both.
@Suite struct ResearchWindowOptionsTests {
    static let commands = [["research", "cpcv"], ["research", "retrain"]]

    static func window(symbols: String, start: String = "2022-03-01T00:00:00Z", end: String = "2022-03-21T23:00:00Z")
        -> [String]
    {
        ["--symbols", symbols, "--start-hour-ts-utc", start, "--end-hour-ts-utc", end]
    }

    @Test func bothCommandsRefuseARepeatedSymbol() throws {
        for command in Self.commands {
            let outcome = try CLI.run(command + Self.window(symbols: "XBT/USD,ETH/USD,XBT/USD"), dsn: nil)
            #expect(outcome.status == 2, "\(command): \(outcome)")
            #expect(outcome.stderr.contains("distinct comma-separated"), "\(command): \(outcome)")
        }
    }

    @Test func bothCommandsRefuseAWindowThatEndsBeforeItStarts() throws {
        for command in Self.commands {
            let outcome = try CLI.run(
                command + Self.window(symbols: "XBT/USD", start: "2022-03-21T00:00:00Z", end: "2022-03-01T00:00:00Z"),
                dsn: nil)
            #expect(outcome.status == 2, "\(command): \(outcome)")
            #expect(outcome.stderr.contains("--end-hour-ts-utc after --start-hour-ts-utc"), "\(command): \(outcome)")
        }
    }

    @Test func bothCommandsShowTheSharedOptionsInTheirHelp() throws {
        for command in Self.commands {
            let help = try CLI.run(command + ["--help"], dsn: nil)
            #expect(help.status == 0, "\(command): \(help)")
            for option in ["--exchange", "--symbols", "--start-hour-ts-utc", "--end-hour-ts-utc", "--seed"] {
                #expect(help.stdout.contains(option), "\(command) --help lacks \(option)")
            }
        }
    }
}
