import CXGBoost

/// A failed XGBoost C API call: which call, and the library's own message.
public struct XGBoostError: Error, Sendable, CustomStringConvertible {
    /// The C function that failed (`XGBoosterUpdateOneIter`).
    public let operation: String
    /// `XGBGetLastError()` right after the failure.
    public let message: String

    public var description: String { "XGBoost \(operation) failed: \(message)" }

    /// The one funnel every XGBoost return code goes through: 0 is success, anything else throws
    /// with the library's last error message.
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(XGBoostError) {
        guard code != 0 else { return }
        let text = XGBGetLastError().map { String(cString: $0) } ?? "no message"
        throw XGBoostError(operation: operation(), message: text)
    }
}
