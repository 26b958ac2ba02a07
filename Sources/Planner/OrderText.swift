/// An order prepared for the offline planner: full-width forms folded to
/// ASCII, lower case, English number words replaced by digits.
///
/// Kept as `[Character]` because Chinese orders are matched character by
/// character (后 after 飞 is "after", after 向 it is "back").
struct OrderText {
    let characters: [Character]
    /// True unless the order is written in Latin letters only: replies and
    /// descriptions then use Chinese, the original agent's language.
    let isChinese: Bool

    init(_ raw: String) {
        var out: [Character] = []
        out.reserveCapacity(raw.count)
        var chinese = false, latin = false
        for scalar in raw.unicodeScalars {
            var s = scalar
            if (0xFF01...0xFF5E).contains(s.value), let ascii = Unicode.Scalar(s.value - 0xFEE0) {
                s = ascii  // full-width Ａ１，；！ -> A1,;!
            } else if s.value == 0x3000 {
                s = " "
            }
            if (0x4E00...0x9FFF).contains(s.value) { chinese = true }
            if s.isASCII, s.properties.isAlphabetic { latin = true }
            out.append(contentsOf: String(Character(s)).lowercased())
        }
        characters = EnglishNumber.rewrite(out)
        isChinese = chinese || !latin
    }
}

/// English number words ("thirty five", "one hundred and fifty", "half")
/// rewritten as digits so one scanner reads every number.
enum EnglishNumber {
    static let small: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "half": 0.5,
    ]
    static let scales: [String: Double] = ["hundred": 100, "thousand": 1000]

    static func rewrite(_ text: [Character]) -> [Character] {
        var out: [Character] = []
        var i = 0
        while i < text.count {
            guard text[i].isASCIILetter, i == 0 || !text[i - 1].isASCIILetter,
                let (value, end) = readNumber(text, from: i)
            else {
                out.append(text[i])
                i += 1
                continue
            }
            out.append(contentsOf: Quantity.format(value))
            i = end
        }
        return out
    }

    /// Reads a run of number words from `start`; returns its value and the index after it.
    private static func readNumber(_ text: [Character], from start: Int) -> (Double, Int)? {
        var total = 0.0, current = 0.0
        var end: Int?
        var i = start
        while true {
            let (word, after) = readWord(text, from: i)
            if let v = small[word] {
                current += v
            } else if let m = scales[word], end != nil {
                current = max(current, 1) * m
                if m >= 1000 { total += current; current = 0 }
            } else if word == "and", end != nil {
                // "one hundred and fifty": "and" inside a number, not a sequence.
                let j = skipSpaces(text, after)
                guard small[readWord(text, from: j).0] != nil else { break }
                i = j
                continue
            } else {
                break
            }
            end = after
            // "half a meter": the article belongs to the number.
            if word == "half", case let (article, next) = readWord(text, from: skipSpaces(text, after)),
                article == "a" || article == "an"
            {
                return (total + current, next)
            }
            // Words join with spaces or a hyphen ("thirty-five").
            var j = after
            if j < text.count, text[j] == "-" { j += 1 }
            j = skipSpaces(text, j)
            guard j < text.count, text[j].isASCIILetter else { break }
            i = j
        }
        guard let stop = end else { return nil }
        return (total + current, stop)
    }

    private static func readWord(_ text: [Character], from start: Int) -> (String, Int) {
        var i = start
        while i < text.count, text[i].isASCIILetter { i += 1 }
        return (String(text[start..<i]), i)
    }

    private static func skipSpaces(_ text: [Character], _ start: Int) -> Int {
        var i = start
        while i < text.count, text[i] == " " { i += 1 }
        return i
    }
}

extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIDigit: Bool { isASCII && isNumber }
}
