/// What a viewer who joins now needs to decode from the next picture on:
/// the last key frame (with the sequence and picture parameter sets in
/// front of it) and every picture since, in order. Bounded: a group of
/// pictures longer than `maxBytes` or `maxPictures` is forgotten, and
/// newcomers then wait for the next key frame instead.
struct KeyframeCache: Sendable {
    let maxBytes: Int
    let maxPictures: Int
    private(set) var pictures: [RelayedFrame] = []
    private var bytes = 0
    /// The latest SPS and PPS units seen, for a key frame that arrives without them.
    private(set) var parameterSets: [UInt8] = []

    init(maxBytes: Int = 4 * 1024 * 1024, maxPictures: Int = 300) {
        self.maxBytes = maxBytes
        self.maxPictures = maxPictures
    }

    mutating func add(_ frame: RelayedFrame) {
        let sets = frame.unit.units(ofType: 7) + frame.unit.units(ofType: 8)
        if !sets.isEmpty { parameterSets = sets.flatMap { $0 } }
        if frame.unit.isKeyframe {
            pictures = [frame]
            bytes = frame.unit.bytes.count
            return
        }
        guard !pictures.isEmpty else { return }
        pictures.append(frame)
        bytes += frame.unit.bytes.count
        if bytes > maxBytes || pictures.count > maxPictures { clear() }
    }

    /// Drops everything (the stream stopped: what is kept would be stale).
    mutating func clear() {
        pictures = []
        bytes = 0
    }

    /// The key frame's bytes as a decoder must see them: parameter sets first
    /// when the key frame came without its own.
    var startsWithParameterSets: Bool {
        guard let first = pictures.first else { return false }
        return !first.unit.units(ofType: 7).isEmpty
    }
}
