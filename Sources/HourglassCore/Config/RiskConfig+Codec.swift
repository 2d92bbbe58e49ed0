/// Canonical encoding, JSON view, JSON overrides and validation of `RiskConfig`.
///
/// One table, `RiskConfig.fields`, lists every field with its JSON path and allowed range; its
/// order is the canonical field order, so encoding, decoding, JSON and validation cannot drift.
extension RiskConfig {
    /// Version byte written before the fields by `canonicalBytes` (2: the systemic spread-anomaly
    /// fields `spread_systemic_multiple`, `_min_move`, `_min_symbols`; 3: the BACKTEST release
    /// policy `backtest_release_after_hours`).
    public static let formatVersion: UInt8 = 3

    /// Writes every field in the canonical order (blocked hours sorted ascending).
    public func encode(to writer: inout ByteWriter) {
        precondition((try? validate()) != nil, "encoding an invalid risk config")
        for field in Self.fields {
            switch field.kind {
            case .decimal(let path): writer.write(decimal: self[keyPath: path])
            case .integer(let path): writer.write(int: self[keyPath: path])
            case .flag(let path): writer.write(bool: self[keyPath: path])
            case .hours(let path): writer.write(array: self[keyPath: path].sorted()) { $0.write(int: $1) }
            }
        }
    }

    /// Reads what `encode(to:)` wrote and refuses a configuration that does not validate.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> RiskConfig {
        var config = RiskConfig.default
        for field in fields {
            switch field.kind {
            case .decimal(let path): config[keyPath: path] = try reader.readDecimal()
            case .integer(let path): config[keyPath: path] = try reader.readInt()
            case .flag(let path): config[keyPath: path] = try reader.readBool()
            case .hours(let path):
                config[keyPath: path] = try reader.readArray { (r: inout ByteReader) throws(CodecError) in
                    try r.readInt()
                }
            }
        }
        do { try config.validate() } catch { throw .invalidValue(error.description) }
        return config
    }

    /// Version byte, then the fields.
    public var canonicalBytes: [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.write(byte: Self.formatVersion)
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes `canonicalBytes`, refusing another version or trailing bytes.
    public init(canonical bytes: [UInt8]) throws(CodecError) {
        var reader = ByteReader(bytes)
        let version = try reader.readByte()
        guard version == Self.formatVersion else { throw .unsupportedVersion("RiskConfig", version) }
        self = try Self.decode(from: &reader)
        try reader.expectEnd()
    }

    /// SHA-256 of the canonical bytes.
    public var sha256: Hash256 { Hash256.of(canonicalBytes) }

    /// JSON view, nested the way a config file writes it (`{"regimes": {"trend": {...}}, ...}`).
    public var json: JSONValue {
        var root = JSONValue.object([:])
        for field in Self.fields {
            let value: JSONValue
            switch field.kind {
            case .decimal(let path): value = .decimal(self[keyPath: path])
            case .integer(let path): value = .int(Int64(self[keyPath: path]))
            case .flag(let path): value = .bool(self[keyPath: path])
            case .hours(let path): value = .array(self[keyPath: path].sorted().map { .int(Int64($0)) })
            }
            Self.insert(value, at: field.path[...], into: &root)
        }
        return root
    }

    /// Starts from `base` and overrides the keys present in the JSON object `json`.
    ///
    /// Decimals may be JSON strings (`"0.02"`, exact) or numbers; an unknown key is an error naming
    /// its dotted path, and the result must pass `validate()`.
    public init(json: JSONValue, base: RiskConfig) throws(RiskConfigError) {
        self = base
        try apply(json, prefix: [])
        try validate()
    }

    /// Checks every field against its allowed range and the tiers against each other.
    public func validate() throws(RiskConfigError) {
        for field in Self.fields {
            let key = field.path.joined(separator: ".")
            switch field.kind {
            case .decimal(let path):
                let value = self[keyPath: path]
                if let bounds = field.decimalBounds, !bounds.contains(value) {
                    throw .invalidValue(
                        key: key, reason: "\(value) is outside \(bounds.lowerBound)...\(bounds.upperBound)")
                }
            case .integer(let path):
                let value = self[keyPath: path]
                if let bounds = field.integerBounds, !bounds.contains(value) {
                    throw .invalidValue(
                        key: key, reason: "\(value) is outside \(bounds.lowerBound)...\(bounds.upperBound)")
                }
            case .flag: break
            case .hours(let path):
                let hours = self[keyPath: path]
                if hours.contains(where: { $0 < 0 || $0 > 23 }) {
                    throw .invalidValue(key: key, reason: "hours must be 0...23")
                }
                if hours != Array(Set(hours)).sorted() {
                    throw .invalidValue(key: key, reason: "hours must be sorted and distinct")
                }
            }
        }
        guard drawdownReduceRisk <= drawdownReduceExposure, drawdownReduceExposure <= drawdownHalt else {
            throw .invalidValue(key: "drawdown_halt", reason: "tiers must rise: reduce_risk ≤ reduce_exposure ≤ halt")
        }
        guard spreadAnomalyMultiple <= spreadSystemicMultiple else {
            throw .invalidValue(
                key: "spread_systemic_multiple",
                reason: "must be at least spread_anomaly_multiple: a systemic anomaly is also a per-symbol one")
        }
        guard explorationRisk <= baseRisk else {
            throw .invalidValue(key: "exploration_risk", reason: "exploration risk must not exceed base risk")
        }
    }

    private mutating func apply(_ json: JSONValue, prefix: [String]) throws(RiskConfigError) {
        guard case .object(let members) = json else {
            throw .wrongType(key: prefix.isEmpty ? "(root)" : prefix.joined(separator: "."), expected: "a JSON object")
        }
        // Sorted so the first error reported does not depend on dictionary order.
        for key in members.keys.sorted() {
            let path = prefix + [key]
            let value = members[key]!
            if let field = Self.fields.first(where: { $0.path == path }) {
                try set(field, from: value)
            } else if Self.fields.contains(where: { $0.path.starts(with: path) }) {
                try apply(value, prefix: path)
            } else {
                throw .unknownKey(path.joined(separator: "."))
            }
        }
    }

    private mutating func set(_ field: RiskConfigField, from value: JSONValue) throws(RiskConfigError) {
        let key = field.path.joined(separator: ".")
        switch field.kind {
        case .decimal(let path):
            self[keyPath: path] = try Self.decimal(value, key: key)
        case .integer(let path):
            self[keyPath: path] = try Self.integer(value, key: key)
        case .flag(let path):
            guard case .bool(let flag) = value else { throw .wrongType(key: key, expected: "true or false") }
            self[keyPath: path] = flag
        case .hours(let path):
            guard case .array(let items) = value else {
                throw .wrongType(key: key, expected: "an array of hours 0...23")
            }
            var hours: [Int] = []
            for item in items { hours.append(try Self.integer(item, key: key)) }
            self[keyPath: path] = Array(Set(hours)).sorted()
        }
    }

    private static func decimal(_ value: JSONValue, key: String) throws(RiskConfigError) -> FixedDecimal {
        let text: String
        switch value {
        case .string(let string): text = string
        case .int(let integer): return FixedDecimal(integer)
        case .double(let number): text = "\(number)"
        default: throw .wrongType(key: key, expected: "a decimal (a string such as \"0.02\" or a number)")
        }
        do { return try FixedDecimal.parse(text) } catch {
            throw .invalidValue(key: key, reason: "'\(text)' is not a plain decimal: \(error)")
        }
    }

    private static func integer(_ value: JSONValue, key: String) throws(RiskConfigError) -> Int {
        switch value {
        case .int(let integer): return Int(integer)
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: throw .wrongType(key: key, expected: "a whole number")
        }
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into node: inout JSONValue) {
        guard case .object(var members) = node, let head = path.first else { return }
        if path.count == 1 {
            members[head] = value
        } else {
            var child = members[head] ?? .object([:])
            insert(value, at: path.dropFirst(), into: &child)
            members[head] = child
        }
        node = .object(members)
    }
}
