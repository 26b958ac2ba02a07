import Foundation

/// A one-way flag set from one task and read from another.
/// `@unchecked Sendable`: `value` is only touched under `lock`.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
