import Foundation

/// Locates the built `convrec` executable and runs it.
///
/// The test bundle is built into the same folder as the products it
/// depends on (`.build/<triple>/<configuration>/`), so the binary is looked
/// for first next to the running test executable, then in the package's
/// `.build/release` and `.build/debug` (package root from `#filePath`).
enum ConvrecBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let url: URL? = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // …/ConvRecoveryPackageTests.xctest (a file on Linux, a bundle folder on macOS).
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("convrec"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("convrec"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates += [".build/release/convrec", ".build/debug/convrec"].map { root.appendingPathComponent($0) }
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `convrec` with `arguments`; stdout and stderr are read on their
    /// own threads before waiting, so a full pipe cannot deadlock.
    static func run(_ arguments: [String]) throws -> Output {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.set(out: out.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { collected.set(err: err.fileHandleForReading.readDataToEndOfFile()) }
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: collected.out, as: UTF8.self),
                      stderr: String(decoding: collected.err, as: UTF8.self))
    }

    /// The two pipes' contents, written from two reader threads.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var out = Data()
        private(set) var err = Data()
        func set(out data: Data) { lock.lock(); out = data; lock.unlock() }
        func set(err data: Data) { lock.lock(); err = data; lock.unlock() }
    }
}
