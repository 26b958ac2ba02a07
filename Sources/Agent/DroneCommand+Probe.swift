/// The resynchronisation probes: reads whose answers no other command the
/// agent sends can produce, and which cannot be taken for each other.
///
/// Why several: every `sn?` gets the same answer, so when the answers to some
/// probes were lost, an answer that does come cannot say which probe it
/// answers, and a link that only asked `sn?` could never tell the newest
/// answer from a late one (it waited forever). Consecutive probes therefore
/// use different reads whose answers have distinct shapes (docs/tello-sdk.md and
/// the raw replies TelloSwift documents: `sn?` a serial such as `0TQDG...`,
/// `time?` `12s`, `height?` `10dm`, `tof?` `100mm`); an answer of the shape
/// of the probe in flight answers that probe, any other probe's shape is a
/// late answer. A probe's kind comes back only every fourth probe, at least
/// four probe timeouts (28 s) later, far beyond any delay of a Tello that
/// still answers (it answers a read within network delay or drops it).
extension DroneCommand {
    /// What a read's value looks like, which is all a reply can be matched by.
    enum AnswerShape: Sendable, Equatable {
        /// `87`, `100.0`: `battery?`, `wifi?`, `speed?`.
        case number
        /// `sn?`: upper-case letters and digits, at least one letter.
        case serial
        /// `time?`: whole seconds of motor time, `12s`.
        case seconds
        /// `height?`: `10dm`.
        case decimetres
        /// `tof?`: `100mm`.
        case millimetres
    }

    package static let motorTime = DroneCommand(.read(.time))
    package static let height = DroneCommand(.read(.height))
    package static let tofDistance = DroneCommand(.read(.tof))

    /// The probes in the order the link uses them, `sn?` first.
    package static let probes: [DroneCommand] = [.serialNumber, .motorTime, .height, .tofDistance]

    var isProbe: Bool { Self.probes.contains(self) }

    /// The shape of this read's answer (nil for commands answered `ok`).
    var answerShape: AnswerShape? {
        guard case .read(let query) = command else { return nil }
        switch query {
        case .serialNumber: return .serial
        case .time: return .seconds
        case .height: return .decimetres
        case .tof: return .millimetres
        default: return .number
        }
    }
}
