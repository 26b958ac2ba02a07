import Glibc
import Logs

/// Text to standard output or error, written whole with write(2) at once
/// (not buffered: a script waits for the readiness line), so the program
/// needs no Foundation.
enum StandardStreams {
    static func out(_ text: String) { LineWriter.write(text, to: STDOUT_FILENO) }
    static func error(_ text: String) { LineWriter.write(text, to: STDERR_FILENO) }
}
