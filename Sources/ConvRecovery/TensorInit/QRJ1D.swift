import Foundation

/// Non-orthogonal joint diagonalisation of N matrices C_l ∈ R^{p×p} by
/// Afsari's QRJ1D ([Afs06]), exactly as MATH.md §4.4 states it: find B with
/// B C_l Bᵀ ≈ diagonal for every l.
///
/// Each sweep: (a) a Givens phase over the pairs j < i (orthogonal factor
/// U), (b) a triangular phase over the pairs i < j (unit triangular factor
/// L), (c) B ← L·U·B and err = max|L·U − I|, (d) on every 3rd sweep a
/// rebalancing D = diag(N/d_i), d_i = Σ|row_i| over all blocks,
/// C_l ← D C_l D, B ← D B. Stops when err ≤ tolerance or after `maxSweeps`.
/// Cost O(sweeps · p³ · N).
public struct QRJ1D: Sendable {
    /// The joint diagonaliser B (B C_l Bᵀ ≈ diagonal).
    public var transform: Matrix
    /// The transformed matrices B C_l Bᵀ.
    public var diagonalised: [Matrix]
    public var sweeps: Int
    /// The last sweep's max|L·U − I|.
    public var lastChange: Double
    public var converged: Bool

    /// Default tolerance per dimension: tolerance = 1e−4·p.
    public static let defaultTolerancePerDimension = 1e-4
    public static let defaultMaxSweeps = 200

    public init(_ matrices: [Matrix], tolerance: Double? = nil, maxSweeps: Int = QRJ1D.defaultMaxSweeps) {
        precondition(!matrices.isEmpty, "QRJ1D needs at least one matrix")
        let p = matrices[0].rows
        precondition(matrices.allSatisfy { $0.rows == p && $0.columns == p }, "QRJ1D needs p×p matrices")
        let count = matrices.count
        let tolerance = tolerance ?? QRJ1D.defaultTolerancePerDimension * Double(p)
        let pp = p * p
        // Blocks side by side: C_l[a, b] at l·p² + a + b·p.
        var c = [Double](repeating: 0, count: count * pp)
        for l in 0..<count { for e in 0..<pp { c[l * pp + e] = matrices[l].values[e] } }
        var b = Matrix.identity(p)
        var sweep = 0
        var change = Double.infinity
        var done = false

        while sweep < maxSweeps && !done {
            sweep += 1
            var u = Matrix.identity(p)
            var lower = Matrix.identity(p)
            c.withUnsafeMutableBufferPointer { cs in
                // (a) Givens phase: i = 2..p, j < i (0-based: i = 1..<p, j = 0..<i).
                for i in 1..<max(p, 1) {
                    for j in 0..<i {
                        // G G ᵀ for G = [C_l[j,j] − C_l[i,i] ; −2 C_l[i,j]]_l.
                        var g11 = 0.0, g12 = 0.0, g22 = 0.0
                        for l in 0..<count {
                            let block = l * pp
                            let g1 = cs[block + j + j * p] - cs[block + i + i * p]
                            let g2 = -2 * cs[block + i + j * p]
                            g11 += g1 * g1; g12 += g1 * g2; g22 += g2 * g2
                        }
                        // Top eigenvector (v₁, v₂) of the 2×2 symmetric [[g11, g12], [g12, g22]]:
                        // direction φ = ½ atan2(2 g12, g11 − g22).
                        let phi = 0.5 * atan2(2 * g12, g11 - g22)
                        let v1 = cos(phi), v2 = sin(phi)
                        let theta = v1 == 0 ? Double.pi / 4 : 0.5 * atan(v2 / v1)
                        let cosine = cos(theta), sine = sin(theta)
                        if sine == 0 { continue }
                        for l in 0..<count {
                            let block = cs.baseAddress! + l * pp
                            // Columns (old values on the right):
                            // col_j ← c·col_j − s·col_i, col_i ← c·col_i + s·col_j.
                            for a in 0..<p {
                                let cj = block[a + j * p], ci = block[a + i * p]
                                block[a + j * p] = cosine * cj - sine * ci
                                block[a + i * p] = cosine * ci + sine * cj
                            }
                            // Rows: row_j ← c·row_j − s·row_i, row_i ← s·row_j + c·row_i.
                            for a in 0..<p {
                                let rj = block[j + a * p], ri = block[i + a * p]
                                block[j + a * p] = cosine * rj - sine * ri
                                block[i + a * p] = sine * rj + cosine * ri
                            }
                        }
                        for a in 0..<p {
                            let rj = u[j, a], ri = u[i, a]
                            u[j, a] = cosine * rj - sine * ri
                            u[i, a] = sine * rj + cosine * ri
                        }
                    }
                }
                // (b) Triangular phase: i < j.
                for i in 0..<p {
                    for j in (i + 1)..<max(p, i + 1) {
                        var numerator = 0.0, denominator = 0.0
                        for l in 0..<count {
                            let block = cs.baseAddress! + l * pp
                            for m in 0..<p where m != j {
                                let ci = block[i + m * p]
                                numerator += ci * block[j + m * p]
                                denominator += ci * ci
                            }
                        }
                        guard denominator > 0 else { continue }
                        let a = min(1, max(-1, -numerator / denominator))
                        if a == 0 { continue }
                        for l in 0..<count {
                            let block = cs.baseAddress! + l * pp
                            for m in 0..<p { block[j + m * p] += a * block[i + m * p] }
                            for m in 0..<p { block[m + j * p] += a * block[m + i * p] }
                        }
                        for m in 0..<p { lower[j, m] += a * lower[i, m] }
                    }
                }
            }
            // (c) B ← L·U·B, err = max|L·U − I|.
            let lu = lower * u
            b = lu * b
            change = 0
            for row in 0..<p { for col in 0..<p { change = max(change, abs(lu[row, col] - (row == col ? 1 : 0))) } }
            // (d) Rebalance every 3rd sweep.
            if sweep % 3 == 0 {
                var scales = [Double](repeating: 1, count: p)
                for i in 0..<p {
                    var sum = 0.0
                    for l in 0..<count { for m in 0..<p { sum += abs(c[l * pp + i + m * p]) } }
                    scales[i] = sum > 0 ? Double(count) / sum : 1
                }
                for l in 0..<count {
                    for col in 0..<p { for row in 0..<p { c[l * pp + row + col * p] *= scales[row] * scales[col] } }
                }
                for col in 0..<p { for row in 0..<p { b[row, col] *= scales[row] } }
            }
            if change <= tolerance { done = true }
        }
        transform = b
        diagonalised = (0..<count).map { l in Matrix(rows: p, columns: p, values: Array(c[(l * pp)..<((l + 1) * pp)])) }
        sweeps = sweep
        lastChange = change
        converged = done
    }
}
