import ArgumentParser
import HourglassCore
import HourglassStore

/// `hourglass verify-chain`: recompute payload hashes and the hash chain.
struct VerifyChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-chain",
        abstract: "Recompute every payload hash and the hash chain, and name the first broken seq.",
        discussion: "Exits 0 when the chain is intact, 1 with the first broken seq otherwise."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "First seq to check (default 1).")
    var fromSeq: Int64 = 1

    @Option(help: "Last seq to check (default: the end of the log).")
    var toSeq: Int64?

    func validate() throws {
        if fromSeq < 1 { throw ValidationError("Please specify --from-seq 1 or more.") }
        if let toSeq, toSeq < fromSeq { throw ValidationError("Please specify --to-seq at or after --from-seq.") }
    }

    func run() throws {
        try runReportingErrors {
            let log = try global.openLog()
            let started = MonotonicClock.now()
            let last = try toSeq ?? log.lastSeq()
            let report = try ChainVerifier(log: log).verify(fromSeq: fromSeq, toSeq: toSeq) { seq in
                if !global.json && last > 200_000 { Console.progress("verify-chain: \(seq)/\(last)") }
            }
            let seconds = MonotonicClock.seconds(since: started)
            if global.json {
                var members: [String: JSONValue] = [
                    "intact": .bool(report.intact), "checked": .int(Int64(report.checked)),
                    "first_seq": report.firstSeq.map { .int($0) } ?? .null,
                    "last_seq": report.lastSeq.map { .int($0) } ?? .null,
                    "seconds": .double((seconds * 1000).rounded() / 1000),
                ]
                if let broken = report.firstBreak {
                    members["first_break"] = .object([
                        "seq": .int(broken.seq), "kind": .string(broken.kind),
                        "expected": .string(broken.expected), "found": .string(broken.found),
                    ])
                }
                Console.printJSON(.object(members))
            } else if let broken = report.firstBreak {
                Console.print("BROKEN \(broken)")
            } else {
                Console.print(
                    "INTACT \(report.checked) events (seq \(report.firstSeq.map(String.init) ?? "-")…\(report.lastSeq.map(String.init) ?? "-")) in \(String(format: "%.2f", seconds)) s"
                )
            }
            if !report.intact { throw ExitCode.divergence }
        }
    }
}
