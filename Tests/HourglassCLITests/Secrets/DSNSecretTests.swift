import Foundation
import HourglassCLI
import HourglassTestSupport
import Testing

/// A DSN's password never reaches stdout or stderr: every subcommand (read from the CLI's own
/// configuration, so a new command is covered when it lands) is run with DSNs that carry a
/// password and cannot connect — given by `--dsn` and by `HOURGLASS_DSN` — and its output is
/// searched for the password.
@Suite("DSN secrets")
struct DSNSecretTests {
    static let secret = "Hg5ecretPw0rd"

    /// DSNs that fail: a closed port, a role the real server does not know, and malformed DSNs whose
    /// libpq parse errors quote the token or the URI they stopped at.
    static func failingDSNs() throws -> [String] {
        let admin = try TestEnvironment.adminDSN()
        let query = URLComponents(string: admin)?.queryItems ?? []
        let host = query.first { $0.name == "host" }?.value ?? "/tmp"
        let port = query.first { $0.name == "port" }?.value ?? "5432"
        return [
            "postgresql://hourglass:\(secret)@127.0.0.1:9/hourglass",
            "host=\(host) port=\(port) user=hg_no_such_role password=\(secret) dbname=postgres",
            "postgresql://hourglass:\(secret)%zz@127.0.0.1:9/hourglass",
            "postgresql://hourglass:\(secret)@[::1/hourglass",
        ]
    }

    /// A Kraken URL nothing listens on: a command that reached the exchange would fail there,
    /// never on the internet.
    static let noExchange = ["HOURGLASS_KRAKEN_URL": "http://127.0.0.1:9"]

    /// One leaf command as `--experimental-dump-help` describes it.
    struct Command {
        let path: [String]
        let required: [(name: String, positional: Bool)]
        let options: Set<String>
    }

    /// Every leaf subcommand, from the binary's own description of its configuration.
    static func commands() throws -> [Command] {
        let dump = try CLI.run(["--experimental-dump-help"], dsn: nil)
        try #require(dump.status == 0, "\(dump)")
        let root = try #require((try dump.json())["command"] as? [String: Any])
        var found: [Command] = []
        func walk(_ node: [String: Any], _ path: [String]) {
            let subcommands = (node["subcommands"] as? [[String: Any]] ?? []).filter {
                ($0["commandName"] as? String) != "help"
            }
            if subcommands.isEmpty, !path.isEmpty {
                var required: [(String, Bool)] = []
                var options: Set<String> = []
                for argument in node["arguments"] as? [[String: Any]] ?? [] {
                    let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                    let positional = (argument["kind"] as? String) == "positional"
                    let name = names.first ?? (argument["valueName"] as? String ?? "value")
                    options.insert(name)
                    if (argument["isOptional"] as? Bool) == false { required.append((name, positional)) }
                }
                found.append(Command(path: path, required: required, options: options))
            }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? "?"]) }
        }
        walk(root, [])
        return found
    }

    /// Arguments that get a command past parsing to the point where it connects.
    static func arguments(for command: Command, folder: Scratch) throws -> [String] {
        let manifest = try folder.write("manifest.jsonl", lines: ["{\"hour_ts_utc\":\"2022-06-01T00:00:00Z\"}"])
        let bars = try folder.write(
            "kraken_XBTUSD_1h.csv",
            lines: [
                "ts_utc,open,high,low,close,volume", "2024-01-01T00:00:00Z,100.5,101,99.5,100,12.5",
            ])
        var values: [String: String] = [
            "account-id": "secrets", "run-id": "00000000-0000-4000-8000-000000000001", "run-mode": "BACKTEST",
            "hour-ts-utc": "2022-06-01T00:00:00Z", "start-hour-ts-utc": "2022-06-01T00:00:00Z",
            "end-hour-ts-utc": "2022-06-01T01:00:00Z", "file": bars, "seq": "1", "by": "tester",
            "reason": "secret test", "expected": manifest, "actual": manifest,
            "out": folder.path("out.file"), "symbol": "XBT/USD", "symbols": "XBT/USD,ETH/USD", "exchange": "kraken",
        ]
        // `run` refuses BACKTEST before it connects; PAPER with --once gets it to the database.
        if command.path == ["run"] { values["run-mode"] = "PAPER" }
        var arguments = command.path
        if command.path == ["run"] { arguments.append("--once") }
        // `execute-hour` takes --hour-ts-utc or --latest, so neither is required on its own.
        if command.options.contains("hour-ts-utc"), !command.required.contains(where: { $0.name == "hour-ts-utc" }) {
            arguments += ["--hour-ts-utc", "2022-06-01T00:00:00Z"]
        }
        for (name, positional) in command.required {
            let value = try #require(
                values[name], "no test value for \(command.path.joined(separator: " ")) \(name): add one")
            arguments += positional ? [value] : ["--\(name)", value]
        }
        if command.options.contains("file"), !command.required.contains(where: { $0.name == "file" }) {
            arguments += ["--file", bars]
        }
        return arguments
    }

    @Test("the command list comes from the CLI's configuration")
    func commandsMatchConfiguration() throws {
        let top = Set(HourglassCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" })
        let listed = Set(try Self.commands().map { $0.path[0] })
        #expect(listed == top)
        #expect(listed.count >= 15)
    }

    @Test("no command prints the password of a --dsn or HOURGLASS_DSN that fails")
    func passwordNeverPrinted() throws {
        let commands = try Self.commands()
        let dsns = try Self.failingDSNs()
        var connected: Set<String> = []
        try Scratch.with { (folder) throws in
            for command in commands {
                let arguments = try Self.arguments(for: command, folder: folder)
                let name = command.path.joined(separator: " ")
                for dsn in dsns {
                    for viaFlag in [true, false] {
                        let result =
                            viaFlag
                            ? try CLI.run(arguments + ["--dsn", dsn], dsn: nil, environment: Self.noExchange)
                            : try CLI.run(arguments, dsn: dsn, environment: Self.noExchange)
                        let output = result.stdout + result.stderr
                        #expect(
                            !output.contains(Self.secret),
                            "\(name) (\(viaFlag ? "--dsn" : "HOURGLASS_DSN")) printed the password: \(result)")
                        #expect(
                            !output.contains("\(Self.secret.prefix(8))"),
                            "\(name) printed part of the password: \(result)")
                        if result.stderr.contains("cannot connect to the database")
                            || result.stderr.contains("error while trying to connect")
                        {
                            connected.insert(name)
                            #expect(result.status == 2, "\(name): \(result)")
                        }
                    }
                }
            }
        }
        // Every command that talks to the database got as far as connecting; only the offline ones did not.
        let offline: Set<String> = ["manifest-diff", "config show"]
        let silent = Set(commands.map { $0.path.joined(separator: " ") }).subtracting(connected)
        #expect(silent == offline, "commands that never tried to connect: \(silent.sorted())")
    }
}
