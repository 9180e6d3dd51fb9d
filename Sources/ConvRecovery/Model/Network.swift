/// A non-overlapping convolutional network with multiple kernels:
///
///     F_W(x) = Σ_{j=1..t} v_j Σ_{l=1..r} φ(w_jᵀ x_(l))
///
/// (MATH.md §2). Recovery is possible only up to a permutation of kernels.
public struct Network: Hashable, Sendable {
    /// W = [w_1 … w_t] ∈ R^{k×t}, one kernel per column.
    public var kernels: Matrix
    /// v ∈ {±1}^t.
    public var outputSigns: [Double]
    public var activation: Activation
    /// r, the number of patches each kernel is applied to.
    public var patchCount: Int

    public init(kernels: Matrix, outputSigns: [Double]? = nil, activation: Activation, patchCount: Int) {
        self.kernels = kernels
        self.outputSigns = outputSigns ?? [Double](repeating: 1, count: kernels.columns)
        precondition(self.outputSigns.count == kernels.columns, "one output sign per kernel")
        self.activation = activation
        self.patchCount = patchCount
    }

    public var shape: NetworkShape {
        NetworkShape(patchSize: kernels.rows, patchCount: patchCount, kernelCount: kernels.columns)
    }

    /// F_W(x) for one input x ∈ R^{r·k} (reference implementation; the fused
    /// pass in `LossGradient` is the fast one).
    public func output(_ x: ArraySlice<Double>) -> Double {
        x.withUnsafeBufferPointer { output($0) }
    }

    /// F_W(x) for one input given as a buffer of r·k values.
    public func output(_ x: UnsafeBufferPointer<Double>) -> Double {
        let k = kernels.rows
        precondition(x.count == k * patchCount)
        var sum = 0.0
        for j in 0..<kernels.columns {
            var unit = 0.0
            for l in 0..<patchCount {
                var h = 0.0
                let base = l * k
                for a in 0..<k { h += kernels.values[a + j * k] * x[base + a] }
                unit += activation.value(h)
            }
            sum += outputSigns[j] * unit
        }
        return sum
    }
}
