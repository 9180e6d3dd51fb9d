extension Statistics {
    /// Benjamini–Hochberg adjusted p-values (q-values) controlling the false
    /// discovery rate (Benjamini & Hochberg, "Controlling the false discovery
    /// rate", JRSS B 57, 1995), as R's `p.adjust(p, "BH")` and SciPy's
    /// `false_discovery_control(p, method="bh")`.
    ///
    /// With the m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, the step-up
    /// adjustment is
    ///   q₍ᵢ₎ = min(1, min_{j ≥ i} m · p₍ⱼ₎ / j),
    /// which makes the adjusted values monotone in the raw ones. Results are
    /// returned in the input order. Rejecting every hypothesis with q ≤ α
    /// controls the FDR at α for independent (or positively dependent) tests.
    ///
    /// NaN entries stay NaN and are not counted in m (R's handling of NA).
    /// An empty input gives an empty output.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let present = pValues.indices.filter { !pValues[$0].isNaN }
        let m = Double(present.count)
        var adjusted = [Double](repeating: .nan, count: pValues.count)
        // Descending by p; rank i (1-based, ascending) of the k-th of these is m − k.
        let descending = present.sorted { pValues[$0] > pValues[$1] }
        var running = 1.0
        for (k, index) in descending.enumerated() {
            let rank = m - Double(k)
            running = min(running, m * pValues[index] / rank)
            adjusted[index] = running
        }
        return adjusted
    }
}
