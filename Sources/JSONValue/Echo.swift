import Logs

/// User input quoted back in a reply or an error, bounded.
///
/// Replies quote what the client sent (an unknown type or action, a bad
/// value) so the user sees what was wrong; a 9 MiB `action` must not come
/// back as 9 MiB, twice, to every client. Every quote of input goes through
/// `text`, which keeps the first `limit` Unicode scalars and says how much
/// was left out. Scalars, not `Character`s: one "character" can be
/// megabytes of combining marks.
public enum Echo {
    /// Unicode scalars of user input a reply quotes at most.
    public static let limit = 200

    /// `input` whole when short enough, else its first `limit` scalars and `…[+N bytes]`.
    public static func text(_ input: some StringProtocol, limit: Int = limit) -> String {
        LogText.bounded(input, limit: limit)
    }

    /// A JSON value quoted in an error (`got …`): its compact text, bounded.
    public static func json(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): text(s)
        case .array(let items) where items.count > limit: "an array of \(items.count) items"
        case .object(let fields) where fields.count > limit: "an object of \(fields.count) fields"
        default: text(value.text)
        }
    }
}
