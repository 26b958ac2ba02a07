import Foundation
import HTTPCodec
import Wire

/// The HTTP control endpoint of a standalone `tello-sim`: outside tools
/// (scenario scripts, the interop suite, a curious developer with curl) read
/// ground truth and inject faults while clients fly.
///
/// Routes, for drone `N` (0-based, in `--drones` order):
/// - `GET /` this list, as text
/// - `GET /drones/N/truth` ground truth as JSON (`GroundTruth`)
/// - `GET /drones/N/state` the state line the drone would send now
/// - `GET /drones/N/world` the room it flies in, as world-file JSON
/// - `GET /drones/N/faults` the fault plan as JSON; `PUT` replaces it (missing keys = no fault)
/// - `POST /drones/N/battery` `{"percent": 20}` sets it, `{"drop": 10}` takes 10 points off
/// - `POST /drones/N/motor-stop` the motors stop in flight
/// - `POST /drones/N/power-on` the power button of a drone that switched itself off
public enum SimulatorControl {
    public static let usage = """
        GET  /drones/N/truth       ground truth (position cm, yaw, motors, battery...) as JSON
        GET  /drones/N/state       the state line the drone would send now
        GET  /drones/N/world       the room the drone flies in (world-file JSON)
        GET  /drones/N/faults      the fault plan as JSON
        PUT  /drones/N/faults      replace the fault plan, e.g. {"commandLoss":0.5,"forcedReplies":{"takeoff":"error"}}
        POST /drones/N/battery     {"percent": 20} or {"drop": 10}
        POST /drones/N/motor-stop  stop the motors in flight
        POST /drones/N/power-on    switch on a drone that switched itself off (overheated)

        """

    public static func router(for drones: [SimulatedTello]) -> HTTPRouter {
        var router = HTTPRouter()
        router.get("/") { _ in .text(usage) }
        router.route("GET", "/drones/*") { request in
            try await answer(request, drones: drones)
        }
        router.route("PUT", "/drones/*") { request in
            try await answer(request, drones: drones)
        }
        router.route("POST", "/drones/*") { request in
            try await answer(request, drones: drones)
        }
        return router
    }

    private struct BatteryChange: Decodable {
        var percent: Double?
        var drop: Double?
    }

    private static func answer(_ request: HTTPRequest, drones: [SimulatedTello]) async throws -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count == 3, let index = Int(parts[1]) else {
            return .text("expected /drones/N/ACTION; see GET /\n", status: 404)
        }
        guard drones.indices.contains(index) else {
            return .text("no drone \(index): there are \(drones.count)\n", status: 404)
        }
        let drone = drones[index]
        switch (request.method, parts[2]) {
        case ("GET", "truth"):
            return try json(await drone.groundTruth)
        case ("GET", "state"):
            return .text(await drone.state.line)
        case ("GET", "world"):
            return try json(await drone.world)
        case ("GET", "faults"):
            return try json(await drone.faults)
        case ("PUT", "faults"):
            do {
                let plan = try JSONDecoder().decode(FaultPlan.self, from: Data(request.body))
                try await drone.setFaults(plan)
                return try json(plan)
            } catch {
                return .text("bad fault plan: \(error)\n", status: 400)
            }
        case ("POST", "battery"):
            guard let change = try? JSONDecoder().decode(BatteryChange.self, from: Data(request.body)),
                  (change.percent == nil) != (change.drop == nil) else {
                return .text("expected {\"percent\": P} or {\"drop\": P}\n", status: 400)
            }
            if let percent = change.percent { await drone.setBattery(percent) }
            if let drop = change.drop { await drone.dropBattery(by: drop) }
            return try json(await drone.groundTruth)
        case ("POST", "motor-stop"):
            await drone.cutMotors()
            return try json(await drone.groundTruth)
        case ("POST", "power-on"):
            _ = await drone.switchOnIfOff()
            return try json(await drone.groundTruth)
        default:
            return .text("\(request.method) /drones/N/\(parts[2]) is not a control action; see GET /\n", status: 404)
        }
    }

    private static func json(_ value: some Encodable) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return .json(Array(try encoder.encode(value)) + Array("\n".utf8))
    }
}
