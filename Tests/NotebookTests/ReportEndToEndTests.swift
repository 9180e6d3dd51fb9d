import Foundation
import Notebook
import Testing

@Suite struct ReportEndToEndTests {
    @Test func samplesReport() throws {
        let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
        let output = ReportFixture.temporaryFolder()
        try ReportFixture.store(ReportFixture.records(spec, ReportFixture.samplesOutcome), output: output, name: spec.name,
                                runs: [ReportFixture.run(computed: 80)])
        let report = try ReportBuilder.build(spec: spec, output: output, options: ReportOptions(resamples: 200))
        print("REPORT DIR", report.directory.path)
        let text = try String(contentsOf: report.reportFile, encoding: .utf8)
        #expect(text.contains("## Claims"))
    }
}
