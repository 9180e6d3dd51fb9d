import CLinearAlgebra

/// Minimum-norm least squares min ‖A X − B‖_F by LAPACK's SVD-based dgelsd,
/// and the pseudo-inverse built from it (MATH.md §4.3 step 5, §4.4 guard).
///
/// dgelsd treats singular values below `rcond`·σ_max as zero, so a
/// rank-deficient A gives the minimum-norm solution instead of failing.
public enum LeastSquares {
    /// X = argmin ‖A X − B‖_F (minimum norm), X ∈ R^{A.columns × B.columns}.
    /// `rcond < 0` uses machine precision.
    public static func solve(_ a: Matrix, _ b: Matrix, rcond: Double = -1) -> Matrix {
        precondition(a.rows == b.rows, "A and B need the same number of rows")
        let m = a.rows, n = a.columns, nrhs = b.columns
        if m == 0 || n == 0 || nrhs == 0 { return Matrix(rows: n, columns: nrhs) }
        // LAPACKE rejects NaN input as an illegal argument; a non-finite
        // system (overflowed moments) has a NaN solution, which the trial
        // then records as a failure.
        if !a.values.allSatisfy(\.isFinite) || !b.values.allSatisfy(\.isFinite) {
            return Matrix(rows: n, columns: nrhs, repeating: .nan)
        }
        let ldb = max(m, n)
        var aWork = a.values
        var bWork = [Double](repeating: 0, count: ldb * nrhs)
        for j in 0..<nrhs { for i in 0..<m { bWork[i + j * ldb] = b.values[i + j * m] } }
        var singular = [Double](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        let info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, Int32(m), Int32(n), Int32(nrhs), &aWork, Int32(m),
                                  &bWork, Int32(ldb), &singular, rcond, &rank)
        precondition(info >= 0, "dgelsd: illegal argument (info \(info))")
        if info > 0 {
            // The SVD did not converge: only possible for non-finite input.
            return Matrix(rows: n, columns: nrhs, repeating: .nan)
        }
        var x = Matrix(rows: n, columns: nrhs)
        for j in 0..<nrhs { for i in 0..<n { x.values[i + j * n] = bWork[i + j * ldb] } }
        return x
    }

    /// x = argmin ‖A x − b‖ (minimum norm).
    public static func solve(_ a: Matrix, _ b: [Double], rcond: Double = -1) -> [Double] {
        solve(a, Matrix(rows: b.count, columns: 1, values: b), rcond: rcond).values
    }

    /// The Moore–Penrose pseudo-inverse A⁺ (equal to A⁻¹ for a well
    /// conditioned square A): the minimum-norm solution of A X = I.
    public static func pseudoInverse(_ a: Matrix, rcond: Double = -1) -> Matrix {
        solve(a, Matrix.identity(a.rows), rcond: rcond)
    }
}
