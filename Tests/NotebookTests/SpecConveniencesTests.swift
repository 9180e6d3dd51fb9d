import Notebook
import Testing

@Suite struct SpecConveniencesTests {
    @Test func emptySectionsAndAnchors() throws {
        let s = try spec("""
            name: x
            x-sizes: &sizes [1000, 2000]
            model:
            solver:
            sweep:
              samples: *sizes
            """)
        #expect(s.plan.points.map { $0.integer("samples") } == [1000, 2000])
    }

    @Test func wholeFreeVariablesAreIntegers() throws {
        let s = try spec("name: x\nsweep:\n  m: [2.0, 2.5]\nderived:\n  samples: m * 1000\n")
        #expect(s.plan.points.map { $0["m"] } == [.integer(2), .real(2.5)])
    }

    @Test func choiceParametersCannotBeReadByFormulas() throws {
        let errors = specErrors("name: x\nderived:\n  samples: activation * 2\n")
        #expect(error(containing: "'activation' is not a number", in: errors)?.line == 3)
    }
}
