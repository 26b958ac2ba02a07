import CommandLineFlags
import Testing

@Suite struct BoundedNumberTests {
    @Test func valuesInsideTheRangePass() throws {
        #expect(try BoundedNumber.integer("64", flag: "--n", in: 1...1000) == 64)
        #expect(try BoundedNumber.port("0", flag: "--port") == 0)
        #expect(try BoundedNumber.port("65535", flag: "--port") == 65535)
        #expect(try BoundedNumber.decimal("0.01", flag: "--x", in: 0.01...100) == 0.01)
        #expect(try BoundedNumber.seconds("0.5", flag: "--s", in: 0...3600) == .milliseconds(500))
        #expect(try BoundedNumber.seconds("3600", flag: "--s", in: 0...3600) == .seconds(3600))
    }

    /// The values that used to reach `Int(Double)` or `Duration.seconds(Double)`
    /// and crash the process: each is refused with the flag, the range and the text.
    @Test(arguments: ["1e19", "1e300", "1e-300", "-1", "0", "nan", "inf", "-inf", "", "1.5", "0x10", " 5", "99999999999999999999"])
    func absurdCountsAreRefused(text: String) {
        #expect(throws: FlagError.self) { try BoundedNumber.integer(text, flag: "--max-connections", in: 1...1000) }
    }

    @Test(arguments: ["1e300", "1e-300", "0", "-1", "nan", "inf", "101", "abc", ""])
    func absurdDecimalsAreRefused(text: String) {
        #expect(throws: FlagError.self) { try BoundedNumber.decimal(text, flag: "--time-scale", in: 0.01...100) }
        #expect(throws: FlagError.self) { try BoundedNumber.seconds(text, flag: "--step-pause", in: 0.01...100) }
    }

    @Test func portsBeyond65535AreRefusedNotClamped() {
        #expect(throws: FlagError("--port: expected a port from 0 to 65535, got '70000'")) {
            try BoundedNumber.port("70000", flag: "--port")
        }
        #expect(throws: FlagError("--port: expected a port from 1 to 65535, got '0'")) {
            try BoundedNumber.port("0", flag: "--port", in: 1...65535)
        }
    }

    @Test func theMessageNamesFlagRangeAndValue() {
        #expect(throws: FlagError("--time-scale: expected a number from 0.01 to 100, got '1e300'")) {
            try BoundedNumber.decimal("1e300", flag: "--time-scale", in: 0.01...100)
        }
        #expect(throws: FlagError("--max-connections: expected a whole number from 1 to 1000, got '1e19'")) {
            try BoundedNumber.integer("1e19", flag: "--max-connections", in: 1...1000)
        }
    }

    @Test func theEchoedValueIsBoundedAndEscaped() {
        let long = String(repeating: "9", count: 10_000)
        let error = #expect(throws: FlagError.self) { try BoundedNumber.integer(long, flag: "--n", in: 1...2) }
        #expect((error?.message.count ?? .max) < 200)
        let control = #expect(throws: FlagError.self) { try BoundedNumber.integer("1\u{1b}[2J", flag: "--n", in: 1...2) }
        #expect(control?.message.contains("\u{1b}") == false)
    }
}
