import Foundation
import Mustache

/// The Mustache templates of reports and chart scripts: a user's folder
/// (`--templates DIR`) first, the built-in defaults (the files of
/// templates/) for any template it lacks. Values each template can use are
/// listed in docs/reports.md.
public struct ReportTemplates: Sendable {
    /// The user's folder, or nil for the defaults only.
    public let directory: URL?

    /// Every template name (files are `<name>.mustache`).
    public static let names = ["report.md", "index.md", "line.gp", "heatmap.gp", "convergence.gp",
                                       "diff.md", "diff-overlay.gp", "diff-ratio.gp"]

    public init(directory: URL? = nil) {
        self.directory = directory
    }

    /// The built-in text of a template.
    public static func defaultText(_ name: String) -> String? { DefaultTemplates.all[name] }

    /// The text of template `name`: `<directory>/<name>.mustache` when it
    /// exists, else the default.
    public func text(_ name: String) throws(ReportError) -> String {
        if let directory {
            let file = directory.appendingPathComponent("\(name).mustache")
            if FileManager.default.fileExists(atPath: file.path) {
                do { return try String(contentsOf: file, encoding: .utf8) } catch {
                    throw ReportError("cannot read the template \(file.path): \(error.localizedDescription)")
                }
            }
        }
        guard let text = DefaultTemplates.all[name] else { throw ReportError("unknown template '\(name)'") }
        return text
    }

    /// Renders template `name` with `context`.
    public func render(_ name: String, _ context: [String: TemplateValue]) throws(ReportError) -> String {
        let text = try self.text(name)
        do {
            let template = try MustacheTemplate(string: text)
            return template.render(context.mapValues(\.mustache))
        } catch {
            let source = directory.map { $0.appendingPathComponent("\(name).mustache").path } ?? "the built-in \(name) template"
            throw ReportError("cannot parse \(source): \(error)")
        }
    }
}

/// A problem writing a report: bad input (no results, a broken template)
/// or a failed write. `isBadInput` separates the two for exit codes.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// True when the user's input is at fault (exit 2), false for a
    /// failure of the work (exit 1).
    public let isBadInput: Bool

    public init(_ message: String, badInput: Bool = true) {
        self.message = message
        self.isBadInput = badInput
    }

    public var description: String { message }
}
