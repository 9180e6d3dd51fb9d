/// A p×p×p tensor (p = t is small), entry [a, b, c] at a + p·(b + p·c).
///
/// Only the projected third-order moments R̂₃ ∈ R^{t×t×t} and exact test
/// tensors live in this type; a k×k×k moment tensor is never formed
/// (MATH.md §4.3 step 3).
public struct CubicTensor: Sendable, Hashable {
    public let size: Int
    public var values: [Double]

    public init(size: Int, values: [Double]) {
        precondition(values.count == size * size * size, "a cubic tensor needs p³ values")
        self.size = size
        self.values = values
    }

    public init(size: Int) { self.init(size: size, values: [Double](repeating: 0, count: size * size * size)) }

    public subscript(a: Int, b: Int, c: Int) -> Double {
        get { values[a + size * (b + size * c)] }
        set { values[a + size * (b + size * c)] = newValue }
    }

    /// Σ_s λ_s u_s ⊗ u_s ⊗ u_s for the columns u_s of `components`.
    public static func symmetric(weights: [Double], components: Matrix) -> CubicTensor {
        precondition(weights.count == components.columns)
        let p = components.rows
        var tensor = CubicTensor(size: p)
        for s in 0..<components.columns {
            let u = components.column(s)
            for c in 0..<p { for b in 0..<p { for a in 0..<p { tensor[a, b, c] += weights[s] * u[a] * u[b] * u[c] } } }
        }
        return tensor
    }

    /// T(I, I, g): the p×p matrix M[a, b] = Σ_c T[a, b, c] g_c.
    public func contracted(with g: [Double]) -> Matrix {
        precondition(g.count == size)
        let p = size
        var m = Matrix(rows: p, columns: p)
        for c in 0..<p where g[c] != 0 {
            let gc = g[c]
            for ab in 0..<(p * p) { m.values[ab] += values[ab + p * p * c] * gc }
        }
        return m
    }

    /// Fills every permutation of (a, b, c) from the entry with a ≤ b ≤ c.
    mutating func symmetriseFromSorted() {
        let p = size
        for a in 0..<p { for b in a..<p { for c in b..<p {
            let v = self[a, b, c]
            self[a, c, b] = v; self[b, a, c] = v; self[b, c, a] = v; self[c, a, b] = v; self[c, b, a] = v
        } } }
    }
}
