import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends whole records to a JSON Lines file.
///
/// The file is opened with O_APPEND and each record goes out as one
/// `write(2)` of its complete line (text plus newline), so a crash or
/// SIGKILL leaves every line either whole or absent, and the records of a
/// run are never interleaved within a line. `sync()` (fsync) runs at the
/// end of a run and on interruption; a power failure before it may lose
/// the records since the last sync, never corrupt earlier ones.
public final class ResultAppender: @unchecked Sendable {
    public let url: URL
    private var descriptor: Int32

    public init(url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError("cannot open \(url.path): \(String(cString: strerror(errno)))") }
    }

    /// Writes `line` plus a newline in one call; `line` must not contain a newline.
    public func append(_ line: String) throws {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "short write (\(written) of \(bytes.count) bytes)"
            throw StoreError("cannot write \(url.path): \(reason)")
        }
    }

    public func sync() throws {
        guard fsync(descriptor) == 0 else { throw StoreError("cannot sync \(url.path): \(String(cString: strerror(errno)))") }
    }

    public func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
        descriptor = -1
    }

    deinit { close() }

    /// Writes a whole file atomically: a temporary file beside it, then rename.
    public static func writeAtomically(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 { throw StoreError(String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError("cannot write \(url.path): \(error)")
        }
    }
}
