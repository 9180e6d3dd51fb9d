import ConvRecovery
import Notebook
import Testing

@Suite("Statistics: bootstrap")
struct StatisticsBootstrapTests {
    let data = [2.0, 3.5, 1.0, 8.0, 4.25, 6.0, 0.5, 3.0]
    let source = RandomSource(seed: 42, path: ["bootstrap"])

    @Test func sameSeedGivesBitIdenticalIntervals() throws {
        let a = try #require(Statistics.Bootstrap.interval(data, Statistics.mean, source: source))
        let b = try #require(Statistics.Bootstrap.interval(data, Statistics.mean, source: source))
        #expect(a == b)
        #expect(a.lower.bitPattern == b.lower.bitPattern && a.upper.bitPattern == b.upper.bitPattern)
        let other = try #require(Statistics.Bootstrap.interval(
            data, Statistics.mean, source: RandomSource(seed: 43, path: ["bootstrap"])))
        #expect(other != a)
    }

    @Test func drawOrderIsResampleThenIndexFromOneStream() {
        // Recompute the first two replicates by hand from the documented draw order.
        var stream = source.stream
        var expected: [Double] = []
        for _ in 0..<2 {
            let sample = data.indices.map { _ in data[stream.nextInt(below: data.count)] }
            expected.append(Statistics.mean(sample))
        }
        let replicates = Statistics.Bootstrap.replicates(data, Statistics.mean, resamples: 2, source: source)
        #expect(replicates == expected)
        // More resamples only append: the first ones are unchanged.
        let more = Statistics.Bootstrap.replicates(data, Statistics.mean, resamples: 50, source: source)
        #expect(Array(more.prefix(2)) == expected)
    }

    @Test func groupedDrawOrderIsGroupByGroup() {
        let groups = [[1.0, 2.0, 3.0], [], [10.0, 20.0]]
        var stream = source.stream
        let first = groups.map { g in g.indices.map { _ in g[stream.nextInt(below: g.count)] } }
        var seen: [[Double]] = []
        _ = Statistics.Bootstrap.groupedReplicates(groups, { seen.append(contentsOf: $0); return 0 }, resamples: 1, source: source)
        #expect(seen == first)
    }

    @Test func pairedDataResampleAsPairs() throws {
        // after = before + 1 exactly: resampling pairs keeps every difference at 1,
        // so the interval of the mean difference collapses to [1, 1]; resampling the
        // two columns independently would not.
        let pairs = data.map { (before: $0, after: $0 + 1) }
        let interval = try #require(Statistics.Bootstrap.interval(
            pairs, { sample in Statistics.mean(sample.map { $0.after - $0.before }) }, source: source))
        #expect(interval.lower == 1 && interval.upper == 1 && interval.estimate == 1)
    }

    @Test func percentileIntervalUsesType7Quantiles() throws {
        // Replicates 0…100: type-7 quantiles at 0.025 and 0.975 are 2.5 and 97.5
        // up to the rounding of α = (1 − 0.95)/2:
        // np.quantile(np.arange(101), [(1-0.95)/2, 1-(1-0.95)/2]) -> [2.500000000000002, 97.5]
        let replicates = (0...100).map(Double.init) + [.nan, .nan]
        let interval = try #require(Statistics.Bootstrap.percentileInterval(estimate: 50, replicates: replicates, level: 0.95))
        #expect(statisticsClose(interval.lower, 2.5, relative: 1e-14))
        #expect(statisticsClose(interval.upper, 97.5, relative: 1e-14))
        #expect(interval.failedResamples == 2)
        #expect(interval.resamples == 103)
    }

    @Test func coverageOfTheMeanIsNearNominal() {
        // 200 normal samples of size 50 (mean 1, sd 2), 500 resamples each: the 95%
        // percentile interval must cover the true mean about 95% of the time
        // (binomial sd ≈ 1.5%; the bounds are ~4 sd wide).
        var covered = 0
        for dataset in 0..<200 {
            var stream = RandomSource(seed: 7, path: ["coverage", .integer(Int64(dataset))]).stream
            let sample = (0..<50).map { _ in 1 + 2 * stream.nextGaussian() }
            let interval = Statistics.Bootstrap.interval(
                sample, Statistics.mean, resamples: 500,
                source: RandomSource(seed: 7, path: ["resample", .integer(Int64(dataset))]))
            if interval?.contains(1) == true { covered += 1 }
        }
        #expect((176...198).contains(covered), "covered \(covered)/200")
    }

    @Test func degenerateInputs() {
        #expect(Statistics.Bootstrap.interval([Double](), Statistics.mean, source: source) == nil)
        #expect(Statistics.Bootstrap.interval(data, Statistics.mean, resamples: 0, source: source) == nil)
        #expect(Statistics.Bootstrap.interval(data, { _ in .nan }, source: source) == nil)
        #expect(Statistics.Bootstrap.groupedInterval([[Double]](), { _ in 0 }, source: source) == nil)
        // All-equal data: the interval collapses to the value.
        let flat = Statistics.Bootstrap.interval([3.0, 3, 3], Statistics.mean, source: source)
        #expect(flat?.lower == 3 && flat?.upper == 3)
    }
}
