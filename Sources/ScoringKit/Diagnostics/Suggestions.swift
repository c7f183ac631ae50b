/// "Did you mean" suggestions for misspelt names.
public enum Suggestions {
    /// The candidates close enough to `word` to be a likely typo, best first.
    ///
    /// Close means an edit distance of at most a third of the word's length
    /// (at least 1, at most 3), or a case-insensitive match.
    /// - Parameters:
    ///   - word: What the user wrote.
    ///   - candidates: The names that are valid at that place.
    /// - Returns: Up to three candidates, closest first; ties keep the
    ///   candidates' order.
    public static func closeMatches(for word: String, in candidates: [String]) -> [String] {
        let limit = min(3, max(1, word.count / 3))
        let lowered = word.lowercased()
        let scored = candidates.enumerated().compactMap { index, candidate -> (Int, Int, String)? in
            let distance = editDistance(lowered, candidate.lowercased())
            return distance <= limit ? (distance, index, candidate) : nil
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.2)
    }

    /// A hint such as `did you mean 'weight'?`, or `nil` when nothing is close.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String? {
        let matches = closeMatches(for: word, in: candidates)
        guard !matches.isEmpty else { return nil }
        return "did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
