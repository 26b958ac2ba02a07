/// One viewer's place in the stream, and the rule that keeps a slow viewer
/// from stalling others or growing memory: a picture is only offered while
/// the viewer's queue has room, and after one is dropped the viewer gets
/// nothing until the next key frame (a picture after a gap would decode to
/// garbage, since it refers to the one that was dropped).
struct ViewerPacing: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        /// Just joined: gets the cached key frame and the pictures since, then goes live.
        case joining
        /// Missed a picture: waits for a key frame.
        case waitingForKeyframe
        case live
    }

    /// What to do for the viewer with the picture at hand.
    enum Step: Sendable, Equatable {
        case skip
        case send
        /// Send the cached group of pictures (which ends with the picture at hand).
        case catchUp
    }

    private(set) var phase = Phase.joining
    private(set) var delivered = 0
    private(set) var dropped = 0

    /// `cacheReady`: the key frame cache holds a group that ends with this picture.
    mutating func step(keyframe: Bool, cacheReady: Bool) -> Step {
        switch phase {
        case .joining:
            if cacheReady { return .catchUp }
            phase = .waitingForKeyframe
            return step(keyframe: keyframe, cacheReady: false)
        case .waitingForKeyframe:
            if keyframe { return .send }
            dropped += 1
            return .skip
        case .live:
            return .send
        }
    }

    /// The stream stopped: whatever comes next may refer to pictures this viewer never got.
    mutating func streamStopped() {
        if phase == .live { phase = .waitingForKeyframe }
    }

    /// The outcome of a `.send` or `.catchUp`: `pictures` offered, all taken or not.
    mutating func record(taken: Bool, pictures: Int = 1) {
        if taken {
            delivered += pictures
            phase = .live
        } else {
            dropped += 1
            phase = .waitingForKeyframe
        }
    }
}
