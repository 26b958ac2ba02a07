/// How long a natural-language order may be.
///
/// A spoken or typed order is a sentence or two: the longest phrases of the
/// original's test script are under 100 bytes, and 20 steps of
/// "向前飞行500厘米，" take about 480. 4 KiB leaves ample room for any real
/// order while keeping what one order can cost the planner (or an LLM's
/// context) small; a longer one is refused before any work, naming the limit.
package enum OrderLimit {
    /// UTF-8 bytes (a Chinese character is three).
    package static let maximumBytes = 4096

    /// The order's size in bytes when it is over the limit, else nil. O(1) for native strings.
    package static func excess(_ order: String) -> Int? {
        let bytes = order.utf8.count
        return bytes > maximumBytes ? bytes : nil
    }
}
