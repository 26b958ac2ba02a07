/// Why a text is not one JSON document (RFC 8259), and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidNumber
        /// Finite in the text, infinite as a Double (`1e309`).
        case numberOutOfRange
        case invalidEscape
        /// A `\uD800`-`\uDFFF` escape without its other half: no Unicode text holds one.
        case loneSurrogate
        case controlCharacterInString
        case invalidUTF8
        case tooDeep
        case trailingContent
    }

    public let kind: Kind
    /// Byte offset where the problem was found.
    public let offset: Int

    public var description: String { "\(kind) at byte \(offset)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Ours rather than `JSONDecoder` for three decisions the agent protocol
/// needs: a duplicate key takes the last value, as Python's `json` (the
/// original agent) and JavaScript's `JSON.parse` (the front end) do; the
/// numbers that are members of the top-level object can be kept as written
/// (`verbatimNumber`) so a request id like `9007199254740993` or `1.0` is
/// echoed exactly; and a `lenient` pass that reads past out-of-range numbers
/// and lone surrogates, so an error about them can still carry the id.
/// Nesting is bounded (`maximumDepth`) so hostile input cannot exhaust the stack.
struct JSONParser {
    struct Options {
        var verbatimTopLevelNumbers = false
        /// Out-of-range numbers become null and lone surrogates U+FFFD instead of errors.
        var lenient = false
        /// `[1,2,]` and `{"a":1,}` are read as if the last comma were not there.
        var trailingCommas = false
    }

    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private let options: Options
    private var index = 0

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, options: Options) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, options: options)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error(.trailingContent) }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, options: Options) {
        self.bytes = bytes
        self.options = options
    }

    private func error(_ kind: JSONParseError.Kind) -> JSONParseError { JSONParseError(kind: kind, offset: index) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(verbatim: depth == 1 && options.verbatimTopLevelNumbers)
        case let byte: throw error(.unexpectedByte(byte))
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error(.unexpectedEnd) }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            index += offset
            throw error(.unexpectedByte(bytes[index]))
        }
        index += count
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        guard bytes[index] == byte else { throw error(.unexpectedByte(bytes[index])) }
        index += 1
    }

    /// True (not consumed) when the next non-blank byte is `byte`.
    private mutating func peek(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return index < bytes.count && bytes[index] == byte
    }

    /// True (and consumed) when the next non-blank byte is `byte`.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error(.tooDeep) }
        index += 1
        var fields: [String: JSONValue] = [:]
        if take(UInt8(ascii: "}")) { return .object(fields) }
        repeat {
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd) }
            if options.trailingCommas, bytes[index] == UInt8(ascii: "}") { break }
            guard bytes[index] == UInt8(ascii: "\"") else { throw error(.unexpectedByte(bytes[index])) }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            fields[key] = try value(depth: depth)  // a repeated key: the last one wins
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
        return .object(fields)
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error(.tooDeep) }
        index += 1
        var items: [JSONValue] = []
        if take(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            if options.trailingCommas, peek(UInt8(ascii: "]")) { break }
            items.append(try value(depth: depth))
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return .array(items)
    }

    private mutating func number(verbatim: Bool) throws(JSONParseError) -> JSONValue {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.index
            while parser.index < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index]) { parser.index += 1 }
            return parser.index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let leadingZero = index < bytes.count && bytes[index] == UInt8(ascii: "0")
        let integer = digits(&self)
        guard integer > 0, !(leadingZero && integer > 1) else { throw error(.invalidNumber) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error(.invalidNumber) }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error(.invalidNumber) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text) else { throw error(.invalidNumber) }
        guard number.isFinite else {
            if options.lenient { return .null }
            index = start
            throw error(.numberOutOfRange)
        }
        return verbatim ? .verbatimNumber(text) : .number(number)
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        var result = ""
        var runStart = index
        func flush(_ parser: JSONParser, upTo end: Int, into result: inout String) throws(JSONParseError) {
            guard end > runStart else { return }
            guard let run = String(validating: UnsafeBufferPointer(rebasing: parser.bytes[runStart..<end]), as: UTF8.self) else {
                throw JSONParseError(kind: .invalidUTF8, offset: runStart)
            }
            result += run
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                try flush(self, upTo: index, into: &result)
                index += 1
                return result
            case UInt8(ascii: "\\"):
                try flush(self, upTo: index, into: &result)
                result.unicodeScalars.append(try escape())
                runStart = index
            case 0..<0x20:
                throw error(.controlCharacterInString)
            default:
                index += 1
            }
        }
        throw error(.unexpectedEnd)
    }

    /// One escape after its backslash; leaves `index` after it.
    private mutating func escape() throws(JSONParseError) -> Unicode.Scalar {
        index += 1
        guard index < bytes.count else { throw error(.unexpectedEnd) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): break
        default:
            index -= 1
            throw error(.invalidEscape)
        }
        let first = try hex4()
        if let scalar = Unicode.Scalar(first) { return scalar }
        // A surrogate: a high one must be followed by an escaped low one.
        let pairStart = index
        if (0xD800..<0xDC00).contains(first), index + 1 < bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let second = try hex4()
            if (0xDC00..<0xE000).contains(second),
               let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) {
                return scalar
            }
            index = pairStart
        }
        if options.lenient { return "\u{FFFD}" }
        throw JSONParseError(kind: .loneSurrogate, offset: pairStart - 6)
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.unexpectedEnd) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
