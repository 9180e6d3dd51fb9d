import Foundation

/// Runs gnuplot as a subprocess.
public enum Gnuplot {
    /// How to get gnuplot, quoted in every "not found" message.
    public static let installHint = "install it with `apt-get install --no-install-recommends gnuplot-nox`"

    /// The executable: `name` itself when it contains a slash, else the first
    /// match on PATH; nil when there is none.
    public static func locate(_ name: String = "gnuplot") -> URL? {
        let fm = FileManager.default
        if name.contains("/") { return fm.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if fm.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `gnuplot <script>` with `directory` as the working folder (the
    /// scripts name their data and images relative to it) and returns what it
    /// wrote to stderr (warnings). Throws with gnuplot's message when it exits
    /// with a non-zero status.
    ///
    /// stderr is read to its end before waiting for the process, so a chatty
    /// gnuplot cannot fill the pipe and deadlock.
    @discardableResult
    public static func run(script: String, in directory: URL, executable: URL) throws(ReportError) -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = [script]
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            throw ReportError("cannot start \(executable.path): \(error.localizedDescription); \(installHint)", badInput: false)
        }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw ReportError("gnuplot failed on \(directory.appendingPathComponent(script).path) (status \(process.terminationStatus)): \(text)",
                              badInput: false)
        }
        return text
    }
}

/// A chart written to disk: its data, script and images.
public struct RenderedChart: Sendable {
    public let plot: ChartPlot
    public let data: URL
    public let script: URL
    /// The images asked for, in the order of the formats (present on disk
    /// only when gnuplot ran).
    public let images: [(format: ImageFormat, url: URL)]
}

extension ChartPlot {
    /// The standalone gnuplot script writing `<id>.<format>` for each format.
    public func script(formats: [ImageFormat], templates: ReportTemplates = ReportTemplates()) throws(ReportError) -> String {
        var context = self.context
        context["outputs"] = .list(formats.enumerated().map { i, format in
            ["terminal": .text(format.terminal), "file": .text("\(spec.id).\(format.rawValue)"), "first": .flag(i == 0),
             "format": .text(format.rawValue), "point_size": .text(format.pointSize)]
        })
        return try templates.render(templateName, context)
    }

    /// Writes `<id>.dat` and `<id>.gp` into `directory` and, when `gnuplot`
    /// is given, renders the images. Returns the files and gnuplot's warnings.
    public func write(to directory: URL, formats: [ImageFormat], templates: ReportTemplates,
                      gnuplot: URL?) throws(ReportError) -> (chart: RenderedChart, warnings: String) {
        let data = directory.appendingPathComponent("\(spec.id).dat")
        let script = directory.appendingPathComponent("\(spec.id).gp")
        let text = try self.script(formats: formats, templates: templates)
        do {
            try self.data.write(to: data, atomically: true, encoding: .utf8)
            try text.write(to: script, atomically: true, encoding: .utf8)
        } catch {
            throw ReportError("cannot write \(script.path): \(error.localizedDescription)", badInput: false)
        }
        var warnings = ""
        if let gnuplot { warnings = try Gnuplot.run(script: script.lastPathComponent, in: directory, executable: gnuplot) }
        let images = formats.map { ($0, directory.appendingPathComponent("\(spec.id).\($0.rawValue)")) }
        return (RenderedChart(plot: self, data: data, script: script, images: images), warnings)
    }
}
