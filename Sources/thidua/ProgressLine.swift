import Dispatch
import Foundation
import Synchronization
import ThiDuaEngine

/// The one-line progress indicator of a long run on a terminal, e.g.
/// `scoring 2020-Q3 [############--------]  61% (61,440/100,000)`, redrawn in place with `\r`
/// (the text is `ProgressMeter.Snapshot.line`).
///
/// The engine counts into a `ProgressMeter`; a timer on this type's own
/// queue reads it every tenth of a second and draws, so there is one
/// writer of the line. Nothing is drawn during the first `delay` of the run
/// (a short run never shows a line), and nothing at all when `enabled` is
/// false: stderr not a terminal, or `--quiet`. ``finish()`` clears the line.
final class ProgressLine {
    /// What the engine counts into.
    var meter: ProgressMeter { drawer.meter }
    private let enabled: Bool
    private let queue = DispatchQueue(label: "thidua.progress")
    /// The timer, made only when drawing is enabled: libdispatch traps on
    /// releasing a timer that was never resumed.
    private let timer: (any DispatchSourceTimer)?
    private let drawer = Drawer()

    /// Whether stderr is a terminal, where a line redrawn with `\r` makes sense.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Starts the timer when `enabled`.
    /// - Parameters:
    ///   - enabled: Whether to draw at all.
    ///   - delay: How long a run lasts before the line appears.
    init(enabled: Bool, delay: Duration = .seconds(1)) {
        self.enabled = enabled
        guard enabled else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        self.timer = timer
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .milliseconds(100))
        let drawer = self.drawer
        timer.setEventHandler { drawer.draw() }
        timer.resume()
    }

    /// Runs `body` (which writes to stderr) with the line cleared, so that
    /// messages never mix with it; the next tick draws it again.
    func interrupting(_ body: () -> Void) {
        guard enabled else { return body() }
        queue.sync {
            drawer.clear()
            body()
        }
    }

    /// Stops drawing and clears the line.
    func finish() {
        guard enabled else { return }
        queue.sync {
            timer?.cancel()
            drawer.clear()
        }
    }

    /// The meter and what was drawn of it. Its methods run on the line's
    /// queue only, so the lock is never contended; it keeps the type
    /// Sendable for the timer's handler.
    private final class Drawer: Sendable {
        let meter = ProgressMeter()
        /// What was drawn last; empty when the line is clear.
        private let drawn = Mutex("")

        /// Draws the meter's activity when it changed.
        func draw() {
            let text = meter.snapshot.line
            guard text != drawn.withLock({ $0 }) else { return }
            // `\r` to the line start, the text, then erase what a longer
            // earlier text left (ANSI "erase to end of line").
            write("\r" + text + "\u{1B}[K")
            drawn.withLock { $0 = text }
        }

        /// Erases the line if something is drawn.
        func clear() {
            guard !drawn.withLock({ $0.isEmpty }) else { return }
            write("\r\u{1B}[K")
            drawn.withLock { $0 = "" }
        }

        private func write(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
