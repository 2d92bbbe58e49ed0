import Foundation
import HourglassTestSupport
import Testing

@testable import HourglassStore

/// The commands of DESIGN §8 as a user runs them: exit codes 0/1/2, text and `--json`.
@Suite("hourglass commands")
struct CommandTests {
    @Test("db migrate applies every migration once; the second run applies nothing")
    func migrateTwice() throws {
        try TestDatabase.with(migrated: false) { (db) throws in
            let first = try CLI.run(["db", "migrate", "--json"], dsn: db.dsn)
            #expect(first.status == 0, "\(first)")
            let names = Migration.embedded.map(\.name)
            #expect(try first.json()["applied"] as? [String] == names)
            let second = try CLI.run(["db", "migrate", "--json"], dsn: db.dsn)
            #expect(second.status == 0, "\(second)")
            #expect(try second.json()["applied"] as? [String] == [])
            #expect(try second.json()["already_applied"] as? [String] == names)
            let text = try CLI.run(["db", "migrate"], dsn: db.dsn)
            #expect(text.status == 0)
            #expect(text.stdout.contains("schema up to date"), "\(text)")
        }
    }

    @Test("ingest-bars of a real file, then again: the second run appends 0")
    func ingestRerunIsNoOp() throws {
        try TestDatabase.with { (db) throws in
            let file = try TestEnvironment.dataPath("kraken_XBTUSDT_1h.csv")
            let first = try CLI.run(["ingest-bars", "--exchange", "kraken", "--file", file, "--json"], dsn: db.dsn)
            #expect(first.status == 0, "\(first)")
            let report = try first.json()
            #expect(report["rows"] as? Int == 2_160)
            #expect(report["appended"] as? Int == 2_160)
            #expect(report["duplicates_skipped"] as? Int == 0)
            #expect(report["gaps"] as? Int == 0)
            #expect((report["files"] as? [[String: Any]])?.first?["symbol"] as? String == "XBT/USDT")
            let second = try CLI.run(["ingest-bars", "--file", file, "--json"], dsn: db.dsn)
            #expect(second.status == 0, "\(second)")
            #expect(try second.json()["appended"] as? Int == 0)
            #expect(try second.json()["duplicates_skipped"] as? Int == 2_160)
            #expect(try db.eventCount() == 2_160)
            let text = try CLI.run(["ingest-bars", "--file", file], dsn: db.dsn)
            #expect(text.status == 0)
            #expect(text.stdout.contains("0 events appended"), "\(text)")
        }
    }

    @Test("verify-chain exits 0 on an intact log, 1 naming the seq after tampering")
    func verifyChain() throws {
        try TestDatabase.with { (db) throws in
            let file = try TestEnvironment.dataPath("kraken_XBTUSDC_1h.csv")
            #expect(try CLI.run(["ingest-bars", "--file", file], dsn: db.dsn).status == 0)
            let intact = try CLI.run(["verify-chain"], dsn: db.dsn)
            #expect(intact.status == 0, "\(intact)")
            #expect(intact.stdout.hasPrefix("INTACT 2160 events"), "\(intact)")
            let intactJSON = try CLI.run(["verify-chain", "--json"], dsn: db.dsn)
            #expect(try intactJSON.json()["intact"] as? Bool == true)
            #expect(try intactJSON.json()["checked"] as? Int == 2_160)

            let connection = try db.connect()
            try connection.executeUnsafe(
                script: """
                    ALTER TABLE events DISABLE TRIGGER USER;
                    UPDATE events SET payload = set_byte(payload, length(payload) - 1, get_byte(payload, length(payload) - 1) # 1) WHERE seq = 1234;
                    ALTER TABLE events ENABLE TRIGGER USER;
                    """, context: "tamper")
            let broken = try CLI.run(["verify-chain"], dsn: db.dsn)
            #expect(broken.status == 1, "\(broken)")
            #expect(broken.stdout.contains("seq 1234"), "\(broken)")
            #expect(broken.stdout.contains("payload_sha256"), "\(broken)")
            let brokenJSON = try CLI.run(["verify-chain", "--json"], dsn: db.dsn)
            #expect(brokenJSON.status == 1)
            let firstBreak = try brokenJSON.json()["first_break"] as? [String: Any]
            #expect(firstBreak?["seq"] as? Int == 1234)
            #expect(firstBreak?["kind"] as? String == "payload_sha256")
            // A range that ends before the damage is intact.
            #expect(try CLI.run(["verify-chain", "--to-seq", "1233"], dsn: db.dsn).status == 0)
        }
    }

    @Test("events show --seq prints the decoded bar with every payload field")
    func eventsShow() throws {
        try TestDatabase.with { (db) throws in
            let file = try TestEnvironment.dataPath("kraken_XBTUSDT_1h.csv")
            #expect(try CLI.run(["ingest-bars", "--file", file], dsn: db.dsn).status == 0)
            let result = try CLI.run(["events", "show", "--seq", "5", "--json"], dsn: db.dsn)
            #expect(result.status == 0, "\(result)")
            let event = try result.json()
            #expect(event["seq"] as? Int == 5)
            #expect(event["stream"] as? String == "market.kraken")
            #expect(event["event_type"] as? String == "BarRecorded")
            #expect((event["payload_sha256"] as? String)?.count == 64)
            #expect((event["chain_sha256"] as? String)?.count == 64)
            let payload = try #require(event["payload"] as? [String: Any])
            // The fifth data line of the file.
            let line = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")[5].split(separator: ",")
                .map(String.init)
            #expect(payload["exchange"] as? String == "kraken")
            #expect(payload["symbol"] as? String == "XBT/USDT")
            #expect(payload["ts_utc"] as? String == line[0])
            #expect(payload["interval_seconds"] as? Int == 3600)
            for (index, key) in ["open", "high", "low", "close", "volume"].enumerated() {
                let value = try #require(payload[key] as? String, "payload.\(key) is a decimal string")
                #expect(Self.sameDecimal(value, line[index + 1]), "\(key): \(value) vs \(line[index + 1])")
            }
            let pretty = try CLI.run(["events", "show", "--seq", "5"], dsn: db.dsn)
            #expect(pretty.status == 0)
            #expect(pretty.stdout.contains("BarRecorded"))
            let missing = try CLI.run(["events", "show", "--seq", "99999"], dsn: db.dsn)
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.stderr.contains("99999"))
        }
    }

    @Test("events tail prints the last events, one JSON object per line")
    func eventsTail() throws {
        try TestDatabase.with { (db) throws in
            #expect(
                try CLI.run(
                    ["ingest-bars", "--file", try TestEnvironment.dataPath("kraken_XBTUSDC_1h.csv")], dsn: db.dsn
                ).status == 0)
            let result = try CLI.run(["events", "tail", "--limit", "3"], dsn: db.dsn)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            let seqs = try lines.map { line -> Int? in
                (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
            }
            #expect(seqs == [2_158, 2_159, 2_160])
        }
    }

    @Test("no DSN: exit 2 and a message that says how to set one")
    func missingDSN() throws {
        for arguments in [["db", "migrate"], ["verify-chain"], ["events", "show", "--seq", "1"]] {
            let result = try CLI.run(arguments, dsn: nil)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains("HOURGLASS_DSN"), "\(result.stderr)")
            #expect(result.stderr.contains("--dsn"), "\(result.stderr)")
        }
    }

    @Test("a server that is not there: exit 2 and a hint, never the password")
    func unreachableServer() throws {
        let dsn =
            "postgresql://hourglass:s3cret-password@/nowhere?host=/nonexistent-socket-dir&port=1&connect_timeout=2"
        let result = try CLI.run(["db", "migrate"], dsn: dsn)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot connect"), "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret-password"))
        #expect(!result.stdout.contains("s3cret-password"))
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["db", "migrate", "--no-such-flag"],
            ["ingest-bars", "--bogus"],
            ["ingest-bars"],
            ["ingest-bars", "--file", "a.csv", "--exchange", "coinbase"],
            ["ingest-bars", "--file", "a.csv", "--format", "parquet"],
            ["verify-chain", "--from-seq", "0"],
            ["events", "show"],
            ["no-such-command"],
        ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, dsn: "postgresql:///unused?host=/nonexistent")
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("--help exits 0")
    func help() throws {
        let result = try CLI.run(["--help"], dsn: nil)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ingest-bars"))
    }

    /// Equal as decimals (`122.0` and `122` are the same price).
    static func sameDecimal(_ a: String, _ b: String) -> Bool {
        func normalised(_ text: String) -> String {
            guard text.contains(".") else { return text }
            var trimmed = Substring(text)
            while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
            if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        return normalised(a) == normalised(b)
    }
}
