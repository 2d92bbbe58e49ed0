import ArgumentParser
import Foundation
import HourglassCLI

// The contract (DESIGN §8) says usage errors exit 2; ArgumentParser's default for them is
// EX_USAGE (64). Parse and run as `main()` does, but map that one code to 2.
do {
    var command = try HourglassCommand.parseAsRoot()
    try command.run()
} catch {
    if HourglassCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((HourglassCommand.fullMessage(for: error) + "\n").utf8))
        HourglassCommand.exit(withError: ExitCode.inputError)
    }
    HourglassCommand.exit(withError: error)
}
