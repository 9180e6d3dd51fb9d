import Foundation

/// Calls Slurm's `sbatch` and reads back the job id.
public enum Sbatch {
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Submits `script` (a file path) with extra sbatch arguments; returns
    /// the job id printed by `sbatch --parsable` ("123" or "123;cluster").
    public static func submit(script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable"] + arguments + [script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw Failure(message: "could not start sbatch (\(error.localizedDescription)); is Slurm installed and on PATH?")
        }
        // Read before waiting: a full pipe would block the child.
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(message: "sbatch failed (exit \(process.terminationStatus)): \(detail.isEmpty ? output : detail)")
        }
        let id = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw Failure(message: "sbatch printed no job id (got '\(output)')")
        }
        return id
    }
}
