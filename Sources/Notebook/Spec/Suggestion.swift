import Foundation

/// "Did you mean" suggestions for misspelt keys, names and values.
enum Suggestion {
    /// Levenshtein edit distance (insertions, deletions, substitutions), O(|a|·|b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate, if it is close enough to be a plausible typo:
    /// at most a third of the word's length away (and at least 1, at most 3),
    /// or equal up to `_`/`-` spelling.
    static func closest(to word: String, in candidates: [String]) -> String? {
        func normalised(_ s: String) -> String {
            s.lowercased().replacingOccurrences(of: "-", with: "_")
        }
        if let same = candidates.first(where: { normalised($0) == normalised(word) }) {
            return same
        }
        let limit = max(1, min(3, word.count / 3))
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// `"; did you mean 'x'?"` or the empty string.
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
