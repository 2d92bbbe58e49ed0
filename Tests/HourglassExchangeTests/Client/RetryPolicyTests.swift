import HourglassExchange
import Testing

@Suite struct RetryPolicyTests {
    @Test func backsOffExponentiallyUpToTheCap() {
        let policy = RetryPolicy(
            attemptsMax: 6, initialDelaySeconds: 1, multiplier: 2, maxDelaySeconds: 5,
            rateLimitDelaySecondsMin: 3)
        #expect((1...5).map { policy.delaySeconds(afterAttempt: $0, rateLimited: false) } == [1, 2, 4, 5, 5])
        #expect(policy.delaySeconds(afterAttempt: 1, rateLimited: true) == 3)
        #expect(policy.delaySeconds(afterAttempt: 3, rateLimited: true) == 4)
    }
}
