import HourglassCore
import Testing

@testable import HourglassModels

/// Central finite differences in Double against an analytic gradient.
enum GradientCheck {
    static let step = 1e-5
    /// The bound every component must meet.
    static let relativeErrorMax = 1e-5
    /// Components smaller than this are compared on an absolute scale (|a − n| ≤ 1e-5 × 1e-4 = 1e-9):
    /// a relative error of a near-zero derivative measures only the difference quotient's round-off.
    static let magnitudeFloor = 1e-4

    /// (f(x + h) − f(x − h)) / 2h for every component of `point`.
    static func numeric(_ point: [Double], _ f: ([Double]) -> Double) -> [Double] {
        point.indices.map { index in
            var plus = point
            var minus = point
            plus[index] += step
            minus[index] -= step
            return (f(plus) - f(minus)) / (2 * step)
        }
    }

    /// The largest relative error between `analytic` and `numeric`.
    static func worstError(_ analytic: [Double], _ numeric: [Double]) -> Double {
        precondition(analytic.count == numeric.count, "gradient shapes differ")
        return zip(analytic, numeric).map { abs($0 - $1) / max(abs($0), abs($1), magnitudeFloor) }.max() ?? 0
    }

    /// Checks `analytic` against `f`'s differences at `point`, and that the gradient is not vacuous.
    static func expectMatches(
        _ analytic: [Double], at point: [Double], _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Double]) -> Double
    ) {
        let numeric = numeric(point, f)
        let error = worstError(analytic, numeric)
        #expect(error < relativeErrorMax, "\(what): worst relative error \(error)", sourceLocation: sourceLocation)
        let large = analytic.filter { abs($0) > magnitudeFloor }.count
        #expect(
            large * 2 >= analytic.count,
            "\(what): most derivatives should be non-trivial (\(large) of \(analytic.count))",
            sourceLocation: sourceLocation)
    }

    /// `count` seeded values in [−scale, scale).
    static func values(_ count: Int, scale: Double = 1, purpose: String) -> [Double] {
        var generator = SeededGenerator(runSeed: 7, hourTs: UTCTimestamp(secondsSinceEpoch: 0), purpose: purpose)
        return (0..<count).map { _ in (generator.unit() * 2 - 1) * scale }
    }

    /// Σ rᵢ yᵢ: a scalar loss whose gradient with respect to y is r.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }
}
