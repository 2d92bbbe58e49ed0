import Testing

@testable import HourglassCore

@Suite("FixedDecimal")
struct FixedDecimalTests {
    private func d(_ text: String) -> FixedDecimal { TestSupport.decimal(text) }
    private func raw(_ value: Int128) -> FixedDecimal { FixedDecimal(raw: value) }

    // MARK: Parsing

    @Test(
        "parses exactly",
        arguments: [
            ("122.0", Int128(122_000_000_000_000)),
            ("0.1", Int128(100_000_000_000)),
            ("0.000000000001", Int128(1)),
            ("-12.5", Int128(-12_500_000_000_000)),
            ("828466.8334492904", Int128(828_466_833_449_290_400)),
            ("+3", Int128(3_000_000_000_000)),
            ("1.", Int128(1_000_000_000_000)),
            (".5", Int128(500_000_000_000)),
            ("007", Int128(7_000_000_000_000)),
            ("-0", Int128(0)),
            ("1.000000000000000000", Int128(1_000_000_000_000)),
            ("99999999999999999999", Int128(99_999_999_999_999_999_999) * 1_000_000_000_000),
            ("0.999999999999", Int128(999_999_999_999)),
        ] as [(String, Int128)])
    func parsesExactly(text: String, expected: Int128) throws {
        #expect(try FixedDecimal.parse(text).raw == expected)
    }

    @Test(
        "refuses what it cannot keep exactly",
        arguments: [
            ("", DecimalParseError.empty),
            ("-", .missingDigits),
            (".", .missingDigits),
            ("+.", .missingDigits),
            ("1e5", .scientificNotation),
            ("1E-3", .scientificNotation),
            ("NaN", .notANumber),
            ("nan", .notANumber),
            ("inf", .notANumber),
            ("-Infinity", .notANumber),
            ("1.0000000000001", .tooManyDecimals(13)),
            ("0.1234567890123", .tooManyDecimals(13)),
            ("0.12345678901234", .tooManyDecimals(14)),
            ("1.0000000000000005", .tooManyDecimals(16)),
            ("100000000000000000000", .tooManyIntegerDigits(21)),
            ("1,5", .invalidCharacter(UInt8(ascii: ","), position: 1)),
            (" 1", .invalidCharacter(0x20, position: 0)),
            ("1 ", .invalidCharacter(0x20, position: 1)),
            ("1.2.3", .invalidCharacter(UInt8(ascii: "."), position: 3)),
            ("0x10", .invalidCharacter(UInt8(ascii: "x"), position: 1)),
            ("--1", .invalidCharacter(UInt8(ascii: "-"), position: 1)),
            ("1\r", .invalidCharacter(0x0D, position: 1)),
        ] as [(String, DecimalParseError)])
    func refuses(text: String, expected: DecimalParseError) {
        #expect(throws: expected) { try FixedDecimal.parse(text) }
    }

    @Test func parseErrorsAreSentences() {
        #expect(
            DecimalParseError.scientificNotation.description
                == "scientific notation is not accepted; write the plain decimal")
        #expect(
            DecimalParseError.invalidCharacter(0x2C, position: 1).description == "invalid character ',' at position 2")
        #expect(
            DecimalParseError.invalidCharacter(0xFF, position: 0).description
                == "invalid character byte 0xff at position 1")
    }

    // MARK: Canonical text

    @Test(
        "description is canonical",
        arguments: [
            ("122.0", "122"), ("0.10", "0.1"), ("-0.0", "0"), ("-0.5", "-0.5"), ("100", "100"),
            ("0.000000000001", "0.000000000001"), ("-12.340", "-12.34"), ("42000.000001", "42000.000001"),
            ("99999999999999999999.999999999999", "99999999999999999999.999999999999"),
        ] as [(String, String)])
    func description(text: String, expected: String) {
        #expect(d(text).description == expected)
    }

    @Test func descriptionRoundTripsThroughParse() throws {
        var value: Int128 = 1
        for step in 0..<120 {
            for candidate in [value, -value, value + 7, -(value * 3 + 1)] {
                let decimal = FixedDecimal(raw: candidate)
                #expect(try FixedDecimal.parse(decimal.description) == decimal, "raw \(candidate) at step \(step)")
            }
            value = value * 13 / 4 + 1
            if value > Int128(10).power(31) { value = Int128(step) + 2 }
        }
    }

    @Test func formattedPadsAndRoundsHalfEven() {
        #expect(d("1.005").formatted(decimals: 2) == "1.00")
        #expect(d("1.015").formatted(decimals: 2) == "1.02")
        #expect(d("2.5").formatted(decimals: 0) == "2")
        #expect(d("-0.5").formatted(decimals: 0) == "0")
        #expect(d("-1.25").formatted(decimals: 1) == "-1.2")
        #expect(d("3").formatted(decimals: 4) == "3.0000")
        #expect(d("0.000000000001").formatted(decimals: 12) == "0.000000000001")
    }

    // MARK: Multiplication and division

    /// raw 1 × 0.5 is exactly half a unit in the last place: each rule picks its side.
    @Test(
        "multiplication rounds half a unit by the rule",
        arguments: [
            (Int128(1), RoundingRule.down, Int128(0)), (1, .up, 1), (1, .floor, 0), (1, .ceiling, 1), (1, .halfEven, 0),
            (3, .halfEven, 2), (5, .halfEven, 2), (7, .halfEven, 4),
            (-1, .down, 0), (-1, .up, -1), (-1, .floor, -1), (-1, .ceiling, 0), (-1, .halfEven, 0),
            (-3, .halfEven, -2), (-5, .halfEven, -2), (-3, .down, -1), (-3, .up, -2), (-3, .floor, -2),
            (-3, .ceiling, -1),
        ] as [(Int128, RoundingRule, Int128)])
    func multiplicationTies(rawUnits: Int128, rule: RoundingRule, expected: Int128) {
        #expect(raw(rawUnits).multiplied(by: d("0.5"), rounding: rule).raw == expected)
        // The product is symmetric in its operands and in moving the sign across.
        #expect(d("0.5").multiplied(by: raw(rawUnits), rounding: rule).raw == expected)
        #expect(raw(-rawUnits).multiplied(by: d("-0.5"), rounding: rule).raw == expected)
    }

    @Test func multiplicationNonTiesRoundToNearest() {
        // 0.6 and 0.4 units of the last place.
        #expect(raw(6).multiplied(by: d("0.1"), rounding: .halfEven).raw == 1)
        #expect(raw(4).multiplied(by: d("0.1"), rounding: .halfEven).raw == 0)
        #expect(raw(-6).multiplied(by: d("0.1"), rounding: .halfEven).raw == -1)
        #expect(raw(-4).multiplied(by: d("0.1"), rounding: .halfEven).raw == 0)
    }

    @Test func multiplicationIsExactWhenDigitsFit() {
        #expect(d("42000.5").multiplied(by: d("0.25"), rounding: .down) == d("10500.125"))
        #expect(d("-1.5").multiplied(by: d("2"), rounding: .up) == d("-3"))
        #expect(d("0.000001").multiplied(by: d("0.000001"), rounding: .down) == d("0.000000000001"))
        // 10^8 × 10^8: the raw product (10^40) overflows Int128 before rescaling; the wide path keeps it.
        #expect(d("100000000").multiplied(by: d("100000000"), rounding: .down) == d("10000000000000000"))
        #expect(d("-100000000").multiplied(by: d("100000000"), rounding: .down) == d("-10000000000000000"))
        #expect(d("-100000000.5").multiplied(by: d("-3"), rounding: .down) == d("300000001.5"))
    }

    @Test(
        "division rounds by the rule, with either sign",
        arguments: [
            ("1", "3", RoundingRule.down, "0.333333333333"), ("1", "3", .up, "0.333333333334"),
            ("1", "3", .floor, "0.333333333333"), ("1", "3", .ceiling, "0.333333333334"),
            ("1", "3", .halfEven, "0.333333333333"),
            ("2", "3", .halfEven, "0.666666666667"), ("2", "3", .down, "0.666666666666"),
            ("-1", "3", .down, "-0.333333333333"), ("-1", "3", .up, "-0.333333333334"),
            ("-1", "3", .floor, "-0.333333333334"), ("-1", "3", .ceiling, "-0.333333333333"),
            ("1", "-3", .down, "-0.333333333333"), ("1", "-3", .up, "-0.333333333334"),
            ("1", "-3", .floor, "-0.333333333334"), ("1", "-3", .ceiling, "-0.333333333333"),
            ("-2", "-3", .halfEven, "0.666666666667"), ("-1", "-3", .floor, "0.333333333333"),
            ("-1", "-3", .ceiling, "0.333333333334"),
            ("10", "4", .down, "2.5"), ("-7", "2", .halfEven, "-3.5"),
            ("0.000000000001", "2", .halfEven, "0"), ("0.000000000003", "2", .halfEven, "0.000000000002"),
            ("-0.000000000003", "2", .halfEven, "-0.000000000002"), ("0.000000000001", "-2", .up, "-0.000000000001"),
            ("10000000000000000000", "0.5", .down, "20000000000000000000"),
        ] as [(String, String, RoundingRule, String)])
    func division(numerator: String, denominator: String, rule: RoundingRule, expected: String) {
        #expect(d(numerator).divided(by: d(denominator), rounding: rule) == d(expected))
    }

    // MARK: Rounding to fewer decimals

    @Test func quantitiesRoundDownAndFeesRoundUp() {
        // An order quantity never exceeds what was sized; a fee is never under-charged.
        #expect(d("0.123456789").rounded(decimals: 4, .down) == d("0.1234"))
        #expect(d("0.00012").rounded(decimals: 2, .up) == d("0.01"))
        #expect(d("1.2").rounded(decimals: 2, .up) == d("1.2"))
        #expect(d("-0.129").rounded(decimals: 2, .down) == d("-0.12"))
        #expect(d("-0.129").rounded(decimals: 2, .up) == d("-0.13"))
        #expect(d("-0.121").rounded(decimals: 2, .floor) == d("-0.13"))
        #expect(d("-0.129").rounded(decimals: 2, .ceiling) == d("-0.12"))
        #expect(d("0.125").rounded(decimals: 2, .halfEven) == d("0.12"))
        #expect(d("0.135").rounded(decimals: 2, .halfEven) == d("0.14"))
        #expect(d("-0.125").rounded(decimals: 2, .halfEven) == d("-0.12"))
        #expect(d("7.5").rounded(decimals: 0, .halfEven) == d("8"))
        #expect(d("0.000000000001").rounded(decimals: 12, .down) == d("0.000000000001"))
        #expect(d("0.999999999999").rounded(decimals: 0, .down) == .zero)
    }

    @Test func roundingRuleRawValuesAreStable() {
        // These bytes may be persisted in configs and events.
        #expect(RoundingRule.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
    }

    // MARK: Other operations

    @Test func arithmeticAndPredicates() {
        #expect(d("1.5") + d("2.25") == d("3.75"))
        #expect(d("1.5") - d("2.25") == d("-0.75"))
        #expect(-d("1.5") == d("-1.5"))
        var total = FixedDecimal.zero
        total += d("0.1")
        total += d("0.2")
        total -= d("0.3")
        #expect(total == .zero)
        #expect(d("-2.5").magnitude == d("2.5"))
        #expect(d("0.3").multiplied(byInteger: -3) == d("-0.9"))
        #expect(d("-1").isNegative && d("1").isPositive && FixedDecimal.zero.isZero)
        #expect(d("-1") < d("0.000000000001"))
        #expect(FixedDecimal(7) == d("7") && FixedDecimal(-7) == d("-7"))
        #expect(FixedDecimal.one == d("1"))
    }

    @Test func significantDecimals() {
        #expect(d("122.0").significantDecimals == 0)
        #expect(d("0.1").significantDecimals == 1)
        #expect(d("-0.000000000001").significantDecimals == 12)
        #expect(FixedDecimal.zero.significantDecimals == 0)
    }

    @Test func doubleConversionIsExplicit() {
        #expect(d("42000.5").doubleValue == 42000.5)
        #expect(d("-0.25").doubleValue == -0.25)
        #expect(FixedDecimal.fromDouble(0.1, decimals: 8, rounding: .down) == d("0.1"))
        #expect(FixedDecimal.fromDouble(0.123456789, decimals: 4, rounding: .down) == d("0.1234"))
        #expect(FixedDecimal.fromDouble(0.12341, decimals: 4, rounding: .up) == d("0.1235"))
        #expect(FixedDecimal.fromDouble(-0.12341, decimals: 4, rounding: .floor) == d("-0.1235"))
        #expect(FixedDecimal.fromDouble(-0.12349, decimals: 4, rounding: .ceiling) == d("-0.1234"))
        #expect(FixedDecimal.fromDouble(2.5, decimals: 0, rounding: .halfEven) == d("2"))
        #expect(FixedDecimal.fromDouble(.nan, decimals: 2, rounding: .down) == nil)
        #expect(FixedDecimal.fromDouble(.infinity, decimals: 2, rounding: .down) == nil)
        #expect(FixedDecimal.fromDouble(1e25, decimals: 0, rounding: .down) == nil)
    }
}

extension Int128 {
    fileprivate func power(_ exponent: Int) -> Int128 { (0..<exponent).reduce(1) { acc, _ in acc * self } }
}
