/// Names for the SQLSTATE codes Hourglass reacts to.
public enum SQLState: String, Sendable {
    case uniqueViolation = "23505"
    case checkViolation = "23514"
    case insufficientPrivilege = "42501"
    case raiseException = "P0001"
    case serializationFailure = "40001"
    case lockNotAvailable = "55P03"
    case undefinedTable = "42P01"
    case duplicateObject = "42710"
}

/// A failed libpq call. `description` is generic enough to print anywhere (it never contains the
/// DSN or a password); `debugDescription` adds the server's detail.
public struct PGError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What Hourglass was doing (`connect`, `append events`, `migrate 0001_events.sql`).
    public let context: String
    /// The server's SQLSTATE, when the server reported one.
    public let sqlState: String?
    /// The server's primary message (never includes connection parameters).
    public let message: String
    /// The server's DETAIL and HINT, if any.
    public let detail: String?

    /// Creates an error.
    public init(context: String, sqlState: String?, message: String, detail: String? = nil) {
        self.context = context
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
    }

    /// True when the SQLSTATE equals `state`.
    public func has(_ state: SQLState) -> Bool { sqlState == state.rawValue }

    public var description: String {
        "database error while trying to \(context): \(message)" + (sqlState.map { " (SQLSTATE \($0))" } ?? "")
    }

    public var debugDescription: String { description + (detail.map { "; \($0)" } ?? "") }
}
