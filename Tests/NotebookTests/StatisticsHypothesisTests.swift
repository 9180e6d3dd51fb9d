import Notebook
import Testing

/// Mann–Whitney, Hodges–Lehmann, Fisher and Benjamini–Hochberg against SciPy 1.17.1.
@Suite("Statistics: hypothesis tests")
struct StatisticsHypothesisTests {
    let x = [1.1, 2.2, 2.2, 3.5, 4.0, 4.0, 4.0, 5.8, 6.1, 7.3, 8.0, 9.9]
    let y = [0.5, 1.1, 2.2, 2.9, 3.0, 3.0, 3.3, 4.0, 4.4, 5.0]

    // stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic')
    //   -> statistic 86.0, pvalue 0.0912065122962269 (swapped: 34.0, same p)
    // z by hand: ranks = stats.rankdata(x+y); U1 = ranks[:12].sum() - 78;
    //   s = sqrt(120/12*((23) - sum(t**3-t)/(22*21))); (U1 - 60 - 0.5)/s -> 1.6890674107177361
    @Test func mannWhitneyWithTiesMatchesSciPyAsymptotic() throws {
        let r = try #require(Statistics.mannWhitney(x, y))
        #expect(r.method == .asymptotic && r.hasTies)
        #expect(r.u == 86)
        #expect(statisticsClose(r.p, 0.0912065122962269, relative: 1e-12))
        #expect(statisticsClose(r.z, 1.6890674107177361, relative: 1e-12))
        let swapped = try #require(Statistics.mannWhitney(y, x))
        #expect(swapped.u == 34)
        #expect(statisticsClose(swapped.p, 0.0912065122962269, relative: 1e-12))
        #expect(statisticsClose(swapped.z, -1.6890674107177361, relative: 1e-12))
    }

    // stats.mannwhitneyu(a, b, alternative='two-sided', method='exact') for each case
    @Test func mannWhitneyExactMatchesSciPy() throws {
        let cases: [(a: [Double], b: [Double], u: Double, p: Double)] = [
            ([1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30],
             [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29], 58, 0.13591114767585355),
            ([0.8, 2.1, 3.3, 4.7, 5.2], [1.5, 6.0, 7.1, 8.4, 9.9, 10.5, 11.2], 4, 0.030303030303030304),
            ([1, 2, 3], [4, 5, 6], 0, 0.1),
        ]
        // The first pair has ties (1.06 and 1.29 twice each in b). SciPy, told
        // method='exact', ignores them; the exact null distribution assumes no ties,
        // so this library falls back to the asymptotic p there (checked below).
        for c in cases.dropFirst() {
            let r = try #require(Statistics.mannWhitney(c.a, c.b))
            #expect(r.method == .exact)
            #expect(r.u == c.u)
            #expect(statisticsClose(r.p, c.p, relative: 1e-13), "\(c.a) vs \(c.b)")
        }
        let tied = try #require(Statistics.mannWhitney(cases[0].a, cases[0].b, method: .exact))
        #expect(tied.method == .asymptotic)
        #expect(tied.u == 58)
        // ... method='asymptotic' on the same pair -> 0.13291945818531892
        #expect(statisticsClose(tied.p, 0.13291945818531892, relative: 1e-12))
    }

    // u, v: np.round(np.random.default_rng(3).normal(0,1,20),6), then .normal(0.8,1,18)
    // stats.mannwhitneyu(u, v, alternative='two-sided', method='exact') -> 64.0, 0.00043859377367495974
    //   method='asymptotic' -> 64.0, 0.0007336811734068043
    @Test func mannWhitneyExactAtTwentyAndAsymptoticAgree() throws {
        let u = [2.040919, -2.555665, 0.418099, -0.56777, -0.452649, -0.215597, -2.019986, -0.231932, -0.865213, 3.323,
                 0.225787, -0.352631, -0.281287, -0.668046, -1.055151, -0.390801, 0.481945, -0.238554, 0.957759, -0.199802]
        let v = [0.82426, 2.345821, 1.345106, 0.294771, 0.617161, 1.340525, 2.735088, 0.53038, 0.556441, 1.802314,
                 -0.08646, 0.50828, 1.682539, 1.38035, 0.891517, 1.470104, -2.028162, 1.821307]
        let exact = try #require(Statistics.mannWhitney(u, v))
        #expect(exact.method == .exact && exact.u == 64)
        #expect(statisticsClose(exact.p, 0.00043859377367495974, relative: 1e-12))
        let asymptotic = try #require(Statistics.mannWhitney(u, v, method: .asymptotic))
        #expect(statisticsClose(asymptotic.p, 0.0007336811734068043, relative: 1e-12))
    }

    @Test func mannWhitneyDegenerateInputs() throws {
        #expect(Statistics.mannWhitney([], [1, 2]) == nil)
        #expect(Statistics.mannWhitney([.nan], [1, 2]) == nil)
        let allTied = try #require(Statistics.mannWhitney([3, 3, 3], [3, 3]))
        #expect(allTied.p == 1 && allTied.z == 0 && allTied.u == 3)
        // A centred U gives p = 1 exactly (capped), not above 1.
        let centred = try #require(Statistics.mannWhitney([1, 4], [2, 3]))
        #expect(centred.p == 1)
    }

    // np.median(np.subtract.outer(x, y)) -> 1.5499999999999994
    @Test func hodgesLehmannShift() {
        #expect(statisticsClose(Statistics.hodgesLehmannShift(x, y) ?? 0, 1.5499999999999994, relative: 1e-14))
        #expect(Statistics.hodgesLehmannShift([1, 2, 3].map { $0 + 10 }, [1, 2, 3]) == 10)
        #expect(Statistics.hodgesLehmannShift([], [1]) == nil)
    }

    // stats.fisher_exact(table) -> (statistic, pvalue)
    @Test func fisherExactMatchesSciPy() throws {
        let cases: [(table: [Int], oddsRatio: Double, p: Double)] = [
            ([3, 1, 1, 3], 9.0, 0.48571428571428565),  // Fisher's tea-tasting lady
            ([8, 2, 1, 5], 20.0, 0.034965034965034975),
            ([1, 9, 11, 3], 0.030303030303030304, 0.0027594561852200836),
            ([0, 5, 5, 0], 0.0, 0.007936507936507938),
            ([10, 10, 10, 10], 1.0, 1.0),
            ([2, 7, 8, 2], 0.07142857142857142, 0.02301413756522116),
            ([100, 120, 95, 130], 1.1403508771929824, 0.5049178688974804),
            // Tables with two equally likely arrangements whose log-probabilities
            // differ only by rounding: without the 1 + 1e-7 tolerance the mirror
            // table is dropped and p halves.
            ([0, 2, 5, 3], 0.0, 0.44444444444444453),
            ([0, 2, 7, 5], 0.0, 0.46153846153846156),
        ]
        for c in cases {
            let t = c.table
            let r = try #require(Statistics.fisherExact(a: t[0], b: t[1], c: t[2], d: t[3]))
            #expect(statisticsClose(r.oddsRatio, c.oddsRatio, relative: 1e-14), "\(t)")
            #expect(statisticsClose(r.p, c.p, relative: 1e-10), "\(t): \(r.p)")
        }
    }

    // stats.fisher_exact([[0,0],[3,4]]) -> (nan, 1.0); [[1,0],[3,4]] -> (inf, 1.0)
    @Test func fisherExactDegenerateTables() throws {
        let emptyRow = try #require(Statistics.fisherExact(a: 0, b: 0, c: 3, d: 4))
        #expect(emptyRow.oddsRatio.isNaN && emptyRow.p == 1)
        let zeroCell = try #require(Statistics.fisherExact(a: 1, b: 0, c: 3, d: 4))
        #expect(zeroCell.oddsRatio == .infinity && statisticsClose(zeroCell.p, 1, relative: 1e-14))
        let empty = try #require(Statistics.fisherExact(a: 0, b: 0, c: 0, d: 0))
        #expect(empty.p == 1)
        #expect(Statistics.fisherExact(a: -1, b: 0, c: 0, d: 0) == nil)
    }

    // stats.false_discovery_control([0.01,0.04,0.03,0.005,0.2,0.5,0.04,0.9,0.0001])
    //   (same as R: p.adjust(c(0.01,0.04,0.03,0.005,0.2,0.5,0.04,0.9,0.0001), "BH"))
    @Test func benjaminiHochbergMatchesSciPy() {
        let p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9, 0.0001]
        let expected = [0.03, 0.06, 0.06, 0.0225, 0.2571428571428572, 0.5625, 0.06, 0.9, 0.0009000000000000001]
        let adjusted = Statistics.benjaminiHochberg(p)
        #expect(adjusted.count == expected.count)
        for (a, e) in zip(adjusted, expected) { #expect(statisticsClose(a, e, relative: 1e-14), "\(a) vs \(e)") }
    }

    @Test func benjaminiHochbergEdges() {
        #expect(Statistics.benjaminiHochberg([]) == [])
        #expect(Statistics.benjaminiHochberg([0.5, 0.5, 0.5]) == [0.5, 0.5, 0.5])
        // Capped at 1; NaN kept in place and not counted (R: p.adjust(c(0.6, NA, 0.9), "BH") -> 0.9 NA 0.9).
        let withMissing = Statistics.benjaminiHochberg([0.6, .nan, 0.9])
        #expect(withMissing[0] == 0.9 && withMissing[1].isNaN && withMissing[2] == 0.9)
        #expect(Statistics.benjaminiHochberg([0.8, 0.9]) == [0.9, 0.9])
        #expect(Statistics.benjaminiHochberg([0.7, 0.99, 0.98]).allSatisfy { $0 <= 1 })
    }
}
