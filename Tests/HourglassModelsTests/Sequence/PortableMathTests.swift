import Foundation
import Testing

@testable import HourglassModels

@Suite("PortableMath")
struct PortableMathTests {
    static let points: [Double] = [
        -700, -50, -10.5, -1, -0.3, -1e-8, 0, 1e-10, 0.25, 0.5, 0.6931471805599453, 1, 2.5,
        10, 88.7, 300, 709,
    ]

    @Test("exp and log agree with the platform's libm to a few ulps")
    func agreeWithLibm() {
        for x in Self.points {
            let ours = PortableMath.exp(x)
            let reference = Foundation.exp(x)
            #expect(abs(ours - reference) <= 4 * reference.ulp, "exp(\(x)) = \(ours), libm \(reference)")
        }
        for x in Self.points where x > 0 {
            let ours = PortableMath.log(x)
            let reference = Foundation.log(x)
            #expect(
                abs(ours - reference) <= 4 * max(abs(reference).ulp, Double.leastNormalMagnitude),
                "log(\(x)) = \(ours), libm \(reference)")
        }
        for x in [-25.0, -3, -0.5, 0.01, 0.5, 3, 25] {
            #expect(abs(PortableMath.tanh(x) - Foundation.tanh(x)) < 1e-15)
        }
    }

    @Test("edge values: overflow, underflow, zero and negatives")
    func edges() {
        #expect(PortableMath.exp(710) == .infinity)
        #expect(PortableMath.exp(-746) == 0)
        #expect(PortableMath.exp(0) == 1)
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        #expect(PortableMath.sigmoid(-800) == 0 && PortableMath.sigmoid(800) == 1)
        #expect(PortableMath.softplus(800) == 800)
    }
}
