import Foundation
import Notebook
import Testing

/// `docs/experiment-format.md` is part of the contract: its tables come from
/// the catalogue and its worked example must be valid.
@Suite struct SpecDocumentationTests {
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/experiment-format.md")

    static func document() throws -> String { try String(contentsOf: documentURL, encoding: .utf8) }

    @Test(arguments: [
        ("model", ParameterDefinition.Section.model),
        ("solver", .solver),
        ("computed", .computed),
    ])
    func parameterTablesMatchTheCatalogue(marker: String, section: ParameterDefinition.Section) throws {
        let text = try Self.document()
        let begin = try #require(text.range(of: "<!-- BEGIN \(marker) parameters"))
        let afterBegin = try #require(text.range(of: "-->\n", range: begin.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "\n<!-- END \(marker) parameters -->", range: afterBegin.upperBound..<text.endIndex))
        #expect(String(text[afterBegin.upperBound..<end.lowerBound]) == ParameterDefinition.referenceTable(section),
                "regenerate the table from ParameterDefinition.referenceTable(.\(section))")
    }

    @Test func workedExampleIsValidAndAsDescribed() throws {
        let text = try Self.document()
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let s = try spec(String(text[start.upperBound..<end.lowerBound]))
        #expect(s.plan.points.count == 6)
        #expect(s.plan.trialCount == 60)
        #expect(s.plan.points[0].key
            == #"activation="relu",dimension=16,patches=2,samples=640,samples_per_dimension=40,tolerance=1e-10"#)
        #expect(text.contains(s.plan.points[0].key))
        let quick = try spec(String(text[start.upperBound..<end.lowerBound]), profile: "quick")
        #expect(quick.plan.trialCount == 9)
    }

    @Test func everyMetricIsDocumented() throws {
        let text = try Self.document()
        for metric in Metric.names { #expect(text.contains("`\(metric)`"), "\(metric)") }
    }
}
