/// The byte-level grammar pieces of RFC 9110/9112 the parsers share.
enum HTTPSyntax {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// tchar (RFC 9110 §5.6.2): what method and field names are made of.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    static func isToken(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenByte)
    }

    /// field-value bytes (RFC 9110 §5.5): visible ASCII, obs-text, space and tab;
    /// never CR, LF or NUL (a bare CR is how request smuggling starts).
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || byte >= 0x20 && byte != 0x7F
    }

    /// A request-target or reason byte: no controls, no spaces.
    static func isVisibleByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F
    }

    /// "HTTP/1.1" -> 1.1; a well-formed but other major version throws 505, garbage 400.
    static func version(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = String(decoding: bytes, as: UTF8.self)
        let digits = Array(bytes.dropFirst(5))
        guard bytes.count == 8, text.hasPrefix("HTTP/"), digits[1] == UInt8(ascii: "."),
              let major = digitValue(digits[0]), let minor = digitValue(digits[2])
        else { throw .malformed("bad HTTP version \"\(text.prefix(16))\"") }
        guard major == 1 else { throw .unsupportedVersion(text) }
        return HTTPVersion(major: major, minor: minor)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Parses "name: value" (RFC 9112 §5): no whitespace before the colon (§5.1 MUST reject),
    /// no obs-fold (we reject it as §5.2 allows), value trimmed of OWS.
    static func field(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPField {
        if let first = line.first, first == space || first == tab {
            throw .malformed("obsolete line folding in header section")
        }
        guard let colon = line.firstIndex(of: colon) else { throw .malformed("header line without a colon") }
        let name = line[line.startIndex..<colon]
        guard isToken(name) else { throw .malformed("invalid header field name") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == space || first == tab { value.removeFirst() }
        while let last = value.last, last == space || last == tab { value.removeLast() }
        guard value.allSatisfy(isFieldValueByte) else { throw .malformed("invalid byte in value of \(String(decoding: name, as: UTF8.self))") }
        return HTTPField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// chunk-size [; extensions] (RFC 9112 §7.1): hex digits, at most 16 of them; extensions ignored.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), space, tab:
                guard digits > 0 else { throw .malformed("chunk size missing") }
                return size
            default: throw .malformed("invalid chunk size")
            }
            digits += 1
            guard digits <= 15 else { throw .malformed("chunk size too long") }
            size = size << 4 | value
        }
        guard digits > 0 else { throw .malformed("chunk size missing") }
        return size
    }
}
