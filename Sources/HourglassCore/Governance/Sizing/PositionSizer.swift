/// Sizes entries from risk: a fraction of equity lost if the ATR stop is hit.
///
/// Steps, in order: risk fraction (0.5% while fewer than `explorationTrades` trades have closed,
/// else 2%); after exploration, realised expectancy of the last `kellyWindowTrades` closed trades
/// (size 0 when ≤ 0) and the quarter-Kelly cap from their realised win rate and payoff ratio —
/// never model confidence; notional = equity × risk ÷ stop distance; regime multiplier; breaker
/// multiplier (THROTTLE × `throttleMultiplier`, HALT × 0); quantity rounded DOWN to the lot.
/// Doubles are statistics; the size enters money only via `FixedDecimal.fromDouble(... .down)`.
public enum PositionSizer {
    /// The stop distance as a fraction of price: `atrFraction × stopLossATRMultiple`.
    public static func stopDistanceFraction(atrFraction: Double, config: RiskConfig) -> Double {
        atrFraction * config.stopLossATRMultiple.doubleValue
    }

    /// Sizes one entry.
    public static func size(_ input: SizingInput, config: RiskConfig) -> SizingResult {
        var steps: [SizingStep] = []
        let stop = stopDistanceFraction(atrFraction: input.atrFraction, config: config)
        func zero(_ reason: String) -> SizingResult {
            SizingResult(quantityBase: .zero, stopDistanceFraction: stop, steps: steps, zeroReason: reason)
        }
        guard input.equityQuote.isPositive, input.priceQuote.isPositive else {
            return zero("equity or price is not positive")
        }
        var risk: Double
        if input.closedTrades.count < config.explorationTrades {
            risk = config.explorationRisk.doubleValue
            steps.append(SizingStep(name: "exploration_risk", value: risk))
        } else {
            risk = config.baseRisk.doubleValue
            steps.append(SizingStep(name: "base_risk", value: risk))
            let stats = TradeStatistics.recent(input.closedTrades, window: config.kellyWindowTrades)
            steps.append(SizingStep(name: "realised_expectancy", value: stats.expectancy))
            guard stats.expectancy > 0 else {
                return zero("realised expectancy \(RuleMath.number(stats.expectancy)) ≤ 0")
            }
            let cap = config.kellyFraction.doubleValue * stats.kellyFraction
            steps.append(SizingStep(name: "kelly_cap", value: cap))
            risk = min(risk, cap)
        }
        steps.append(SizingStep(name: "risk_fraction", value: risk))
        steps.append(SizingStep(name: "stop_distance", value: stop))
        guard stop.isFinite, stop > 0 else {
            return zero("no positive stop distance (ATR fraction \(input.atrFraction))")
        }
        guard risk > 0 else { return zero("risk fraction is 0") }
        let notional = input.equityQuote.doubleValue * risk / stop
        steps.append(SizingStep(name: "notional", value: notional))
        let regime = config.regime(input.regime).sizeMultiplier.doubleValue
        steps.append(SizingStep(name: "regime_multiplier", value: regime))
        let breaker = breakerMultiplier(input.breakerLevel, config: config)
        steps.append(SizingStep(name: "breaker_multiplier", value: breaker))
        let lot = min(max(input.lotDecimals, 0), FixedDecimal.scaleDigits)
        let units = notional * regime * breaker / input.priceQuote.doubleValue
        let quantity = FixedDecimal.fromDouble(units, decimals: lot, rounding: .down) ?? .zero
        steps.append(SizingStep(name: "quantity", value: quantity.doubleValue))
        guard quantity.isPositive else {
            return zero(
                regime == 0
                    ? "regime \(input.regime) allows no entries"
                    : breaker == 0
                        ? "circuit breaker at \(input.breakerLevel.rawValue)" : "size rounds down to zero lots")
        }
        return SizingResult(quantityBase: quantity, stopDistanceFraction: stop, steps: steps, zeroReason: nil)
    }

    /// The breaker's size multiplier: THROTTLE × `throttleMultiplier`, HALT × 0, else × 1.
    public static func breakerMultiplier(_ level: BreakerLevel, config: RiskConfig) -> Double {
        switch level {
        case .normal, .alert: return 1
        case .throttle: return config.throttleMultiplier.doubleValue
        case .halt: return 0
        }
    }
}
