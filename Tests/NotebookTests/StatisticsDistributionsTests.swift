import Notebook
import Testing

/// Reference values: SciPy 1.17.1,
///   python3 -c "from scipy import stats; print(repr(stats.norm.cdf(x)))"
/// and likewise `stats.norm.ppf(p)`, `stats.t.cdf(x, df)`, `stats.t.ppf(p, df)`,
/// `stats.t.sf(x, df)`, `stats.norm.sf(x)`, `scipy.special.betainc(a, b, x)`.
@Suite("Statistics: distributions")
struct StatisticsDistributionsTests {
    @Test func normalCDFMatchesSciPy() {
        let cases: [(Double, Double)] = [
            (-5, 2.866515718791933e-07),
            (-1.96, 0.024997895148220435), (0, 0.5), (0.5, 0.6914624612740131),
            (1.2345, 0.8914916766373298), (3, 0.9986501019683699), (8, 0.9999999999999993),
        ]
        for (x, expected) in cases {
            #expect(statisticsClose(Statistics.Normal.cdf(x), expected, relative: 1e-14), "Φ(\(x))")
        }
        // Deep tail: erfc's argument −x/√2 carries one rounding, amplified by
        // 2x² ≈ 1800 in relative terms, so expect ~1e-13 here.
        #expect(statisticsClose(Statistics.Normal.cdf(-30), 4.906713927147908e-198, relative: 1e-12))
        // stats.norm.sf(10) -> 7.61985302416047e-24
        #expect(statisticsClose(Statistics.Normal.survival(10), 7.61985302416047e-24, relative: 1e-13))
    }

    @Test func normalQuantileMatchesSciPy() {
        let cases: [(Double, Double)] = [
            (1e-300, -37.0470962993612), (1e-20, -9.262340089798409), (1e-10, -6.361340902404056),
            (0.001, -3.090232306167813), (0.025, -1.9599639845400545), (0.3, -0.5244005127080409),
            (0.5, 0), (0.7, 0.5244005127080407), (0.975, 1.959963984540054), (0.999999, 4.753424308817087),
        ]
        for (p, expected) in cases {
            #expect(statisticsClose(Statistics.Normal.quantile(p), expected, relative: 1e-14), "Φ⁻¹(\(p))")
        }
        #expect(Statistics.Normal.quantile(0) == -.infinity)
        #expect(Statistics.Normal.quantile(1) == .infinity)
        #expect(Statistics.Normal.quantile(1.5).isNaN)
    }

    /// (df, [t: cdf at −40, −3, −1, 0.3, 2.5], [p: ppf at 1e-10, 0.001, 0.025, 0.4, 0.95, 0.995])
    static let tTable: [(Double, [Double], [Double])] = [
        (1, [0.007956089912025812, 0.10241638234956672, 0.25000000000000006, 0.5927735790777423, 0.8788810584091566],
         [-3183098861.8379064, -318.30883898555044, -12.706204736174705, -0.32491969623290634, 6.313751514675037, 63.656741162871526]),
        (2, [0.0003122073360923703, 0.04773298313335456, 0.2113248654051871, 0.6037571695799112, 0.9351941398892446],
         [-70710.67810804816, -22.327124770119873, -4.302652729749464, -0.2886751345948128, 2.9199855803537242, 9.924843200918287]),
        (3, [1.7190340394579253e-05, 0.02883444281121865, 0.19550110947788524, 0.6081183539800405, 0.9561466764959672],
         [-2225.769284683093, -10.214531852407385, -3.1824463052837086, -0.2766706623326898, 2.3533634348018233, 5.840909309733355]),
        (4.5, [3.224782606460499e-07, 0.01719043394437981, 0.18400254194009424, 0.6112332264802843, 0.9700471567488997],
         [-241.117429191934, -6.421242884295792, -2.658912347204404, -0.2687518355421751, 2.065575888878524, 4.272823993011293]),
        (10, [1.1404288715428768e-12, 0.006671827511284785, 0.17044656615103, 0.6148396962171008, 0.9842765778816955],
         [-25.466008021697725, -4.143700494046589, -2.2281388519862753, -0.2601848294920803, 1.8124611228116756, 3.16927267261695]),
        (30, [6.863022597203209e-28, 0.0026949820328259727, 0.1626543077130151, 0.6168769473578236, 0.9909421754659666],
         [-9.377489780407144, -3.385184866829305, -2.042272456301238, -0.2556053649519128, 1.697260886593957, 2.7499956535672254]),
        (1000, [5.239426077586636e-210, 0.0013833545221190963, 0.15877620904233627, 0.617880247916378, 0.9937107160994546],
         [-6.427876283134213, -3.0984021639129233, -1.9623390808264085, -0.25341451583949876, 1.6463788172854643, 2.580754698065951]),
    ]

    @Test(arguments: 0..<7)
    func studentTMatchesSciPy(row: Int) {
        let (df, cdfs, ppfs) = Self.tTable[row]
        let t = Statistics.StudentT(degreesOfFreedom: df)
        for (x, expected) in zip([-40.0, -3, -1, 0.3, 2.5], cdfs) {
            #expect(statisticsClose(t.cdf(x), expected, relative: 1e-12), "df=\(df) cdf(\(x))")
        }
        for (p, expected) in zip([1e-10, 0.001, 0.025, 0.4, 0.95, 0.995], ppfs) {
            #expect(statisticsClose(t.quantile(p), expected, relative: 1e-11), "df=\(df) ppf(\(p))")
        }
    }

    @Test func studentTSurvivalAndEdges() {
        let t3 = Statistics.StudentT(degreesOfFreedom: 3)
        // stats.t.sf(50, 3) -> 8.808576020635984e-06
        #expect(statisticsClose(t3.survival(50), 8.808576020635984e-06, relative: 1e-12))
        #expect(t3.cdf(0) == 0.5)
        #expect(t3.quantile(0.5) == 0)
        #expect(t3.quantile(0) == -.infinity && t3.quantile(1) == .infinity)
        #expect(Statistics.StudentT(degreesOfFreedom: 0).cdf(1).isNaN)
        #expect(Statistics.StudentT(degreesOfFreedom: .infinity).cdf(-1.96) == Statistics.Normal.cdf(-1.96))
        // The quantile inverts the CDF across the range.
        for p in stride(from: 0.01, through: 0.99, by: 0.07) {
            #expect(statisticsClose(t3.cdf(t3.quantile(p)), p, relative: 1e-13))
        }
    }

    // Large (Welch-sized) and near-zero arguments:
    // stats.t.cdf(-3, 1e6) -> 0.0013499312707109; stats.t.ppf(0.025, 1e5) -> -1.95998770753461
    // stats.t.sf(6, 2.5e4) -> 1.0001557842925105e-09; stats.t.cdf(1e-8, 7) -> 0.5000000038499145
    // stats.t.ppf(0.5 + 1e-12, 7) -> 2.597402815000084e-12
    @Test func studentTAtLargeDegreesOfFreedomAndNearZero() {
        #expect(statisticsClose(Statistics.StudentT(degreesOfFreedom: 1e6).cdf(-3), 0.0013499312707109, relative: 1e-11))
        #expect(statisticsClose(Statistics.StudentT(degreesOfFreedom: 1e5).quantile(0.025), -1.95998770753461, relative: 1e-12))
        #expect(statisticsClose(Statistics.StudentT(degreesOfFreedom: 2.5e4).survival(6), 1.0001557842925105e-09, relative: 1e-10))
        let t7 = Statistics.StudentT(degreesOfFreedom: 7)
        #expect(statisticsClose(t7.cdf(1e-8), 0.5000000038499145, relative: 1e-15))
        #expect(statisticsClose(t7.quantile(0.5 + 1e-12), 2.597402815000084e-12, relative: 1e-4))
    }

    // scipy.special.betainc(a, b, x)
    @Test func incompleteBetaMatchesSciPy() {
        let cases: [(a: Double, b: Double, x: Double, expected: Double)] = [
            (0.5, 0.5, 0.3, 0.36901011956554536), (2, 3, 0.4, 0.5247999999999999),
            (10, 0.5, 0.99, 0.6579281751567845), (100, 200, 0.33, 0.45661816333399713), (1, 1, 0.7, 0.7),
        ]
        for c in cases {
            let value = Statistics.regularizedIncompleteBeta(x: c.x, a: c.a, b: c.b)
            #expect(statisticsClose(value, c.expected, relative: 1e-12), "I_\(c.x)(\(c.a), \(c.b))")
        }
        #expect(Statistics.regularizedIncompleteBeta(x: 1.2, a: 1, b: 1).isNaN)
        #expect(Statistics.regularizedIncompleteBeta(x: 0.5, a: -1, b: 1).isNaN)
    }

    @Test func logGamma() {
        // ln Γ(10) = ln 362880
        #expect(statisticsClose(Statistics.logGamma(10), 12.801827480081469, relative: 1e-14))
        #expect(statisticsClose(Statistics.logBeta(2, 3), -2.4849066497880004, relative: 1e-14))
        // The Stirling branch for large arguments, against 40-digit mpmath:
        //   python3 -c "import mpmath; mpmath.mp.dps=40; print(mpmath.log(mpmath.beta(a, b)))"
        // (scipy.special.betaln(5e5, 0.5) gives -5.988816495984793, off by 2e-10;
        // the other three agree with SciPy to 1e-16.)
        let cases: [(Double, Double, Double)] = [
            (5e5, 0.5, -5.9888164957774643103), (150, 200.5, -240.60374948974317157),
            (1e8, 3, -54.568895081297150857), (99.5, 0.5, -1.7264576030376242197),
        ]
        for (a, b, expected) in cases {
            #expect(statisticsClose(Statistics.logBeta(a, b), expected, relative: 1e-13), "betaln(\(a), \(b))")
            #expect(statisticsClose(Statistics.logBeta(b, a), expected, relative: 1e-13))
        }
        #expect(Statistics.logBeta(0, 1).isNaN)
    }
}
