/// RecMagSign (MATH.md §4.3 step 5): from the directions c_s = V û_s ≈ ±w̄_s
/// recover each kernel's sign ς_s, norm ‖w_s‖ and, when asked, the output
/// sign v_s. Cost O(k·t²) after the moments.
public enum MagnitudeAndSign {
    public struct Result: Sendable {
        public var kernels: Matrix
        public var outputSigns: [Double]
        public var warnings: [String]
    }

    /// - Parameters:
    ///   - basis: V ∈ R^{k×t} (orthonormal columns).
    ///   - components: Û ∈ R^{t×t}, unit columns û_s.
    ///   - firstMoment: M̂₁ ∈ R^k (with ŷ).
    ///   - projectedSecondMoment: Q̂₂ = Vᵀ M̂₂ V (with ỹ); needed when signs
    ///     are learned, or to place mixed known signs.
    ///   - learnSigns: estimate v from Q̂₂ (relu family, squared-relu only).
    ///   - knownSigns: the fixed v when not learned (default all +1).
    public static func recover(basis v: Matrix, components u: Matrix, firstMoment m1: [Double],
                               projectedSecondMoment q2: Matrix?, activation: Activation,
                               learnSigns: Bool, knownSigns: [Double]?, sigmaCap: Double) -> Result {
        let k = v.rows, t = u.columns
        precondition(u.rows == v.columns && m1.count == k)
        var warnings: [String] = []
        let c = v * u

        // ẑ = argmin ‖M̂₁ − [c_1 … c_t] z‖; in population z_s = v_s ς_s m₁(‖w_s‖).
        let zHat = LeastSquares.solve(c, m1)

        // ρ̂ = argmin ‖Q̂₂ − Σ ρ_s û_s û_sᵀ‖_F (t² equations, t unknowns).
        func secondOrderWeights() -> [Double] {
            guard let q2 else { preconditionFailure("Q̂₂ is needed to place output signs") }
            var design = Matrix(rows: t * t, columns: t)
            for s in 0..<t {
                let us = u.column(s)
                for b in 0..<t { for a in 0..<t { design[a + b * t, s] = us[a] * us[b] } }
            }
            return LeastSquares.solve(design, q2.values)
        }

        let m2Unit = activation.hermiteMoment(2, sigma: 1)
        var signs: [Double]
        if learnSigns {
            precondition(activation.canLearnSigns, TensorInitialisation.validate(activation: activation, learnSigns: true) ?? "")
            let rho = secondOrderWeights()
            signs = rho.map { $0 * m2Unit >= 0 ? 1 : -1 }
        } else {
            let known = knownSigns ?? [Double](repeating: 1, count: t)
            precondition(known.count == t, "one known output sign per kernel")
            let positives = known.filter { $0 > 0 }.count
            if positives == 0 || positives == t || !activation.canLearnSigns {
                // All equal (the default), or not identifiable from the
                // moments (sigmoid, tanh): the order of the components is
                // arbitrary, so assign the signs as they come.
                signs = known.map { $0 > 0 ? 1 : -1 }
            } else {
                // Mixed known signs: give the +1s to the components whose
                // second-order weight ρ̂_s m₂(1) is largest.
                let rho = secondOrderWeights()
                let order = (0..<t).sorted { rho[$0] * m2Unit != rho[$1] * m2Unit ? rho[$0] * m2Unit > rho[$1] * m2Unit : $0 < $1 }
                signs = [Double](repeating: -1, count: t)
                for s in order.prefix(positives) { signs[s] = 1 }
            }
        }

        var kernels = Matrix(rows: k, columns: t)
        for s in 0..<t {
            // ς_s = sign(ẑ_s) v_s (m₁ > 0 for all five activations).
            let direction: Double = (zHat[s] >= 0 ? 1 : -1) * signs[s]
            // ‖w_s‖ = (|ẑ_s|/m₁(1))^{1/h}, or m₁⁻¹(|ẑ_s|) capped at σ_cap.
            let (norm, capped) = activation.inverseFirstMoment(abs(zHat[s]), cap: sigmaCap)
            if capped {
                warnings.append("tensor initialisation: kernel \(s + 1) norm capped at σ_cap = \(sigmaCap) "
                    + "(|ẑ| = \(abs(zHat[s])) ≥ m₁(σ_cap) = \(activation.hermiteMoment(1, sigma: sigmaCap)))")
            }
            for a in 0..<k { kernels[a, s] = direction * norm * c[a, s] }
        }
        return Result(kernels: kernels, outputSigns: signs, warnings: warnings)
    }
}
