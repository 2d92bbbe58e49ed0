extension HourStepper {
    /// Hashes the state, builds the manifest and appends `HourClosed`.
    consuming func finish(
        run: RunContext, configSha256: Hash256, prevStateSha256: Hash256, verdicts: [GovernanceVerdict]
    ) -> HourResult {
        let eventsAfterBars = inputs.eventsAfterBars
        // Each output event is encoded once: for the digest here and for replay's byte comparison.
        let outputBytes = events.map(\.canonicalBytes)
        let manifest = HourManifest(
            accountId: run.accountId, runId: run.runId, runMode: run.runMode, hourTs: hourTs,
            engineVersion: HourCycle.engineVersion,
            configSha256: configSha256, modelSetSha256: models.sha256,
            inputEventCount: inputs.bars.count + eventsAfterBars.count,
            inputEventsSha256: HourManifest.inputDigest(bars: inputs.bars, then: eventsAfterBars),
            outputEventCount: events.count,
            outputEventsSha256: HourManifest.digest(of: events, bytes: outputBytes),
            prevStateSha256: prevStateSha256,
            stateSha256: state.sha256,
            equityQuote: state.equityQuote, cashQuote: state.cashQuote, openPositions: state.positions.count,
            verdictsApprove: verdicts.filter { $0.decision == .approve }.count,
            verdictsModify: verdicts.filter { $0.decision == .modify }.count,
            verdictsBlock: verdicts.filter { $0.decision == .block }.count, killSwitchTripped: state.killSwitch.tripped,
            killSwitchReason: state.killSwitch.reason)
        events.append(.hourClosed(HourClosed(manifest: manifest)))
        return HourResult(state: state, events: events, manifest: manifest, outputEventBytes: outputBytes)
    }
}
