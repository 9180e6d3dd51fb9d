/// ∂f_S/∂v_j = (1/n) Σ_i e_i Σ_l φ(w_jᵀ x_{i,(l)}), used by the "pure
/// gradient" baseline (II) of [ZSJ+17] Fig. 1(c), which also descends on
/// the output weights.
///
/// The kernels are packed eight to a SIMD vector (rows of Wᵀ, zero-padded),
/// so the pre-activations of eight kernels are eight independent sums
/// rather than one dependent chain each. The baseline runs 10⁴ iterations.
enum SignGradient {
    typealias Lanes = SIMD8<Double>

    static func compute(_ network: Network, on data: Dataset) -> [Double] {
        switch network.activation {
        case .relu: return compute(network, data, ReluLanes())
        case .leakyRelu(let a): return compute(network, data, LeakyReluLanes(slope: a))
        case .squaredRelu: return compute(network, data, SquaredReluLanes())
        case .sigmoid: return compute(network, data, SigmoidLanes())
        case .tanh: return compute(network, data, TanhLanes())
        }
    }

    /// φ on eight lanes at once, as in the fused pass (no branch per unit).
    static func compute<A: LaneActivation>(_ network: Network, _ data: Dataset, _ activation: A) -> [Double] {
        let k = network.kernels.rows, r = network.patchCount, t = network.kernels.columns, d = k * r
        let blocks = (t + Lanes.scalarCount - 1) / Lanes.scalarCount
        // packed[b·k + a] = (W[a, 8b], …, W[a, 8b+7]), zero past t.
        var packed = [Lanes](repeating: Lanes(), count: blocks * k)
        for j in 0..<t {
            for a in 0..<k { packed[(j / Lanes.scalarCount) * k + a][j % Lanes.scalarCount] = network.kernels[a, j] }
        }
        let signs = network.outputSigns
        var gradient = [Double](repeating: 0, count: t)
        var units = [Double](repeating: 0, count: t)
        data.inputs.withUnsafeBufferPointer { x in
            packed.withUnsafeBufferPointer { packed in
                for i in 0..<data.sampleCount {
                    let row = x.baseAddress! + i * d
                    for j in 0..<t { units[j] = 0 }
                    for l in 0..<r {
                        let patch = row + l * k
                        for b in 0..<blocks {
                            var h = Lanes()
                            for a in 0..<k { h += patch[a] * packed[b * k + a] }
                            let value = activation.valueAndDerivative(h).value
                            for lane in 0..<min(Lanes.scalarCount, t - b * Lanes.scalarCount) {
                                units[b * Lanes.scalarCount + lane] += value[lane]
                            }
                        }
                    }
                    var output = 0.0
                    for j in 0..<t { output += signs[j] * units[j] }
                    let residual = output - data.labels[i]
                    for j in 0..<t { gradient[j] += residual * units[j] }
                }
            }
        }
        return gradient.map { $0 / Double(data.sampleCount) }
    }
}
