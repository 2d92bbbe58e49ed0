import Foundation
import HourglassExchange
import HourglassExchangeTestSupport
import Testing

@Suite struct KrakenCredentialsTests {
    let secret = KrakenFixtures.SigningExample.secret

    @Test func readsKeyAndSecretFromTheEnvironment() throws {
        let credentials = try KrakenCredentials.load(
            environment: ["HOURGLASS_KRAKEN_KEY": "public-key-1", "HOURGLASS_KRAKEN_SECRET": secret], secretsFile: nil)
        #expect(credentials.apiKey == "public-key-1" && credentials.source == "environment")
    }

    @Test func missingCredentialsSayWhatToSet() {
        #expect {
            try KrakenCredentials.load(environment: ["HOURGLASS_KRAKEN_KEY": "k"], secretsFile: nil)
        } throws: { error in
            let text = "\(error)"
            return text.contains("no Kraken API secret") && text.contains("HOURGLASS_KRAKEN_SECRET")
                && text.contains("--secrets-file")
        }
    }

    @Test func readsASecretsFileAndNamesABadLine() throws {
        let path = NSTemporaryDirectory() + "hourglass-secrets-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# Kraken\nkey=file-key\nsecret=\(secret)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let credentials = try KrakenCredentials.load(environment: [:], secretsFile: path)
        #expect(credentials.apiKey == "file-key" && credentials.source == path)
        try "key=file-key\npassword\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: KrakenConfigurationError.secretsFileLine(path: path, line: 2, reason: "no '=' on the line")) {
            try KrakenCredentials.load(environment: [:], secretsFile: path)
        }
        // A secret pasted without its name holds '=' padding: the error must not echo it.
        try "key=file-key\n\(secret)\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try KrakenCredentials.load(environment: [:], secretsFile: path)
        } throws: { error in
            error as? KrakenConfigurationError
                == .secretsFileLine(path: path, line: 2, reason: "expected key=… or secret=…")
                && !"\(error)".contains(secret.prefix(8))
        }
    }

    @Test func neitherTheKeyNorTheSecretAppearInDescriptionsOrErrors() throws {
        let credentials = try KrakenCredentials(
            apiKey: "PUBLICKEY-SHOULD-NOT-PRINT", secretBase64: secret, source: "environment")
        for text in ["\(credentials)", String(reflecting: credentials), "\(credentials.signer)"] {
            #expect(!text.contains("PUBLICKEY-SHOULD-NOT-PRINT"))
            #expect(!text.contains(secret.prefix(16)))
        }
        #expect {
            try KrakenCredentials(apiKey: "k", secretBase64: "%%%" + secret, source: "environment")
        } throws: { error in !"\(error)".contains(secret.prefix(16)) && "\(error)".contains("not base64") }
    }
}
