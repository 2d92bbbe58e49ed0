import HourglassCore
import Testing

/// The directly written manifest bytes replay compares are the canonical JSON text's bytes.
@Suite("Manifest canonical UTF-8")
struct HourManifestCanonicalUTF8Tests {
    @Test func directBytesEqualTheCanonicalTextOfEveryManifestOfARun() {
        let manifests = SharedRun.run.manifests
        #expect(manifests.contains { $0.killSwitchTripped && $0.killSwitchReason != nil })
        #expect(manifests.contains { $0.openPositions > 0 })
        for manifest in manifests {
            #expect(manifest.canonicalUTF8 == Array(manifest.canonicalText.utf8), "\(manifest.hourTs)")
        }
    }

    @Test func stringsNeedingEscapesAndNegativeAmountsAreWrittenAsTheTextIs() {
        var manifest = SharedRun.run.manifests[0]
        manifest.killSwitchTripped = true
        manifest.killSwitchReason = "quote \" backslash \\ newline \n tab \t bell \u{07} é"
        manifest.accountId = "account \"a\""
        manifest.cashQuote = FixedDecimal(raw: -12_345)
        manifest.verdictsBlock = 12
        #expect(manifest.canonicalUTF8 == Array(manifest.canonicalText.utf8))
        manifest.killSwitchReason = nil
        #expect(manifest.canonicalUTF8 == Array(manifest.canonicalText.utf8))
    }
}
