import Foundation
import HourglassTestSupport

/// The momentum baseline config file (`docs/examples/momentum.json`: `"models": ["momentum"]`, every other
/// key the default): the config of every CLI test that executes the momentum rule, since the embedded
/// default is the trained ensemble.
enum MomentumBaseline {
    /// The file's path in the repository.
    static let configPath = TestEnvironment.repositoryRoot.appendingPathComponent("docs/examples/momentum.json").path
    /// `--config <path>`, for `execute-window`, `execute-hour` and `run`.
    static let arguments = ["--config", configPath]
}
