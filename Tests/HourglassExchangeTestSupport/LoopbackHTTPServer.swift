import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for tests: POSIX sockets, one thread
/// accepting and one per connection, one request per connection (`Connection: close`).
///
/// Loopback only by construction: it binds `INADDR_LOOPBACK`. Requests and bodies are bounded.
public final class LoopbackHTTPServer: Sendable {
    /// A parsed request.
    public struct Request: Sendable {
        /// `GET`, `POST`.
        public let method: String
        /// Path without the query (`/0/public/Time`).
        public let path: String
        /// The query string after `?` (empty when none).
        public let query: String
        /// Header fields with lower-case names.
        public let headers: [String: String]
        /// The body.
        public let body: [UInt8]
    }

    /// What to answer.
    public enum Reply: Sendable {
        /// Status and body, sent after `delaySeconds`.
        case respond(status: Int, body: [UInt8], delaySeconds: Double)
        /// Close the connection without answering.
        case hangUp
    }

    /// Largest request accepted, in bytes.
    public static let requestBytesMax = 1 << 20

    /// The port the server listens on.
    public let port: UInt16
    private let listener: Int32
    private let running = Atomic<Bool>(true)
    private let handler: @Sendable (Request) -> Reply

    /// Starts listening; `handler` answers every request (on a connection thread).
    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Self.failure("socket") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw Self.failure("bind/listen")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listener = descriptor
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting; connections in flight finish on their own.
    public func stop() {
        guard running.exchange(false, ordering: .sequentiallyConsistent) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while running.load(ordering: .sequentiallyConsistent) {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        switch handler(request) {
        case .hangUp: return
        case .respond(let status, let body, let delay):
            if delay > 0 { usleep(UInt32(min(delay, 30) * 1_000_000)) }
            let head =
                "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            writeAll(connection, Array(head.utf8) + body)
        }
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var headerEnd: Int?
        var continued = false
        while buffer.count < Self.requestBytesMax {
            if let end = headerEnd {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                let (line, headers) = Self.parseHead(head)
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if headers["expect"]?.lowercased() == "100-continue" && !continued && buffer.count < end + 4 + length {
                    writeAll(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    continued = true
                }
                if buffer.count >= end + 4 + length {
                    let parts = line.split(separator: " ")
                    guard parts.count >= 2 else { return nil }
                    let target = String(parts[1])
                    let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
                    return Request(
                        method: String(parts[0]), path: String(pieces[0]),
                        query: pieces.count > 1 ? String(pieces[1]) : "", headers: headers,
                        body: Array(buffer[(end + 4)..<(end + 4 + length)]))
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            buffer += chunk[0..<count]
            if headerEnd == nil, let range = Self.find([13, 10, 13, 10], in: buffer) { headerEnd = range }
        }
        return nil
    }

    private static func parseHead(_ head: String) -> (String, [String: String]) {
        let lines = head.components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return (lines.first ?? "", headers)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle
        {
            return start
        }
        return nil
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return }
            sent += count
        }
    }

    private static func failure(_ call: String) -> NSError {
        NSError(domain: "LoopbackHTTPServer", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "\(call) failed"])
    }
}
