import CLinearAlgebra

/// Eigen-decomposition of a small symmetric matrix by LAPACK's
/// divide-and-conquer solver dsyevd (MATH.md §4.3 step 2).
///
/// Cost O(k³); k = 16 takes ≈ 30 µs, k = 100 ≈ 0.75 ms (PLATFORM.md).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order (LAPACK's order).
    public let values: [Double]
    /// Orthonormal eigenvectors, column j belonging to `values[j]`.
    public let vectors: Matrix

    /// Decomposes the symmetric matrix `a`; only its upper triangle is read.
    public init(_ a: Matrix) {
        precondition(a.rows == a.columns, "symmetric eigenproblem needs a square matrix")
        let n = a.rows
        var work = a.values
        var w = [Double](repeating: 0, count: n)
        if !a.values.allSatisfy(\.isFinite) {
            // Overflowed moments (absurd label scales): NaN propagates to the
            // trial, which is then recorded as failed rather than trapping.
            values = [Double](repeating: .nan, count: n)
            vectors = Matrix(rows: n, columns: n, repeating: .nan)
            return
        }
        if n > 0 {
            let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                                      Int32(n), &work, Int32(n), &w)
            precondition(info == 0, "dsyevd failed (info \(info))")
        }
        values = w
        vectors = Matrix(rows: n, columns: n, values: work)
    }

    /// The indices of the `count` eigenvalues of largest |λ|, largest first
    /// (ties keep LAPACK's ascending order, so the result is deterministic).
    public func indicesOfLargestMagnitude(_ count: Int) -> [Int] {
        precondition(count <= values.count)
        let order = values.indices.sorted { i, j in
            let a = abs(values[i]), b = abs(values[j])
            return a != b ? a > b : i < j
        }
        return Array(order.prefix(count))
    }

    /// The k×count matrix of orthonormal eigenvectors for the `count`
    /// eigenvalues of largest absolute value, largest first.
    public func topVectors(byMagnitude count: Int) -> Matrix {
        Matrix(columns: indicesOfLargestMagnitude(count).map { vectors.column($0) })
    }
}
