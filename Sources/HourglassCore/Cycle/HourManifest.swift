/// The summary of one executed hour (DESIGN §5): what went in, what came out, the state hashes
/// before and after, and the account at the close. Replay compares manifests field by field.
public struct HourManifest: Sendable, Hashable {
    public var accountId: String
    public var runId: String
    public var runMode: RunMode
    public var hourTs: UTCTimestamp
    public var engineVersion: String
    public var configSha256: Hash256
    public var modelSetSha256: Hash256
    /// Bar events (sorted by symbol) then operator inputs.
    public var inputEventCount: Int
    /// `digest(of:)` of the input events, in order.
    public var inputEventsSha256: Hash256
    /// Output events, excluding `HourClosed` itself.
    public var outputEventCount: Int
    /// `digest(of:)` of the output events, in order.
    public var outputEventsSha256: Hash256
    public var prevStateSha256: Hash256
    public var stateSha256: Hash256
    /// Cash + Σ quantity × mark at the close of H.
    public var equityQuote: FixedDecimal
    public var cashQuote: FixedDecimal
    public var openPositions: Int
    public var verdictsApprove: Int
    public var verdictsModify: Int
    public var verdictsBlock: Int
    public var killSwitchTripped: Bool
    public var killSwitchReason: String?

    /// Creates a manifest.
    public init(
        accountId: String, runId: String, runMode: RunMode, hourTs: UTCTimestamp, engineVersion: String,
        configSha256: Hash256,
        modelSetSha256: Hash256, inputEventCount: Int, inputEventsSha256: Hash256, outputEventCount: Int,
        outputEventsSha256: Hash256,
        prevStateSha256: Hash256, stateSha256: Hash256, equityQuote: FixedDecimal, cashQuote: FixedDecimal,
        openPositions: Int,
        verdictsApprove: Int, verdictsModify: Int, verdictsBlock: Int, killSwitchTripped: Bool,
        killSwitchReason: String?
    ) {
        self.accountId = accountId
        self.runId = runId
        self.runMode = runMode
        self.hourTs = hourTs
        self.engineVersion = engineVersion
        self.configSha256 = configSha256
        self.modelSetSha256 = modelSetSha256
        self.inputEventCount = inputEventCount
        self.inputEventsSha256 = inputEventsSha256
        self.outputEventCount = outputEventCount
        self.outputEventsSha256 = outputEventsSha256
        self.prevStateSha256 = prevStateSha256
        self.stateSha256 = stateSha256
        self.equityQuote = equityQuote
        self.cashQuote = cashQuote
        self.openPositions = openPositions
        self.verdictsApprove = verdictsApprove
        self.verdictsModify = verdictsModify
        self.verdictsBlock = verdictsBlock
        self.killSwitchTripped = killSwitchTripped
        self.killSwitchReason = killSwitchReason
    }

    /// The manifest's event digest: SHA-256 over, for each event in order, its type name (UTF-8),
    /// one 0x00 byte, and the SHA-256 of its canonical payload (32 bytes).
    ///
    /// The type name is hashed with the payload so two events of different types whose payload
    /// bytes happen to be identical still give different digests; the 0x00 byte (which no type name
    /// contains) keeps the name's end unambiguous.
    public static func digest(of events: [(type: EventType, payload: [UInt8])]) -> Hash256 {
        var builder = Hash256Builder()
        for event in events { update(&builder, type: event.type, payload: event.payload) }
        return builder.finalize()
    }

    /// `digest(of:)` of decoded events.
    public static func digest(of events: [DomainEvent]) -> Hash256 {
        var builder = Hash256Builder()
        for event in events { update(&builder, type: event.eventType, payload: event.canonicalBytes) }
        return builder.finalize()
    }

    /// `digest(of:)` of `events`, whose canonical payloads are `bytes` (already encoded).
    static func digest(of events: [DomainEvent], bytes: [[UInt8]]) -> Hash256 {
        precondition(events.count == bytes.count)
        var builder = Hash256Builder()
        for index in events.indices { update(&builder, type: events[index].eventType, payload: bytes[index]) }
        return builder.finalize()
    }

    /// `digest(of: inputs.events)` for `bars` = `inputs.bars` and `after` = `inputs.eventsAfterBars`, with
    /// each bar's `BarRecorded` payload written into one reused buffer (the same bytes as its
    /// `canonicalBytes`) instead of an event and an array per bar.
    static func inputDigest(bars: [Bar], then after: [DomainEvent]) -> Hash256 {
        var builder = Hash256Builder()
        var writer = ByteWriter(capacity: 256)
        for bar in bars {
            writer.removeAll()
            writer.write(byte: BarRecorded.formatVersion)
            BarRecorded(bar: bar).encode(to: &writer)
            update(&builder, type: .barRecorded, payload: writer.bytes)
        }
        for event in after { update(&builder, type: event.eventType, payload: event.canonicalBytes) }
        return builder.finalize()
    }

    /// Feeds one event to a digest: its type name, a 0x00 byte, then the SHA-256 of its payload
    /// (hashed without building an intermediate array or `Hash256`).
    static func update(_ builder: inout Hash256Builder, type: EventType, payload: [UInt8]) {
        var name = type.rawValue
        name.withUTF8 { name in
            precondition(!name.contains(0), "event type names never contain NUL")
            builder.update(buffer: UnsafeRawBufferPointer(name))
        }
        withUnsafeBytes(of: UInt8(0)) { builder.update(buffer: $0) }
        payload.withUnsafeBytes { builder.updateWithSHA256(of: $0) }
    }

    /// The manifest as canonical JSON (DESIGN §5 keys).
    public var json: JSONValue {
        .object([
            "account_id": .string(accountId), "run_id": .string(runId), "run_mode": .string(runMode.rawValue),
            "hour_ts_utc": .timestamp(hourTs), "engine_version": .string(engineVersion),
            "config_sha256": .hash(configSha256),
            "model_set_sha256": .hash(modelSetSha256),
            "input_events": .object(["count": .int(Int64(inputEventCount)), "sha256": .hash(inputEventsSha256)]),
            "output_events": .object(["count": .int(Int64(outputEventCount)), "sha256": .hash(outputEventsSha256)]),
            "prev_state_sha256": .hash(prevStateSha256), "state_sha256": .hash(stateSha256),
            "equity": .decimal(equityQuote), "cash": .decimal(cashQuote), "open_positions": .int(Int64(openPositions)),
            "verdicts": .object([
                "APPROVE": .int(Int64(verdictsApprove)), "MODIFY": .int(Int64(verdictsModify)),
                "BLOCK": .int(Int64(verdictsBlock)),
            ]),
            "kill_switch": .object([
                "tripped": .bool(killSwitchTripped), "reason": killSwitchReason.map { .string($0) } ?? .null,
            ]),
        ])
    }

    /// One line of canonical JSON (for `--manifest-out` files and golden diffs).
    public var canonicalText: String { json.canonicalText }

    /// Canonical binary encoding (inside `HourClosed`).
    public func encode(to writer: inout ByteWriter) {
        writer.write(string: accountId)
        writer.write(string: runId)
        writer.write(string: runMode.rawValue)
        writer.write(timestamp: hourTs)
        writer.write(string: engineVersion)
        writer.write(raw: configSha256.bytes)
        writer.write(raw: modelSetSha256.bytes)
        writer.write(int: inputEventCount)
        writer.write(raw: inputEventsSha256.bytes)
        writer.write(int: outputEventCount)
        writer.write(raw: outputEventsSha256.bytes)
        writer.write(raw: prevStateSha256.bytes)
        writer.write(raw: stateSha256.bytes)
        writer.write(decimal: equityQuote)
        writer.write(decimal: cashQuote)
        for count in [openPositions, verdictsApprove, verdictsModify, verdictsBlock] { writer.write(int: count) }
        writer.write(bool: killSwitchTripped)
        writer.write(optional: killSwitchReason) { $0.write(string: $1) }
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> HourManifest {
        func hash(_ reader: inout ByteReader) throws(CodecError) -> Hash256 {
            Hash256(bytes: try reader.readRaw(count: 32))
        }
        let accountId = try reader.readString()
        let runId = try reader.readString()
        let modeText = try reader.readString()
        guard let mode = RunMode(rawValue: modeText) else { throw .invalidValue("run mode '\(modeText)'") }
        let hourTs = try reader.readTimestamp()
        let version = try reader.readString()
        let configSha = try hash(&reader)
        let modelSha = try hash(&reader)
        let inputCount = try reader.readInt()
        let inputSha = try hash(&reader)
        let outputCount = try reader.readInt()
        let outputSha = try hash(&reader)
        let prevSha = try hash(&reader)
        let stateSha = try hash(&reader)
        let equity = try reader.readDecimal()
        let cash = try reader.readDecimal()
        let open = try reader.readInt()
        let approve = try reader.readInt()
        let modify = try reader.readInt()
        let block = try reader.readInt()
        return HourManifest(
            accountId: accountId, runId: runId, runMode: mode, hourTs: hourTs, engineVersion: version,
            configSha256: configSha,
            modelSetSha256: modelSha, inputEventCount: inputCount, inputEventsSha256: inputSha,
            outputEventCount: outputCount,
            outputEventsSha256: outputSha, prevStateSha256: prevSha, stateSha256: stateSha, equityQuote: equity,
            cashQuote: cash,
            openPositions: open, verdictsApprove: approve, verdictsModify: modify, verdictsBlock: block,
            killSwitchTripped: try reader.readBool(),
            killSwitchReason: try reader.readOptional { r throws(CodecError) in try r.readString() })
    }
}
