/// Where the adapter talks to and how patiently: base URL, timeout, retries, instability threshold.
public struct KrakenConfiguration: Sendable, Hashable {
    /// Kraken's own REST API.
    public static let defaultBaseURL = "https://api.kraken.com"

    /// `scheme://host[:port]`, no trailing slash.
    public var baseURL: String
    /// Longest wait for one answer, in seconds.
    public var timeoutSeconds: Double
    /// Retries of failed calls.
    public var retryPolicy: RetryPolicy
    /// Consecutive failed attempts after which the adapter reports `exchange_instability`.
    public var instabilityThreshold: Int
    /// Seconds after Kraken's clock that an order's `deadline` is set to (Kraken allows 2…60).
    public var orderDeadlineSeconds: Int64
    /// Times the adapter reads Kraken's clock while waiting for a lost order's deadline to pass.
    public var deadlineChecksMax: Int
    /// Sent as `User-Agent` (Kraken requires one).
    public var userAgent: String

    /// Creates a configuration; refuses a base URL that is not `http(s)://host…`.
    public init(
        baseURL: String = KrakenConfiguration.defaultBaseURL, timeoutSeconds: Double = 10,
        retryPolicy: RetryPolicy = .standard, instabilityThreshold: Int = 5, orderDeadlineSeconds: Int64 = 15,
        deadlineChecksMax: Int = 6, userAgent: String = "hourglass/1"
    ) throws(KrakenConfigurationError) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        let schemeEnd = url.hasPrefix("https://") ? 8 : (url.hasPrefix("http://") ? 7 : 0)
        guard schemeEnd > 0, url.count > schemeEnd, !url.dropFirst(schemeEnd).contains("/") else {
            throw .invalidBaseURL(baseURL)
        }
        precondition(timeoutSeconds > 0 && instabilityThreshold >= 1 && deadlineChecksMax >= 1)
        precondition(orderDeadlineSeconds >= 2 && orderDeadlineSeconds <= 60, "Kraken accepts deadlines 2…60 s ahead")
        self.baseURL = url
        self.timeoutSeconds = timeoutSeconds
        self.retryPolicy = retryPolicy
        self.instabilityThreshold = instabilityThreshold
        self.orderDeadlineSeconds = orderDeadlineSeconds
        self.deadlineChecksMax = deadlineChecksMax
        self.userAgent = userAgent
    }

    /// The configuration from `HOURGLASS_KRAKEN_URL` (default Kraken's own) and defaults otherwise.
    public static func fromEnvironment(_ environment: [String: String]) throws(KrakenConfigurationError)
        -> KrakenConfiguration
    {
        let url = environment["HOURGLASS_KRAKEN_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        return try KrakenConfiguration(baseURL: url)
    }
}
