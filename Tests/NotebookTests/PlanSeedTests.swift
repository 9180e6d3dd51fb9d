import ConvRecovery
import Notebook
import Testing

/// A trial's seed depends on what it is, never on where it sits in the plan.
@Suite struct PlanSeedTests {
    static func seeds(_ s: ExperimentSpec) -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: s.plan.trials.map { ($0.id, $0.seed) })
    }

    static let base = """
        name: x
        seed: 7
        trials: 3
        sweep:
          samples: [1000, 2000, 5000]
          activation: [relu, tanh]
        """

    @Test func seedsDoNotDependOnSweepOrder() throws {
        let a = Self.seeds(try spec(Self.base))
        let reordered = Self.seeds(try spec("""
            name: x
            seed: 7
            trials: 3
            sweep:
              activation: [tanh, relu]
              samples: [5000, 1000, 2000]
            """))
        #expect(a.count == 18)
        #expect(a == reordered)
    }

    @Test func addingPointsOrTrialsKeepsExistingSeeds() throws {
        let a = Self.seeds(try spec(Self.base))
        let more = Self.seeds(try spec(Self.base, overrides: ["sweep.samples=[500, 1000, 2000, 5000, 10000]", "trials=5"]))
        #expect(more.count == 50)
        for (id, seed) in a { #expect(more[id] == seed, "\(id)") }
    }

    @Test func writingADefaultExplicitlyKeepsSeeds() throws {
        let a = Self.seeds(try spec(Self.base))
        let explicit = Self.seeds(try spec(Self.base + "\nmodel:\n  kappa: 2.0\n  patch_size: 8\n"))
        #expect(a == explicit)
    }

    @Test func seedsDifferAcrossPointsTrialsAndMasterSeeds() throws {
        let s = try spec(Self.base)
        let all = s.plan.trials.map(\.seed)
        #expect(Set(all).count == all.count)
        let other = Self.seeds(try spec(Self.base, overrides: ["seed=8"]))
        #expect(Set(other.values).isDisjoint(with: Set(all)))
    }

    @Test func seedIsTheDocumentedDerivation() throws {
        let s = try spec("name: x\nseed: 2017\nmodel:\n  samples: 1000\n")
        let trial = s.plan.trials[1]
        #expect(trial.trial == 1)
        #expect(trial.point.key == "dimension=32,samples=1000")
        #expect(trial.id == "dimension=32,samples=1000#1")
        #expect(trial.seed == Plan.trialSeed(masterSeed: 2017, point: trial.point, trial: 1))
        var stream = RandomSource(seed: 2017, path: [
            "trial", "dimension", .integer(32), "samples", .integer(1000), "index", .integer(1),
        ]).stream
        #expect(trial.seed == stream.next())
        #expect(trial.seed == Plan.trialSeed(masterSeed: 2017, point: PlanPoint(index: 99, values: trial.point.values), trial: 1))
    }

    @Test func learnSignsIsPartOfTheKeyOnlyWhenItDiffersFromItsDefault() throws {
        let implicit = try spec("name: x\nmodel:\n  signs: random\n")
        let explicit = try spec("name: x\nmodel:\n  signs: random\nsolver:\n  learn_signs: true\n")
        #expect(implicit.plan.points[0].key == explicit.plan.points[0].key)
        let fixedSigns = try spec("name: x\nmodel:\n  signs: random\nsolver:\n  learn_signs: false\n")
        #expect(fixedSigns.plan.points[0].key == #"dimension=32,learn_signs=false,signs="random""#)
    }

    @Test func pointKeysAreCanonicalAndSorted() throws {
        let s = try spec(Self.base + "\nsolver:\n  step_size: 0.5\n")
        let key = s.plan.points[0].key
        #expect(key == #"activation="relu",dimension=32,samples=1000,step_size=0.5"#)
        #expect(Set(s.plan.points.map(\.key)).count == s.plan.points.count)
    }

    @Test func zipRowsThatRepeatAPointAreAnError() throws {
        let errors = specErrors("""
            name: x
            sweep:
              zip:
                m: [1, 1]
                kernels: [2, 2]
            derived:
              samples: m * 100
            """)
        #expect(error(containing: "two sweep steps give the same point", in: errors)?.line == 4)
    }
}
