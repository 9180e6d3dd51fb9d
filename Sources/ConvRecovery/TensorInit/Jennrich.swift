import CLinearAlgebra

/// Jennrich's algorithm for an exact symmetric rank-p tensor
/// T = Σ_s λ_s u_s^{⊗3} (p×p×p, linearly independent u_s): with two random
/// directions, M_a = T(I,I,g_a) = U D_a Uᵀ and M_b likewise, so
/// M_a M_b⁻¹ = U (D_a D_b⁻¹) U⁻¹ and its eigenvectors are the u_s.
///
/// A cross-check for KCL on exact tensors in tests only: on sample tensors
/// it is far worse than KCL (MATH.md §4.4).
public enum Jennrich {
    /// Unit components (each up to sign), one per column; nil when the
    /// eigenproblem has complex eigenvalues (not an exact real rank-p tensor).
    public static func decompose(_ tensor: CubicTensor, source: RandomSource) -> Matrix? {
        let p = tensor.size
        var stream = source.stream
        let ma = tensor.contracted(with: stream.gaussians(p))
        let mb = tensor.contracted(with: stream.gaussians(p))
        var e = (ma * LeastSquares.pseudoInverse(mb)).values
        var real = [Double](repeating: 0, count: p), imaginary = [Double](repeating: 0, count: p)
        var left = [Double](repeating: 0, count: 1)
        var right = [Double](repeating: 0, count: p * p)
        let info = LAPACKE_dgeev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")), Int32(p),
                                 &e, Int32(p), &real, &imaginary, &left, 1, &right, Int32(p))
        guard info == 0, imaginary.allSatisfy({ $0 == 0 }) else { return nil }
        return KCLDecomposition.normalisedColumns(Matrix(rows: p, columns: p, values: right))
    }
}
