import Testing
import TelloSDK

@Suite("TelloReply")
struct TelloReplyTests {
    static let forms: [(String, TelloReply)] = [
        ("ok", .ok), ("error", .error(nil)), ("error Motor stop", .motorStop), ("error Not joystick", .notJoystick),
        ("error No valid imu", .noValidIMU), ("error Auto land", .autoLand), ("out of range", .outOfRange),
        ("unknown command: hover", .unknownCommand("hover")), ("87", .value("87")), ("100.0", .value("100.0")),
    ]

    @Test(arguments: forms)
    func parsesAndRenders(text: String, reply: TelloReply) {
        #expect(TelloReply(text: text) == reply)
        #expect(TelloReply(text: text + "\r\n") == reply)
        #expect(reply.text == text)
    }

    @Test func classifiesOutcomes() {
        #expect(TelloReply.ok.isOK)
        #expect(!TelloReply.ok.isError)
        #expect(TelloReply.motorStop.isError)
        #expect(TelloReply.outOfRange.isError)
        #expect(TelloReply.unknownCommand("x").isError)
        #expect(!TelloReply.value("50").isError)
        #expect(!TelloReply.value("50").isOK)
    }

    @Test func readValuesUseTheDroneFormats() {
        #expect(TelloReply.speed(100).text == "100.0")
        #expect(TelloReply.battery(87).text == "87")
        #expect(TelloReply.motorTime(12).text == "12s")
        #expect(TelloReply.wifiSignal(90).text == "90")
        #expect(TelloReply.sdkVersion(20).text == "20")
        #expect(TelloReply.serialNumber("0TQDG").text == "0TQDG")
        #expect(TelloReply.height(decimetres: 10).text == "10dm")
        #expect(TelloReply.temperature(low: 63, high: 65).text == "63~65C")
        #expect(TelloReply.tof(millimetres: 100).text == "100mm")
        #expect(TelloReply.attitude(pitch: 1, roll: -2, yaw: 90).text == "pitch:1;roll:-2;yaw:90;")
        #expect(TelloReply.barometer(metres: -64.815).text == "-64.82")
        #expect(TelloReply.acceleration(x: -7, y: 2, z: -999).text == "agx:-7.00;agy:2.00;agz:-999.00;")
    }

    @Test(arguments: [("87", 87.0), ("100.0", 100.0), ("12s", 12.0), ("10dm", 10.0), ("63~65C", 63.0), ("-64.82", -64.82)])
    func leadingNumberIgnoresUnits(text: String, number: Double) {
        #expect(TelloReply.value(text).leadingNumber == number)
    }

    @Test func leadingNumberIsNilForNonValues() {
        #expect(TelloReply.ok.leadingNumber == nil)
        #expect(TelloReply.value("pitch:1;").leadingNumber == nil)
    }

    @Test(arguments: [(0.0, 2, "0.00"), (-0.001, 2, "0.00"), (1.005, 1, "1.0"), (-999.5, 0, "-1000"), (12.345, 2, "12.35"), (3.1, 2, "3.10")])
    func fixedPointFormatting(value: Double, decimals: Int, text: String) {
        #expect(FixedPoint.format(value, decimals: decimals) == text)
    }

    @Test func portsAreTheDrones() {
        #expect(TelloPorts.command == 8889)
        #expect(TelloPorts.state == 8890)
        #expect(TelloPorts.video == 11111)
        #expect(TelloPorts.droneHost == "192.168.10.1")
        #expect(TelloPorts.maxVideoDatagram == 1460)
    }
}
