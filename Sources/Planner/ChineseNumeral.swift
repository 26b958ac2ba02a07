/// Chinese numerals as users type them in orders: 三十, 一百五 (150), 两百,
/// 一百零五, 十五, 一点五. Pure; the scanner decides where a numeral starts and ends.
enum ChineseNumeral {
    static let digits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let multipliers: [Character: Double] = ["十": 10, "百": 100, "千": 1000]

    static func isNumeralCharacter(_ c: Character) -> Bool {
        digits[c] != nil || multipliers[c] != nil
    }

    /// The value of a run of numeral characters, optionally with one `点`
    /// (decimal point) followed by digits; nil if the run is not a number.
    ///
    /// A trailing digit right after 百 or 千 counts one place lower, as spoken:
    /// 一百五 is 150, 两千五 is 2500; after 零 it does not (一百零五 is 105).
    static func value(of run: [Character]) -> Double? {
        if let point = run.firstIndex(of: "点") {
            guard let whole = value(of: Array(run[..<point])) else { return nil }
            var fraction = 0.0, scale = 0.1
            let decimals = run[(point + 1)...]
            guard !decimals.isEmpty else { return nil }
            for c in decimals {
                guard let d = digits[c] else { return nil }
                fraction += d * scale
                scale /= 10
            }
            return whole + fraction
        }
        guard !run.isEmpty else { return nil }
        var total = 0.0
        var pending: Double?
        var lastMultiplier: Double?
        var zeroSeen = false
        for c in run {
            if let d = digits[c] {
                if d == 0 { zeroSeen = true }
                pending = (pending ?? 0) * 10 + d
            } else if let m = multipliers[c] {
                total += (pending ?? 1) * m
                pending = nil
                lastMultiplier = m
                zeroSeen = false
            } else {
                return nil
            }
        }
        if let d = pending {
            if let m = lastMultiplier, m >= 100, !zeroSeen, d < 10 {
                total += d * m / 10
            } else {
                total += d
            }
        }
        return total
    }
}
