import ArgumentParser
import HourglassStore

/// An optional `--run-id`, checked to be a UUID when given.
struct OptionalRunIdOptions: ParsableArguments {
    @Option(help: "The run's UUID (default: the account's run that fits).")
    var runId: String?

    func validate() throws {
        if let runId, !UUIDText.isValid(runId) {
            throw ValidationError("Please specify --run-id as a UUID (see `hourglass kill-switch status`).")
        }
    }
}
