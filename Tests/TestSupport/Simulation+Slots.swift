import Foundation
import Synchronization

/// How many simulations may run at once in a test process. A simulation's
/// executor is a thread of its own that runs flat out until its test is
/// done, so forty of them started together (swift-testing starts every test
/// at once) would starve the cooperative pool, and with it the tests that
/// still wait on real sockets and real deadlines. One fewer than the cores
/// (at least one) leaves the pool its share; a simulation waiting for a slot
/// only waits, and its virtual bounds do not run meanwhile.
actor SimulationSlots {
    static let shared = SimulationSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    /// Returns once a slot is free, and takes it.
    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Frees a slot `acquire` took.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// One run's slot, freed exactly once by whichever of the run's task and
/// its caller gets there first.
final class HeldSlot: Sendable {
    private let released = Atomic<Bool>(false)

    func release() async {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await SimulationSlots.shared.release()
    }
}
