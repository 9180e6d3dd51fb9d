/// How a command ends when its work cannot be done (DESIGN.md, *Command
/// line*): 1 when the work itself failed (a claim failed, a regression was
/// found, a write failed), 2 when the user's input is at fault (a bad file,
/// a bad flag, nothing stored yet).
public enum ExitStatus: Int32, Sendable {
    case workFailed = 1
    case badInput = 2
}

/// An error a person reads: its message and the exit status it ends the
/// command with. Every error the library throws to the command line
/// conforms; the command line maps them in one place (`ConvRec.main`), so
/// no command prints an error or picks an exit code itself.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One or more complete lines, without the `convrec:` prefix.
    var message: String { get }
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var description: String { message }
}

/// A failure that needs no type of its own: a message and an exit status.
public struct Failure: UserFacingError, Sendable {
    public let message: String
    public let exitStatus: ExitStatus

    public init(_ message: String, _ exitStatus: ExitStatus) {
        self.message = message
        self.exitStatus = exitStatus
    }

    /// The user's input is at fault (exit 2).
    public static func badInput(_ message: String) -> Failure { Failure(message, .badInput) }
    /// The work failed (exit 1).
    public static func workFailed(_ message: String) -> Failure { Failure(message, .workFailed) }

    /// The same failure with `context: ` before its message.
    public func prefixed(_ context: String) -> Failure { Failure("\(context): \(message)", exitStatus) }
}
