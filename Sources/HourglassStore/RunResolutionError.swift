import HourglassCore

/// Why the run a command named could not be found (an input error: check the account, mode,
/// run id or hours).
public enum RunResolutionError: Error, CustomStringConvertible {
    case notFound(runId: String)
    case wrongAccount(runId: String, recorded: String, given: String)
    case wrongMode(runId: String, recorded: RunMode, given: RunMode)
    case noRun(accountId: String, runMode: RunMode?, hour: UTCTimestamp?)
    case noRuns(accountId: String)
    case severalFitExecution(accountId: String, runMode: RunMode, hour: UTCTimestamp, runIds: [String])
    case severalFit(accountId: String, runIds: [String])
    case noExecutedHour(runId: String)

    public var description: String {
        switch self {
        case .notFound(let id): return "run \(id) does not exist"
        case .wrongAccount(let id, let recorded, let given):
            return "run \(id) belongs to account \(recorded), not \(given)"
        case .wrongMode(let id, let recorded, let given):
            return "run \(id) is a \(recorded.rawValue) run, not \(given.rawValue)"
        case .noRun(let account, let mode, let hour):
            return "account \(account) has no \(mode?.rawValue ?? "") run\(hour.map { " that executed \($0)" } ?? "");"
                + " check --account-id and the hours"
        case .noRuns(let account): return "account \(account) has no runs"
        case .severalFitExecution(let account, let mode, let hour, let ids):
            return "several \(mode.rawValue) runs of account \(account) fit \(hour): \(ids.joined(separator: ", "));"
                + " please specify --run-id"
        case .severalFit(let account, let ids):
            return "several runs of account \(account) fit: \(ids.joined(separator: ", ")); please specify --run-id"
        case .noExecutedHour(let id): return "run \(id) has no executed hour yet; execute a window first"
        }
    }
}
