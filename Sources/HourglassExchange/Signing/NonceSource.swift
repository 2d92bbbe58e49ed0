import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Nonces for Kraken private calls that increase strictly, across threads, processes and restarts.
///
/// Each nonce is `max(last + 1, microseconds now)`. The last one is kept in a file: taken under an
/// exclusive `flock` (other processes using the same key and file wait), written and `fsync`ed
/// before it is returned, so a crash right after a call can never hand out the same nonce again
/// and a clock that steps back never makes one smaller. A mutex serialises threads of this process.
public final class NonceSource: Sendable, CustomStringConvertible {
    /// The file holding the last nonce handed out.
    public let path: String
    private let descriptor: Int32
    private let clock: @Sendable () -> UInt64
    private let lock = Mutex<Void>(())

    /// Opens (creating, mode 0600) the nonce file at `path`.
    /// - Parameter microsecondsNow: the wall clock in microseconds since 1970 (injectable for tests).
    public init(path: String, microsecondsNow: @escaping @Sendable () -> UInt64 = NonceSource.systemMicroseconds)
        throws(KrakenConfigurationError)
    {
        self.path = path
        clock = microsecondsNow
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw .nonceFile(path: path, reason: String(cString: strerror(errno))) }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// The wall clock in microseconds since 1970.
    @Sendable public static func systemMicroseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UInt64(spec.tv_sec) * 1_000_000 + UInt64(spec.tv_nsec / 1000)
    }

    /// The next nonce, already durable in the file.
    public func next() throws(KrakenConfigurationError) -> UInt64 {
        let result: Result<UInt64, KrakenConfigurationError> = lock.withLock { _ in
            guard flock(descriptor, LOCK_EX) == 0 else { return .failure(failure("cannot lock")) }
            defer { flock(descriptor, LOCK_UN) }
            let last: UInt64
            switch readLast() {
            case .success(let value): last = value
            case .failure(let error): return .failure(error)
            }
            let nonce = max(last &+ 1, clock())
            guard nonce > last else {
                return .failure(.nonceFile(path: path, reason: "the nonce cannot grow past \(last)"))
            }
            let bytes = Array("\(nonce)\n".utf8)
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            guard written == bytes.count, ftruncate(descriptor, off_t(bytes.count)) == 0 else {
                return .failure(failure("cannot write"))
            }
            guard fsync(descriptor) == 0 else { return .failure(failure("cannot fsync")) }
            return .success(nonce)
        }
        return try result.get()
    }

    private func readLast() -> Result<UInt64, KrakenConfigurationError> {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return .failure(failure("cannot read")) }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .success(0) }
        guard let value = UInt64(text) else {
            return .failure(
                .nonceFile(
                    path: path,
                    reason: "holds \"\(text.prefix(30))\", not a nonce; "
                        + "remove it only if no other process uses this API key"))
        }
        return .success(value)
    }

    private func failure(_ action: String) -> KrakenConfigurationError {
        .nonceFile(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }

    public var description: String { "NonceSource(\(path))" }
}
