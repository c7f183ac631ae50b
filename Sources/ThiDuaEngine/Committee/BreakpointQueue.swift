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

    /// Whether nothing is left.
    var isEmpty: Bool { items.isEmpty }

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
