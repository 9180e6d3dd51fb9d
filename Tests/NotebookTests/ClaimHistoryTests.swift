import ConvRecovery
import Foundation
import Notebook
import Testing

/// `log_iterations` read off each trial's history, and claims that record a
/// known disagreement with the paper.
@Suite struct ClaimHistoryTests {
    static let yaml = """
        name: history
        seed: 3
        trials: 5
        model: { patch_size: 4, patches: 2, samples: 1000 }
        sweep:
          init: [tensor, random]
        claims:
          - id: linear
            statement: iterations to ε grow like log(1/ε)
            check: { kind: log_iterations, x: iteration, y: error, where: { init: tensor } }
          - id: sublinear
            statement: the same for a sublinear decay
            check: { kind: log_iterations, x: iteration, y: error, where: { init: random } }
          - id: disagreement
            statement: a claim the measurements contradict
            check: { kind: at_most, y: error, value: 1.0e-12, where: { init: random } }
            known_disagreement: the error stays above 1e-12 here
        """

    /// Tensor: e_k = 0.9ᵏ (linear convergence: k(ε) = log ε / log 0.9, exactly
    /// linear in log ε). Random: e_k = (1 + k)⁻² (sublinear: k(ε) = ε^{-1/2} − 1,
    /// exponential in log ε, far from a line over six decades).
    static func outcome(_ point: PlanPoint, _ trial: Int, _ stream: inout RandomStream) -> ReportFixture.Outcome {
        let schedule = HistorySchedule(perDecade: 10)
        let linear = point.string("init") == "tensor"
        let last = linear ? 200 : 10_000
        let history = (0...last).filter { schedule.contains($0) || $0 == last }.map { k -> GradientDescent.HistoryPoint in
            let e = linear ? pow(0.9, Double(k)) : pow(1 + Double(k), -2) * exp(0.01 * stream.nextGaussian())
            return GradientDescent.HistoryPoint(iteration: k, loss: e * e, error: e)
        }
        return .init(error: history.last!.error!, success: linear, history: history)
    }

    func outcomes() throws -> [String: ClaimOutcome] {
        let spec = try ReportFixture.spec(Self.yaml)
        let analysis = ExperimentAnalysis(spec: spec, records: ReportFixture.records(spec, Self.outcome), resamples: 200)
        return Dictionary(uniqueKeysWithValues: spec.claims.map { ($0.id, analysis.evaluate($0)) })
    }

    @Test func logIterationsFromHistory() throws {
        let v = try outcomes()
        let linear = try #require(v["linear"]), sublinear = try #require(v["sublinear"])
        #expect(linear.verdict == .pass, "\(linear.explanation)")
        // b = 1/ln 0.9 per unit of ln ε: −9.49, i.e. 21.9 iterations per decade.
        #expect(linear.explanation.contains("21.9 iterations per decade"), "\(linear.explanation)")
        #expect(sublinear.verdict == .fail, "\(sublinear.explanation)")
    }

    @Test func knownDisagreementIsReportedButDoesNotFailTheRun() throws {
        let outcome = try #require(try outcomes()["disagreement"])
        #expect(outcome.verdict == .fail)
        #expect(outcome.isKnownDisagreement)
        #expect(!outcome.failsRun)
        #expect(outcome.explanation.contains("Known disagreement with the paper: the error stays above 1e-12 here"))
        let plain = try #require(try outcomes()["sublinear"])
        #expect(plain.failsRun && !plain.isKnownDisagreement)
    }
}
