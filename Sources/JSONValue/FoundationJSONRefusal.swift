import Foundation

/// Why Foundation's JSON parser refused a document. It names the place only
/// inside its debug message ("... around character N."), as a byte offset;
/// loaders that report a line and column read it from here.
public struct FoundationJSONRefusal: Sendable {
    /// The parser's own message.
    public let message: String
    /// The byte offset the message names, if it names one (as written: it
    /// may point just past the end of a truncated document).
    public let offset: Int?

    /// Nil when Foundation accepts `data` (fragments allowed).
    public init?(_ data: Data) {
        let text: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        }
        message = text
        offset = text.range(of: #"character \d+"#, options: .regularExpression).flatMap { Int(text[$0].dropFirst("character ".count)) }
    }
}
