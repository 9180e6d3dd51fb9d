import Notebook
import Testing

/// TOST references computed by hand in Python (SciPy 1.17.1), script:
///   def tost_ratio(x, y, tol):
///       lx, ly = np.log(x), np.log(y); d = lx.mean() - ly.mean()
///       v1, v2 = lx.var(ddof=1)/len(x), ly.var(ddof=1)/len(y); se = math.sqrt(v1 + v2)
///       nu = (v1+v2)**2/(v1**2/(len(x)-1) + v2**2/(len(y)-1)); delta = math.log(1 + tol)
///       tl, tu = (d+delta)/se, (d-delta)/se; pl, pu = stats.t.sf(tl, nu), stats.t.cdf(tu, nu)
///       return math.exp(d), nu, tl, tu, pl, pu, max(pl, pu)
///   def tost_prop(k1, n1, k2, n2, m):
///       p1, p2 = k1/n1, k2/n2; d = p1 - p2; se = math.sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
///       zl, zu = (d+m)/se, (d-m)/se; pl, pu = stats.norm.sf(zl), stats.norm.cdf(zu)
///       return d, zl, zu, pl, pu, max(pl, pu)
@Suite("Statistics: equivalence (TOST)")
struct StatisticsEquivalenceTests {
    // tost_ratio([1.02,0.97,1.10,1.05,0.99,1.01,1.03,0.96], [1.00,1.04,0.98,1.07,1.01,0.95,1.02], 0.1)
    @Test func ratioTestShowsEquivalence() throws {
        let r = try #require(Statistics.Equivalence.ratioTest(
            [1.02, 0.97, 1.10, 1.05, 0.99, 1.01, 1.03, 0.96], [1.00, 1.04, 0.98, 1.07, 1.01, 0.95, 1.02], tolerance: 0.1))
        #expect(statisticsClose(r.estimate, 1.0059726480766935, relative: 1e-13))
        #expect(statisticsClose(r.degreesOfFreedom, 12.99729327255176, relative: 1e-12))
        #expect(statisticsClose(r.statisticLower, 4.725620979130383, relative: 1e-12))
        #expect(statisticsClose(r.statisticUpper, -4.169841579856207, relative: 1e-12))
        #expect(statisticsClose(r.pLower, 0.00019834218585783165, relative: 1e-10))
        #expect(statisticsClose(r.pUpper, 0.0005500910773800707, relative: 1e-10))
        #expect(r.p == r.pUpper)
        #expect(r.isEquivalent())
        #expect(statisticsClose(r.lowerMargin, 1 / 1.1, relative: 1e-15) && r.upperMargin == 1.1)
    }

    // tost_ratio([2.0,2.5,1.8,2.2,2.9,2.4], [1.0,1.3,0.9,1.2,1.1], 0.1)
    @Test func ratioTestRejectsEquivalenceOfDoubledValues() throws {
        let r = try #require(Statistics.Equivalence.ratioTest([2.0, 2.5, 1.8, 2.2, 2.9, 2.4], [1.0, 1.3, 0.9, 1.2, 1.1], tolerance: 0.1))
        #expect(statisticsClose(r.estimate, 2.0835013189514315, relative: 1e-13))
        #expect(statisticsClose(r.degreesOfFreedom, 8.977341791337764, relative: 1e-12))
        #expect(statisticsClose(r.pLower, 5.4972046459721e-06, relative: 1e-10))
        #expect(statisticsClose(r.pUpper, 0.9999568732495914, relative: 1e-12))
        #expect(statisticsClose(r.p, 0.9999568732495914, relative: 1e-12))
        #expect(!r.isEquivalent())
        // The log-symmetric margins make the test symmetric in its samples.
        let swapped = try #require(Statistics.Equivalence.ratioTest([1.0, 1.3, 0.9, 1.2, 1.1], [2.0, 2.5, 1.8, 2.2, 2.9, 2.4], tolerance: 0.1))
        #expect(statisticsClose(swapped.p, r.p, relative: 1e-12))
    }

    @Test func ratioTestDegenerateInputs() throws {
        #expect(Statistics.Equivalence.ratioTest([1], [1, 2], tolerance: 0.1) == nil)
        #expect(Statistics.Equivalence.ratioTest([1, 0], [1, 2], tolerance: 0.1) == nil)
        #expect(Statistics.Equivalence.ratioTest([1, 2], [1, 2], tolerance: 0) == nil)
        let same = try #require(Statistics.Equivalence.ratioTest([2, 2, 2], [2, 2], tolerance: 0.05))
        #expect(same.p == 0 && same.estimate == 1)
        let apart = try #require(Statistics.Equivalence.ratioTest([2, 2, 2], [1, 1], tolerance: 0.05))
        #expect(apart.p == 1)
    }

    // tost_prop(180, 200, 172, 200, 0.1) and tost_prop(30, 50, 20, 50, 0.1)
    @Test func proportionTestMatchesHandComputation() throws {
        let equivalent = try #require(Statistics.Equivalence.proportionTest(
            successes1: 180, trials1: 200, successes2: 172, trials2: 200, margin: 0.1))
        #expect(statisticsClose(equivalent.estimate, 0.040000000000000036, relative: 1e-13))
        #expect(statisticsClose(equivalent.statisticLower, 4.316384911847453, relative: 1e-13))
        #expect(statisticsClose(equivalent.statisticUpper, -1.849879247934621, relative: 1e-13))
        #expect(statisticsClose(equivalent.pLower, 7.930265707706162e-06, relative: 1e-11))
        #expect(statisticsClose(equivalent.p, 0.03216547775005597, relative: 1e-12))
        #expect(equivalent.isEquivalent())

        let different = try #require(Statistics.Equivalence.proportionTest(
            successes1: 30, trials1: 50, successes2: 20, trials2: 50, margin: 0.1))
        #expect(statisticsClose(different.pLower, 0.0010998235305565297, relative: 1e-11))
        #expect(statisticsClose(different.p, 0.8462829170363022, relative: 1e-12))
        #expect(!different.isEquivalent())
    }

    @Test func proportionTestDegenerateInputs() throws {
        #expect(Statistics.Equivalence.proportionTest(successes1: 1, trials1: 0, successes2: 0, trials2: 5, margin: 0.1) == nil)
        #expect(Statistics.Equivalence.proportionTest(successes1: 6, trials1: 5, successes2: 0, trials2: 5, margin: 0.1) == nil)
        #expect(Statistics.Equivalence.proportionTest(successes1: 1, trials1: 5, successes2: 0, trials2: 5, margin: 0) == nil)
        // Every trial succeeded on both sides: se = 0, difference 0 is inside ±margin.
        let perfect = try #require(Statistics.Equivalence.proportionTest(
            successes1: 20, trials1: 20, successes2: 30, trials2: 30, margin: 0.05))
        #expect(perfect.p == 0 && perfect.estimate == 0)
        let opposite = try #require(Statistics.Equivalence.proportionTest(
            successes1: 20, trials1: 20, successes2: 0, trials2: 30, margin: 0.05))
        #expect(opposite.p == 1)
    }
}
