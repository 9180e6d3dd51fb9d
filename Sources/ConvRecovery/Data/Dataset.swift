/// A sample S = {(x_i, y_i)}: inputs x_i ∈ R^d stored row by row, and labels.
///
/// This is the one n·d array a trial holds (DESIGN.md memory rule); every
/// pass over it reads it in place.
public struct Dataset: Sendable {
    public let sampleCount: Int
    public let dimension: Int
    /// Row-major n×d inputs: sample i is `inputs[i*d ..< (i+1)*d]`.
    public var inputs: [Double]
    /// y_i.
    public var labels: [Double]

    public init(sampleCount: Int, dimension: Int, inputs: [Double], labels: [Double]) {
        precondition(inputs.count == sampleCount * dimension && labels.count == sampleCount)
        self.sampleCount = sampleCount
        self.dimension = dimension
        self.inputs = inputs
        self.labels = labels
    }

    /// The samples in `range`, copied (used by `resample` to split a sample
    /// into disjoint parts).
    public func samples(_ range: Range<Int>) -> Dataset {
        Dataset(sampleCount: range.count, dimension: dimension,
                inputs: Array(inputs[(range.lowerBound * dimension)..<(range.upperBound * dimension)]),
                labels: Array(labels[range]))
    }
}
