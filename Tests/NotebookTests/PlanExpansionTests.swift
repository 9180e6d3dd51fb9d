import ConvRecovery
import Notebook
import Testing

let workedExample = """
    name: samples
    title: Recovery error against sample count
    description: |
      Error of tensor initialisation plus gradient descent against n.
    seed: 2017
    trials: 10
    model:
      patch_size: 8
      kernels: 3
      kappa: 2
    solver:
      init: tensor
      max_iterations: 2000
      tolerance: 1.0e-10
    sweep:
      activation: [relu, squared-relu]
      zip:
        patches: [2, 4, 8]
        samples_per_dimension: [40, 40, 40]
    derived:
      samples: "samples_per_dimension * patch_size * patches"
    profiles:
      quick: { trials: 3, sweep: { activation: [relu] } }
    charts:
      - id: error-vs-samples
        title: Recovery error against n
        x: samples
        y: error
        series: activation
        log_x: true
        log_y: true
        theory: "c * x^(-0.5)"
    claims:
      - id: error-decays
        statement: The error decays like n^(-1/2).
        check: { kind: power_law, x: samples, y: error, exponent: [-0.7, -0.3], per: activation }
    """

@Suite struct PlanExpansionTests {
    @Test func workedExampleExpandsToProductOfSweepAndZip() throws {
        let s = try spec(workedExample)
        #expect(s.name == "samples")
        #expect(s.seed == 2017)
        #expect(s.trials == 10)
        #expect(s.description == "Error of tensor initialisation plus gradient descent against n.\n")
        #expect(s.plan.points.count == 6)
        #expect(s.plan.trialCount == 60)
        #expect(s.plan.trials.count == 60)
        let first = s.plan.points[0]
        #expect(first["activation"] == .string("relu"))
        #expect(first["patches"] == .integer(2))
        #expect(first["samples"] == .integer(640))
        #expect(first["dimension"] == .integer(16))
        #expect(first["samples_per_dimension"] == .integer(40))
        // Defaults fill in every other parameter.
        #expect(first["test_samples"] == .integer(10000))
        #expect(first["tolerance"] == .real(1e-10))
        #expect(first["learn_signs"] == .bool(false))
        #expect(first["step_size"] == .string("auto"))
        // Last sweep key (the zip) varies fastest.
        #expect(s.plan.points.map { $0.integer("patches") } == [2, 4, 8, 2, 4, 8])
        #expect(s.plan.points.map { $0.string("activation") } == ["relu", "relu", "relu", "squared-relu", "squared-relu", "squared-relu"])
        #expect(s.plan.varying == ["patches", "activation", "samples", "dimension"])
        #expect(s.warnings.isEmpty)
        #expect(s.plan.summary == "6 points × 10 trials = 60 trials; varying: patches (2, 4, 8), activation (relu, squared-relu), samples (640, 1280, 2560), dimension (16, 32, 64)")
    }

    @Test func chartsAndClaimsAreTyped() throws {
        let s = try spec(workedExample)
        let chart = try #require(s.charts.first)
        #expect(chart.id == "error-vs-samples")
        #expect(chart.kind == .line)
        #expect((chart.x, chart.y, chart.series) == ("samples", "error", "activation"))
        #expect(chart.logX && chart.logY)
        #expect(chart.theoryExpression?.variables == ["c", "x"])
        let claim = try #require(s.claims.first)
        #expect(claim.check.kind == .powerLaw)
        #expect(claim.check.exponent == -0.7 ... -0.3)
        #expect(claim.check.per == "activation")
    }

    @Test func noSweepIsOnePointOfDefaults() throws {
        let s = try spec("name: defaults\n")
        #expect(s.plan.points.count == 1)
        #expect(s.plan.trialCount == 10)
        let p = s.plan.points[0]
        #expect(p["samples"] == .integer(20000))
        #expect(p["dimension"] == .integer(32))
        #expect(p["kappa"] == .real(2))
        #expect(p.key == "dimension=32")
        #expect(s.plan.varying.isEmpty)
    }

    @Test func integersStayIntegers() throws {
        let s = try spec("name: x\nmodel:\n  samples: 3e4\n  kappa: 3\nsweep:\n  max_iterations: [500, 1000]\n")
        let p = s.plan.points[0]
        #expect(p["samples"] == .integer(30000))
        #expect(p["kappa"] == .real(3))
        #expect(p["max_iterations"] == .integer(500))
        #expect(p.key.contains("samples=30000"))
        #expect(p.key.contains("kappa=3.0"))
    }

    @Test func derivedRoundsWithinTolerance() throws {
        let s = try spec("""
            name: x
            sweep:
              eps: [0.1, 0.01]
            derived:
              samples: "ceil(1 / eps^2)"
              max_iterations: "round(100 * log(1 / eps))"
            """)
        #expect(s.plan.points.map { $0.integer("samples") } == [100, 10000])
        #expect(s.plan.points.map { $0.integer("max_iterations") } == [230, 461])
    }

    @Test func sweepingDimensionWithDerivedPatches() throws {
        let s = try spec("""
            name: dim
            model:
              patch_size: 4
            sweep:
              dimension: [8, 16, 64]
            derived:
              patches: dimension / patch_size
            """)
        #expect(s.plan.points.map { $0.integer("patches") } == [2, 4, 16])
        #expect(s.plan.points.map { $0.integer("dimension") } == [8, 16, 64])
    }

    @Test func inconsistentDimensionIsAnError() throws {
        let errors = specErrors("""
            name: dim
            model:
              patch_size: 4
            sweep:
              dimension: [8, 18]
            derived:
              patches: ceil(dimension / patch_size)
            """)
        let e = try #require(error(containing: "dimension 18 is not patch_size · patches = 4 · 5 = 20", in: errors))
        #expect(e.line == 5)
    }

    @Test func severalZipGroupsAdvanceIndependently() throws {
        let s = try spec("""
            name: x
            sweep:
              zip:
                - { patches: [2, 4], kernels: [1, 2] }
                - { samples: [100, 200], max_iterations: [10, 20] }
            """)
        #expect(s.plan.points.count == 4)
        #expect(s.plan.points.map { $0.integer("samples") } == [100, 200, 100, 200])
    }

    @Test func learnSignsDefaultsToTrueForRandomSigns() throws {
        let s = try spec("name: x\nmodel:\n  signs: random\n")
        #expect(s.plan.points[0]["learn_signs"] == .bool(true))
    }

    @Test func gradientToleranceIsAnAliasOfTolerance() throws {
        let s = try spec("name: x\nsolver:\n  gradient_tolerance: 1e-6\n")
        #expect(s.plan.points[0]["tolerance"] == .real(1e-6))
        let errors = specErrors("name: x\nsolver:\n  tolerance: 1e-6\n  gradient_tolerance: 1e-7\n")
        #expect(error(containing: "sets tolerance a second time", in: errors)?.line == 4)
    }

    @Test func unusedPerturbationIsAWarning() throws {
        let s = try spec("name: x\nsolver:\n  perturbation: 0.2\n")
        #expect(s.warnings.count == 1)
        #expect(s.warnings.first?.description == "test.yaml:3:17: warning: solver.perturbation: perturbation is set but no point uses init: perturbed, so it has no effect")
        let used = try spec("name: x\nsolver:\n  perturbation: 0.2\nsweep:\n  init: [tensor, perturbed]\n")
        #expect(used.warnings.isEmpty)
    }

    @Test func aSweepOverridesTheFixedValue() throws {
        let s = try spec("name: x\nmodel:\n  samples: 500\nsweep:\n  samples: [100, 200]\n")
        #expect(s.plan.points.map { $0.integer("samples") } == [100, 200])
    }

    @Test func sweptAndDerivedIsAnError() throws {
        let errors = specErrors("""
            name: x
            sweep:
              samples: [1, 2]
              m: [3, 4]
            derived:
              samples: m * 2
            """)
        #expect(error(containing: "samples is both swept (at test.yaml:3:3) and derived", in: errors)?.line == 6)
    }
}

@Suite struct PlanPointModelTests {
    @Test func pointsConvertToSolverTypes() throws {
        let s = try spec("""
            name: x
            model: { patch_size: 6, patches: 3, kernels: 2, activation: leaky-relu, leaky_slope: 0.2, signs: random, kappa: 4 }
            solver: { step_size: 0.05 }
            """)
        let p = s.plan.points[0]
        #expect(p.shape == NetworkShape(patchSize: 6, patchCount: 3, kernelCount: 2))
        #expect(p.activation == .leakyRelu(slope: 0.2))
        #expect(p.signs == .random)
        #expect(p.conditionNumber == 4)
        #expect(p.stepSize == 0.05)
        #expect(try spec("name: y\n").plan.points[0].stepSize == nil)
    }
}
