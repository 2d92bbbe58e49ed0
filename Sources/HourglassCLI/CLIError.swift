import ArgumentParser
import Foundation
import HourglassCore
import HourglassStore

/// An error that ends a command with a message and a specific exit code.
public enum CLIError: Error, CustomStringConvertible {
    /// Bad input or usage: exit 2, nothing written.
    case input(String)
    /// Refused (already done, kill switch, lock held): exit 3.
    case refused(String)
    /// A divergence or violation was found: exit 1.
    case divergence(String)

    public var description: String {
        switch self {
        case .input(let message), .refused(let message), .divergence(let message): return message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .input: return .inputError
        case .refused: return .refused
        case .divergence: return .divergence
        }
    }
}

/// Runs a command body, printing known errors as one clear line on stderr and exiting with the
/// contract's code: 1 divergence, 2 input/usage, 3 refused.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        Console.error(error.description)
        throw error.exitCode
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch let error as BarFileError {
        Console.error("error: \(error)")
        throw ExitCode.inputError
    } catch let error as EventLogError {
        Console.error("error: \(error)")
        throw ExitCode.inputError
    } catch let error as MigrationError {
        Console.error("error: \(error)")
        throw ExitCode.inputError
    } catch let error as ModelStoreError {
        // A missing or corrupt stored artifact is a violation the log check found.
        Console.error("error: \(error)")
        throw ExitCode.divergence
    } catch let error as PGError {
        Console.error("error: \(error)")
        throw ExitCode.inputError
    } catch {
        Console.error("error: \(error)")
        throw ExitCode.inputError
    }
}

/// Output helpers: results on stdout, diagnostics and progress on stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func print(_ message: String) {
        Swift.print(message)
    }

    static func flush() {
        fflush(nil)
    }

    static func printJSON(_ value: JSONValue) {
        Swift.print(value.canonicalText)
    }
}
