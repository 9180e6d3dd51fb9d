import Foundation

/// The progress line of a run on stderr, redrawn in place with `\r`:
///
///     samples  37/60  12.4 trials/s  elapsed 0:03  ETA 0:02  20 cached  1 failed
///
/// Throughput counts computed trials only, so a mostly cached resume does
/// not promise an ETA it cannot keep. Thread-safe; redraws at most 10 times
/// a second.
final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let name: String
    private let total: Int
    private let cached: Int
    private let enabled: Bool
    private let start = Date()
    private var computed = 0
    private var failed = 0
    private var lastDraw = Date.distantPast

    init(name: String, total: Int, cached: Int, enabled: Bool) {
        self.name = name
        self.total = total
        self.cached = cached
        self.enabled = enabled
        if enabled { draw() }
    }

    func finished(failed trialFailed: Bool) {
        lock.lock()
        computed += 1
        if trialFailed { failed += 1 }
        let now = Date()
        let due = enabled && (now.timeIntervalSince(lastDraw) >= 0.1 || cached + computed == total)
        if due { lastDraw = now }
        lock.unlock()
        if due { draw() }
    }

    /// Ends the line so the next output starts on a fresh one.
    func close() {
        guard enabled else { return }
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        lock.lock()
        let done = cached + computed, computed = self.computed, failed = self.failed
        lock.unlock()
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(computed) / elapsed : 0
        let remaining = total - done
        let eta = rate > 0 ? RunProgress.clock(Double(remaining) / rate) : "–"
        var line = "\r\(name)  \(done)/\(total)  " + String(format: "%.1f trials/s", rate)
            + "  elapsed \(RunProgress.clock(elapsed))  ETA \(eta)"
        if cached > 0 { line += "  \(cached) cached" }
        if failed > 0 { line += "  \(failed) failed" }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%d:%02d", s / 60, s % 60)
    }
}
