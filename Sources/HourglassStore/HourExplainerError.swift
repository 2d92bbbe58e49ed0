/// Why an hour cannot be explained as asked.
public enum HourExplainerError: Error, CustomStringConvertible, Equatable {
    /// `--symbol` names a pair the run does not trade.
    case symbolNotInUniverse(symbol: String, universe: [String])

    public var description: String {
        switch self {
        case .symbolNotInUniverse(let symbol, let universe):
            return "symbol \(symbol) is not in the run's universe (\(universe.joined(separator: ", "))); "
                + "pass one of those to --symbol"
        }
    }
}
