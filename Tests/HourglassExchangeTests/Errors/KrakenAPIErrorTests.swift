import HourglassExchange
import Testing

@Suite struct KrakenAPIErrorTests {
    @Test(arguments: [
        "EAPI:Rate limit exceeded", "EGeneral:Too many requests", "EService:Unavailable",
        "EAPI:Invalid nonce", "EService:Busy", "EOrder:Rate limit exceeded",
    ])
    func transientErrorsAreRetryable(code: String) {
        let error = KrakenAPIError(code)
        #expect(error.isRetryable)
        #expect(!error.mayHaveBeenProcessed)
        #expect(KrakenError.api(.balance, [error]).isRetryable)
    }

    @Test(arguments: [
        "EAPI:Invalid key", "EAPI:Invalid signature", "EGeneral:Permission denied",
        "EOrder:Insufficient funds", "EQuery:Unknown asset pair", "EOrder:Order minimum not met",
        "EGeneral:Invalid arguments",
    ])
    func refusalsAreNotRetryable(code: String) {
        let error = KrakenAPIError(code)
        #expect(!error.isRetryable)
        #expect(!KrakenError.api(.addOrder, [error]).isRetryable)
        #expect(!KrakenError.api(.addOrder, [error]).indicatesInstability)
    }

    @Test func classifiesTheKinds() {
        #expect(KrakenAPIError("EAPI:Rate limit exceeded").kind == .rateLimited)
        #expect(KrakenAPIError("EAPI:Invalid nonce").kind == .invalidNonce)
        #expect(KrakenAPIError("EOrder:Insufficient funds").kind == .insufficientFunds)
        #expect(KrakenAPIError("EQuery:Unknown asset pair").kind == .unknownPair)
        #expect(KrakenAPIError("EAPI:Invalid key").kind == .authentication)
        #expect(KrakenAPIError("WGeneral:Note").kind == .warning)
    }

    @Test func anInternalErrorMayHavePlacedTheOrder() {
        #expect(KrakenError.api(.addOrder, [KrakenAPIError("EGeneral:Internal error")]).mayHaveReachedExchange)
        #expect(KrakenError.timeout(.addOrder, seconds: 1).mayHaveReachedExchange)
        #expect(!KrakenError.transport(.addOrder, reason: "refused", afterSending: false).mayHaveReachedExchange)
    }
}
