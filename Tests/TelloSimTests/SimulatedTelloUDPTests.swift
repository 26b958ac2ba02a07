import Clocks
import Logs
import Sockets
import TelloSDK
import TelloSim
import TestSupport
import Testing

@Suite("SimulatedTello over UDP")
struct SimulatedTelloUDPTests {
    @Test func answersCommandsFromItsOwnAddress() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("battery?") == "100")
            #expect(try await harness.ask("forward 10") == "out of range")
            let lines = harness.logs.lines
            #expect(lines.contains { $0.contains("command received") && $0.contains("battery?") })
            #expect(lines.contains { $0.contains("reply sent") && $0.contains("out of range") })
        }
    }

    @Test func streamsStateToTheControllersStatePort() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            await harness.fly(for: .milliseconds(300))
            let datagram = try await UDPHarness.receive(on: harness.states, within: 5)
            #expect(datagram.from == harness.address)
            let state = try TelloState(line: String(decoding: datagram.bytes, as: UTF8.self))
            #expect(state.bat == 100 && state.h == 0 && state.missionPad == .detectionOff)
        }
    }

    @Test func motionRepliesComeWhenVirtualTimeSaysSo() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.takeOff() == "ok")
            let truth = await harness.drone.groundTruth
            #expect(truth.flying && truth.z == 100)
        }
    }

    @Test func streamonSendsTheClipInSmallDatagrams() async throws {
        let harness = try await UDPHarness.make(videoSource: .clip(try #require(H264Packets.bundledTestClip)))
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("streamon") == "ok")
            await harness.fly(for: .milliseconds(200))
            let first = try await UDPHarness.receive(on: harness.video, within: 5)
            #expect(first.bytes.count <= TelloPorts.maxVideoDatagram)
            #expect(Array(first.bytes.prefix(4)) == [0, 0, 0, 1] || Array(first.bytes.prefix(3)) == [0, 0, 1])
        }
    }

    @Test func faultsChangedAtRunTimeApplyToTheNextDatagram() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            var plan = FaultPlan()
            plan.commandLoss = 1
            try await harness.drone.setFaults(plan)
            try await harness.send("battery?")
            try await harness.waitForLog("lost (fault)")
            try await harness.drone.setFaults(FaultPlan())
            // The sender keeps order, so the first reply is to sdk?: battery? was lost.
            #expect(try await harness.ask("sdk?") == "20")
            await harness.drone.setBattery(30)
            #expect(try await harness.ask("battery?") == "30")
        }
    }

    @Test func garbageAndEmptyDatagramsGetAnErrorNotACrash() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            try await harness.commands.send([], to: harness.address)
            #expect(try await harness.reply() == "error")
            try await harness.commands.send([0xFF, 0xFE, 0x00], to: harness.address)
            #expect(try await harness.reply().hasPrefix("unknown command"))
            #expect(try await harness.ask("sdk?") == "20")
        }
    }

    /// `run` is the drone's loops as children of the caller: cancelled, it
    /// returns and lets the port go; `serving` ends them with its scope.
    @Test func itsLoopsEndWithTheTaskThatRunsThem() async throws {
        let drone = SimulatedTello(configuration: .exact(), time: VirtualTime(), logger: Logger(component: "sim", sink: MemorySink()))
        let address = try await drone.bind()
        let client = try UDPSocket.bind(.loopback())
        defer { client.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await drone.run() }
            try await client.send(Array("command".utf8), to: address)
            #expect(String(decoding: try await UDPHarness.receive(on: client, within: 5).bytes, as: UTF8.self) == "ok")
            #expect(throws: (any Error).self, "the port is the drone's while it runs") { try UDPSocket.bind(address).close() }
            group.cancelAll()
        }
        try UDPSocket.bind(address).close()  // let go: the loops ended and closed it

        let other = SimulatedTello(configuration: .exact(), time: VirtualTime(), logger: Logger(component: "sim", sink: MemorySink()))
        let served = try await other.serving { address in address }
        try UDPSocket.bind(served).close()
    }

    @Test func startingTwiceOrOnABadHostIsAnErrorNotACrash() async throws {
        let harness = try await UDPHarness.make()
        try await harness.serving { () async throws in
            await #expect(throws: SimulatorStartError.self) { try await harness.drone.bind() }
            let other = SimulatedTello(time: VirtualTime(), logger: Logger(component: "sim", sink: MemorySink()))
            await #expect(throws: SimulatorStartError.self) { try await other.bind(host: "not-an-address") }
        }
    }
}
