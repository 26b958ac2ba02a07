/// The one way every program reads a numeric flag: the text must be a number
/// inside the flag's documented range, or the flag is refused with a message
/// that names the flag, the range and what was given.
///
/// Pure (no I/O, no exit), so each program's parser is unit-tested, and total:
/// nothing that passes can make a later conversion trap. `Int(someDouble)`,
/// `Duration.seconds(someDouble)` and a time scale's divisions crash the
/// process on values far outside any sensible range (1e19, 1e300, 1e-300), so
/// the bounds are checked here, before any such conversion happens.
package enum BoundedNumber {
    /// A whole number in `range`. Only digits (with an optional sign) are
    /// accepted: `1e3` or `2.5` for a count is a mistake, not a number to round.
    package static func integer<Value: FixedWidthInteger>(
        _ text: String, flag: String, in range: ClosedRange<Value>
    ) throws(FlagError) -> Value {
        guard let value = Value(text), range.contains(value) else {
            throw FlagError(flag: flag, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)", got: text)
        }
        return value
    }

    /// A network port: 0 (pick a free one, where the program allows it) to 65535.
    package static func port(_ text: String, flag: String, in range: ClosedRange<UInt16> = 0...UInt16.max) throws(FlagError) -> UInt16 {
        guard let value = UInt16(text), range.contains(value) else {
            throw FlagError(flag: flag, expected: "a port from \(range.lowerBound) to \(range.upperBound)", got: text)
        }
        return value
    }

    /// A finite decimal number in `range` (`nan` and `inf` are never in a range).
    package static func decimal(_ text: String, flag: String, in range: ClosedRange<Double>) throws(FlagError) -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw FlagError(flag: flag, expected: "a number from \(format(range.lowerBound)) to \(format(range.upperBound))", got: text)
        }
        return value
    }

    /// Seconds in `range`, as a `Duration` in whole milliseconds. `range` is the program's
    /// (never the user's) and must stay within what milliseconds in an `Int64` hold.
    package static func seconds(_ text: String, flag: String, in range: ClosedRange<Double>) throws(FlagError) -> Duration {
        precondition(range.lowerBound >= 0 && range.upperBound <= 1e15, "a flag's range of seconds must fit in Int64 milliseconds")
        let value = try decimal(text, flag: flag, in: range)
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// `100` rather than `100.0`, `0.01` as is: ranges read as the docs write them.
    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// A flag whose value is refused; `description` is the line to print before exiting 2.
package struct FlagError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package init(flag: String, expected: String, got text: String) {
        self.init("\(flag): expected \(expected), got '\(Self.shown(text))'")
    }

    package var description: String { message }

    /// The rejected text, bounded and with control characters escaped: it goes to a terminal.
    static func shown(_ text: String) -> String {
        let escaped = text.unicodeScalars.prefix(64).map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
        return text.unicodeScalars.count > 64 ? escaped + "…" : escaped
    }
}
