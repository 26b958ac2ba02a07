/// The memory a connection reads into, reused for every read: no allocation
/// per read. It starts small (an idle connection holds little) and doubles
/// while reads fill it, up to `maxCount`, so a large message takes few reads.
///
/// `@unchecked Sendable`: only its connection's actor touches it.
final class WebSocketReadBuffer: @unchecked Sendable {
    static let initialCount = 2048
    static let maxCount = 256 * 1024

    private(set) var bytes: UnsafeMutableRawBufferPointer

    init() {
        bytes = .allocate(byteCount: Self.initialCount, alignment: 16)
    }

    deinit { bytes.deallocate() }

    /// After a read of `count` bytes: a full buffer is doubled for the next read.
    func adapt(afterReading count: Int) {
        guard count == bytes.count && bytes.count < Self.maxCount else { return }
        bytes.deallocate()
        bytes = .allocate(byteCount: bytes.count * 2, alignment: 16)
    }
}
