import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenSignerTests {
    typealias Example = KrakenFixtures.SigningExample

    @Test func reproducesKrakensDocumentedSignatureExactly() throws {
        let signer = try KrakenSigner(secretBase64: Example.secret)
        #expect(
            signer.signature(path: Example.path, nonce: Example.nonce, postData: Example.postData) == Example.signature)
    }

    @Test func theSignatureCoversPathNonceAndBody() throws {
        let signer = try KrakenSigner(secretBase64: Example.secret)
        let base = signer.signature(path: Example.path, nonce: Example.nonce, postData: Example.postData)
        #expect(signer.signature(path: "/0/private/Balance", nonce: Example.nonce, postData: Example.postData) != base)
        #expect(signer.signature(path: Example.path, nonce: "1616492376595", postData: Example.postData) != base)
        #expect(signer.signature(path: Example.path, nonce: Example.nonce, postData: Example.postData + "&x=1") != base)
    }

    @Test func verifyAcceptsTheRightSignatureOnly() throws {
        let signer = try KrakenSigner(secretBase64: Example.secret)
        #expect(signer.verify(Example.signature, path: Example.path, nonce: Example.nonce, postData: Example.postData))
        var wrong = Array(Example.signature)
        wrong[0] = wrong[0] == "A" ? "B" : "A"
        #expect(!signer.verify(String(wrong), path: Example.path, nonce: Example.nonce, postData: Example.postData))
    }

    @Test func refusesASecretThatIsNotBase64AndNeverPrintsIt() throws {
        #expect(throws: KrakenConfigurationError.invalidSecret) { try KrakenSigner(secretBase64: "not base64 !!") }
        let signer = try KrakenSigner(secretBase64: Example.secret)
        #expect(!"\(signer)".contains(Example.secret.prefix(12)))
        #expect(!String(reflecting: signer).contains(Example.secret.prefix(12)))
    }
}
