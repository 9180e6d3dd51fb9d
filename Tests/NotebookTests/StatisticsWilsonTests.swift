import Notebook
import Testing

/// Reference: the Wilson formula as statsmodels' proportion_confint(method="wilson")
/// writes it, computed by hand in Python with SciPy 1.17.1:
///   z = stats.norm.ppf(1 - (1 - level)/2); p = k/n; den = 1 + z*z/n
///   c = (p + z*z/(2*n))/den; h = z/den*math.sqrt(p*(1-p)/n + z*z/(4*n*n)); print(c - h, c + h)
@Suite("Statistics: Wilson interval")
struct StatisticsWilsonTests {
    @Test func matchesHandComputation() throws {
        let cases: [(k: Int, n: Int, level: Double, lower: Double, upper: Double)] = [
            (7, 20, 0.95, 0.18119182410108206, 0.5671457233147638),
            (1, 3, 0.9, 0.07826572633372836, 0.746466131718776),
            (45, 100, 0.99, 0.3289768378700213, 0.577245230901561),
            (1, 1000, 0.95, 0.00017654637062607852, 0.0056425585979579355),
            (0, 10, 0.95, 0.0, 0.2775327998628892),
            (10, 10, 0.95, 0.7224672001371107, 0.9999999999999999),
        ]
        for c in cases {
            let interval = try #require(Statistics.wilsonInterval(successes: c.k, trials: c.n, level: c.level))
            #expect(statisticsClose(interval.lower, c.lower, relative: 1e-13), "\(c.k)/\(c.n) lower")
            #expect(statisticsClose(interval.upper, c.upper, relative: 1e-13), "\(c.k)/\(c.n) upper")
            #expect(interval.estimate == Double(c.k) / Double(c.n))
        }
    }

    @Test func boundsAreExactAtTheEdges() throws {
        let none = try #require(Statistics.wilsonInterval(successes: 0, trials: 10))
        #expect(none.lower == 0)
        let all = try #require(Statistics.wilsonInterval(successes: 10, trials: 10))
        #expect(all.upper == 1)
        #expect(all.contains(1) && !all.contains(0.5))
    }

    @Test func defaultLevelIs95Percent() throws {
        let interval = try #require(Statistics.wilsonInterval(successes: 7, trials: 20))
        #expect(interval.level == 0.95)
        #expect(statisticsClose(interval.lower, 0.18119182410108206, relative: 1e-13))
    }

    @Test func invalidInputGivesNil() {
        #expect(Statistics.wilsonInterval(successes: 0, trials: 0) == nil)
        #expect(Statistics.wilsonInterval(successes: 5, trials: 4) == nil)
        #expect(Statistics.wilsonInterval(successes: -1, trials: 4) == nil)
        #expect(Statistics.wilsonInterval(successes: 1, trials: 4, level: 1) == nil)
    }
}
