import ArgumentParser
import HourglassStore

/// A required `--run-id`, checked to be a UUID before anything connects.
struct RunIdOptions: ParsableArguments {
    @Option(help: "The run's UUID (see `hourglass kill-switch status` or `execute-window --json`).")
    var runId: String

    func validate() throws {
        if !UUIDText.isValid(runId) {
            throw ValidationError("Please specify --run-id as a UUID (see `hourglass kill-switch status`).")
        }
    }
}
