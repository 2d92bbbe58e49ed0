import HourglassCore

extension KrakenClient {
    /// Sends one `AddOrder` exactly as given, retrying only failures that prove Kraken did not act on
    /// it (rate limits, invalid nonce, unavailable, failure to connect). Use `placeOrder` for orders
    /// that must never be doubled; this is for `validate=true` checks and tools.
    public func addOrder(_ request: KrakenOrderRequest) async throws(KrakenError) -> KrakenOrderAck {
        let form = KrakenForm(try request.formFields())
        let result = try await call(.addOrder, form) { $0.isRetryable && !$0.mayHaveReachedExchange }
        return try KrakenOrderAck.parse(result, validateOnly: request.validateOnly)
    }

    /// Places an order at most once, whatever fails: the runner's way to send an approved order.
    ///
    /// 1. Looks the client reference up first: a previous process may have sent it and died before
    ///    recording the answer (`.alreadyPlaced`).
    /// 2. Sends it with `deadline` = Kraken's clock + `orderDeadlineSeconds`, so the matching engine
    ///    rejects the request if it arrives later than that.
    /// 3. If the attempt failed in a way that may have reached Kraken (timeout, lost connection,
    ///    5xx, internal error), waits until Kraken's clock is past the deadline, then looks the
    ///    reference up again: found → `.recovered`; not found → the request can no longer fill and
    ///    is sent again with a new deadline. Failures that prove nothing happened are retried as usual.
    /// 4. When the clock cannot be seen past the deadline, throws `.orderOutcomeUnknown` and sends
    ///    nothing more.
    public func placeOrder(_ request: KrakenOrderRequest) async throws(KrakenError) -> KrakenPlacement {
        guard let clientOrderId = request.clientOrderId, !request.validateOnly else {
            throw .invalidRequest(.addOrder, reason: "placeOrder needs a cl_ord_id and a real (not validate) order")
        }
        if let existing = try await findOrder(clientOrderId: clientOrderId) { return .alreadyPlaced(existing) }
        let policy = configuration.retryPolicy
        for attempt in 1...policy.attemptsMax {
            var dated = request
            let deadline = try await serverTime().now.secondsSinceEpoch + configuration.orderDeadlineSeconds
            dated.deadline = UTCTimestamp(secondsSinceEpoch: deadline)
            do {
                let result = try await call(.addOrder, KrakenForm(try dated.formFields())) { _ in false }
                return .placed(try KrakenOrderAck.parse(result, validateOnly: false))
            } catch {
                guard error.isRetryable || error.mayHaveReachedExchange else { throw error }
                if error.mayHaveReachedExchange {
                    guard try await waitPast(deadline) else {
                        throw .orderOutcomeUnknown(clientOrderId: clientOrderId, last: error)
                    }
                    if let found = try await findOrder(clientOrderId: clientOrderId) { return .recovered(found) }
                }
                if attempt == policy.attemptsMax {
                    throw .retriesExhausted(.addOrder, attempts: attempt, last: error)
                }
                await sleeper.sleep(
                    seconds: policy.delaySeconds(afterAttempt: attempt, rateLimited: Self.isRateLimit(error)))
            }
        }
        preconditionFailure("the attempt loop returns or throws")
    }

    /// Waits until Kraken's clock is past `deadline` (Unix seconds); false if it never is within
    /// `deadlineChecksMax` looks.
    private func waitPast(_ deadline: Int64) async throws(KrakenError) -> Bool {
        for _ in 0..<configuration.deadlineChecksMax {
            let now = try await serverTime().now.secondsSinceEpoch
            if now > deadline { return true }
            await sleeper.sleep(seconds: Double(deadline - now + 1))
        }
        return false
    }
}
