/// ∂f_S/∂v_j = (1/n) Σ_i e_i Σ_l φ(w_jᵀ x_{i,(l)}), used by the "pure
/// gradient" baseline (II) of [ZSJ+17] Fig. 1(c), which also descends on
/// the output weights. A plain loop: the baseline runs at d = 10.
enum SignGradient {
    static func compute(_ network: Network, on data: Dataset) -> [Double] {
        let k = network.kernels.rows, r = network.patchCount, t = network.kernels.columns, d = k * r
        var gradient = [Double](repeating: 0, count: t)
        var units = [Double](repeating: 0, count: t)
        data.inputs.withUnsafeBufferPointer { x in
            for i in 0..<data.sampleCount {
                var output = 0.0
                for j in 0..<t {
                    var unit = 0.0
                    for l in 0..<r {
                        var h = 0.0
                        for a in 0..<k { h += network.kernels.values[a + j * k] * x[i * d + l * k + a] }
                        unit += network.activation.value(h)
                    }
                    units[j] = unit
                    output += network.outputSigns[j] * unit
                }
                let residual = output - data.labels[i]
                for j in 0..<t { gradient[j] += residual * units[j] }
            }
        }
        return gradient.map { $0 / Double(data.sampleCount) }
    }
}
