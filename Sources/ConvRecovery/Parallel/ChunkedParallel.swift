import Dispatch

/// Runs work over a fixed list of chunks on up to `threads` threads.
///
/// Chunk boundaries never depend on the thread count and each chunk writes
/// only its own slot, so callers that reduce per-chunk results in chunk
/// order get bit-identical answers for any number of threads.
public enum ChunkedParallel {
    /// Calls `body(chunk)` once for each chunk in 0..<chunkCount.
    /// Worker w takes chunks w, w + threads, w + 2·threads, …
    public static func forEach(chunkCount: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = max(1, min(threads, chunkCount))
        if workers == 1 {
            for chunk in 0..<chunkCount { body(chunk) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                body(chunk)
                chunk += workers
            }
        }
    }

    /// `body(chunk)` for every chunk, collected in chunk order.
    public static func map<T: Sendable>(chunkCount: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = UnsafeSendableBuffer<T?>(repeating: nil, count: chunkCount)
        defer { results.deallocate() }
        forEach(chunkCount: chunkCount, threads: threads) { chunk in results[chunk] = body(chunk) }
        return (0..<chunkCount).map { results[$0]! }
    }

    /// The number of cores of this machine.
    public static var coreCount: Int { System.coreCount }
}

/// A heap buffer that threads may write at disjoint indices.
public final class UnsafeSendableBuffer<T>: @unchecked Sendable {
    public let pointer: UnsafeMutableBufferPointer<T>

    public init(repeating value: T, count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value)
    }

    public subscript(index: Int) -> T {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    public func deallocate() {
        pointer.deinitialize()
        pointer.deallocate()
    }
}

/// Writes into an existing buffer from several threads at disjoint indices.
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

enum System {
    static var coreCount: Int {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, ProcessInfoCores.active)
        #else
        return 1
        #endif
    }
}
