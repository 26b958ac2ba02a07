import DroneVocabulary

/// An amount found in a clause: a number and the unit written after it.
struct Quantity: Equatable {
    enum Unit: Equatable {
        case centimetre, metre, degree, turn, second, minute
    }

    var value: Double
    var unit: Unit?

    /// Units as written, longest first so 厘米 wins over 米 and "cm" over "m".
    /// ASCII units must end at a word boundary ("5 more" has no unit).
    static let units: [(String, Unit)] = [
        ("centimetres", .centimetre), ("centimeters", .centimetre), ("centimetre", .centimetre),
        ("centimeter", .centimetre), ("厘米", .centimetre), ("公分", .centimetre), ("cm", .centimetre),
        ("metres", .metre), ("meters", .metre), ("metre", .metre), ("meter", .metre), ("米", .metre), ("m", .metre),
        ("degrees", .degree), ("degree", .degree), ("deg", .degree), ("度", .degree), ("°", .degree),
        ("turns", .turn), ("turn", .turn), ("圈", .turn), ("周", .turn),
        ("seconds", .second), ("second", .second), ("secs", .second), ("sec", .second),
        ("秒钟", .second), ("秒", .second), ("s", .second),
        ("minutes", .minute), ("minute", .minute), ("mins", .minute), ("min", .minute), ("分钟", .minute),
    ]

    /// Words made of numeral characters that are not amounts: 一下 (once), 一点 (a bit).
    static let vagueWords: [String] = ["一下", "一点儿", "一点", "一些", "一会儿", "一会"]

    /// Every amount in `clause`, in order. Arabic (50, 1.5, -3) and Chinese
    /// (三十, 一百五, 两百) numerals; 半 as a half (半米, 一米半, 半圈);
    /// 一米五 as 1.5 m, as spoken.
    static func scan(_ clause: [Character]) -> [Quantity] {
        var found: [Quantity] = []
        var i = 0
        while i < clause.count {
            let ch = clause[i]
            var value: Double?
            var end = i
            if ch.isASCIIDigit {
                while end < clause.count, clause[end].isASCIIDigit || (clause[end] == "." && end + 1 < clause.count && clause[end + 1].isASCIIDigit) {
                    end += 1
                }
                value = Double(String(clause[i..<end]))
                if i > 0, clause[i - 1] == "-", let v = value { value = -v }
            } else if let vague = vagueWords.first(where: { clause.hasPrefix($0, at: i) }),
                !(vague.hasPrefix("一点") && i + vague.count < clause.count && ChineseNumeral.digits[clause[i + vague.count]] != nil)
            {
                i += vague.count
                continue
            } else if ChineseNumeral.isNumeralCharacter(ch) {
                while end < clause.count,
                    ChineseNumeral.isNumeralCharacter(clause[end])
                        || (clause[end] == "点" && end + 1 < clause.count && ChineseNumeral.digits[clause[end + 1]] != nil)
                {
                    end += 1
                }
                value = ChineseNumeral.value(of: Array(clause[i..<end]))
            } else if ch == "半" {
                value = 0.5
                end = i + 1
            }
            guard var amount = value else {
                i += 1
                continue
            }
            var j = end
            while j < clause.count, clause[j] == " " { j += 1 }
            var unit: Unit?
            if let (text, u) = units.first(where: { clause.hasPrefix($0.0, at: j) && endsWord(clause, $0.0, at: j) }) {
                unit = u
                j += text.count
                // 一米半, 一圈半: a half of the unit just named; 一米五: five tenths of it.
                if j < clause.count, clause[j] == "半" {
                    amount += 0.5
                    j += 1
                } else if u == .metre, j < clause.count, let d = ChineseNumeral.digits[clause[j]],
                    j + 1 == clause.count || !ChineseNumeral.isNumeralCharacter(clause[j + 1])
                {
                    amount += d / 10
                    j += 1
                }
            }
            found.append(Quantity(value: amount, unit: unit))
            i = j
        }
        return found
    }

    private static func endsWord(_ clause: [Character], _ unit: String, at start: Int) -> Bool {
        guard unit.first?.isASCIILetter == true else { return true }
        let after = start + unit.count
        return after >= clause.count || !clause[after].isASCIILetter
    }

    /// `30` for whole numbers, `1.5` otherwise: how amounts appear in descriptions.
    static func format(_ value: Double) -> String { AmountParameter.format(value) }
}
