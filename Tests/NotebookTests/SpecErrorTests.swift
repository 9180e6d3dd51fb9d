import Notebook
import Testing

/// Every kind of bad input gives a located error naming the key and what is valid.
@Suite struct SpecErrorTests {
    @Test func unknownKeySuggestsTheClosest() throws {
        let errors = specErrors("""
            name: x
            model:
              kernals: 3
            """)
        let e = try #require(error(containing: "unknown key 'kernals' in model", in: errors))
        #expect(e.description.contains("did you mean 'kernels'?"))
        #expect((e.line, e.column) == (3, 3))
        #expect(e.keyPath == "model.kernals")
        #expect(e.description.hasPrefix("test.yaml:3:3: model.kernals: "))
        #expect(e.valid?.contains("patch_size") == true)
    }

    @Test func solverKeyInModelSaysWhereItBelongs() throws {
        let errors = specErrors("name: x\nmodel:\n  max_iterations: 5\n")
        let e = try #require(error(containing: "belongs under solver", in: errors))
        #expect((e.line, e.column) == (3, 3))
    }

    @Test func unknownTopLevelKey() throws {
        let errors = specErrors("name: x\ntrails: 3\n")
        let e = try #require(error(containing: "unknown key 'trails'", in: errors))
        #expect(e.description.contains("did you mean 'trials'?"))
        #expect((e.line, e.column) == (2, 1))
    }

    @Test func unknownActivationInSweepHasTheIssueFormat() throws {
        let errors = specErrors("""
            name: samples
            sweep:
              activation: [relu, relu3]
            """, file: "experiments/samples.yaml")
        let e = try #require(error(containing: "relu3", in: errors))
        #expect(e.description == "experiments/samples.yaml:3:22: sweep.activation[1]: unknown activation 'relu3'; did you mean 'relu'? (valid: relu, leaky-relu, squared-relu, sigmoid, tanh)")
    }

    @Test func wrongTypes() throws {
        let errors = specErrors("""
            name: x
            trials: many
            model:
              patch_size: eight
              noise: "0.1"
            solver:
              resample: maybe
            sweep: [1, 2]
            """)
        #expect(errors.count == 5)
        let trials = try #require(error(containing: "expected an integer, found a string 'many'", in: errors))
        #expect((trials.line, trials.column, trials.keyPath) == (2, 9, "trials"))
        let size = try #require(error(containing: "'eight'", in: errors))
        #expect((size.line, size.column, size.keyPath) == (4, 15, "model.patch_size"))
        let noise = try #require(error(containing: "model.noise", in: errors))
        #expect(noise.message.contains("expected number, found a string"))
        let resample = try #require(error(containing: "maybe", in: errors))
        #expect((resample.line, resample.keyPath) == (7, "solver.resample"))
        let sweep = try #require(error(containing: "sweep: expected a mapping, found a list", in: errors))
        #expect((sweep.line, sweep.column) == (8, 8))
    }

    @Test func integersMustBeWhole() throws {
        let errors = specErrors("name: x\nmodel:\n  samples: 1000.5\n")
        let e = try #require(error(containing: "'1000.5' is not an integer", in: errors))
        #expect((e.line, e.column) == (3, 12))
    }

    @Test(arguments: [
        ("kappa: 0.5", "model.kappa", "≥ 1"),
        ("noise: -1", "model.noise", "≥ 0"),
        ("leaky_slope: 1", "model.leaky_slope", "0 ≤ value < 1"),
        ("patches: 0", "model.patches", "a positive integer"),
        ("samples: -5", "model.samples", "a positive integer"),
    ])
    func outOfRangeModelValues(line: String, keyPath: String, valid: String) throws {
        let errors = specErrors("name: x\nmodel:\n  \(line)\n")
        let e = try #require(error(containing: "out of range", in: errors))
        #expect(e.keyPath == keyPath)
        #expect(e.line == 3)
        #expect(e.valid?.contains(valid) == true)
    }

    @Test func outOfRangeSolverValues() throws {
        let errors = specErrors("""
            name: x
            solver:
              perturbation: 0
              step_size: -0.1
              success_threshold: 0
            """)
        #expect(errors.count == 3)
        #expect(error(containing: "solver.perturbation: 0.0 is out of range", in: errors)?.line == 3)
        #expect(error(containing: "solver.step_size", in: errors)?.valid == "auto, or a number > 0")
        #expect(error(containing: "solver.success_threshold", in: errors)?.line == 5)
    }

    @Test func moreKernelsThanPatchLengthNamesBoth() throws {
        let errors = specErrors("name: x\nmodel:\n  patch_size: 4\n  kernels: 5\n")
        let e = try #require(error(containing: "kernels (t = 5) must be at most patch_size (k = 4)", in: errors))
        #expect((e.line, e.column, e.keyPath) == (4, 12, "model.kernels"))
    }

    @Test func moreKernelsThanPatchLengthInASweepNamesThePoint() throws {
        let errors = specErrors("""
            name: x
            model:
              patch_size: 4
            sweep:
              kernels: [2, 5, 6]
            """)
        let e = try #require(error(containing: "t = 5", in: errors))
        #expect(e.message.contains("at point (kernels=5)"))
        #expect(e.message.contains("(and 1 more point)"))
        #expect((e.line, e.column) == (5, 3))
    }

    @Test func randomSignsWithSigmoidAreNotIdentifiable() throws {
        let errors = specErrors("name: x\nmodel:\n  activation: tanh\n  signs: random\n")
        let e = try #require(error(containing: "output signs are not identifiable for sigmoid/tanh", in: errors))
        #expect((e.line, e.column) == (4, 10))
    }

    @Test func emptySweep() throws {
        let errors = specErrors("name: x\nsweep:\n  samples: []\n")
        let e = try #require(error(containing: "empty sweep list", in: errors))
        #expect((e.line, e.column, e.keyPath) == (3, 12, "sweep.samples"))
    }

    @Test func zipListsOfUnequalLength() throws {
        let errors = specErrors("""
            name: x
            sweep:
              zip:
                patches: [2, 4, 8]
                kernels: [1, 2]
            """)
        let e = try #require(error(containing: "zip lists must have equal length: kernels has 2 values, patches has 3", in: errors))
        #expect((e.line, e.column, e.keyPath) == (5, 14, "sweep.zip.kernels"))
    }

    @Test func keySweptInSweepAndZip() throws {
        let errors = specErrors("""
            name: x
            sweep:
              samples: [1000, 2000]
              zip:
                samples: [10, 20]
                patches: [2, 4]
            """)
        let e = try #require(error(containing: "samples is swept twice (also at test.yaml:3:3)", in: errors))
        #expect((e.line, e.column, e.keyPath) == (5, 5, "sweep.zip.samples"))
    }

    @Test func duplicateSweepValue() throws {
        let errors = specErrors("name: x\nsweep:\n  samples: [1000, 2000, 1e3]\n")
        let e = try #require(error(containing: "1000 is listed twice", in: errors))
        #expect(e.keyPath == "sweep.samples[2]")
    }

    @Test func unparseableFormulaPointsInsideTheString() throws {
        let errors = specErrors("""
            name: x
            sweep:
              per_dim: [10, 20]
            derived:
              samples: "per_dim * * patches"
            """)
        let e = try #require(error(containing: "cannot parse formula", in: errors))
        // The string opens at column 12; the second '*' is 11 characters in.
        #expect((e.line, e.column, e.keyPath) == (5, 23, "derived.samples"))
        #expect(e.message.contains("at character 11"))
    }

    @Test func unknownNameInFormula() throws {
        let errors = specErrors("""
            name: x
            sweep:
              per_dim: [10, 20]
            derived:
              samples: per_dim * patch_sise
            """)
        let e = try #require(error(containing: "unknown name 'patch_sise' in formula; did you mean 'patch_size'?", in: errors))
        #expect((e.line, e.column) == (5, 22))
    }

    @Test func cycleInDerived() throws {
        let errors = specErrors("""
            name: x
            derived:
              samples: "kernels * 100"
              kernels: "samples / 100"
            """)
        let e = try #require(error(containing: "derived parameters form a cycle: samples → kernels → samples", in: errors))
        #expect((e.line, e.column) == (3, 3))
    }

    @Test func derivingPatchesFromDimensionWithoutSweepingItIsACycle() throws {
        let errors = specErrors("name: x\nderived:\n  patches: dimension / patch_size\n")
        let e = try #require(error(containing: "cycle: patches → dimension → patches", in: errors))
        #expect(e.message.contains("unless dimension is swept"))
    }

    @Test func divisionByZeroNamesThePoint() throws {
        let errors = specErrors("""
            name: x
            sweep:
              per_dim: [0, 10]
            derived:
              samples: 1000 / per_dim
            """)
        let e = try #require(error(containing: "division by zero", in: errors))
        #expect(e.message.contains("at point (per_dim=0)"))
        #expect((e.line, e.column) == (5, 12))
    }

    @Test func derivedIntegersMustComeOutWhole() throws {
        let errors = specErrors("""
            name: x
            sweep:
              per_dim: [1.5, 2]
            derived:
              samples: per_dim * 3
            """)
        let e = try #require(error(containing: "must be an integer, but the formula gives 4.5", in: errors))
        #expect(e.message.contains("per_dim=1.5"))
    }

    @Test func unusedFreeVariableIsAnUnknownKey() throws {
        let errors = specErrors("name: x\nsweep:\n  sampels: [1, 2]\n")
        let e = try #require(error(containing: "unknown key 'sampels' in sweep; did you mean 'samples'?", in: errors))
        #expect((e.line, e.column) == (3, 3))
    }

    @Test func sweepingDimensionNeedsADerivedPatchCount() throws {
        let errors = specErrors("name: x\nsweep:\n  dimension: [16, 32]\n")
        #expect(error(containing: "dimension can be swept only when patches or patch_size is derived", in: errors)?.line == 3)
    }

    @Test(arguments: ["Samples", "-x", "a_b", "x y"])
    func badNamePattern(name: String) throws {
        let errors = specErrors("name: \"\(name)\"\n")
        let e = try #require(error(containing: "invalid experiment name", in: errors))
        #expect((e.line, e.column) == (1, 7))
    }

    @Test func missingName() throws {
        let errors = specErrors("trials: 3\n")
        #expect(error(containing: "name: missing required key", in: errors)?.line == 1)
    }

    @Test func yamlSyntaxErrorIsLocated() throws {
        let errors = specErrors("name: x\nmodel:\n  kernels: [1, 2\n")
        let e = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(e.message.hasPrefix("YAML syntax error"))
        #expect(e.line >= 3)
    }

    @Test func duplicateYAMLKey() throws {
        let errors = specErrors("name: x\ntrials: 3\ntrials: 4\n")
        #expect(error(containing: "duplicate key 'trials'", in: errors) != nil)
    }

    @Test func everyErrorOfAFileIsReportedInReadingOrder() throws {
        let errors = specErrors("""
            name: Bad_Name
            trials: 0
            model:
              kernals: 3
              kappa: 0
            solver:
              init: tensr
            sweep:
              samples: []
            """)
        #expect(errors.map(\.line) == [1, 2, 4, 5, 7, 9])
        #expect(error(containing: "unknown init 'tensr'; did you mean 'tensor'?", in: errors) != nil)
        #expect(SpecErrors(errors).description.split(separator: "\n").count == 6)
    }
}

@Suite struct SpecErrorStagesTests {
    @Test func pointErrorsAreReportedWithReportDeclarationErrors() throws {
        let errors = specErrors("""
            trials: 0
            model:
              patch_size: 2
            charts:
              - { id: a, x: samples, y: eror }
            """)
        #expect(errors.map(\.line) == [1, 1, 3, 5])
        #expect(error(containing: "kernels (t = 3) must be at most patch_size (k = 2)", in: errors)?.keyPath == "model.patch_size")
        #expect(error(containing: "name: missing required key", in: errors) != nil)
    }

    @Test func aBadFreeVariableListIsReportedOnce() throws {
        let errors = specErrors("""
            name: x
            sweep:
              zip:
                m: [1, 2, 3]
                kernels: [1, 2]
            derived:
              samples: m * 100
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("zip lists must have equal length") == true)
    }

    @Test func aliasDerivedTwice() throws {
        let errors = specErrors("name: x\nderived:\n  tolerance: 1e-3\n  gradient_tolerance: 1e-4\n")
        #expect(error(containing: "'gradient_tolerance' derives tolerance a second time (also at test.yaml:3:3)", in: errors)?.line == 4)
    }

    @Test func pointErrorsWaitForValidInputs() throws {
        // kernels: x falls back to nothing; reporting t > k for a default would mislead.
        let errors = specErrors("name: x\nmodel:\n  patch_size: 2\n  kernels: x\n")
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath == "model.kernels")
    }
}
