import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive, non-blocking `flock` on `<output>/<name>/.lock`, held for
/// the whole run so that two `convrec run` processes never append to the
/// same experiment folder at once. The kernel drops the lock when the
/// process dies, even by SIGKILL, so a crashed run never leaves a stale lock.
/// The file holds the pid of the holder, for the message of the loser.
public final class ExperimentLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    /// Another process holds the lock.
    public struct Busy: Error, CustomStringConvertible {
        public let directory: String
        /// The holder's pid as written in the lock file (nil if unreadable).
        public let pid: Int?
        public var description: String {
            "another convrec run (pid \(pid.map(String.init) ?? "unknown")) is writing \(directory); wait for it or use another --output"
        }
    }

    /// Takes the lock or throws `Busy` at once; throws `StoreError` on I/O failure.
    public init(directory: URL, displayName: String) throws {
        path = directory.appendingPathComponent(".lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError("cannot open \(path): \(String(cString: strerror(errno)))") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, 32, 0)
            close(descriptor)
            descriptor = -1
            if reason == EWOULDBLOCK {
                let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
                throw Busy(directory: displayName, pid: Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            throw StoreError("cannot lock \(path): \(String(cString: strerror(reason)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Releases the lock (also done on deinit and by process exit).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

/// An I/O failure of the result store (exit 1: the work failed).
public struct StoreError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
