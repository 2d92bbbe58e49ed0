import HourglassCore
import HourglassExchange

/// Parses a fixture body as an answer of `endpoint` (the envelope checked).
func krakenResult(_ body: String, _ endpoint: KrakenEndpoint) throws -> KrakenJSON {
    try KrakenJSON.result(of: Array(body.utf8), endpoint: endpoint)
}

/// Wraps a result member body in the success envelope.
func envelope(_ result: String) -> String { "{\"error\":[],\"result\":\(result)}" }

/// An exact decimal from test text (a typo in a test traps).
func dec(_ text: String) -> FixedDecimal {
    do { return try FixedDecimal.parse(text) } catch { fatalError("test decimal \(text): \(error)") }
}
