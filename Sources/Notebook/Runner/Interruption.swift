#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling for a run: the first SIGINT asks the runner to stop
/// scheduling (trials in flight finish and are stored, the summary and
/// provenance are written); a second one kills the process at once (the
/// default action), losing only the trials in flight.
public enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// True once SIGINT has arrived.
    public static var requested: Bool { flag != 0 }

    /// Installs the handler (idempotent).
    public static func install() {
        // A parent may have started us with SIGINT blocked (Foundation's
        // Process does); the handler is useless unless it is delivered.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            Interruption.flag = 1
            let message = Array("\nconvrec: interrupted; finishing the trials in flight (Ctrl-C again to abandon them)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            signal(SIGINT, SIG_DFL)
        }
    }

    /// Forgets an interruption (for programmatic callers running again).
    public static func reset() { flag = 0 }
}
