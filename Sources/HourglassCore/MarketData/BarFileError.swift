/// Why a bar file was refused: which file, which line, which field, and why.
///
/// A bar file is all or nothing: the first error stops the parse and nothing from the file is
/// used. `description` is the one line a person needs to find and fix the row, e.g.
/// `kraken_XBTUSD_1h.csv:17: field 'low': low 101.5 is above min(open, close) 100.2`.
public struct BarFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of rule that was broken, for callers that branch on it (the reason is for people).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Bytes that are not UTF-8.
        case encoding
        /// No bytes, or a header and no rows.
        case empty
        /// The first line of an `ohlcv` file is not the expected header.
        case header
        /// A line with too few or too many fields.
        case columns
        /// An empty line before the end of the file.
        case blankLine
        /// Text that is not an exact decimal or whole number.
        case number
        /// Text that is not a timestamp.
        case timestamp
        /// A timestamp that is not on the bar interval's boundary.
        case boundary
        /// A bar that breaks a price or volume invariant (`Bar.violation`).
        case invariant
        /// A timestamp before the previous row's.
        case order
        /// A timestamp equal to the previous row's.
        case duplicate
        /// More rows than `BarCSVParser.rowCountMax`.
        case tooManyRows
    }

    /// The file name as given to the parser (a base name, not a path, in messages).
    public let fileName: String
    /// 1-based line number in the file; the header is line 1 of an `ohlcv` file.
    public let line: Int
    /// The column or part of the file at fault: `ts_utc`, `unix_seconds`, `open`, `high`, `low`,
    /// `close`, `volume`, `trades`, `header`, `columns`, `encoding`, `file`.
    public let field: String
    /// The kind of rule that was broken.
    public let kind: Kind
    /// One sentence saying what is wrong with the value.
    public let reason: String

    /// Creates an error.
    public init(fileName: String, line: Int, field: String, kind: Kind, reason: String) {
        self.fileName = fileName
        self.line = line
        self.field = field
        self.kind = kind
        self.reason = reason
    }

    /// `FILE:LINE: field 'FIELD': REASON`.
    public var description: String { "\(fileName):\(line): field '\(field)': \(reason)" }
}
