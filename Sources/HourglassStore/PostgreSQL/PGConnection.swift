import CLibPQ

/// Owns one libpq connection (`PGconn`) and closes it exactly once.
///
/// Every libpq call goes through `check(_:context:)`, the one funnel that turns a failed status
/// into a `PGError` carrying the SQLSTATE and message (never the DSN or password).
final class PGConnection {
    let handle: OpaquePointer

    /// Connects with a libpq DSN (URI or key=value), then quiets NOTICEs and pins the session to UTC.
    public init(dsn: String) throws(PGError) {
        guard let connection = PQconnectdb(dsn) else {
            throw PGError(context: "connect", sqlState: nil, message: "libpq could not allocate a connection")
        }
        handle = connection
        if PQstatus(handle) != CONNECTION_OK {
            // libpq's parse errors can quote the DSN, password included: take it out.
            let message = DSNRedaction.redact(Self.firstLine(String(cString: PQerrorMessage(handle))), dsn: dsn)
            // The handle is freed by deinit.
            throw PGError(context: "connect", sqlState: nil, message: message.isEmpty ? "connection failed" : message)
        }
        try executeUnsafe(
            script: "SET client_min_messages = warning; SET TIME ZONE 'UTC'", context: "configure session")
    }

    deinit { PQfinish(handle) }

    /// A second connection with this one's options (server, database, user, password): for a
    /// thread of its own, since one libpq connection serves one thread at a time.
    func reopen() throws(PGError) -> PGConnection {
        guard let options = PQconninfo(handle) else {
            throw PGError(context: "reconnect", sqlState: nil, message: "libpq could not list the connection options")
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                var quoted = ""
                for character in String(cString: value) {
                    if character == "\\" || character == "'" { quoted.append("\\") }
                    quoted.append(character)
                }
                parts.append("\(String(cString: keyword))='\(quoted)'")
            }
            option += 1
        }
        return try PGConnection(dsn: parts.joined(separator: " "))
    }

    /// The server's process id (distinct per connection).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Runs a parameterised statement (`$1`, `$2` …) and returns its result. Results come in text
    /// format unless `binaryResults` is set (bytea and bigint read faster in binary).
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [PGParameter] = [], binaryResults: Bool = false,
        context: String
    ) throws(PGError) -> PGResult {
        var values: [[UInt8]?] = []
        var formats: [Int32] = []
        var types: [Oid] = []
        values.reserveCapacity(parameters.count)
        for parameter in parameters {
            switch parameter {
            case .null:
                values.append(nil)
                formats.append(0)
                types.append(0)
            case .text(let text):
                values.append(Array(text.utf8) + [0])
                formats.append(0)
                types.append(0)
            case .int64(let value):
                values.append(Array(String(value).utf8) + [0])
                formats.append(0)
                types.append(20)
            case .bool(let value):
                values.append(Array((value ? "t" : "f").utf8) + [0])
                formats.append(0)
                types.append(16)
            case .bytes(let bytes):
                values.append(bytes)
                formats.append(1)
                types.append(17)
            }
        }
        let result = Self.withPointers(values) { pointers, lengths in
            PQexecParams(handle, sql, Int32(parameters.count), types, pointers, lengths, formats, binaryResults ? 1 : 0)
        }
        return try check(result, context: context)
    }

    /// Runs raw SQL text with no parameters, possibly several statements (migrations, session
    /// settings). Never pass it user input: that is what `execute(_:_:)` is for.
    @discardableResult
    public func executeUnsafe(script: String, context: String) throws(PGError) -> PGResult {
        try check(PQexec(handle, script), context: context)
    }

    /// Runs `body` inside BEGIN … COMMIT, rolling back when it throws.
    public func transaction<T>(context: String, _ body: () throws -> T) throws -> T {
        try executeUnsafe(script: "BEGIN", context: context)
        do {
            let value = try body()
            try executeUnsafe(script: "COMMIT", context: context)
            return value
        } catch {
            rollbackQuietly()
            throw error
        }
    }

    /// Rolls back the current transaction, ignoring errors (used on the failure path only).
    public func rollbackQuietly() {
        if let result = PQexec(handle, "ROLLBACK") { PQclear(result) }
    }

    /// Streams `data` into `COPY … FROM STDIN` and returns the number of rows the server copied.
    @discardableResult
    public func copyIn(_ sql: String, data: [UInt8], context: String) throws(PGError) -> Int {
        let start = PQexec(handle, sql)
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try check(start, context: context)
            throw PGError(context: context, sqlState: nil, message: "server did not enter COPY IN mode")
        }
        PQclear(start)
        let chunkBytesMax = 1 << 20
        var offset = 0
        var sendFailed = false
        data.withUnsafeBufferPointer { buffer in
            while offset < buffer.count {
                let length = min(chunkBytesMax, buffer.count - offset)
                let sent = buffer.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length)
                {
                    PQputCopyData(handle, $0, Int32(length))
                }
                if sent != 1 {
                    sendFailed = true
                    return
                }
                offset += length
            }
        }
        if sendFailed {
            _ = PQputCopyEnd(handle, "client failed to send COPY data")
        } else if PQputCopyEnd(handle, nil) != 1 {
            throw PGError(
                context: context, sqlState: nil, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        var copied = 0
        var firstError: PGError? = nil
        while let result = PQgetResult(handle) {
            do throws(PGError) {
                let owned = try check(result, context: context)
                copied += owned.affectedRows
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        if sendFailed { throw PGError(context: context, sqlState: nil, message: "sending COPY data failed") }
        return copied
    }

    /// The error funnel: wraps a result, or throws with context when its status is a failure.
    func check(_ result: OpaquePointer?, context: String) throws(PGError) -> PGResult {
        guard let result else {
            throw PGError(
                context: context, sqlState: nil, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        let owned = PGResult(handle: result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return owned
        default:
            func field(_ code: Int32) -> String? {
                guard let pointer = PQresultErrorField(result, code) else { return nil }
                return String(cString: pointer)
            }
            let message =
                field(Int32(UInt8(ascii: "M"))) ?? Self.firstLine(String(cString: PQresultErrorMessage(result)))
            let detail = [field(Int32(UInt8(ascii: "D"))), field(Int32(UInt8(ascii: "H")))].compactMap { $0 }.joined(
                separator: "; ")
            throw PGError(
                context: context, sqlState: field(Int32(UInt8(ascii: "C"))), message: message,
                detail: detail.isEmpty ? nil : detail)
        }
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first ?? "")
    }

    private static func withPointers<R>(_ values: [[UInt8]?], _ body: ([UnsafePointer<CChar>?], [Int32]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        pointers.reserveCapacity(values.count)
        for value in values {
            guard let value else {
                pointers.append(nil)
                lengths.append(0)
                continue
            }
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: max(value.count, 1))
            value.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: value.count) {
                        pointer.update(from: $0, count: value.count)
                    }
                }
            }
            pointers.append(pointer)
            lengths.append(Int32(value.count))
        }
        defer { for pointer in pointers { pointer?.deallocate() } }
        return body(pointers.map { UnsafePointer($0) }, lengths)
    }
}
