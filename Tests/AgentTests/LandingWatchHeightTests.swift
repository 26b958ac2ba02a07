import Agent
import TelloSDK
import Testing

/// Real drones read `h` low by an offset fixed for the flight (10-58 cm seen) and 0 near the
/// floor: the watch must settle "airborne" from `tof` alone.
@Suite struct LandingWatchHeightTests {
    @Test(arguments: [0, -3, 12])
    func aDroneWhoseHeightReadsZeroIsStillAirborne(h: Int) {
        var watch = LandingWatch()
        let verdicts = (0..<LandingWatch.linesToLand).map { _ in watch.fold(TelloState(tof: 45, h: h)) }
        #expect(verdicts.last == .airborne)
    }

    @Test func betweenTheFloorAndHoverHeightNothingIsSettled() {
        var watch = LandingWatch()
        let verdicts = (0..<10).map { _ in watch.fold(TelloState(tof: 15, h: 0)) }
        #expect(verdicts.allSatisfy { $0 == nil }, "15 cm is neither on the floor nor where a Tello hovers")
    }
}
