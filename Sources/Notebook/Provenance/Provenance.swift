import ConvRecovery
import Foundation

/// Where and with what a run was made: one line of `<output>/<name>/runs.jsonl`.
///
/// Keys: tool_version, solver_version, git_commit, git_dirty (null outside
/// a git checkout), swift_version (the compiler that built the tool), os,
/// cpu, cores, openblas_core, command_line, profile, jobs, started, ended
/// (ISO 8601 UTC), trials_total, trials_computed, trials_cached,
/// trials_failed, interrupted.
public struct Provenance: Sendable {
    public var toolVersion = ConvRecoveryVersion.tool
    public var solverVersion = ConvRecoveryVersion.solver
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var swiftVersion = Provenance.compilerVersion
    public var os = Provenance.operatingSystem
    public var cpu = Provenance.cpuModel
    public var cores = ProcessInfo.processInfo.activeProcessorCount
    public var openBLASCore = BLASInfo.coreName
    public var commandLine: [String]
    public var profile: String?
    public var jobs: Int
    public var started: Date
    public var ended: Date?
    public var trialsTotal = 0
    public var trialsComputed = 0
    public var trialsCached = 0
    public var trialsFailed = 0
    public var interrupted = false

    /// Captures the machine and the checkout of the current directory.
    /// `output`, the results folder, does not count as a change to the
    /// checkout when it lies inside it (a committed reference run being
    /// regenerated in place is not a modified tool).
    public init(commandLine: [String], profile: String?, jobs: Int, started: Date = Date(), output: URL? = nil) {
        self.commandLine = commandLine
        self.profile = profile
        self.jobs = jobs
        self.started = started
        let checkout = Provenance.gitState(excluding: output)
        gitCommit = checkout?.commit
        gitDirty = checkout?.dirty
    }

    public var json: JSONValue {
        func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object([
            "tool_version": .string(toolVersion), "solver_version": .string(solverVersion),
            "git_commit": optional(gitCommit), "git_dirty": gitDirty.map(JSONValue.bool) ?? .null,
            "swift_version": .string(swiftVersion), "os": .string(os), "cpu": .string(cpu),
            "cores": .integer(cores), "openblas_core": optional(openBLASCore),
            "command_line": .array(commandLine.map(JSONValue.string)), "profile": optional(profile),
            "jobs": .integer(jobs), "started": .string(Provenance.iso8601(started)),
            "ended": optional(ended.map(Provenance.iso8601)),
            "trials_total": .integer(trialsTotal), "trials_computed": .integer(trialsComputed),
            "trials_cached": .integer(trialsCached), "trials_failed": .integer(trialsFailed),
            "interrupted": .bool(interrupted),
        ])
    }

    /// `2026-11-29T16:40:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The Swift compiler that built this tool, fixed at compile time.
    public static var compilerVersion: String {
        #if swift(>=6.4)
        return "6.4 or later"
        #elseif swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0 or earlier"
        #endif
    }

    /// PRETTY_NAME of /etc/os-release, else uname's sysname and release.
    public static var operatingSystem: String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(field(name.sysname)) \(field(name.release))"
    }

    /// "model name" of /proc/cpuinfo (or "unknown").
    public static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// HEAD and whether the work tree has changes to tracked files, when
    /// `directory` (default: the current one) is inside a git checkout and
    /// git is installed; else nil. Changes under `excluded` (a folder) are
    /// not counted when it lies inside the checkout.
    public static func gitState(in directory: URL? = nil, excluding excluded: URL? = nil) -> (commit: String, dirty: Bool)? {
        let run = { (arguments: [String]) in Provenance.run(arguments, in: directory) }
        guard let head = run(["git", "rev-parse", "HEAD"]), !head.isEmpty,
              let top = run(["git", "rev-parse", "--show-toplevel"]) else { return nil }
        var arguments = ["git", "status", "--porcelain", "--untracked-files=no"]
        let root = URL(fileURLWithPath: top.trimmingCharacters(in: .whitespacesAndNewlines)).standardizedFileURL
            .resolvingSymlinksInPath().path
        if let excluded = excluded?.standardizedFileURL.resolvingSymlinksInPath().path,
           excluded.hasPrefix(root + "/") {
            arguments += ["--", ":(top,exclude)" + String(excluded.dropFirst(root.count + 1))]
        }
        guard let status = run(arguments) else { return nil }
        return (head.trimmingCharacters(in: .whitespacesAndNewlines), !status.isEmpty)
    }

    /// Runs a command in `directory` (default: the current one); its
    /// stdout, or nil if it failed.
    static func run(_ arguments: [String], in directory: URL? = nil) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read before waiting, so a large output cannot fill the pipe and block.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
