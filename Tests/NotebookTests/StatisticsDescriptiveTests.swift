import Notebook
import Testing

/// |actual − expected| ≤ absolute + relative·|expected|; infinities must match exactly.
func statisticsClose(_ actual: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    return abs(actual - expected) <= absolute + relative * abs(expected)
}

@Suite("Statistics: descriptive")
struct StatisticsDescriptiveTests {
    let data = [3.1, -2.0, 7.5, 0.25, 4.0, 4.0, 10.0, -1.5, 2.2]

    // python3 -c "import numpy as np; print(np.quantile([3.1,-2.0,7.5,0.25,4.0,4.0,10.0,-1.5,2.2],
    //   [0,0.1,0.25,0.333,0.5,0.75,0.9,1.0]).tolist())"
    // -> [-2.0, -1.6, 0.25, 1.5448000000000004, 3.1, 4.0, 8.0, 10.0]
    @Test func quantilesMatchNumPyLinear() {
        let p = [0, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 1.0]
        let expected = [-2.0, -1.6, 0.25, 1.5448000000000004, 3.1, 4.0, 8.0, 10.0]
        let actual = Statistics.quantiles(data, p)
        for (a, e) in zip(actual, expected) {
            #expect(statisticsClose(a, e, relative: 1e-14), "\(a) vs \(e)")
        }
        #expect(Statistics.quantile(data, 0.333) == actual[3])
    }

    // np.quantile([1,2,3,4],[0.25,0.5,0.75]) -> [1.75, 2.5, 3.25]
    @Test func quartilesOfEvenCount() {
        let q = Statistics.quartiles([4, 1, 3, 2])
        #expect(q.q25 == 1.75)
        #expect(q.median == 2.5)
        #expect(q.q75 == 3.25)
        #expect(Statistics.median([5, 1, 3]) == 3)
    }

    // np.mean(data) -> 3.0611111111111113; np.std(data, ddof=1) -> 3.9477665978513867
    @Test func meanAndStandardDeviationMatchNumPy() {
        #expect(statisticsClose(Statistics.mean(data), 3.0611111111111113, relative: 1e-15))
        #expect(statisticsClose(Statistics.standardDeviation(data), 3.9477665978513867, relative: 1e-14))
        #expect(Statistics.minimum(data) == -2.0)
        #expect(Statistics.maximum(data) == 10.0)
    }

    @Test func varianceIsAccurateUnderLargeOffset() {
        // Values 1e9 + {4, 7, 13, 16}: the variance is exactly 30 (Welford's example).
        let shifted = [4.0, 7, 13, 16].map { 1e9 + $0 }
        #expect(Statistics.variance(shifted) == 30)
    }

    @Test func degenerateInputs() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.median([]).isNaN)
        #expect(Statistics.standardDeviation([1.5]).isNaN)
        #expect(Statistics.standardDeviation([2, 2, 2]) == 0)
        #expect(Statistics.quantile([1, 2], 1.5).isNaN)
        #expect(Statistics.quantile([1, .nan], 0.5).isNaN)
        #expect(Statistics.quantile([7], 0.3) == 7)
        #expect(Statistics.minimum([]) == nil)
        #expect(Statistics.maximum([.nan]) == nil)
    }

    @Test func quantileWithInfiniteNeighbourIsThatInfinity() {
        #expect(Statistics.quantile([1, .infinity], 0.5) == .infinity)
        #expect(Statistics.quantile([-.infinity, 1], 0.5) == -.infinity)
        #expect(Statistics.quantile([1, 2, .infinity], 0.5) == 2)
    }

    @Test func summarySkipsAndCountsNonFiniteValues() {
        let s = Statistics.Summary(data + [.nan, .infinity, -.infinity])
        #expect(s.count == 9)
        #expect(s.nonFiniteCount == 3)
        #expect(s.median == 3.1)
        #expect(s.q25 == 0.25)
        #expect(s.q75 == 4.0)
        #expect(s.min == -2.0)
        #expect(s.max == 10.0)
        #expect(statisticsClose(s.mean, 3.0611111111111113, relative: 1e-15))
        #expect(statisticsClose(s.sd, 3.9477665978513867, relative: 1e-14))
    }

    @Test func summaryOfNothingFinite() {
        let s = Statistics.Summary([.nan])
        #expect(s.count == 0)
        #expect(s.nonFiniteCount == 1)
        #expect(s.mean.isNaN && s.median.isNaN && s.min.isNaN && s.sd.isNaN)
        let one = Statistics.Summary([2])
        #expect(one.mean == 2 && one.median == 2 && one.sd.isNaN)
    }
}
