/// Bytes as hex digits, the way scenario files write binary payloads (`"81 05 48 65"`).
enum Hex {
    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Pairs of hex digits, spaces ignored; nil for an odd count or a non-hex character.
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.filter { $0 != " " })
        guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }
}
