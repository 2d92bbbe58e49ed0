/// A JSON object being read into a configuration section: typed accessors that fall back to the
/// default when a key is absent, and a check that refuses keys nobody read.
struct ConfigObject {
    let path: String
    let members: [String: JSONValue]

    /// Wraps `value`, which must be a JSON object.
    init(_ value: JSONValue, path: String) throws(EngineConfigError) {
        guard case .object(let members) = value else {
            throw .wrongType(path.isEmpty ? "<root>" : path, expected: "an object")
        }
        self.path = path
        self.members = members
    }

    /// Throws for the first (sorted) key not in `allowed`.
    func check(allowed: [String]) throws(EngineConfigError) {
        for key in members.keys.sorted() where !allowed.contains(key) { throw .unknownKey(qualified(key)) }
    }

    func qualified(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func decimal(_ key: String, _ fallback: FixedDecimal) throws(EngineConfigError) -> FixedDecimal {
        guard let value = members[key] else { return fallback }
        let text: String
        switch value {
        case .string(let string): text = string
        case .int(let integer): return FixedDecimal(integer)
        case .double(let double): text = "\(double)"
        default: throw .wrongType(qualified(key), expected: "a decimal (string or number)")
        }
        do { return try FixedDecimal.parse(text) } catch {
            throw .invalidValue(
                qualified(key), reason: "\(error) (write it as a plain decimal string such as \"0.004\")")
        }
    }

    func double(_ key: String, _ fallback: Double) throws(EngineConfigError) -> Double {
        guard let value = members[key] else { return fallback }
        switch value {
        case .double(let double) where double.isFinite: return double
        case .int(let integer): return Double(integer)
        case .string(let string):
            guard let parsed = try? FixedDecimal.parse(string) else {
                throw .wrongType(qualified(key), expected: "a number")
            }
            return parsed.doubleValue
        default: throw .wrongType(qualified(key), expected: "a number")
        }
    }

    func int(_ key: String, _ fallback: Int, range: ClosedRange<Int>) throws(EngineConfigError) -> Int {
        guard let value = members[key] else { return fallback }
        guard case .int(let integer) = value else { throw .wrongType(qualified(key), expected: "an integer") }
        guard range.contains(Int(integer)) else {
            throw .invalidValue(qualified(key), reason: "\(integer) is outside \(range)")
        }
        return Int(integer)
    }

    func uint64(_ key: String, _ fallback: UInt64) throws(EngineConfigError) -> UInt64 {
        guard let value = members[key] else { return fallback }
        switch value {
        case .int(let integer) where integer >= 0: return UInt64(integer)
        case .string(let string):
            guard let parsed = UInt64(string) else {
                throw .invalidValue(qualified(key), reason: "'\(string)' is not an unsigned 64-bit integer")
            }
            return parsed
        default: throw .wrongType(qualified(key), expected: "a non-negative integer or a decimal string")
        }
    }

    func string(_ key: String, _ fallback: String) throws(EngineConfigError) -> String {
        guard let value = members[key] else { return fallback }
        guard case .string(let string) = value, !string.isEmpty else {
            throw .wrongType(qualified(key), expected: "a non-empty string")
        }
        return string
    }

    func strings(_ key: String, _ fallback: [String]) throws(EngineConfigError) -> [String] {
        guard let value = members[key] else { return fallback }
        guard case .array(let items) = value else { throw .wrongType(qualified(key), expected: "an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let string) = item, !string.isEmpty else {
                throw .wrongType(qualified(key), expected: "an array of strings")
            }
            out.append(string)
        }
        return out
    }

    func bool(_ key: String, _ fallback: Bool) throws(EngineConfigError) -> Bool {
        guard let value = members[key] else { return fallback }
        guard case .bool(let flag) = value else { throw .wrongType(qualified(key), expected: "true or false") }
        return flag
    }

    func object(_ key: String) throws(EngineConfigError) -> ConfigObject? {
        guard let value = members[key] else { return nil }
        return try ConfigObject(value, path: qualified(key))
    }
}
