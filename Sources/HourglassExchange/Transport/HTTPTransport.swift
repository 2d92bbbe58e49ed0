/// One HTTP request as the adapter sends it.
public struct HTTPRequest: Sendable {
    /// `GET` or `POST`.
    public var method: String
    /// The full URL.
    public var url: String
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body (empty for GET).
    public var body: [UInt8]
    /// Longest wait for the answer.
    public var timeoutSeconds: Double

    /// Creates a request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)], body: [UInt8],
        timeoutSeconds: Double
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }
}

/// One HTTP answer.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// Sends HTTP requests. The adapter's only I/O seam; `URLSessionTransport` is the real one.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; failures become `KrakenError.timeout` or `.transport` for `endpoint`.
    func send(_ request: HTTPRequest, endpoint: KrakenEndpoint) async throws(KrakenError) -> HTTPResponse
}
