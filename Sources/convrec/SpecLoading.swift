import ArgumentParser
import Foundation
import Notebook

/// Loads experiment files for a command: every error of every file goes to
/// stderr (file:line:column: key: message), and the command exits 2.
func loadExperimentSpecs(_ files: [String], profile: String?, overrides: [String]) throws -> [ExperimentSpec] {
    do {
        return try ExperimentSpec.loadAll(paths: files, profile: profile, overrides: overrides)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}
