import Foundation
import HourglassCore
import HourglassTestSupport
import Testing

/// `hourglass config show` through the built binary: the embedded default is the full trained ensemble on
/// the default retrain schedule, `docs/examples/momentum.json` is the momentum baseline with the hash the
/// momentum golden was pinned with, and the printed text is itself a config file of the same hash.
@Suite struct ConfigShowCommandTests {
    /// `config_sha256` of Tests/Golden/kraken5-2022-03-04.jsonl (the momentum golden).
    static let momentumGoldenConfigSha256 = "40040fcd553248c297b7d8c85d332ef57e1406446fe245c7ad177dd20aac533e"

    @Test func theDefaultIsTheFullEnsemble() throws {
        let scratch = try Scratch("config-show")
        defer { scratch.remove() }
        let cli = try CLI(dsn: nil, scratch: scratch)
        let shown = try cli.succeed(["config", "show", "--json"]).json()
        let config = try #require(shown["config"] as? [String: Any], "\(shown)")
        #expect(config["models"] as? [String] == ["ensemble"])
        let retrain = try #require(config["retrain"] as? [String: Any], "\(config)")
        #expect(retrain["every_hours"] as? Int == 720 && retrain["training_window_hours"] as? Int == 4320)
        #expect(retrain["out_of_fold_groups"] as? Int == 4 && retrain["seed"] as? Int == 20_260_101)
        #expect(shown["sha256"] as? String == EngineConfig.default.sha256.hex)
        #expect(shown["sha256"] as? String != Self.momentumGoldenConfigSha256)

        // The text form names the ensemble and ends with the same hash.
        let text = try cli.succeed(["config", "show"]).stdout
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.last == "sha256 \(EngineConfig.default.sha256.hex)", "\(text)")
        #expect(text.contains(#""ensemble""#) && !text.contains(#""momentum""#), "\(text)")
        // Everything but the last line is a config file of the same configuration.
        let file = try scratch.write("shown.json", Array(lines.dropLast().joined(separator: "\n").utf8))
        let again = try cli.succeed(["config", "show", "--json", "--config", file]).json()
        #expect(again["sha256"] as? String == EngineConfig.default.sha256.hex)
    }

    @Test func theMomentumExampleIsTheBaselineOfTheGolden() throws {
        let scratch = try Scratch("config-show-momentum")
        defer { scratch.remove() }
        let cli = try CLI(dsn: nil, scratch: scratch)
        let shown = try cli.succeed(["config", "show", "--json"] + MomentumBaseline.arguments).json()
        let config = try #require(shown["config"] as? [String: Any], "\(shown)")
        #expect(config["models"] as? [String] == ["momentum"])
        #expect(shown["sha256"] as? String == Self.momentumGoldenConfigSha256)
        #expect(shown["sha256"] as? String == EngineConfig.momentumBaseline.sha256.hex)
    }
}
