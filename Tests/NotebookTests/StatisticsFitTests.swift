import ConvRecovery
import Foundation
import Notebook
import Testing

@Suite("Statistics: fits")
struct StatisticsFitTests {
    // python3 -c "from scipy import stats; r = stats.linregress([1,2,3,4,5,6,7],
    //   [2.1,3.9,6.2,7.8,10.1,12.2,13.8]); print(r.slope, r.intercept, r.rvalue**2, r.stderr, r.intercept_stderr)"
    // stats.t.ppf(0.975, 5) -> 2.5705818356363146
    @Test func linearFitMatchesLinregress() throws {
        let fit = try #require(Statistics.LinearFit(x: [1, 2, 3, 4, 5, 6, 7], y: [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8]))
        #expect(statisticsClose(fit.slope, 1.9857142857142858, relative: 1e-14))
        #expect(statisticsClose(fit.intercept, 0.07142857142857117, relative: 1e-12))
        #expect(statisticsClose(fit.rSquared, 0.9983465095850772, relative: 1e-14))
        #expect(statisticsClose(fit.slopeStandardError, 0.03614031611621056, relative: 1e-12))
        #expect(statisticsClose(fit.interceptStandardError, 0.16162440712835602, relative: 1e-12))
        #expect(fit.count == 7)
        let ci = fit.slopeInterval()
        #expect(statisticsClose(ci.upper, 1.9857142857142858 + 2.5705818356363146 * 0.03614031611621056, relative: 1e-12))
    }

    @Test func linearFitDegenerateInputs() throws {
        #expect(Statistics.LinearFit(x: [1, 2], y: [1]) == nil)
        #expect(Statistics.LinearFit(x: [1], y: [1]) == nil)
        #expect(Statistics.LinearFit(x: [2, 2, 2], y: [1, 2, 3]) == nil)
        let two = try #require(Statistics.LinearFit(x: [0, 1], y: [1, 3]))
        #expect(two.slope == 2 && two.intercept == 1 && two.slopeStandardError.isNaN)
        let flat = try #require(Statistics.LinearFit(x: [1, 2, 3], y: [5, 5, 5]))
        #expect(flat.slope == 0 && flat.rSquared.isNaN)
        let skipping = try #require(Statistics.LinearFit(x: [0, 1, .nan, 2], y: [1, 3, 4, .infinity]))
        #expect(skipping.count == 2)
    }

    @Test func powerLawOnExactDataIsExact() throws {
        let x = [100.0, 200, 400, 800, 1600, 3200]
        let y = x.map { 3.5 * pow($0, -0.5) }
        let fit = try #require(Statistics.PowerLawFit(x: x, y: y))
        #expect(abs(fit.exponent - (-0.5)) < 1e-12)
        #expect(abs(fit.prefactor - 3.5) < 1e-10)
        #expect(abs(fit.rSquared - 1) < 1e-12)
        #expect(fit.exponentInterval == nil)
        #expect(abs(fit.predict(10_000) - 0.035) < 1e-12)
    }

    @Test func powerLawSkipsUnloggableValues() throws {
        let fit = try #require(Statistics.PowerLawFit(x: [1, 2, 0, 4, 8], y: [1, 4, 5, -1, 64]))
        #expect(abs(fit.exponent - 2) < 1e-12)
        #expect(fit.logLogLine.count == 3)
        #expect(Statistics.PowerLawFit(x: [1, 2], y: [1, 0]) == nil)
    }

    @Test func powerLawBootstrapOnNoisyTrialsContainsTheTruth() throws {
        // error = 2 · n^(-0.5) · exp(0.3 ε), ε ~ N(0, 1), 20 trials at each of 6 sample counts.
        var stream = RandomSource(seed: 42, path: ["powerlaw-data"]).stream
        let points = [100.0, 200, 400, 800, 1600, 3200].map { n in
            Statistics.TrialPoint(x: n, trials: (0..<20).map { _ in 2 * pow(n, -0.5) * exp(0.3 * stream.nextGaussian()) })
        }
        let fit = try #require(Statistics.PowerLawFit(
            points: points, aggregate: .geometricMean, source: RandomSource(seed: 42, path: ["bootstrap"])))
        let interval = try #require(fit.exponentInterval)
        #expect(interval.contains(-0.5), "[\(interval.lower), \(interval.upper)]")
        #expect(interval.upper - interval.lower < 0.15)
        #expect(interval.lower < fit.exponent && fit.exponent < interval.upper)
        #expect(interval.estimate == fit.exponent)
        #expect(interval.failedResamples == 0)
        // Deterministic for the seed.
        let again = try #require(Statistics.PowerLawFit(
            points: points, aggregate: .geometricMean, source: RandomSource(seed: 42, path: ["bootstrap"])))
        #expect(again == fit)
    }

    @Test func aggregates() {
        #expect(Statistics.Aggregate.mean([1, 2, .nan, 6]) == 3)
        #expect(Statistics.Aggregate.median([1, 2, .nan, 6, .infinity]) == 4)
        #expect(abs(Statistics.Aggregate.geometricMean([1, 100]) - 10) < 1e-14)
        #expect(Statistics.Aggregate.geometricMean([]).isNaN)
    }

    @Test func convergenceRateOfGeometricDecayAboveAFloor() throws {
        // error_k = 2 · 0.8^k (k < 300) until it hits ~1e-16, then noise at the floor.
        var errors = (0..<300).map { 2 * pow(0.8, Double($0)) }
        for k in 0..<errors.count where errors[k] < 1e-15 { errors[k] = 1e-16 * (1 + Double(k % 7)) }
        let rate = try #require(Statistics.ConvergenceRate(errors: errors, floor: 1e-14))
        #expect(abs(rate.factor - 0.8) < 1e-12)
        #expect(abs(rate.slope - log(0.8)) < 1e-12)
        #expect(abs(rate.rSquared - 1) < 1e-12)
        // Without the floor the plateau bends the line.
        let unfloored = try #require(Statistics.ConvergenceRate(errors: errors))
        #expect(unfloored.count == 300)
        #expect(unfloored.rSquared < 0.95)
    }

    @Test func convergenceRateSkipsNonPositiveErrors() throws {
        let errors = [1.0, 0.5, 0, 0.125, .nan, 0.03125, -1]
        let rate = try #require(Statistics.ConvergenceRate(errors: errors, iterations: [0, 1, 2, 3, 4, 5, 6]))
        #expect(rate.count == 4)
        #expect(abs(rate.factor - 0.5) < 1e-14)
        #expect(Statistics.ConvergenceRate(errors: [1, 0, 0]) == nil)
        #expect(Statistics.ConvergenceRate(errors: [1, 0.5], iterations: [0]) == nil)
    }
}
