import DroneVocabulary
import JSONValue
import Preflight
import Testing

/// Each rule, broken by a plan made for it, and a plan that breaks none.
@Suite struct ShadowFlightRuleTests {
    /// A 4 × 4 m room, 250 cm ceiling, a crate ahead-left of the start.
    let room = FlightEnvelope(floorPlan: .box(minX: -200, maxX: 200, minY: -200, maxY: 200), ceiling: 250,
                              keepOut: [.init(name: "crate", min: SIMD3(100, 50, 0), max: SIMD3(150, 150, 60))])
    let onGround = ShadowStart(position: .zero, yaw: 0, battery: 100, flying: false)

    func fly(_ steps: [(DroneAction, Double?)], from start: ShadowStart? = nil, model: FlightModel = FlightModel()) -> PreflightReport {
        ShadowFlight(envelope: room, model: model).fly(steps.map { ShadowStep($0.0, amount: $0.1) }, from: start ?? onGround)
    }

    func rules(_ report: PreflightReport) -> [String] { report.violations.map { "\($0.step):\($0.rule.rawValue)" } }

    @Test func aSafePlanPassesWithItsPredictedPathAndDuration() {
        let report = fly([(.takeoff, nil), (.moveForward, 50), (.rotateClockwise, 90), (.moveForward, 50), (.land, nil)])
        #expect(report.ok)
        #expect(report.warnings.isEmpty)
        // Takeoff 5 s, 0.5 s, 1 s, 0.5 s, land 100/50 + 1 = 3 s, four 2 s pauses.
        #expect(abs(report.durationSeconds - 18) < 1e-9)
        // cw 90 turns forward (x) into -y (y is left).
        #expect(abs(report.final.position.x - 50) < 1e-9 && abs(report.final.position.y + 50) < 1e-9)
        #expect(report.final.position.z == 0 && !report.final.flying)
        #expect(report.batteryEnd < 100 && report.batteryEnd > 95)
    }

    @Test func leavingTheRoomIsNamedAtItsStep() {
        #expect(rules(fly([(.takeoff, nil), (.moveBack, 250), (.land, nil)])) == ["1:leaves_envelope"])
    }

    @Test func theCylinderOfTheDefaultEnvelope() {
        let report = ShadowFlight(envelope: .indoor(radius: 100)).fly([.takeoff, .move(SIMD3(0, 95, 0)), .land], from: onGround)
        #expect(report.violations.map(\.rule) == [.leavesEnvelope])
        let fits = ShadowFlight(envelope: .indoor(radius: 100)).fly([.takeoff, .move(SIMD3(0, 90, 0)), .land], from: onGround)
        #expect(fits.ok)
    }

    @Test func aboveTheCeiling() {
        let report = fly([(.takeoff, nil), (.moveUp, 150), (.land, nil)])
        #expect(rules(report) == ["1:above_ceiling"])
        #expect(report.violations.first?.numbers["top"] == 254 && report.violations.first?.numbers["ceiling"] == 250)
        #expect(fly([(.takeoff, nil), (.moveUp, 146), (.land, nil)]).ok)
    }

    @Test func belowTheMinimumHeight() {
        #expect(rules(fly([(.takeoff, nil), (.moveDown, 90), (.land, nil)])) == ["1:below_minimum_height"])
        #expect(fly([(.takeoff, nil), (.moveDown, 80), (.land, nil)]).ok)
    }

    @Test func hittingAKeepOutBox() {
        let report = fly([(.takeoff, nil), (.moveDown, 60), (.moveLeft, 100), (.moveForward, 150), (.land, nil)])
        #expect(rules(report) == ["3:hits_obstacle"])
        #expect(report.violations.first?.detail.contains("crate") == true)
        // Over it is fine: the crate is 60 cm tall and the drone flies at 100.
        #expect(fly([(.takeoff, nil), (.moveLeft, 100), (.moveForward, 120), (.land, nil)]).ok)
    }

    @Test func takeoffWhileFlyingAndAMoveWhileLanded() {
        #expect(rules(fly([(.takeoff, nil), (.takeoff, nil), (.land, nil)])) == ["1:takeoff_while_flying"])
        #expect(rules(fly([(.moveForward, 30)])) == ["0:move_while_landed"])
        #expect(rules(fly([(.hover, 2)])) == ["0:move_while_landed"])
        #expect(rules(fly([(.takeoff, nil), (.land, nil), (.rotateClockwise, 90)])) == ["2:move_while_landed"])
    }

    @Test func aFlipNeedsTheBatteryARealDroneRequires() {
        let flip = ShadowFlight(envelope: room).fly([.takeoff, .flip, .land], from: .init(position: .zero, yaw: 0, battery: 45, flying: false))
        #expect(flip.violations.map(\.rule) == [.flipLowBattery])
        #expect(ShadowFlight(envelope: room).fly([.takeoff, .flip, .land], from: onGround).ok)
    }

    @Test func aPlanLongerThanTheBatteryAllows() {
        let start = ShadowStart(position: .zero, yaw: 0, battery: 25, flying: false)
        // Takeoff at 25 %, then 62 s (pause and hover) at about 0.13 %/s each: 16 %, 8 %, then 0.5 % in the third.
        let report = fly([(.takeoff, nil), (.hover, 60), (.hover, 60), (.hover, 60), (.land, nil)], from: start)
        #expect(rules(report) == ["3:battery_exhausted"])
        #expect(rules(fly([(.takeoff, nil)], from: .init(position: .zero, yaw: 0, battery: 8, flying: false))) == ["0:battery_exhausted"])
    }

    @Test func endingInTheAirIsAWarningNotAViolation() {
        let report = fly([(.takeoff, nil), (.moveForward, 30)])
        #expect(report.ok)
        #expect(report.warnings.map(\.rule) == [.endsInAir])
    }

    @Test func theFlightStartsWhereTheDroneIs() {
        // Already flying at 100 cm, 150 cm forward, facing +x: 60 more forward leaves the room.
        let start = ShadowStart(position: SIMD3(150, 0, 100), yaw: 0, battery: 80, flying: true)
        #expect(rules(fly([(.moveForward, 60)], from: start)) == ["0:leaves_envelope"])
        // Facing back (180°), the same move stays inside.
        #expect(fly([(.moveForward, 60), (.land, nil)], from: .init(position: SIMD3(150, 0, 100), yaw: 180, battery: 80, flying: true)).ok)
    }

    @Test func theDefaultAmountIsTheVocabularysDefault() {
        let report = fly([(.takeoff, nil), (.moveForward, nil)])
        #expect(report.final.position.x == DroneAction.moveForward.parameter?.defaultValue)
    }

    @Test func theJSONShapeClientsRead() {
        let json = fly([(.takeoff, nil), (.moveUp, 150)]).json
        #expect(json["ok"]?.boolValue == false)
        #expect(json["violations"]?.arrayValue?.first?["rule"]?.stringValue == "above_ceiling")
        #expect(json["violations"]?.arrayValue?.first?["step"]?.doubleValue == 1)
        #expect(json["warnings"]?.arrayValue?.count == 1)
        #expect(json["predicted"]?["path"]?.arrayValue?.count == 3)
        #expect(json["predicted"]?["final"]?["z"]?.doubleValue == 250)
        #expect(json["predicted"]?["duration_s"] != nil && json["predicted"]?["battery_end"] != nil)
    }
}
