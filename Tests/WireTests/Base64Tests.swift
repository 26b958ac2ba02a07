import Clocks
import Foundation
import Testing
@testable import WebSocketCodec

/// The codec's own base64 and header-value helpers, held to RFC 4648's
/// vectors and, on seeded random input, to what Foundation did before.
@Suite struct Base64Tests {
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test func encodesAndDecodesTheRFCVectors() {
        for (plain, encoded) in Self.vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func refusesWhatIsNotWholePaddedGroupsOfTheAlphabet() {
        for text in ["Zg", "Zg=", "Z===", "ww=g", "AAAAAAAAAAAAAAAAAAAAA=A=", "Zg==Zg==", "Zm9v ", " Zm9v", "Zm9v\n", "Zm-v", "Zm_v", "Z=g=", "=Zm9"] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
    }

    @Test func agreesWithFoundationOnSeededRandomBytesAndText() {
        var generator = SeededRandom(seed: 17)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
            // Text near the alphabet: valid groups, stray padding, blanks, foreign characters.
            let alphabet = Array("AQgw+/=  =\t-é")
            let length = Int.random(in: 0...3, using: &generator) * 4 + Int.random(in: 0...1, using: &generator) * Int.random(in: 0...3, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if text.contains(/=[^=]/) {
                // Foundation skips padding followed by more characters ("ww=g"); that is not base64, and we refuse it.
                #expect(Base64.decode(text) == nil, "\(text.debugDescription)")
            } else {
                #expect(Base64.decode(text) == Data(base64Encoded: text).map(Array.init), "\(text.debugDescription)")
            }
        }
    }

    @Test func trimsBlanksAsFoundationsWhitespaceSetDid() {
        for text in ["", " ", "\t13\t", " \u{00A0}13\u{2003}", "1 3", "\n13\n", "\u{200B}13\u{200B}", " a b ", "\u{3000}13\u{FEFF}"] {
            #expect(String(text.trimmingBlanks) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func comparesHeaderTokensIgnoringASCIICaseOnly() {
        #expect("WebSocket".equalsIgnoringASCIICase("websocket"))
        #expect("UPGRADE".equalsIgnoringASCIICase("upgrade"))
        #expect(!"upgradex".equalsIgnoringASCIICase("upgrade"))
        #expect(!"websoc\u{212A}et".equalsIgnoringASCIICase("websocket"), "the Kelvin sign is not a k in a token")
    }
}
