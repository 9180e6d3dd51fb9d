import ConvRecovery
import Foundation
import Notebook
import Testing

/// Thresholds, fits and per-point statistics through the analysis layer,
/// on synthetic records with known answers.
@Suite struct AnalysisTests {
    /// Successes by trial index: at n the first k(n) of 10 trials succeed.
    static let thresholdYAML = """
        name: threshold
        seed: 3
        trials: 10
        model: { patch_size: 4 }
        sweep:
          patches: [2, 4]
          samples: [100, 200, 400, 800, 1600, 3200]
        """

    /// Per dimension d the rate is 0, 0.2, 0.8, 1 at n = 25d, 50d, 100d, 200d:
    /// n* = √(50d · 100d) (halfway in log n between 50d and 100d).
    static func successes(_ n: Double, _ d: Double) -> Int {
        switch n / d {
        case ..<40: 0
        case ..<80: 2
        case ..<160: 8
        default: 10
        }
    }

    @Test func thresholdCrossesAtKnownSampleCount() throws {
        let spec = try ReportFixture.spec(Self.thresholdYAML)
        let records = ReportFixture.records(spec) { point, trial, _ in
            let ok = trial < Self.successes(point.real("samples"), point.real("dimension"))
            return .init(error: ok ? 1e-3 : 0.5, success: ok)
        }
        let analysis = ExperimentAnalysis(spec: spec, records: records, resamples: 300)
        #expect(analysis.thresholdGrouping == ["dimension"])   // patches adds no group
        let thresholds = analysis.sampleThresholds(groupBy: ["dimension"])
        #expect(thresholds.count == 2)
        // d = 8: rates 0 (100), 0.2 (200)... 200/8 = 25 → 0; 400/8 = 50 → 0.2; 800/8 = 100 → 0.8.
        let d8 = try #require(thresholds.first { $0.values["dimension"] == .integer(8) })
        #expect(abs(d8.value - (400.0 * 800).squareRoot()) < 1e-6)
        let d16 = try #require(thresholds.first { $0.values["dimension"] == .integer(16) })
        #expect(abs(d16.value - (800.0 * 1600).squareRoot()) < 1e-6)
        let interval = try #require(d8.interval)
        #expect(interval.lower <= d8.value && d8.value <= interval.upper)
        // n* against d through the curve the claims use: exponent exactly 1.
        let curve = try #require(Curve(points: analysis.points(where: [:]), x: "dimension", metric: "n_star"))
        let fit = try #require(Statistics.PowerLawFit(x: curve.x, y: curve.y))
        #expect(abs(fit.exponent - 1) < 1e-9)
    }

    @Test func powerLawExponentIsRecovered() throws {
        let spec = try ReportFixture.spec(ReportFixture.samplesYAML)
        let records = ReportFixture.records(spec, ReportFixture.samplesOutcome)
        let analysis = ExperimentAnalysis(spec: spec, records: records, resamples: 300)
        let claim = try #require(spec.claims.first { $0.id == "error-decays" })
        let outcome = analysis.evaluate(claim)
        #expect(outcome.groups.count == 2)
        for group in outcome.groups {
            #expect(abs(group.estimate + 0.5) < 0.05, "\(group.label): \(group.estimate)")
            #expect(group.lower! < group.estimate && group.estimate < group.upper!)
        }
        #expect(outcome.verdict == .pass)
    }

    @Test func perPointStatisticsCountFailures() throws {
        let spec = try ReportFixture.spec(Self.thresholdYAML)
        let records = ReportFixture.records(spec) { point, trial, _ in
            .init(error: Double(trial + 1), success: trial % 2 == 0, failed: trial == 9)
        }
        let analysis = ExperimentAnalysis(spec: spec, records: records)
        let point = analysis.points[0]
        #expect(point.trials == 10)
        #expect(point.failed == 1)
        #expect(point.successes == 5)
        let rate = try #require(point.successRate)
        #expect(rate.trials == 10 && rate.estimate == 0.5)
        let error = try #require(point.metrics["error"])
        #expect(error.count == 9)            // the failed trial recorded no error
        #expect(error.median == 5 && error.min == 1 && error.max == 9)
        #expect(error.q25 == 3 && error.q75 == 7)
        #expect(analysis.failedCount == 12)  // one per point
    }

    @Test func recordsOutsideThePlanAreIgnored() throws {
        let full = try ReportFixture.spec(Self.thresholdYAML)
        let quick = try ReportFixture.spec(Self.thresholdYAML + "\nprofiles:\n  quick: { trials: 3, sweep: { samples: [100, 200] } }\n",
                                           profile: "quick")
        let records = ReportFixture.records(full) { _, _, _ in .init(error: 0.1, success: true) }
        let analysis = ExperimentAnalysis(spec: quick, records: records)
        #expect(analysis.trialCount == 2 * 2 * 3)
        #expect(analysis.ignoredRecords == records.count - 12)
    }

    @Test func convergenceRateOfTheMedianHistory() throws {
        let spec = try ReportFixture.spec(ChartTests.convergenceYAML)
        let records = ReportFixture.records(spec, ChartTests.convergenceOutcome)
        let analysis = ExperimentAnalysis(spec: spec, records: records, resamples: 200)
        let plot = analysis.plot(spec.charts[0])
        let tensor = try #require(plot.fits.first { $0.key.contains("tensor") })
        #expect(abs(tensor.value - 0.81) < 0.01, "ρ = \(tensor.value)")  // the loss is error², so ρ² = 0.81
    }

    @Test func theoryConstantFittedInLogSpace() throws {
        let e = try Expression.parse("c * x^(-0.5)")
        let pairs = [100.0, 400, 1600].map { (x: $0, y: 3 * pow($0, -0.5), values: [String: ParameterValue]()) }
        let c = try #require(TheoryCurve.fitC(e, xName: "samples", pairs: pairs))
        #expect(abs(c - 3) < 1e-9)
        // Not proportional to c: found by search.
        let shifted = try Expression.parse("c * x + 1")
        let line = [1.0, 2, 3].map { (x: $0, y: 2 * $0 + 1, values: [String: ParameterValue]()) }
        let c2 = try #require(TheoryCurve.fitC(shifted, xName: "samples", pairs: line))
        #expect(abs(c2 - 2) < 1e-6)
        #expect(TheoryCurve.label(e, c: 3, xName: "samples") == "3·x^{-0.5}")
    }
}
