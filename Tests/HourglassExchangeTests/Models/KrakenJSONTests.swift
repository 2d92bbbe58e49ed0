import HourglassExchange
import Testing

@Suite struct KrakenJSONTests {
    @Test func errorsInTheEnvelopeBecomeTypedAPIErrors() {
        #expect(throws: KrakenError.api(.balance, [KrakenAPIError("EAPI:Rate limit exceeded")])) {
            try krakenResult(#"{"error":["EAPI:Rate limit exceeded"],"result":{}}"#, .balance)
        }
    }

    @Test func warningsAloneDoNotFailTheCall() throws {
        let result = try krakenResult(#"{"error":["WGeneral:Something informative"],"result":{"unixtime":5}}"#, .time)
        #expect(try result.member("unixtime").int() == 5)
    }

    @Test func malformedJSONNamesTheEndpointAndThePosition() {
        #expect {
            try krakenResult(#"{"error":[],"result":{"unixtime":}"#, .time)
        } throws: { error in
            guard case .malformed(.time, let reason)? = error as? KrakenError else { return false }
            return reason.contains("not JSON") && reason.contains("line 1, column 34")
        }
    }

    @Test func aMissingMemberIsNamedWithItsPath() {
        #expect {
            try KrakenServerTime.parse(try krakenResult(envelope(#"{"rfc1123":"x"}"#), .time))
        } throws: { error in
            "\(error)" == "Kraken Time answered something unexpected: result: the member \"unixtime\" is missing"
        }
    }

    @Test func moneyWrittenAsABinaryFloatIsRefused() {
        #expect {
            try KrakenBalances.parse(try krakenResult(envelope(#"{"ZUSD":171288.6158}"#), .balance))
        } throws: { error in
            "\(error)".contains("result.ZUSD: expected a decimal string, got a number")
        }
    }
}
