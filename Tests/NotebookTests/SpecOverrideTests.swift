import Notebook
import Testing

/// Profiles and `--set` flags are laid over the file before validation.
@Suite struct SpecOverrideTests {
    static let base = """
        name: x
        trials: 10
        model:
          kernels: 3
        solver:
          max_iterations: 2000
        sweep:
          samples: [1000, 2000, 5000]
          activation: [relu, squared-relu]
        profiles:
          quick: { trials: 3, sweep: { samples: [1000, 10000] }, solver: { max_iterations: 50 } }
          relu-only:
            sweep:
              activation: [relu]
            model:
              kernels: 2
        """

    @Test func profileReplacesSweepListsAndMergesMaps() throws {
        let s = try spec(Self.base, profile: "quick")
        #expect(s.profile == "quick")
        #expect(s.trials == 3)
        #expect(s.plan.points.map { $0.integer("samples") } == [1000, 1000, 10000, 10000])
        #expect(s.plan.points.allSatisfy { $0.integer("max_iterations") == 50 && $0.integer("kernels") == 3 })
        let other = try spec(Self.base, profile: "relu-only")
        #expect(other.plan.points.count == 3)
        #expect(other.plan.points.allSatisfy { $0.string("activation") == "relu" && $0.integer("kernels") == 2 })
    }

    @Test func unknownProfileListsTheAvailableOnes() throws {
        let errors = specErrors(Self.base, profile: "quik")
        let e = try #require(error(containing: "unknown profile 'quik'; did you mean 'quick'?", in: errors))
        #expect(e.valid == "available: quick, relu-only")
        #expect(e.line == 11)
    }

    @Test func missingProfileIsAnErrorUnlessOptional() throws {
        let errors = specErrors("name: x\n", profile: "quick")
        #expect(error(containing: "unknown profile 'quick'", in: errors)?.valid == "this file defines no profiles")
        let s = try spec("name: x\n", profile: "quick", profileOptional: true)
        #expect(s.profile == nil)
        #expect(s.trials == 10)
    }

    @Test func setOverridesFixedValues() throws {
        let s = try spec(Self.base, overrides: ["solver.max_iterations=500", "model.kernels=4", "trials=20"])
        #expect(s.trials == 20)
        #expect(s.plan.points.allSatisfy { $0.integer("max_iterations") == 500 && $0.integer("kernels") == 4 })
    }

    @Test func setOnASweptKeyReplacesTheListWithOneValue() throws {
        let s = try spec(Self.base, overrides: ["model.samples=3000"])
        #expect(s.plan.points.count == 2)
        #expect(s.plan.points.allSatisfy { $0.integer("samples") == 3000 })
        #expect(!s.sweep.contains { $0.names.contains("samples") })
    }

    @Test func setReplacesASweepList() throws {
        let s = try spec(Self.base, overrides: ["sweep.samples=[100, 200, 300, 400]"])
        #expect(s.plan.points.count == 8)
    }

    @Test func setAppliesAfterTheProfile() throws {
        let s = try spec(Self.base, profile: "quick", overrides: ["trials=5"])
        #expect(s.trials == 5)
    }

    @Test func setIsValidatedLikeAFileValueAndNamesTheFlag() throws {
        let errors = specErrors(Self.base, overrides: ["model.kernls=4", "solver.max_iterations=-3", "model.activation=relu3"])
        let unknown = try #require(error(containing: "unknown key 'kernls' in model; did you mean 'kernels'?", in: errors))
        #expect(unknown.description.hasPrefix("--set model.kernls=4: model.kernls: "))
        #expect(unknown.location.override == "model.kernls=4")
        let range = try #require(error(containing: "max_iterations", in: errors))
        #expect(range.description.hasPrefix("--set solver.max_iterations=-3: solver.max_iterations: -3 is out of range"))
        #expect(error(containing: "--set model.activation=relu3: model.activation: unknown activation 'relu3'", in: errors) != nil)
    }

    @Test func setMalformed() throws {
        let errors = specErrors(Self.base, overrides: ["trials", "model..kernels=3", "sweep.samples=[1, 2"])
        #expect(error(containing: "--set trials: expected key=value", in: errors) != nil)
        #expect(error(containing: "not a dotted key path", in: errors) != nil)
        #expect(error(containing: "--set sweep.samples=[1, 2: YAML syntax error", in: errors) != nil)
    }

    @Test func setCannotChangeProfiles() throws {
        let errors = specErrors(Self.base, overrides: ["profiles.quick.trials=1"])
        #expect(error(containing: "--set profiles.quick.trials=1: profiles: profiles cannot be changed with --set", in: errors) != nil)
    }

    @Test func setOnAZippedKeyExplains() throws {
        let errors = specErrors("""
            name: x
            sweep:
              zip:
                patches: [2, 4]
                kernels: [1, 2]
            """, overrides: ["model.patches=8"])
        let e = try #require(error(containing: "cannot fix 'patches': it is swept in a zip together with kernels", in: errors))
        #expect(e.location.override == "model.patches=8")
        #expect(e.message.contains("test.yaml:4:5"))
    }

    @Test func setOnADerivedKeyReplacesTheFormula() throws {
        let s = try spec("""
            name: x
            sweep:
              m: [1, 2]
            derived:
              samples: m * 1000
              max_iterations: m * 100
            """, overrides: ["solver.max_iterations=7"])
        #expect(s.plan.points.map { $0.integer("max_iterations") } == [7, 7])
        #expect(s.plan.points.map { $0.integer("samples") } == [1000, 2000])
    }
}
