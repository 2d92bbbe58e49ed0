import Foundation
import Testing

@testable import HourglassModels

@Suite("NetworkMath")
struct NetworkMathTests {
    /// A dense sweep over the range the networks use (softmax scores ≤ 0, gate sums), plus the branch edges.
    static let points: [Double] =
        stride(from: -60.0, through: 60.0, by: 0.0137).map { $0 }
        + [-707.9, -300, -1e-12, 0, 1e-12, 0.3465735902799726, -0.3465735902799726, 300, 708.9]

    @Test("exp agrees with the platform's libm to a few ulps over the networks' range")
    func expAgreesWithLibm() {
        for x in Self.points {
            let ours = NetworkMath.exp(x)
            let reference = Foundation.exp(x)
            #expect(abs(ours - reference) <= 4 * reference.ulp, "exp(\(x)) = \(ours), libm \(reference)")
        }
    }

    @Test("sigmoid and tanh agree with libm's and with PortableMath's to 1e-15")
    func logisticAndTanh() {
        for x in stride(from: -30.0, through: 30.0, by: 0.071) {
            #expect(abs(NetworkMath.tanh(x) - Foundation.tanh(x)) < 1e-15, "tanh(\(x))")
            #expect(abs(NetworkMath.sigmoid(x) - PortableMath.sigmoid(x)) < 1e-15, "sigmoid(\(x))")
            #expect(abs(NetworkMath.sigmoid(x) - 1 / (1 + Foundation.exp(-x))) < 1e-15, "sigmoid(\(x))")
        }
    }

    @Test("outside −708 … 709 it is PortableMath's exp; NaN stays NaN; tanh and sigmoid saturate")
    func edges() {
        for x in [-800.0, -745.5, -708.5, 709.5, 710, 1e6] {
            #expect(NetworkMath.exp(x).bitPattern == PortableMath.exp(x).bitPattern, "exp(\(x))")
        }
        #expect(NetworkMath.exp(0) == 1)
        #expect(NetworkMath.exp(.nan).isNaN)
        #expect(NetworkMath.tanh(.nan).isNaN)
        #expect(NetworkMath.tanh(25) == 1 && NetworkMath.tanh(-25) == -1)
        #expect(NetworkMath.sigmoid(-800) == 0 && NetworkMath.sigmoid(800) == 1)
    }

    @Test("pinned bits: the polynomial and its order of operations are part of every sequence artifact")
    func pinnedBits() {
        // Printed by this test's first run and pasted; a change here changes every LSTM and Transformer.
        let bits = [-20.5, -3.25, -0.1, 0.75, 4.5].map { NetworkMath.exp($0).bitPattern }
        #expect(bits == Self.pins, "\(bits.map { String($0, radix: 16) })")
    }

    static let pins: [UInt64] = [
        4_473_616_198_666_092_715, 4_585_748_773_289_955_373, 4_606_325_270_462_671_675, 4_611_949_479_042_997_495,
        4_636_034_809_420_963_498,
    ]
}
