import Notebook
import Testing

@Suite struct PlanCostTests {
    @Test func costGrowsWithSamplesIterationsAndActivation() throws {
        let s = try spec("""
            name: x
            trials: 4
            sweep:
              samples: [1000, 2000]
              activation: [relu, tanh]
            """)
        let model = CostModel()
        let seconds = s.plan.points.map(model.secondsPerTrial)
        #expect(seconds[0] < seconds[2])  // more samples
        #expect(seconds[0] < seconds[1])  // tanh costs more than relu
        let estimate = model.estimate(s.plan, jobs: 2)
        #expect(abs(estimate.totalSeconds - 4 * seconds.reduce(0, +)) < 1e-9)
        #expect(abs(estimate.wallSeconds - estimate.totalSeconds / 2) < 1e-9)
    }

    @Test func documentedFormula() throws {
        // n = 20000, n_test = 10000, d = 32, k = 8, r = 4, t = 3, T = 2000, relu, tensor init.
        let s = try spec("name: x\nmodel:\n  activation: relu\n")
        let expected = (30000.0 * 32 * 4 + 20000.0 * 4 * 8 * (8 + 9) * 4 + 2000.0 * 20000 * 32 * 3 * 4) / 1e10
        #expect(abs(CostModel().secondsPerTrial(s.plan.points[0]) - expected) < 1e-9)
    }

    @Test func calibrationRescalesThroughput() throws {
        let s = try spec("name: x\n")
        let point = s.plan.points[0]
        let model = CostModel().calibrated(measuredSeconds: 3, for: point)
        #expect(abs(model.secondsPerTrial(point) - 3) < 1e-9)
        #expect(s.plan.values(of: "samples") == [.integer(20000)])
    }

    @Test func formatting() {
        #expect(CostEstimate.format(seconds: 0.2) == "< 1 s")
        #expect(CostEstimate.format(seconds: 42) == "~42 s")
        #expect(CostEstimate.format(seconds: 2400) == "~40 min")
        #expect(CostEstimate.format(seconds: 7200) == "~2 h")
        #expect(CostEstimate.format(seconds: 3 * 86400) == "~3 days")
    }
}
