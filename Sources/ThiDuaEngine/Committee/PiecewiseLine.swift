/// A continuous, piecewise linear function of one content's points p over
/// [0, `limit`]: what a group's total becomes when only that content's
/// points vary (SCORING.md 3.3 and 5).
///
/// In one quarter the total is max(0, a + b·p) with b = Σ w a / Σ w ≥ 0 of
/// the content; for the year it is the mean of such ramps, one per quarter.
/// Each ramp bends at most once, where a + b·p reaches 0, so the function is
/// nondecreasing with a few knots at most (none for most groups).
struct PiecewiseLine: Sendable {
    /// Interior knots, ascending, strictly inside (0, `limit`).
    private(set) var knots: [Double]
    /// Intercept of each piece (`knots.count + 1` of them).
    private(set) var intercepts: [Double]
    /// Slope of each piece.
    private(set) var slopes: [Double]

    /// The mean of the ramps max(0, a + b·p), with b ≥ 0, over [0, `limit`].
    init(meanOfRamps ramps: [(a: Double, b: Double)], limit: Double) {
        let count = Double(max(1, ramps.count))
        var bends = ramps.compactMap { ramp -> Double? in
            guard ramp.a < 0, ramp.b > 0 else { return nil }
            let knot = -ramp.a / ramp.b
            return knot > 0 && knot < limit ? knot : nil
        }
        bends.sort()
        knots = []
        for knot in bends where knots.last != knot { knots.append(knot) }
        intercepts = []
        slopes = []
        let edges = [0] + knots + [limit]
        for piece in 0...knots.count {
            let middle = (edges[piece] + edges[piece + 1]) / 2
            var a = 0.0, b = 0.0
            for ramp in ramps where ramp.a + ramp.b * middle > 0 || (ramp.a >= 0 && ramp.b == 0) {
                a += ramp.a
                b += ramp.b
            }
            intercepts.append(a / count)
            slopes.append(b / count)
        }
    }

    /// Whether the function is one straight line over the whole range.
    var isStraight: Bool { knots.isEmpty }

    /// The piece that holds `p`.
    private func piece(at p: Double) -> Int {
        var index = 0
        while index < knots.count, p > knots[index] { index += 1 }
        return index
    }

    /// The value at `p`.
    func value(at p: Double) -> Double {
        let index = piece(at: p)
        return intercepts[index] + slopes[index] * p
    }

    /// The smallest p in [0, `limit`] where the value reaches `level`;
    /// `nil` when it never does there.
    func firstReach(_ level: Double, limit: Double) -> Double? {
        if value(at: 0) >= level { return 0 }
        for index in 0...knots.count where slopes[index] > 0 {
            let p = (level - intercepts[index]) / slopes[index]
            let low = index == 0 ? 0 : knots[index - 1]
            let high = index == knots.count ? limit : knots[index]
            if p >= low, p <= high { return p }
        }
        return nil
    }

    /// Every p in [0, `limit`] where `self(p) − other(p) = difference`,
    /// appended to `output`; pieces where the two are parallel give none.
    func crossings(with other: PiecewiseLine, difference: Double, limit: Double, into output: (Double) -> Void) {
        if knots.isEmpty, other.knots.isEmpty {
            let slope = slopes[0] - other.slopes[0]
            guard slope != 0 else { return }
            let p = (difference - (intercepts[0] - other.intercepts[0])) / slope
            if p >= 0, p <= limit { output(p) }
            return
        }
        var edges = (knots + other.knots).sorted()
        edges = [0] + edges + [limit]
        for index in 0..<(edges.count - 1) where edges[index] < edges[index + 1] {
            let middle = (edges[index] + edges[index + 1]) / 2
            let mine = piece(at: middle), theirs = other.piece(at: middle)
            let slope = slopes[mine] - other.slopes[theirs]
            guard slope != 0 else { continue }
            let p = (difference - (intercepts[mine] - other.intercepts[theirs])) / slope
            if p >= edges[index], p <= edges[index + 1] { output(p) }
        }
    }
}
