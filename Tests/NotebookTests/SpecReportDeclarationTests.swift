import Notebook
import Testing

/// Charts and claims are checked up front so a typo cannot fail a report after a long run.
@Suite struct SpecReportDeclarationTests {
    @Test func chartKindsAndDefaults() throws {
        let s = try spec("""
            name: x
            sweep:
              samples: [100, 200]
              kernels: [1, 2]
            charts:
              - { id: heat, kind: heatmap, x: samples, y: kernels }
              - { id: conv, kind: convergence, where: { samples: 200, kappa: 2 } }
            """)
        #expect(s.charts[0].z == "success_rate")
        #expect(s.charts[1].x == "iteration")
        #expect(s.charts[1].y == "loss")
        #expect(s.charts[1].filter == ["samples": .integer(200), "kappa": .real(2)])
    }

    @Test func chartErrors() throws {
        let errors = specErrors("""
            name: x
            charts:
              - id: Bad_Id
                kind: scatter
              - id: a
                x: sampels
                y: error
                colour: red
              - id: a
                x: samples
                y: error
                theory: "c * z"
                where: { kernals: 2 }
            """)
        #expect(error(containing: "chart id 'Bad_Id' must match", in: errors)?.line == 3)
        #expect(error(containing: "unknown chart kind 'scatter'", in: errors)?.valid == "line, heatmap, convergence")
        #expect(error(containing: "charts[1].x: unknown name 'sampels'; did you mean 'samples'?", in: errors)?.line == 6)
        #expect(error(containing: "unknown key 'colour' in a chart", in: errors)?.line == 8)
        #expect(error(containing: "duplicate chart id 'a' (first at test.yaml:5:9)", in: errors)?.line == 9)
        let theory = try #require(error(containing: "unknown name 'z' in formula", in: errors))
        #expect((theory.line, theory.column) == (12, 18))
        #expect(error(containing: "unknown parameter 'kernals'; did you mean 'kernels'?", in: errors)?.line == 13)
    }

    @Test func claimKinds() throws {
        let s = try spec("""
            name: x
            sweep:
              samples: [100, 200]
            claims:
              - { id: a, statement: s, check: { kind: linear_rate, y: loss } }
              - { id: b, statement: s, check: { kind: at_most, y: error, value: 0.01 } }
              - id: c
                statement: s
                check: { kind: less_than, y: error, where: { samples: 200 }, than: { samples: 100 } }
              - { id: d, statement: s, check: { kind: decreasing, x: samples, y: error, per: kernels } }
            """)
        #expect(s.claims.map(\.check.kind) == [.linearRate, .atMost, .lessThan, .decreasing])
        #expect(s.claims[0].check.minR2 == 0.95)
        #expect(s.claims[0].check.x == "iteration")
        #expect(s.claims[1].check.value == 0.01)
        #expect(s.claims[2].check.than == ["samples": .integer(100)])
    }

    @Test func claimErrors() throws {
        let errors = specErrors("""
            name: x
            claims:
              - { id: a, statement: s, check: { kind: power_law, x: samples, y: error } }
              - { id: b, statement: s, check: { kind: less_than, y: eror, where: { samples: 1 } } }
              - { id: c, statement: s, check: { kind: at_mots, y: error } }
              - { id: d, check: { kind: increasing, x: samples, y: error, exponent: [1, 0] } }
              - { id: e, statement: s, check: { kind: linear_rate, y: loss, min_r2: 2 } }
            """)
        let exponent = try #require(error(containing: "claims[0].check.exponent: missing required key 'exponent'", in: errors))
        #expect(exponent.valid == "power_law needs x, y, exponent")
        #expect(error(containing: "claims[1].check.than: missing required key 'than'", in: errors)?.line == 4)
        #expect(error(containing: "unknown name 'eror'; did you mean 'error'?", in: errors)?.line == 4)
        #expect(error(containing: "unknown check kind 'at_mots'; did you mean 'at_most'?", in: errors)?.line == 5)
        #expect(error(containing: "claims[3].statement: missing required key", in: errors)?.line == 6)
        #expect(error(containing: "expected [low, high] with low ≤ high", in: errors)?.line == 6)
        #expect(error(containing: "min_r2: 2.0 is out of range", in: errors)?.line == 7)
    }
}
