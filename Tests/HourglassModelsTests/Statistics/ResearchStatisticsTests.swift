import Testing

@testable import HourglassModels

/// Reference values were computed once with numpy 2.4.6 and scipy 1.17.1 by an independent Python script
/// (log loss and Brier by their formulas in numpy, AUC as scipy.stats.mannwhitneyu's U / (n₁n₀), skew and
/// kurtosis by scipy.stats.skew / kurtosis(fisher=False), Φ and Φ⁻¹ by scipy.stats.norm, and CSCV by a direct
/// itertools.combinations loop). The inputs below are that script's seeded draws, pasted as printed.
@Suite("ResearchStatistics")
struct ResearchStatisticsTests {
    static let probabilities: [Double] = [
        0.21, 0.63, 0.47, 0.38, 0.37, 0.76, 0.86, 0.21, 0.64, 0.32, 0.92, 0.88, 0.62, 0.73, 0.51, 0.79, 0.45,
        0.35, 0.30, 0.25, 0.52, 0.44, 0.65, 0.06, 0.45, 0.38, 0.23, 0.59, 0.44, 0.32,
    ]
    static let outcomes: [Bool] = [
        true, false, false, false, true, false, true, false, false, true, true, true, true, true, true, true,
        false, true, false, false, false, true, true, false, false, false, false, true, true, false,
    ]
    static let returns: [Double] = [
        0.00402, 0.02236, -0.01492, -0.00449, 0.00696, -0.02370, -0.00236, -0.00021, 0.00082, 0.00253,
        -0.01592, -0.00534, -0.05296, 0.00268, 0.00644, -0.01968, -0.00046, 0.00167, 0.01981, 0.00363, 0.03214,
        0.01075, -0.00471, 0.00698, 0.02192, -0.03486, -0.01733, 0.00725, -0.01442, 0.00292, 0.01227, 0.00170,
        -0.00073, 0.02053, -0.01859, 0.00493, -0.00271, 0.00864, 0.01540, -0.00279, -0.01018, 0.00226, 0.00681,
        0.00765, -0.00014, 0.00972, -0.03103, 0.00279, 0.00645, 0.00403, 0.00886, -0.00254, -0.00950, -0.00741,
        -0.02381, -0.00569, -0.00081, -0.01140, 0.01278, 0.04211,
    ]
    /// 48 periods × 5 configurations.
    static let matrix: [[Double]] = [
        [0.0081, 0.0053, 0.0218, 0.0259, 0.0103],
        [0.0070, -0.0107, -0.0107, 0.0075, -0.0003],
        [-0.0128, -0.0007, 0.0041, 0.0099, -0.0006],
        [-0.0022, 0.0006, 0.0022, -0.0111, 0.0088],
        [0.0224, 0.0086, -0.0140, 0.0014, -0.0172],
        [-0.0178, 0.0071, 0.0013, -0.0064, -0.0204],
        [-0.0122, 0.0021, 0.0008, 0.0074, 0.0157],
        [-0.0029, 0.0052, -0.0009, -0.0045, -0.0019],
        [0.0101, -0.0098, 0.0119, 0.0153, 0.0009],
        [0.0030, -0.0136, 0.0241, 0.0103, 0.0022],
        [0.0011, 0.0050, -0.0060, 0.0033, -0.0087],
        [0.0055, -0.0063, 0.0095, -0.0007, 0.0032],
        [0.0301, 0.0085, 0.0032, 0.0009, -0.0099],
        [0.0113, 0.0165, 0.0011, 0.0173, -0.0006],
        [-0.0172, -0.0060, -0.0101, -0.0022, 0.0068],
        [-0.0088, -0.0003, 0.0025, -0.0068, -0.0086],
        [0.0014, 0.0092, -0.0055, -0.0070, -0.0009],
        [0.0034, -0.0049, -0.0028, -0.0018, -0.0104],
        [-0.0013, -0.0051, 0.0163, -0.0047, 0.0051],
        [0.0043, -0.0107, -0.0120, -0.0040, 0.0071],
        [-0.0052, -0.0061, -0.0285, -0.0035, 0.0036],
        [0.0049, 0.0048, -0.0028, -0.0018, 0.0088],
        [-0.0009, -0.0225, 0.0107, -0.0103, 0.0143],
        [0.0174, 0.0081, 0.0095, 0.0191, -0.0105],
        [0.0030, 0.0029, -0.0092, 0.0206, -0.0053],
        [-0.0068, 0.0032, 0.0108, -0.0055, -0.0055],
        [0.0055, -0.0138, -0.0072, -0.0079, -0.0038],
        [-0.0009, 0.0189, 0.0096, 0.0007, -0.0017],
        [0.0092, 0.0048, 0.0094, 0.0143, -0.0096],
        [-0.0220, 0.0003, 0.0013, 0.0034, -0.0055],
        [-0.0018, 0.0061, 0.0066, 0.0138, -0.0212],
        [-0.0160, 0.0151, 0.0066, 0.0084, -0.0023],
        [-0.0042, 0.0025, -0.0089, -0.0148, -0.0106],
        [0.0017, 0.0069, 0.0170, 0.0042, 0.0052],
        [0.0174, -0.0073, -0.0091, -0.0049, -0.0005],
        [0.0207, -0.0030, 0.0136, -0.0042, 0.0054],
        [0.0073, 0.0058, 0.0080, -0.0064, 0.0151],
        [0.0103, -0.0065, 0.0056, -0.0102, 0.0014],
        [-0.0112, 0.0077, 0.0301, 0.0152, 0.0078],
        [-0.0085, 0.0043, 0.0123, -0.0004, 0.0018],
        [-0.0164, -0.0081, -0.0180, 0.0196, 0.0052],
        [0.0077, -0.0015, -0.0141, 0.0023, -0.0059],
        [-0.0092, 0.0011, 0.0016, -0.0013, -0.0072],
        [-0.0094, 0.0006, 0.0127, -0.0155, -0.0061],
        [-0.0011, -0.0011, -0.0054, 0.0198, 0.0045],
        [-0.0094, -0.0183, -0.0012, 0.0153, 0.0024],
        [-0.0227, -0.0133, 0.0017, 0.0112, 0.0019],
        [0.0020, 0.0112, 0.0131, -0.0063, 0.0049],
    ]

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("log loss, Brier score and AUC (with tied scores) match numpy and scipy")
    func classification() throws {
        #expect(
            Self.close(
                ClassificationMetrics.logLoss(probabilities: Self.probabilities, outcomes: Self.outcomes),
                0.59869931401221943))
        #expect(
            Self.close(
                ClassificationMetrics.brierScore(probabilities: Self.probabilities, outcomes: Self.outcomes),
                0.20967666666666668))
        let auc = try #require(ClassificationMetrics.auc(scores: Self.probabilities, outcomes: Self.outcomes))
        #expect(Self.close(auc, 0.70222222222222219))
    }

    @Test("AUC closed forms: a constant score is 0.5, a perfect ranking 1, a reversed one 0, one class nil")
    func aucClosedForms() {
        let outcomes = [true, false, true, false, false]
        #expect(ClassificationMetrics.auc(scores: [0.3, 0.3, 0.3, 0.3, 0.3], outcomes: outcomes) == 0.5)
        #expect(ClassificationMetrics.auc(scores: [0.9, 0.1, 0.8, 0.2, 0.3], outcomes: outcomes) == 1)
        #expect(ClassificationMetrics.auc(scores: [0.1, 0.9, 0.2, 0.8, 0.7], outcomes: outcomes) == 0)
        #expect(ClassificationMetrics.auc(scores: [0.1, 0.2], outcomes: [true, true]) == nil)
    }

    @Test("calibration bins count, average and compare against the base rate")
    func calibration() {
        let table = ClassificationMetrics.calibration(
            probabilities: [0.05, 0.15, 0.12, 0.95, 1.0, 0.55],
            outcomes: [false, false, true, true, true, false], binCount: 10)
        #expect(table.bins.map(\.count) == [1, 2, 1, 2])
        #expect(table.bins.map(\.lower) == [0, 0.1, 0.5, 0.9])
        #expect(Self.close(table.bins[1].meanPredicted, 0.135) && table.bins[1].observedRate == 0.5)
        #expect(table.baseRate == 0.5)
        // Σ share × |observed − predicted| = (0.05 + 2 × 0.365 + 0.55 + 2 × 0.025) / 6.
        #expect(Self.close(table.expectedCalibrationError, (0.05 + 0.73 + 0.55 + 0.05) / 6))
    }

    @Test("Sharpe, skew, kurtosis and the probabilistic Sharpe ratio match scipy")
    func sharpe() {
        let stats = SharpeStatistics(returns: Self.returns)
        #expect(Self.close(stats.sharpe, -0.020214032704500399))
        #expect(Self.close(stats.skewness, -0.4904708255658109))
        #expect(Self.close(stats.kurtosis, 4.8440844743508187))
        #expect(Self.close(stats.annualizedSharpe(periodsPerYear: 8_760), -0.020214032704500399 * 8_760.0.squareRoot()))
        #expect(Self.close(stats.probabilisticSharpe(), 0.4380119955843117, 1e-9))
        #expect(Self.close(stats.probabilisticSharpe(benchmark: 0.1), 0.17675326560088622, 1e-9))
    }

    @Test("expected maximum Sharpe of N trials and the deflated Sharpe ratio match scipy")
    func deflated() {
        #expect(
            Self.close(
                SharpeStatistics.expectedMaximumSharpe(trialCount: 10, trialSharpeVariance: 0.01),
                0.15745983013457501, 1e-9))
        #expect(
            Self.close(
                SharpeStatistics.expectedMaximumSharpe(trialCount: 100, trialSharpeVariance: 0.04),
                0.50612057864033699, 1e-9))
        let stats = SharpeStatistics(returns: Self.returns)
        #expect(Self.close(stats.deflatedSharpe(trialCount: 10, trialSharpeVariance: 0.01), 0.085143387033451035, 1e-8))
        // More trials raise the bar: the deflated ratio falls.
        #expect(
            stats.deflatedSharpe(trialCount: 1_000, trialSharpeVariance: 0.01)
                < stats.deflatedSharpe(trialCount: 10, trialSharpeVariance: 0.01))
    }

    @Test(
        "the normal quantile matches scipy.stats.norm.ppf and inverts the CDF",
        arguments: [
            (1e-10, -6.3613409024040557), (0.001, -3.0902323061678132), (0.02425, -1.9729610513118849),
            (0.3, -0.52440051270804089), (0.5, 0), (0.9, 1.2815515655446004),
            (0.999999, 4.7534243088170873),
        ])
    func quantile(p: Double, expected: Double) {
        let x = NormalDistribution.quantile(p)
        #expect(abs(x - expected) < 1e-12 * max(1, abs(expected)))
        #expect(abs(NormalDistribution.cdf(x) - p) < 1e-14 * max(p, 1e-3))
    }

    @Test("the probability of backtest overfitting matches a direct CSCV in Python, λ for λ")
    func pbo() {
        let result = BacktestOverfitting(returns: Self.matrix, blockCount: 6)
        let expected = [
            0.69314718055994518, 0, 0.69314718055994518, -0.6931471805599454, 0.69314718055994518,
            0.69314718055994518, 0.69314718055994518, 0.69314718055994518, -0.6931471805599454,
            0.69314718055994518, 0.69314718055994518, -1.6094379124341005, 0, 0, -1.6094379124341005, 0,
            0.69314718055994518, 0.69314718055994518, -1.6094379124341005, 0,
        ]
        #expect(result.logits.count == 20)
        #expect(zip(result.logits, expected).allSatisfy { Self.close($0, $1) })
        #expect(result.probability == 0.5)
    }

    @Test("a configuration that is best in every block is never overfit")
    func pboClosedForms() {
        var rows: [[Double]] = []
        for t in 0..<64 {
            let wobble = Double(t % 4) * 0.001
            rows.append([0.002 + wobble, -0.001 + wobble * 2, wobble - 0.003, 0.0005 - wobble])
        }
        rows = rows.enumerated().map { index, row in row.map { $0 + (index % 2 == 0 ? 0.0001 : -0.0001) } }
        #expect(BacktestOverfitting(returns: rows, blockCount: 8).probability == 0)
    }
}
