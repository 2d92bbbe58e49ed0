extension HourManifest {
    /// The UTF-8 bytes of `canonicalText`, written field by field in its (sorted) key order without
    /// building a `JSONValue` or sorting keys: what replay compares with the stored manifest every
    /// hour. Equal to `Array(canonicalText.utf8)` (tested).
    public var canonicalUTF8: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        func key(_ name: StaticString) {
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }
        func string(_ value: String) { JSONValue.writeString(value, to: &out) }
        func hash(_ value: Hash256) {
            out.append(UInt8(ascii: "\""))
            // 64 hex digits written in place: two appends per byte (each with its uniqueness and capacity
            // checks) were a fifth of this getter's time.
            let start = out.count
            out.append(contentsOf: Self.hexPlaceholder)
            out.withUnsafeMutableBufferPointer { text in
                value.bytes.withUnsafeBufferPointer { bytes in
                    for index in 0..<bytes.count {
                        let byte = bytes[index]
                        text[start + 2 * index] = Self.hexDigit(byte >> 4)
                        text[start + 2 * index + 1] = Self.hexDigit(byte & 0x0F)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func int(_ value: Int) { out.append(contentsOf: String(value).utf8) }
        func comma() { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "{"))
        key("account_id")
        string(accountId)
        comma()
        key("cash")
        string(cashQuote.description)
        comma()
        key("config_sha256")
        hash(configSha256)
        comma()
        key("engine_version")
        string(engineVersion)
        comma()
        key("equity")
        string(equityQuote.description)
        comma()
        key("hour_ts_utc")
        string(hourTs.iso8601)
        comma()
        key("input_events")
        out.append(UInt8(ascii: "{"))
        key("count")
        int(inputEventCount)
        comma()
        key("sha256")
        hash(inputEventsSha256)
        out.append(UInt8(ascii: "}"))
        comma()
        key("kill_switch")
        out.append(UInt8(ascii: "{"))
        key("reason")
        if let reason = killSwitchReason { string(reason) } else { out.append(contentsOf: "null".utf8) }
        comma()
        key("tripped")
        out.append(contentsOf: (killSwitchTripped ? "true" : "false").utf8)
        out.append(UInt8(ascii: "}"))
        comma()
        key("model_set_sha256")
        hash(modelSetSha256)
        comma()
        key("open_positions")
        int(openPositions)
        comma()
        key("output_events")
        out.append(UInt8(ascii: "{"))
        key("count")
        int(outputEventCount)
        comma()
        key("sha256")
        hash(outputEventsSha256)
        out.append(UInt8(ascii: "}"))
        comma()
        key("prev_state_sha256")
        hash(prevStateSha256)
        comma()
        key("run_id")
        string(runId)
        comma()
        key("run_mode")
        string(runMode.rawValue)
        comma()
        key("state_sha256")
        hash(stateSha256)
        comma()
        key("verdicts")
        out.append(UInt8(ascii: "{"))
        key("APPROVE")
        int(verdictsApprove)
        comma()
        key("BLOCK")
        int(verdictsBlock)
        comma()
        key("MODIFY")
        int(verdictsModify)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The lowercase hex digit of a nibble (0 ... 15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// 64 bytes overwritten by a digest's hex digits.
    private static let hexPlaceholder = [UInt8](repeating: 0, count: 64)
}
