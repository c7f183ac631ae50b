/// Finds one content's interval in one evaluation: walks from the config's
/// points outward through the breakpoints, nearest first, and decides the
/// evaluation afresh only at those that may change the award lists, until
/// the followed winners change.
///
/// At a breakpoint b it decides at b itself and just beyond it (b ± δ, δ
/// the smaller of 1e-6 and half the gap to the next breakpoint): if b
/// already changes the winners the end is open, if only beyond it the end
/// is closed. Every end found is confirmed just inside too; when that
/// fails, or the end of the range changes the winners although no
/// breakpoint did, the walk is repeated deciding at every breakpoint.
struct SensitivityWalk {
    /// The evaluation as a function of the content's points.
    let model: SensitivityModel
    /// The evaluation's awards.
    let awards: [AwardConfig]
    /// The ward of each row.
    let wardOfRow: [Int32]
    /// The awards followed; `nil` for all.
    let tracked: Set<Int>?
    /// The evaluation decided at the config's points.
    let original: PeriodResult
    /// Decides the evaluation with the content at the given points.
    let decide: (Double) throws -> PeriodResult
    /// How many times `decide` was called.
    private(set) var decisions = 0

    /// The largest step taken beyond or inside a breakpoint.
    static let step = 1e-6

    init(model: SensitivityModel, awards: [AwardConfig], original: PeriodResult, tracked: Set<Int>?,
         decide: @escaping (Double) throws -> PeriodResult) {
        self.model = model
        self.awards = awards
        self.wardOfRow = original.wardOfRow
        self.tracked = tracked
        self.original = original
        self.decide = decide
    }

    /// Both ends of the interval.
    mutating func interval() throws -> (lower: IntervalEnd, upper: IntervalEnd) {
        let value = model.limit / 2
        guard model.limit > 0 else {
            let end = IntervalEnd(value: 0, isClosed: true, isLimit: true, changes: [])
            return (end, end)
        }
        let breakpoints = model.breakpoints(awards: awards, wardOfRow: wardOfRow)
        let lower = try end(breakpoints.filter { $0.p <= value }, upwards: false)
        let upper = try end(breakpoints.filter { $0.p >= value }, upwards: true)
        return (lower, upper)
    }

    /// The end on one side: the walk that decides only where the lists may
    /// change, or, if its end cannot be confirmed, the walk that decides at
    /// every breakpoint (which always gives one).
    private mutating func end(_ breakpoints: [Breakpoint], upwards: Bool) throws -> IntervalEnd {
        if let end = try walk(breakpoints, upwards: upwards, pruning: true) { return end }
        let start = model.limit / 2
        return try walk(breakpoints, upwards: upwards, pruning: false)
            ?? IntervalEnd(value: start, isClosed: true, isLimit: false, changes: [])
    }

    /// Walks one way; `nil` when the end found could not be confirmed.
    private mutating func walk(_ breakpoints: [Breakpoint], upwards: Bool, pruning: Bool) throws -> IntervalEnd? {
        let start = model.limit / 2
        let edge = upwards ? model.limit : 0
        let kept = WinnerSet(original, tracked: tracked)
        var state = SensitivityState(original, awards: awards)
        var queue = BreakpointQueue(breakpoints, upwards: upwards)
        var previous = start
        var edgeDecided = false
        while let first = queue.pop() {
            var far = first.p
            var relevant = !pruning || mayChange(first, state: state)
            // Only breakpoints a few units in the last place apart are one:
            // a window between two breakpoints is searched however narrow.
            let tolerance = 8 * max(1, abs(first.p)).ulp
            while let next = queue.first, abs(next.p - first.p) <= tolerance, let taken = queue.pop() {
                far = upwards ? max(far, taken.p) : min(far, taken.p)
                relevant = relevant || mayChange(taken, state: state)
            }
            defer { previous = far }
            guard relevant else { continue }
            if first.p != start {
                let at = try decided(first.p)
                edgeDecided = first.p == edge
                if WinnerSet(at, tracked: tracked) != kept {
                    return try confirmed(first.p, isClosed: false, outside: at, previous: previous, upwards: upwards, pruning: pruning)
                }
            }
            guard far != edge else { break }
            let gap = abs((queue.first?.p ?? edge) - far)
            let beyondPoint = upwards ? far + min(Self.step, gap / 2) : far - min(Self.step, gap / 2)
            let beyond = try decided(beyondPoint)
            if WinnerSet(beyond, tracked: tracked) != kept {
                return try confirmed(first.p, isClosed: true, outside: beyond, previous: previous, upwards: upwards, pruning: pruning)
            }
            // Other awards may have changed, and a tie at a cutoff may have
            // formed without changing any winner: go on from what was decided.
            state = SensitivityState(beyond, awards: awards)
        }
        if !edgeDecided {
            let atEdge = try decided(edge)
            if WinnerSet(atEdge, tracked: tracked) != kept {
                // A change no breakpoint accounts for: the model missed it.
                return pruning ? nil : IntervalEnd(value: edge, isClosed: false, isLimit: false,
                                                   changes: WinnerChange.between(original, atEdge, tracked: tracked))
            }
        }
        return IntervalEnd(value: edge, isClosed: true, isLimit: true, changes: [])
    }

    /// The end at `point`, once the winners are confirmed unchanged just
    /// inside it; `nil` if they are not (and `pruning` was on).
    private mutating func confirmed(_ point: Double, isClosed: Bool, outside: PeriodResult, previous: Double,
                                    upwards: Bool, pruning: Bool) throws -> IntervalEnd? {
        let start = model.limit / 2
        if point != start {
            let step = min(Self.step, abs(point - previous) / 2)
            let inside = try decided(upwards ? point - step : point + step)
            if pruning, WinnerSet(inside, tracked: tracked) != WinnerSet(original, tracked: tracked) { return nil }
        }
        return IntervalEnd(value: point, isClosed: isClosed, isLimit: false,
                           changes: WinnerChange.between(original, outside, tracked: tracked))
    }

    private mutating func decided(_ point: Double) throws -> PeriodResult {
        decisions += 1
        return try decide(point)
    }
}

/// Breakpoints handed out nearest first, walking away from a start point:
/// a binary heap, built in O(m), so that a walk that stops after k
/// breakpoints costs O(m + k log m) rather than a full sort.
struct BreakpointQueue {
    /// The heap: `items[0]` is the nearest.
    private var items: [Breakpoint]
    /// `true` to walk upwards (smallest p first), `false` downwards.
    private let upwards: Bool

    /// Queues the breakpoints on one side of the start.
    /// - Parameters:
    ///   - breakpoints: The breakpoints, already on the walked side.
    ///   - upwards: The direction of the walk.
    init(_ breakpoints: [Breakpoint], upwards: Bool) {
        items = breakpoints
        self.upwards = upwards
        var index = items.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    /// The nearest breakpoint, without removing it.
    var first: Breakpoint? { items.first }

    /// Removes and returns the nearest breakpoint.
    mutating func pop() -> Breakpoint? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            siftDown(0)
        }
        return top
    }

    /// Whether `a` comes before `b` in the walk.
    private func precedes(_ a: Breakpoint, _ b: Breakpoint) -> Bool {
        upwards ? a.p < b.p : a.p > b.p
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = items.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var child = left
            if left + 1 < count, precedes(items[left + 1], items[left]) { child = left + 1 }
            guard precedes(items[child], items[parent]) else { return }
            items.swapAt(child, parent)
            parent = child
        }
    }
}
