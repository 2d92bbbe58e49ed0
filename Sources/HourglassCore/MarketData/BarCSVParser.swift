/// Parses bar files (CSV bytes) into validated bars, all or nothing.
///
/// Works on the raw bytes in one pass: no per-line `String`, no regex, no `Double`. Every value
/// is parsed exactly (`FixedDecimal`), every bar is checked (`Bar.violation`), timestamps must sit
/// on the interval's boundary and strictly increase. The first broken rule stops the parse with a
/// `BarFileError` naming the line and the field. Tolerated: CRLF line endings, a final newline or
/// none, and a UTF-8 byte-order mark (spreadsheet exports write one).
public enum BarCSVParser {
    /// The only header accepted for `BarFileFormat.ohlcv`.
    public static let ohlcvHeader = "ts_utc,open,high,low,close,volume"
    /// Most rows accepted in one file: 10 million is 19 years of one-minute bars. A limit keeps a
    /// wrong file from exhausting memory.
    public static let rowCountMax = 10_000_000
    /// Longest quote of an offending value kept in an error message.
    static let quotedBytesMax = 48

    /// Parses a whole file.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - fileName: the name used in error messages (pass the base name).
    ///   - format: the layout of the rows.
    ///   - exchange: the exchange written into every bar (`kraken`).
    ///   - symbol: the `BASE/QUOTE` symbol written into every bar (`XBT/USD`).
    ///   - intervalSeconds: the bar length; every timestamp must be a multiple of it.
    public static func parse(
        _ bytes: [UInt8], fileName: String, format: BarFileFormat, exchange: String,
        symbol: String, intervalSeconds: Int64
    ) throws(BarFileError) -> BarFileParseResult {
        precondition(intervalSeconds > 0, "intervalSeconds must be positive")
        let context = Context(
            fileName: fileName, format: format, exchange: exchange, symbol: symbol,
            intervalSeconds: intervalSeconds)
        let result: Result<BarFileParseResult, BarFileError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(BarFileError) { return .success(try parseBuffer(buffer, context)) } catch {
                return .failure(error)
            }
        }
        let parsed = try result.get()
        assert(parsed.rowCount == parsed.bars.count)
        return parsed
    }

    struct Context {
        let fileName: String
        let format: BarFileFormat
        let exchange: String
        let symbol: String
        let intervalSeconds: Int64
        let fieldNames: [String]

        init(fileName: String, format: BarFileFormat, exchange: String, symbol: String, intervalSeconds: Int64) {
            self.fileName = fileName
            self.format = format
            self.exchange = exchange
            self.symbol = symbol
            self.intervalSeconds = intervalSeconds
            fieldNames = format.fieldNames
        }

        func error(_ line: Int, _ field: String, _ kind: BarFileError.Kind, _ reason: String) -> BarFileError {
            BarFileError(fileName: fileName, line: line, field: field, kind: kind, reason: reason)
        }
    }

    /// One line's position: `start..<contentEnd` is the text without the line terminator.
    struct Line {
        let number: Int
        let start: Int
        let contentEnd: Int
    }

    static func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>, _ context: Context) throws(BarFileError)
        -> BarFileParseResult
    {
        let count = buffer.count
        var position = hasByteOrderMark(buffer) ? 3 : 0
        if position == count {
            throw context.error(
                1, "file", .empty,
                context.format == .ohlcv
                    ? "the file is empty; expected the header '\(ohlcvHeader)' and then one bar per line"
                    : "the file is empty; expected one Kraken OHLCVT bar per line")
        }
        let fieldCount = context.fieldNames.count
        // Field i spans fieldStarts[i]..<fieldEnds[i]; only the first fieldCount are kept.
        var fieldStarts = [Int](repeating: 0, count: fieldCount)
        var fieldEnds = [Int](repeating: 0, count: fieldCount)
        var bars: [Bar] = []
        bars.reserveCapacity(Swift.min(count / 32 + 1, rowCountMax))
        var state = SequenceState()
        var lineNumber = 0
        while position < count {
            lineNumber += 1
            let start = position
            var separators = 0
            var sawHighByte = false
            var index = position
            // One scan per line finds its end and its field boundaries.
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A { break }
                if byte == 0x2C {
                    if separators < fieldCount {
                        fieldEnds[separators] = index
                        if separators + 1 < fieldCount { fieldStarts[separators + 1] = index + 1 }
                    }
                    separators += 1
                } else if byte >= 0x80 {
                    sawHighByte = true
                }
                index += 1
            }
            position = index < count ? index + 1 : count
            let contentEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
            let line = Line(number: lineNumber, start: start, contentEnd: contentEnd)
            if sawHighByte { try checkEncoding(buffer, line, context) }
            if contentEnd == start {
                throw context.error(
                    lineNumber, "file", .blankLine,
                    "line \(lineNumber) is empty; remove blank lines (only one final newline is allowed)")
            }
            if lineNumber == 1 && (context.format == .ohlcv || matchesHeader(buffer, line)) {
                try checkHeader(buffer, line, context)
                continue
            }
            guard separators + 1 == fieldCount else { throw columnsError(buffer, line, separators + 1, context) }
            guard bars.count < rowCountMax else {
                throw context.error(
                    lineNumber, "file", .tooManyRows,
                    "the file holds more than \(rowCountMax) bars; split it into smaller files")
            }
            fieldStarts[0] = start
            fieldEnds[fieldCount - 1] = contentEnd
            let bar = try parseRow(buffer, line, fieldStarts, fieldEnds, &state, context)
            bars.append(bar)
        }
        if bars.isEmpty {
            throw context.error(lineNumber + 1, "file", .empty, "the file has a header but no bars")
        }
        return BarFileParseResult(
            bars: bars, gapCount: state.gapCount, missingBars: state.missingBars, rowCount: bars.count)
    }

    /// What the rows before the current one established about time order and gaps.
    struct SequenceState {
        var previousTs: Int64?
        var previousLine = 0
        var gapCount = 0
        var missingBars = 0
    }

    static func parseRow(
        _ buffer: UnsafeBufferPointer<UInt8>, _ line: Line, _ starts: [Int], _ ends: [Int],
        _ state: inout SequenceState, _ context: Context
    ) throws(BarFileError) -> Bar {
        let timestamp = try parseTimestamp(buffer, starts[0], ends[0], line, context)
        try checkSequence(timestamp, line, &state, context)
        let openPrice = try parseDecimal(buffer, starts[1], ends[1], line, 1, context)
        let highPrice = try parseDecimal(buffer, starts[2], ends[2], line, 2, context)
        let lowPrice = try parseDecimal(buffer, starts[3], ends[3], line, 3, context)
        let closePrice = try parseDecimal(buffer, starts[4], ends[4], line, 4, context)
        let volumeBase = try parseDecimal(buffer, starts[5], ends[5], line, 5, context)
        if context.format == .kraken && parseWholeNumber(buffer, starts[6], ends[6]) == nil {
            throw context.error(
                line.number, "trades", .number,
                "\(quoted(buffer, starts[6], ends[6])) is not a whole number of trades (0 or more)")
        }
        let bar = Bar(
            exchange: context.exchange, symbol: context.symbol, openTs: timestamp,
            intervalSeconds: context.intervalSeconds, openPrice: openPrice, highPrice: highPrice,
            lowPrice: lowPrice, closePrice: closePrice, volumeBase: volumeBase)
        if let violation = bar.violation {
            // Timestamps were checked above, so only price and volume rules can be left.
            throw context.error(line.number, violation.field, .invariant, violation.reason)
        }
        return bar
    }

    static func parseTimestamp(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Line,
        _ context: Context
    ) throws(BarFileError) -> UTCTimestamp {
        let field = context.fieldNames[0]
        let timestamp: UTCTimestamp
        switch context.format {
        case .ohlcv:
            guard let parsed = UTCTimestamp.parse(utf8: UnsafeBufferPointer(rebasing: buffer[start..<end])) else {
                throw context.error(
                    line.number, field, .timestamp,
                    "\(quoted(buffer, start, end)) is not an ISO-8601 UTC timestamp such as 2024-01-01T00:00:00Z")
            }
            timestamp = parsed
        case .kraken:
            guard let seconds = parseWholeNumber(buffer, start, end) else {
                throw context.error(
                    line.number, field, .number,
                    "\(quoted(buffer, start, end)) is not a whole number of seconds since 1970-01-01T00:00:00Z")
            }
            timestamp = UTCTimestamp(secondsSinceEpoch: seconds)
        }
        let interval = context.intervalSeconds
        if timestamp.secondsSinceEpoch % interval != 0 {
            let shown = context.format == .kraken ? "\(timestamp.secondsSinceEpoch) (\(timestamp))" : "\(timestamp)"
            let rule =
                interval == UTCTimestamp.secondsPerHour
                ? "is not on the hour; hourly bars start at minute 0"
                : "is not on a \(interval)-second boundary; each bar starts at a multiple of its interval"
            throw context.error(line.number, field, .boundary, "\(shown) \(rule)")
        }
        return timestamp
    }

    static func checkSequence(
        _ timestamp: UTCTimestamp, _ line: Line, _ state: inout SequenceState,
        _ context: Context
    ) throws(BarFileError) {
        let field = context.fieldNames[0]
        if let previous = state.previousTs {
            let seconds = timestamp.secondsSinceEpoch
            if seconds == previous {
                throw context.error(
                    line.number, field, .duplicate,
                    "duplicate timestamp \(timestamp): line \(state.previousLine) already holds this bar")
            }
            if seconds < previous {
                let previousText = UTCTimestamp(secondsSinceEpoch: previous)
                throw context.error(
                    line.number, field, .order,
                    "\(timestamp) comes before \(previousText) on line \(state.previousLine); rows must be in increasing time order"
                )
            }
            let step = (seconds - previous) / context.intervalSeconds
            if step > 1 {
                state.gapCount += 1
                state.missingBars += Int(step - 1)
            }
        }
        state.previousTs = timestamp.secondsSinceEpoch
        state.previousLine = line.number
    }

    static func parseDecimal(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Line,
        _ fieldIndex: Int, _ context: Context
    ) throws(BarFileError) -> FixedDecimal {
        do throws(DecimalParseError) {
            return try FixedDecimal.parse(utf8: UnsafeBufferPointer(rebasing: buffer[start..<end]))
        } catch {
            throw context.error(
                line.number, context.fieldNames[fieldIndex], .number,
                "\(quoted(buffer, start, end)) is not an exact decimal: \(error)")
        }
    }

    /// A non-negative whole number of at most 18 digits (no sign, no point), or nil.
    static func parseWholeNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard end > start && end - start <= 18 else { return nil }
        var value: Int64 = 0
        for index in start..<end {
            let byte = buffer[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    static func hasByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
    }

    static func matchesHeader(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        let header = ohlcvHeader.utf8
        guard line.contentEnd - line.start == header.count else { return false }
        var index = line.start
        for byte in header {
            if buffer[index] != byte { return false }
            index += 1
        }
        return true
    }

    static func checkHeader(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Line, _ context: Context) throws(BarFileError)
    {
        let matches = matchesHeader(buffer, line)
        switch context.format {
        case .ohlcv where matches:
            return
        case .ohlcv:
            let looksLikeKraken = buffer[line.start] >= 0x30 && buffer[line.start] <= 0x39
            throw context.error(
                1, "header", .header,
                "expected the header '\(ohlcvHeader)', found \(quoted(buffer, line.start, line.contentEnd))"
                    + (looksLikeKraken ? "; a file without a header is read with format kraken" : ""))
        case .kraken:
            throw context.error(
                1, "header", .header,
                "Kraken OHLCVT files have no header, but this one starts with '\(ohlcvHeader)'; read it with format ohlcv"
            )
        }
    }

    static func checkEncoding(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Line, _ context: Context)
        throws(BarFileError)
    {
        let end = line.contentEnd
        guard let offset = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: buffer[line.start..<end]))
        else { return }
        let byte = buffer[line.start + offset]
        throw context.error(
            line.number, "encoding", .encoding,
            "byte 0x\(hex(byte)) at column \(offset + 1) is not valid UTF-8; save the file as UTF-8 or ASCII")
    }

    static func columnsError(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Line, _ found: Int, _ context: Context)
        -> BarFileError
    {
        let expected = context.fieldNames.count
        let names = context.fieldNames.joined(separator: ",")
        let what = found < expected ? "the line is truncated or a value is missing" : "the line has an extra column"
        return context.error(
            line.number, "columns", .columns,
            "expected \(expected) comma-separated fields (\(names)), found \(found): \(what)")
    }

    /// The value as it appears in the file, in quotes, cut to `quotedBytesMax` bytes with control
    /// bytes shown as `?` so a message stays one printable line.
    static func quoted(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let cut = Swift.min(end, start + quotedBytesMax)
        var bytes = [UInt8](buffer[start..<cut])
        for index in bytes.indices where bytes[index] < 0x20 || bytes[index] == 0x7F {
            bytes[index] = UInt8(ascii: "?")
        }
        return "'" + String(decoding: bytes, as: UTF8.self) + (cut < end ? "…'" : "'")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
