import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over Foundation's `URLSession` (FoundationNetworking, libcurl, on Linux).
///
/// One ephemeral session (no cookies, no cache). FoundationNetworking on Linux does not honour
/// `URLRequest.timeoutInterval` while it waits for the response head (measured: a 0.5 s timeout
/// waited out a 2 s delay), so every request also runs under a watchdog that cancels it at the
/// timeout and reports `.timeout`. docs/DESIGN-NOTES.md says why this and not async-http-client.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // URLSession is thread-safe; the class holds nothing else.
    private let session: URLSession

    /// Creates a transport with its own session.
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest, endpoint: KrakenEndpoint) async throws(KrakenError) -> HTTPResponse {
        guard let url = URL(string: request.url) else {
            throw .invalidRequest(endpoint, reason: "\(request.url) is not a URL")
        }
        var urlRequest = URLRequest(
            url: url, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: request.timeoutSeconds)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if request.method == "POST" { urlRequest.httpBody = Data(request.body) }
        let timeout = request.timeoutSeconds
        let result: Result<HTTPResponse, KrakenError> = await withCheckedContinuation { continuation in
            // Whichever comes first, the answer or the watchdog, resumes the continuation; the other is ignored.
            let once = OnceResume(continuation)
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    once.resume(.failure(Self.classify(error, endpoint: endpoint, timeout: timeout)))
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    once.resume(.failure(.transport(endpoint, reason: "no HTTP response", afterSending: true)))
                    return
                }
                once.resume(.success(HTTPResponse(status: http.statusCode, body: Array(data ?? Data()))))
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if once.resume(.failure(.timeout(endpoint, seconds: timeout))) { task.cancel() }
            }
            task.resume()
        }
        return try result.get()
    }

    /// Maps a URL loading error to a timeout, or to a transport failure that says whether the
    /// request may have been delivered (only failures to connect prove it was not).
    static func classify(_ error: Error, endpoint: KrakenEndpoint, timeout: Double) -> KrakenError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            return .transport(endpoint, reason: nsError.localizedDescription, afterSending: true)
        }
        switch nsError.code {
        case NSURLErrorTimedOut: return .timeout(endpoint, seconds: timeout)
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
            NSURLErrorNotConnectedToInternet:
            return .transport(endpoint, reason: "cannot connect (URL error \(nsError.code))", afterSending: false)
        default:
            return .transport(endpoint, reason: "URL error \(nsError.code)", afterSending: true)
        }
    }
}

/// Resumes a continuation exactly once, from whichever thread gets there first.
private final class OnceResume: Sendable {
    private let continuation: Mutex<CheckedContinuation<Result<HTTPResponse, KrakenError>, Never>?>

    init(_ continuation: CheckedContinuation<Result<HTTPResponse, KrakenError>, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// Resumes with `result` unless already resumed; true when this call resumed it.
    @discardableResult
    func resume(_ result: Result<HTTPResponse, KrakenError>) -> Bool {
        guard
            let pending = continuation.withLock({
                slot -> CheckedContinuation<Result<HTTPResponse, KrakenError>, Never>? in
                defer { slot = nil }
                return slot
            })
        else { return false }
        pending.resume(returning: result)
        return true
    }
}
