import ConvRecovery
import Foundation
import Notebook
import Testing

/// Every claim kind decided PASS, FAIL and (where meaningful) INCONCLUSIVE on
/// crafted results.
@Suite struct ClaimTests {
    /// The samples fixture with extra claims appended.
    func verdicts(_ claims: String, yaml: String = ReportFixture.samplesYAML,
                  outcome: (PlanPoint, Int, inout RandomStream) -> ReportFixture.Outcome = ReportFixture.samplesOutcome)
        throws -> [String: ClaimOutcome] {
        // Empty `claims` keeps the file's own claims.
        let base = yaml.components(separatedBy: "\nclaims:")[0]
        let spec = try ReportFixture.spec(claims.isEmpty ? yaml : base + "\nclaims:\n" + claims)
        let analysis = ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, outcome), resamples: 300)
        return Dictionary(uniqueKeysWithValues: spec.claims.map { ($0.id, analysis.evaluate($0)) })
    }

    func claim(_ id: String, _ check: String) -> String {
        "  - id: \(id)\n    statement: \(id)\n    check: { \(check) }\n"
    }

    @Test func powerLaw() throws {
        let v = try verdicts(
            claim("pass", "kind: power_law, x: samples, y: error, exponent: [-0.6, -0.4], per: activation")
            + claim("fail", "kind: power_law, x: samples, y: error, exponent: [-1.2, -0.8]")
            + claim("straddle", "kind: power_law, x: samples, y: error, exponent: [-0.5, 0]")
            + claim("linear-n-star", "kind: power_law, x: dimension, y: n_star, exponent: [0.2, 2]"))
        #expect(v["pass"]?.verdict == .pass)
        #expect(v["fail"]?.verdict == .fail)
        #expect(v["straddle"]?.verdict == .inconclusive)
        #expect(v["fail"]!.explanation.contains("outside [-1.2, -0.8]"))
        #expect(v["linear-n-star"]?.verdict == .pass, "\(v["linear-n-star"]!.measuredText)")
        #expect(v["pass"]!.measuredText.contains("activation=relu: -0.49"))
    }

    @Test func trends() throws {
        let v = try verdicts(
            claim("falls", "kind: decreasing, x: samples, y: error")
            + claim("rises", "kind: increasing, x: samples, y: error")
            + claim("rate-rises", "kind: increasing, x: samples, y: success_rate")
            + claim("n-star-rises", "kind: increasing, x: dimension, y: n_star")
            + claim("time-flat", "kind: decreasing, x: samples, y: time_total"))
        #expect(v["falls"]?.verdict == .pass)
        #expect(v["rises"]?.verdict == .fail)
        #expect(v["rate-rises"]?.verdict == .pass)
        #expect(v["n-star-rises"]?.verdict == .pass)
        #expect(v["time-flat"]?.verdict == .fail)   // constant: the slope's interval is [0, 0]
    }

    @Test func trendOnNoiseIsInconclusive() throws {
        let v = try verdicts(claim("noise", "kind: decreasing, x: samples, y: error")) { _, _, stream in
            .init(error: exp(2 * stream.nextGaussian()), success: true)
        }
        #expect(v["noise"]?.verdict == .inconclusive, "\(v["noise"]!.measuredText)")
    }

    @Test func bounds() throws {
        let v = try verdicts(
            claim("small", "kind: at_most, y: error, value: 1")
            + claim("tiny", "kind: at_most, y: error, value: 0.000001")
            + claim("borderline", "kind: at_most, y: error, value: 0.0947, where: { samples: 100, activation: relu, patches: 2 }")
            + claim("recovers", "kind: at_least, y: success_rate, value: 0.5, where: { samples: 1600 }")
            + claim("fails-small", "kind: at_least, y: success_rate, value: 0.5, where: { samples: 100 }")
            + claim("too-strict", "kind: at_least, y: success_rate, value: 0.9, where: { samples: 1600 }")
            + claim("n-star-bound", "kind: at_most, y: n_star, value: 100000"))
        #expect(v["small"]?.verdict == .pass)
        #expect(v["tiny"]?.verdict == .fail)
        #expect(v["borderline"]?.verdict == .inconclusive, "\(v["borderline"]!.measuredText)")
        #expect(v["recovers"]?.verdict == .pass)
        #expect(v["fails-small"]?.verdict == .fail)
        #expect(v["too-strict"]?.verdict == .inconclusive)   // 8/8: Wilson lower bound 0.68 < 0.9
        #expect(v["n-star-bound"]?.verdict == .pass)
        #expect(v["tiny"]!.explanation.contains("median"))
    }

    @Test func lessThan() throws {
        let v = try verdicts(
            claim("relu-better", "kind: less_than, y: error, where: { activation: relu }, than: { activation: squared-relu }")
            + claim("relu-worse", "kind: less_than, y: error, where: { activation: squared-relu }, than: { activation: relu }")
            + claim("same", "kind: less_than, y: time_total, where: { activation: relu }, than: { activation: squared-relu }"))
        #expect(v["relu-better"]?.verdict == .pass)
        #expect(v["relu-worse"]?.verdict == .fail)
        #expect(v["same"]?.verdict == .fail)  // equal is not less
        #expect(v["relu-better"]!.explanation.contains("pairs"))   // paired point by point
    }

    @Test func lessThanNoisyIsInconclusive() throws {
        let v = try verdicts(claim("noise", "kind: less_than, y: error, where: { activation: relu, samples: 100, patches: 2 }, than: { activation: squared-relu, samples: 100, patches: 2 }")) { _, _, stream in
            .init(error: exp(stream.nextGaussian()), success: true)
        }
        #expect(v["noise"]?.verdict == .inconclusive, "\(v["noise"]!.measuredText)")
    }

    @Test func linearRate() throws {
        let v = try verdicts("", yaml: ChartTests.convergenceYAML, outcome: ChartTests.convergenceOutcome)
        let tensor = try #require(v["tensor-linear"]), random = try #require(v["random-linear"])
        #expect(tensor.verdict == .pass, "\(tensor.explanation)")
        #expect(random.verdict == .fail, "\(random.explanation)")
        #expect(tensor.explanation.contains("ρ = 0.9"))
    }

    static let toleranceYAML = """
        name: tolerance
        seed: 11
        trials: 6
        model: { patch_size: 4, patches: 2 }
        sweep:
          tolerance: [0.01, 0.0001, 0.000001, 0.00000001, 0.0000000001]
        claims:
        """

    @Test func logIterations() throws {
        let claims = claim("log", "kind: log_iterations, x: tolerance, y: iterations")
        let logarithmic = try verdicts(claims, yaml: Self.toleranceYAML) { point, _, stream in
            .init(error: 1e-3, success: true, iterations: Int(20 * log(1 / point.real("tolerance")) + 3 * stream.nextGaussian()))
        }
        #expect(logarithmic["log"]?.verdict == .pass, "\(logarithmic["log"]!.explanation)")
        let polynomial = try verdicts(claims, yaml: Self.toleranceYAML) { point, _, _ in
            .init(error: 1e-3, success: true, iterations: Int(1 / point.real("tolerance").squareRoot()))
        }
        #expect(polynomial["log"]?.verdict == .fail, "\(polynomial["log"]!.explanation)")
    }

    @Test func noMatchingPointsIsInconclusive() throws {
        let v = try verdicts(claim("none", "kind: at_most, y: error, value: 1, where: { samples: 20000 }"))
        #expect(v["none"]?.verdict == .inconclusive)
    }
}
