import Dispatch
import Foundation
import Logs

/// `--record-video FILE`: the drone's video appended to a file as it is
/// relayed (raw Annex B, which ffplay, VLC and ffmpeg open). It records what
/// viewers watch and never turns the stream on by itself. Writes happen on
/// a queue of their own (file I/O blocks; the cooperative pool must not),
/// and a disk that cannot keep up loses pictures like a slow viewer.
package final class VideoRecording: Sendable {
    /// The file cannot be opened for appending.
    package struct Unwritable: Error, CustomStringConvertible {
        package let description: String
    }

    static let key = "record"
    let viewer = ByteStreamViewer(holdsStream: false)
    private let writer: Task<Void, Never>
    private let relay: VideoRelay

    package init(path: String, relay: VideoRelay, logger: Logger) throws {
        guard FileManager.default.fileExists(atPath: path) || FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw Unwritable(description: "--record-video: cannot write \(path)")
        }
        handle.seekToEndOfFile()
        self.relay = relay
        let queue = DispatchQueue(label: "video-recording")
        let file = FileBox(handle)
        writer = Task.detached { [viewer] in
            await viewer.run { bytes in
                try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                    queue.async { @Sendable in
                        do { try file.handle.write(contentsOf: bytes); done.resume() } catch { done.resume(throwing: error) }
                    }
                }
            }
            logger.info("video recording closed", ("path", path))
            queue.async { @Sendable in try? file.handle.close() }
        }
        relay.add(viewer, key: Self.key)
        logger.info("recording video", ("path", path))
    }

    package func finish() async {
        relay.remove(key: Self.key)
        viewer.finish()
        await writer.value
    }
}

/// `@unchecked Sendable`: the handle is only used on the recording's serial queue.
private final class FileBox: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
