/// Splitting an order into clauses, one action each.
///
/// Sequence words of the original's phrases: Chinese 然后, 再, 并, 接着, 后
/// (only where it means "after": 起飞后, 30厘米后; not 向后 or 后退),
/// English and / then / after that, and punctuation.
extension OrderText {
    static let chineseSeparators: [String] = ["然后", "接着", "之后", "随后", "并且", "再", "并"]
    static let englishSeparators: Set<String> = ["and", "then", "afterwards", "next", "finally"]
    /// Words that start or end an order without meaning an action.
    static let fillers: Set<String> = ["please", "first", "now", "the", "drone", "请", "先", "首先", "最后", "无人机"]
    /// Actions without an amount that may run into the next one without a
    /// separator ("起飞向前飞30厘米"): the clause is cut right after them.
    static let standaloneChineseActions: [String] = ["起飞", "降落", "着陆", "落地"]
    /// Words that qualify the standalone action right after them.
    static let actionModifiers: [String] = ["紧急", "马上", "立即", "立刻", "赶紧", "赶快", "安全"]

    var clauses: [[Character]] {
        var result: [[Character]] = []
        var current: [Character] = []
        func cut() {
            result.append(contentsOf: Self.splitEnglish(current))
            current = []
        }
        var i = 0
        let c = characters
        while i < c.count {
            let ch = c[i]
            if ",;!?\n。、".contains(ch) || (ch == "." && !(i > 0 && c[i - 1].isASCIIDigit && i + 1 < c.count && c[i + 1].isASCIIDigit)) {
                cut()
                i += 1
                continue
            }
            if let word = Self.chineseSeparators.first(where: { c.hasPrefix($0, at: i) }) {
                cut()
                i += word.count
                continue
            }
            if ch == "后", isAfterWord(at: i) {
                cut()
                i += 1
                continue
            }
            if let word = Self.standaloneChineseActions.first(where: { c.hasPrefix($0, at: i) }) {
                // A modifier right before it belongs to it: 紧急降落 is one landing, not 紧急 + 降落.
                let modifier = Self.actionModifiers.first { current.count >= $0.count && String(current.suffix($0.count)) == $0 } ?? ""
                current.removeLast(modifier.count)
                cut()
                result.append(Array(modifier + word))
                i += word.count
                continue
            }
            current.append(ch)
            i += 1
        }
        cut()
        return result.filter { !Self.isFiller($0) }
    }

    /// 后 means "after" when it follows a finished action or an amount
    /// (飞后, 落后, 厘米后, 5秒后, cm后) and is not the start of 后退/后面/后方.
    private func isAfterWord(at i: Int) -> Bool {
        guard i > 0 else { return false }
        let previous = characters[i - 1]
        let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
        if let next, "退面方边".contains(next) { return false }
        return "飞落陆米秒度圈完钟分".contains(previous) || previous.isASCIILetter || previous.isASCIIDigit
    }

    private static func splitEnglish(_ clause: [Character]) -> [[Character]] {
        var parts: [[Character]] = []
        var current: [Character] = []
        var i = 0
        while i < clause.count {
            if clause[i].isASCIILetter, i == 0 || !clause[i - 1].isASCIILetter {
                var j = i
                while j < clause.count, clause[j].isASCIILetter { j += 1 }
                let word = String(clause[i..<j])
                let isAfterThat = word == "after" && clause.hasPrefix(" that", at: j)
                if englishSeparators.contains(word) || isAfterThat {
                    parts.append(current)
                    current = []
                    i = isAfterThat ? j + 5 : j
                    continue
                }
                current.append(contentsOf: clause[i..<j])
                i = j
                continue
            }
            current.append(clause[i])
            i += 1
        }
        parts.append(current)
        return parts
    }

    /// True when the clause is nothing but filler words, spaces and colons.
    private static func isFiller(_ clause: [Character]) -> Bool {
        var i = 0
        while i < clause.count {
            if clause[i] == " " || clause[i] == ":" {
                i += 1
            } else if let filler = fillersLongestFirst.first(where: { clause.hasPrefix($0, at: i) }) {
                i += filler.count
            } else {
                return false
            }
        }
        return true
    }

    private static let fillersLongestFirst = fillers.sorted { ($0.count, $0) > ($1.count, $1) }
}

extension Array where Element == Character {
    func hasPrefix(_ word: String, at index: Int) -> Bool {
        var i = index
        for ch in word {
            guard i < count, self[i] == ch else { return false }
            i += 1
        }
        return true
    }
}
