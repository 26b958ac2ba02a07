import Dispatch
import Foundation
import Logs

/// `--record-video FILE`: the drone's video appended to a file as it is
/// relayed (raw Annex B, which ffplay, VLC and ffmpeg open). It records what
/// viewers watch and never turns the stream on by itself. `run` (a child of
/// its owner) hands each write to a serial queue of its own and awaits it
/// there: file I/O blocks, and the cooperative pool must not. A disk that
/// cannot keep up loses pictures like a slow viewer.
package final class VideoRecording: Sendable {
    /// The file cannot be opened for appending.
    package struct Unwritable: Error, CustomStringConvertible {
        package let description: String
    }

    static let key = "record"
    let viewer = ByteStreamViewer(holdsStream: false)
    private let relay: VideoRelay
    private let queue = DispatchQueue(label: "video-recording")
    private let file: FileBox
    private let path: String
    private let logger: Logger

    package init(path: String, relay: VideoRelay, logger: Logger) throws {
        guard FileManager.default.fileExists(atPath: path) || FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw Unwritable(description: "--record-video: cannot write \(path)")
        }
        handle.seekToEndOfFile()
        self.relay = relay
        self.file = FileBox(handle)
        self.path = path
        self.logger = logger
        relay.add(viewer, key: Self.key)
        logger.info("recording video", ("path", path))
    }

    /// Writes what the relay offers until `finish` (then what is queued is
    /// written first) or cancellation; the file is closed when this returns.
    package func run() async {
        await viewer.run { [queue, file] bytes in
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                queue.async { @Sendable in
                    do { try file.handle.write(contentsOf: bytes); done.resume() } catch { done.resume(throwing: error) }
                }
            }
        }
        logger.info("video recording closed", ("path", path))
        queue.async { @Sendable [file] in try? file.handle.close() }
    }

    /// No more pictures: `run` writes what it holds and returns.
    package func finish() {
        relay.remove(key: Self.key)
        viewer.finish()
    }
}

/// `@unchecked Sendable`: the handle is only used on the recording's serial queue.
private final class FileBox: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
