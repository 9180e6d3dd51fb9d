import Foundation
import Notebook
import Testing

@Suite struct ReportTemplateTests {
    /// templates/ at the repository root (this file is Tests/NotebookTests/…).
    static let repositoryTemplates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        for name in ReportTemplates.names {
            let file = Self.repositoryTemplates.appendingPathComponent("\(name).mustache")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(ReportTemplates.defaultText(name) == text,
                    "templates/\(name).mustache differs from the built-in copy; regenerate Sources/Notebook/Report/DefaultTemplates.swift")
        }
    }

    @Test func rendersTextWithoutHTMLEscaping() throws {
        let folder = ReportFixture.temporaryFolder("templates")
        try "{{% CONTENT_TYPE: TEXT}}\n<{{name}}> & {{#items}}[{{v}}]{{/items}}{{^flag}} off{{/flag}}\n"
            .write(to: folder.appendingPathComponent("index.md.mustache"), atomically: true, encoding: .utf8)
        let templates = ReportTemplates(directory: folder)
        let text = try templates.render("index.md", ["name": "a<b", "items": .list([["v": "1"], ["v": "2"]]), "flag": false])
        #expect(text == "<a<b> & [1][2] off\n")
        // Templates missing from the folder fall back to the built-in ones.
        #expect(try templates.text("line.gp") == ReportTemplates.defaultText("line.gp"))
    }

    @Test func userTemplateOverridesTheReport() throws {
        let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
        let output = ReportFixture.temporaryFolder()
        try ReportFixture.store(ReportFixture.records(spec, ReportFixture.samplesOutcome), output: output, name: spec.name)
        let folder = ReportFixture.temporaryFolder("templates")
        try "{{% CONTENT_TYPE: TEXT}}\nCUSTOM {{title}}: {{#claims}}{{id}}={{verdict}} {{/claims}}\n"
            .write(to: folder.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        let report = try ReportBuilder.build(spec: spec, output: output,
                                             options: ReportOptions(formats: [], templates: folder, resamples: 50))
        let text = try String(contentsOf: report.reportFile, encoding: .utf8)
        #expect(text == "CUSTOM Recovery error against sample count: error-decays=PASS error-falls=PASS n-star-grows=PASS \n")
    }

    @Test func brokenTemplateIsBadInput() throws {
        let folder = ReportFixture.temporaryFolder("templates")
        try "{{#open}} never closed".write(to: folder.appendingPathComponent("index.md.mustache"), atomically: true, encoding: .utf8)
        let error = try #require(throws: ReportError.self) {
            try ReportTemplates(directory: folder).render("index.md", [:])
        }
        #expect(error.isBadInput && error.message.contains("index.md.mustache"))
    }

    @Test func latexHelpers() {
        #expect(LaTeXOutput.macroWord("error-vs-samples c") == "ErrorVsSamplesC")
        #expect(LaTeXOutput.macroWord("fig1a") == "FigOneA")
        #expect(LaTeXOutput.macroWord("n star dimension 16") == "NStarDimensionSixteen")
        #expect(LaTeXOutput.macroWord("samples 20000 kappa 2.5") == "SamplesTwentyThousandKappaTwoPointFive")
        #expect(LaTeXOutput.macroWord("n 123456") == "NOneHundredTwentyThreeThousandFourHundredFiftySix")
        #expect(Format.number(1009.65) == "1010" && Format.number(336.36) == "336" && Format.number(0.01234) == "0.0123")
        #expect(Format.number(2.5e7) == "2.5e+07" && Format.number(.infinity) == "∞")
        #expect(LaTeXOutput.number(1.234e-7) == "1.23\\times10^{-7}")
        #expect(LaTeXOutput.number(.infinity) == "\\infty")
        #expect(LaTeXOutput.escape("50% of a_b & c") == "50\\% of a\\_b \\& c")
    }
}
