import Agent
import Clocks
import JSONValue
import TelloSDK
import TestSupport
import Testing

@Suite struct StateReadingsTests {
    let state = TelloState(tof: 95, h: 100)

    @Test func freshLinesAnswerReadsInTheDronesFormats() {
        var readings = StateReadings()
        readings.record(state, at: .seconds(10))
        let now = Duration.seconds(10) + .milliseconds(500)
        #expect(readings.answer(.battery, now: now) == .value("\(state.bat)"))
        #expect(readings.answer(.height, now: now) == .value("10dm"))
        #expect(readings.answer(.tofDistance, now: now) == .value("950mm"))
        #expect(readings.answer(.motorTime, now: now) == .value("\(state.time)s"))
        #expect(readings.answer(DroneCommand(.read(.temperature)), now: now) == .value("\(state.templ)~\(state.temph)C"))
        #expect(readings.answer(.wifi, now: now) == nil, "not in the stream: the drone is asked")
        #expect(readings.answer(DroneCommand(.read(.speed)), now: now) == nil, "the speed setting is not the velocity")
    }

    @Test func aStaleOrMissingLineAnswersNothing() {
        var readings = StateReadings()
        #expect(readings.answer(.battery, now: .zero) == nil)
        readings.record(state, at: .zero)
        #expect(readings.answer(.battery, now: StateReadings.freshFor) != nil)
        #expect(readings.answer(.battery, now: StateReadings.freshFor + .milliseconds(1)) == nil)
    }

    /// get_battery through the router: from the stream while it is fresh,
    /// from the drone once it has stalled.
    @Test func getBatteryIsAnsweredFromAFreshStateLine() async throws {
        try await RouterRig.simulated("state-readings") { rig in try await rig.running {
            #expect(await rig.send("connect_drone")["success"] == true)
            var line = TelloState(tof: 10, h: 0)
            line.bat = 55
            rig.tello.pushState(line.line)
            try await eventually("the state line to be read") { await rig.send("get_status")["status"]?["battery"] == 55 }
            let fresh = await rig.send("drone_command", ["action": "get_battery"])
            #expect(fresh["data"]?["battery"] == 55)
            #expect(rig.tello.sent.filter { $0 == "battery?" }.count == 1, "only connect asked: \(rig.tello.sent)")
            try await rig.time.sleep(for: StateReadings.freshFor * 2)  // the stream stalls
            let stale = await rig.send("drone_command", ["action": "get_battery"])
            #expect(stale["data"]?["battery"] == 87, "the drone's own answer")
            #expect(rig.tello.sent.filter { $0 == "battery?" }.count == 2)
        } }
    }
}
