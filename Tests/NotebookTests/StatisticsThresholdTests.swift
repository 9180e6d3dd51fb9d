import ConvRecovery
import Foundation
import Notebook
import Testing

@Suite("Statistics: threshold")
struct StatisticsThresholdTests {
    typealias Threshold = Statistics.Threshold

    /// Logistic in log x, centred at x0: rate(x) = 1 / (1 + (x0/x)^k).
    static func logistic(_ x: Double, centre x0: Double, steepness k: Double = 3) -> Double {
        1 / (1 + pow(x0 / x, k))
    }

    @Test func interpolatesInLogX() {
        // log-midpoint of 100 and 400 is 200.
        let t = Threshold.locate(rates: [(100, 0.2), (400, 0.8)])
        #expect(statisticsClose(t.value ?? 0, 200, relative: 1e-14))
    }

    @Test func logisticCurveCrossesAtItsCentre() throws {
        // Grid x0 · 2^(j + ½): the two points around x0 are symmetric in log x,
        // so the log-linear interpolation is exact.
        let x0 = 1234.5
        let curve = (-4..<4).map { j -> (x: Double, rate: Double) in
            let x = x0 * pow(2, Double(j) + 0.5)
            return (x, Self.logistic(x, centre: x0))
        }
        let t = Threshold.locate(rates: curve.reversed())  // order of input does not matter
        #expect(statisticsClose(try #require(t.value), x0, relative: 1e-12))
    }

    @Test func rateExactlyAtTargetIsReached() {
        #expect(Threshold.locate(rates: [(10, 0.1), (20, 0.5), (40, 0.9)]) == .crossed(20))
        #expect(Threshold.locate(rates: [(10, 0.5), (20, 0.7)]) == .alwaysAbove)
    }

    @Test func usesTheLastUpwardCrossing() {
        // Up at 20, back down at 40, up for good at 80: the crossing is in (40, 80).
        let t = Threshold.locate(rates: [(10, 0.0), (20, 0.6), (40, 0.4), (80, 0.6), (160, 1.0)])
        #expect(statisticsClose(t.value ?? 0, (40.0 * 80).squareRoot(), relative: 1e-14))
    }

    @Test func neverReachedAndAlwaysAbove() {
        #expect(Threshold.locate(rates: [(10, 0.0), (20, 0.6), (40, 0.3)]) == .neverReached)
        #expect(Threshold.locate(rates: []) == .neverReached)
        #expect(Threshold.locate(rates: [(10, 0.9), (20, 1.0)]) == .alwaysAbove)
        #expect(Threshold.alwaysAbove.value == nil)
        // Points that cannot be placed on a log axis are left out.
        #expect(Threshold.locate(rates: [(0, 0.0), (10, 0.9), (20, 1.0)]) == .alwaysAbove)
    }

    @Test func fromTrialOutcomes() {
        let points = [
            Statistics.TrialPoint(x: 100, trials: [false, false, false, true]),  // 0.25
            Statistics.TrialPoint(x: 400, trials: [true, true, true, false]),  // 0.75
            Statistics.TrialPoint(x: 800, trials: []),  // no trials: left out
        ]
        #expect(statisticsClose(Threshold.locate(trials: points).value ?? 0, 200, relative: 1e-14))
    }

    static func simulatedTrials(centre x0: Double, trials: Int, seed: UInt64) -> [Statistics.TrialPoint<Bool>] {
        var stream = RandomSource(seed: seed, path: ["threshold-data"]).stream
        return (0..<8).map { j in
            let x = 100 * pow(2, Double(j))
            let p = logistic(x, centre: x0)
            return Statistics.TrialPoint(x: x, trials: (0..<trials).map { _ in stream.nextUniform() < p })
        }
    }

    @Test func bootstrapIntervalContainsTheTrueThreshold() throws {
        let x0 = 1500.0
        let points = Self.simulatedTrials(centre: x0, trials: 200, seed: 42)
        let source = RandomSource(seed: 42, path: ["bootstrap"])
        let interval = try #require(Threshold.interval(trials: points, source: source))
        let estimate = try #require(interval.estimate.value)
        #expect(interval.lower <= x0 && x0 <= interval.upper, "[\(interval.lower), \(interval.upper)]")
        #expect(interval.lower < estimate && estimate < interval.upper)
        #expect(interval.upper / interval.lower < 1.5)
        #expect(interval.neverReachedCount == 0 && interval.alwaysAboveCount == 0)
        #expect(Threshold.interval(trials: points, source: source) == interval)
    }

    @Test func bootstrapIntervalRunsOffTheRangeWhenNeverReached() throws {
        let points = [
            Statistics.TrialPoint(x: 10, trials: [false, false, false]),
            Statistics.TrialPoint(x: 20, trials: [false, false, true]),
        ]
        let interval = try #require(Threshold.interval(trials: points, resamples: 200, source: RandomSource(seed: 1)))
        #expect(interval.estimate == .neverReached)
        #expect(interval.upper == .infinity)
        #expect(interval.neverReachedCount > 100)
        #expect(Threshold.interval(trials: [], source: RandomSource(seed: 1)) == nil)
    }
}
