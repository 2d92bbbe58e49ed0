/// A measured value or a threshold recorded in a rule result.
public enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    /// Nothing measured (the rule does not apply).
    case none
    /// An exact amount (cash, quantity, price).
    case decimal(FixedDecimal)
    /// A ratio or statistic.
    case number(Double)
    /// A count.
    case integer(Int64)
    /// A yes/no condition.
    case flag(Bool)
    /// A label (regime, state name).
    case text(String)

    public var description: String {
        switch self {
        case .none: return "-"
        case .decimal(let value): return value.description
        case .number(let value): return "\(value)"
        case .integer(let value): return String(value)
        case .flag(let value): return value ? "true" : "false"
        case .text(let value): return value
        }
    }

    /// Canonical encoding: a tag byte, then the value.
    public func encode(to writer: inout ByteWriter) {
        switch self {
        case .none: writer.write(byte: 0)
        case .decimal(let value):
            writer.write(byte: 1)
            writer.write(decimal: value)
        case .number(let value):
            writer.write(byte: 2)
            writer.write(double: value)
        case .integer(let value):
            writer.write(byte: 3)
            writer.write(signed: value)
        case .flag(let value):
            writer.write(byte: 4)
            writer.write(bool: value)
        case .text(let value):
            writer.write(byte: 5)
            writer.write(string: value)
        }
    }

    /// Reads what `encode(to:)` wrote.
    public static func decode(from reader: inout ByteReader) throws(CodecError) -> RuleValue {
        let offset = reader.offset
        switch try reader.readByte() {
        case 0: return .none
        case 1: return .decimal(try reader.readDecimal())
        case 2: return .number(try reader.readDouble())
        case 3: return .integer(try reader.readSigned())
        case 4: return .flag(try reader.readBool())
        case 5: return .text(try reader.readString())
        case let tag: throw .unknownTag("RuleValue", UInt64(tag), offset: offset)
        }
    }

    /// JSON view.
    public var json: JSONValue {
        switch self {
        case .none: return .null
        case .decimal(let value): return .decimal(value)
        case .number(let value): return .double(value)
        case .integer(let value): return .int(value)
        case .flag(let value): return .bool(value)
        case .text(let value): return .string(value)
        }
    }
}
