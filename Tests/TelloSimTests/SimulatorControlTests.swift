import Clocks
import Foundation
import HTTPCodec
import Logs
import TelloSim
import TestSupport
import Testing
import Wire

@Suite("tello-sim HTTP control endpoint")
struct SimulatorControlTests {
    static func request(_ method: String, _ target: String, body: String = "", to server: HTTPServer) async throws -> HTTPResponse {
        try await HTTPClient.send(HTTPRequest(method: method, target: target, body: Array(body.utf8)), to: server.localAddress, timeout: .seconds(30))
    }

    @Test func readsTruthAndInjectsFaults() async throws {
        let drone = SimulatedTello(configuration: .exact(), time: VirtualTime(), logger: Logger(component: "sim", sink: MemorySink()))
        let server = try HTTPServer(address: .loopback(), logger: Logger(component: "control", sink: MemorySink()),
                                    router: SimulatorControl.router(for: [drone]))
        try await withTeardown({ await server.shutdown() }) { () async throws in

            let truth = try await Self.request("GET", "/drones/0/truth", to: server)
            #expect(truth.status == 200)
            let decoded = try JSONDecoder().decode(GroundTruth.self, from: Data(truth.body))
            #expect(decoded.battery == 100 && !decoded.flying)

            let put = try await Self.request("PUT", "/drones/0/faults", body: #"{"replyLoss":0.5,"linkDown":true,"videoLoss":0.1}"#, to: server)
            #expect(put.status == 200)
            let faults = await drone.faults
            #expect(faults.replyLoss == 0.5 && faults.linkDown && faults.videoLoss == 0.1)
            let lossy = try await Self.request("GET", "/drones/0/faults", to: server)
            #expect(lossy.bodyText?.contains(#""videoLoss":0.1"#) == true, "\(lossy.bodyText ?? "")")

            let bad = try await Self.request("PUT", "/drones/0/faults", body: #"{"replyLoss":5}"#, to: server)
            #expect(bad.status == 400 && bad.bodyText?.contains("replyLoss must be within 0...1") == true)
            let badVideo = try await Self.request("PUT", "/drones/0/faults", body: #"{"videoLoss":-1}"#, to: server)
            #expect(badVideo.status == 400 && badVideo.bodyText?.contains("videoLoss must be within 0...1") == true)

            #expect(try await Self.request("POST", "/drones/0/battery", body: #"{"percent":20}"#, to: server).status == 200)
            #expect(await drone.groundTruth.battery == 20)
            #expect(try await Self.request("POST", "/drones/0/battery", body: #"{"drop":5}"#, to: server).status == 200)
            #expect(await drone.groundTruth.battery == 15)
            #expect(try await Self.request("POST", "/drones/0/battery", body: "{}", to: server).status == 400)
            #expect(try await Self.request("POST", "/drones/0/motor-stop", to: server).status == 200)

            let state = try await Self.request("GET", "/drones/0/state", to: server)
            #expect(state.bodyText?.contains("bat:15;") == true)
            #expect(try await Self.request("GET", "/drones/1/truth", to: server).status == 404)
            #expect(try await Self.request("GET", "/drones/x/truth", to: server).status == 404)
            #expect(try await Self.request("GET", "/drones/0/bogus", to: server).status == 404)
            #expect(try await Self.request("GET", "/", to: server).bodyText?.contains("motor-stop") == true)
        }
    }
    /// The power button: a drone that overheated on the ground stays off until it is pressed.
    @Test func powerOnSwitchesOnADroneThatSwitchedItselfOff() async throws {
        let time = VirtualTime()
        let drone = SimulatedTello(configuration: .init(), time: time, logger: Logger(component: "sim", sink: MemorySink()))
        let server = try HTTPServer(address: .loopback(), logger: Logger(component: "control", sink: MemorySink()),
                                    router: SimulatorControl.router(for: [drone]))
        try await withTeardown({ await server.shutdown() }) { () async throws in
            time.advance(by: .seconds(241))
            #expect(await drone.groundTruth.poweredOff, "the real drone overheats after 4 minutes on the ground")
            let response = try await Self.request("POST", "/drones/0/power-on", to: server)
            #expect(response.status == 200)
            let truth = try JSONDecoder().decode(GroundTruth.self, from: Data(response.body))
            #expect(!truth.poweredOff && !truth.sdkMode, "\(truth)")
            #expect(try await Self.request("GET", "/", to: server).bodyText?.contains("power-on") == true)
        }
    }
}
