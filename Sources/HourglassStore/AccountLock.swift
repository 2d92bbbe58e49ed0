import HourglassCore

/// The PostgreSQL advisory lock that lets one runner at a time act for an account.
///
/// Session-level: held by the log's connection until `release` or until the process (or its
/// connection) ends, so a killed runner never leaves it behind.
public struct AccountLock {
    /// The log whose connection holds the lock.
    public let log: EventLog
    /// The account.
    public let accountId: String

    /// A lock for `accountId` on `log`'s connection.
    public init(log: EventLog, accountId: String) {
        self.log = log
        self.accountId = accountId
    }

    /// Takes the lock without waiting; false when another session holds it.
    public func tryAcquire() throws -> Bool {
        let result = try log.connection.execute(
            "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [.text(key)], context: "lock the account's runner")
        return result.string(0, 0) == "t"
    }

    /// Releases the lock.
    public func release() throws {
        _ = try log.connection.execute(
            "SELECT pg_advisory_unlock(hashtextextended($1, 0))", [.text(key)], context: "unlock the account's runner")
    }

    var key: String { "hourglass.runner.\(accountId)" }
}
