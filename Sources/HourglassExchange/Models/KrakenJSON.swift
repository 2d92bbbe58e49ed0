import HourglassCore

/// A JSON value inside a Kraken answer together with where it sits (`result.XXBTZUSD[3][1]`), so
/// every complaint about it names the endpoint, the place and what was wrong.
public struct KrakenJSON: Sendable {
    /// The endpoint whose answer this is.
    public let endpoint: KrakenEndpoint
    /// The value.
    public let value: JSONValue
    /// Where the value sits in the answer.
    public let path: String

    /// Wraps a value found at `path`.
    public init(endpoint: KrakenEndpoint, value: JSONValue, path: String) {
        self.endpoint = endpoint
        self.value = value
        self.path = path
    }

    /// Parses a whole answer body: the `{"error": [...], "result": ...}` envelope.
    ///
    /// Errors in `error` (other than `W…` warnings) become `KrakenError.api`; a body that is not
    /// JSON, or lacks the envelope, becomes `KrakenError.malformed` naming the position.
    public static func result(of body: [UInt8], endpoint: KrakenEndpoint) throws(KrakenError) -> KrakenJSON {
        let document: JSONValue
        do { document = try JSONValue.parse(body) } catch {
            throw .malformed(endpoint, reason: "the body is not JSON (\(error))")
        }
        let root = KrakenJSON(endpoint: endpoint, value: document, path: "")
        let errors = try root.member("error").array().map { element throws(KrakenError) in
            KrakenAPIError(try element.string())
        }
        let failures = errors.filter { $0.kind != .warning }
        if !failures.isEmpty { throw .api(endpoint, failures) }
        return try root.member("result")
    }

    /// Refuses the value: `reason` says what was expected.
    public func malformed(_ reason: String) -> KrakenError {
        .malformed(endpoint, reason: "\(path.isEmpty ? "the body" : path): \(reason)")
    }

    /// The members of an object.
    public func object() throws(KrakenError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw malformed("expected an object, got \(kindName)") }
        return members
    }

    /// A required member of an object.
    public func member(_ key: String) throws(KrakenError) -> KrakenJSON {
        guard let found = try object()[key] else { throw malformed("the member \"\(key)\" is missing") }
        return KrakenJSON(endpoint: endpoint, value: found, path: child(key))
    }

    /// An optional member of an object (absent or `null` gives nil).
    public func optionalMember(_ key: String) throws(KrakenError) -> KrakenJSON? {
        guard let found = try object()[key], found != .null else { return nil }
        return KrakenJSON(endpoint: endpoint, value: found, path: child(key))
    }

    /// The members of an object sorted by key (bytewise), so no hash order reaches the output.
    public func sortedMembers() throws(KrakenError) -> [(key: String, value: KrakenJSON)] {
        let members = try object()
        return members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { key in
            (key, KrakenJSON(endpoint: endpoint, value: members[key]!, path: child(key)))
        }
    }

    /// The elements of an array.
    public func array() throws(KrakenError) -> [KrakenJSON] {
        guard case .array(let elements) = value else { throw malformed("expected an array, got \(kindName)") }
        return elements.enumerated().map { KrakenJSON(endpoint: endpoint, value: $1, path: "\(path)[\($0)]") }
    }

    /// A string.
    public func string() throws(KrakenError) -> String {
        guard case .string(let text) = value else { throw malformed("expected a string, got \(kindName)") }
        return text
    }

    /// An exact decimal written as a string (Kraken's money format) or as a JSON integer.
    public func decimal() throws(KrakenError) -> FixedDecimal {
        switch value {
        case .string(let text):
            do { return try FixedDecimal.parse(text) } catch {
                throw malformed("\"\(text)\" is not an exact decimal: \(error)")
            }
        case .int(let integer): return FixedDecimal(integer)
        default: throw malformed("expected a decimal string, got \(kindName)")
        }
    }

    /// A whole number.
    public func int() throws(KrakenError) -> Int64 {
        guard case .int(let integer) = value else { throw malformed("expected an integer, got \(kindName)") }
        return integer
    }

    /// A number (integer or fraction), for timestamps and statistics only, never money.
    public func number() throws(KrakenError) -> Double {
        switch value {
        case .int(let integer): return Double(integer)
        case .double(let number): return number
        default: throw malformed("expected a number, got \(kindName)")
        }
    }

    /// A Unix time in seconds with a fraction (`1688667796.8802`), truncated to whole seconds.
    public func unixSeconds() throws(KrakenError) -> UTCTimestamp {
        let seconds = try number()
        guard seconds.isFinite, seconds >= 0, seconds < 1e11 else { throw malformed("\(seconds) is not a Unix time") }
        return UTCTimestamp(secondsSinceEpoch: Int64(seconds.rounded(.down)))
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private var kindName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
