import ArgumentParser
import ConvRecovery
import Foundation

/// `convrec`: recover non-overlapping convolutional networks, run the
/// paper's experiments, and report them.
@main
struct ConvRec: ParsableCommand {
    static let version = ConvRecoveryVersion.tool

    static let configuration = CommandConfiguration(
        commandName: "convrec",
        abstract: "Learn non-overlapping convolutional networks exactly: tensor initialisation + gradient descent, and the experiments that check the papers' claims.",
        discussion: """
        Start with `convrec solve` for one recovery, or `convrec reproduce` to
        rebuild every claim of experiments/. Exit codes: 0 success, 1 the work
        failed (a claim failed, a regression was found), 2 bad usage or input.
        """,
        version: ConvRecoveryVersion.tool,
        subcommands: [Solve.self, Check.self, Run.self, Report.self, Reproduce.self, Diff.self, Submit.self]
    )

    /// Parses, runs, and maps ArgumentParser's usage errors (64) to exit 2.
    static func main() {
        OpenBLASLauncher.ensureCoreType()
        BuildCheck.warnIfSlowBuild()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as BadInput {
            FileHandle.standardError.write(Data("convrec: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch let error as WorkFailed {
            FileHandle.standardError.write(Data("convrec: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version print to stdout and exit 0.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// An error in the user's input, reported as `convrec: <message>` and exit 2.
struct BadInput: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The work itself failed (a claim failed, a regression was found): exit 1.
struct WorkFailed: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension BadInput: LocalizedError { var errorDescription: String? { message } }
extension WorkFailed: LocalizedError { var errorDescription: String? { message } }
