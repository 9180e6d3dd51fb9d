import CLinearAlgebra
import Foundation

/// The true kernels of an experiment, as the authors draw them:
///
///     W* = U Σ Vᵀ,  Σ = diag(linspace(1, κ, t))
///
/// with U ∈ R^{k×t} the Q factor of a k×t standard Gaussian matrix and
/// V ∈ R^{t×t} the Q factor of a t×t Gaussian matrix (for t = 1, Σ = [1]).
/// The singular values of W* are then exactly 1…κ, so κ is its condition
/// number. Output signs are all +1, or uniform on {±1} when asked for.
public enum GroundTruth {
    /// How the output signs v* are chosen.
    public enum Signs: String, Sendable, Codable, CaseIterable {
        case ones
        case random
    }

    /// Draws W* (and v*) from `stream`.
    public static func draw(shape: NetworkShape, conditionNumber kappa: Double, signs: Signs,
                            activation: Activation, stream: inout RandomStream) -> Network {
        let k = shape.patchSize, t = shape.kernelCount
        let u = orthonormalFactor(rows: k, columns: t, stream: &stream)
        let v = orthonormalFactor(rows: t, columns: t, stream: &stream)
        var sigma = Matrix(rows: t, columns: t)
        for i in 0..<t { sigma[i, i] = t == 1 ? 1 : 1 + (kappa - 1) * Double(i) / Double(t - 1) }
        let kernels = u * sigma * v.transposed
        let outputSigns: [Double] = switch signs {
        case .ones: [Double](repeating: 1, count: t)
        case .random: (0..<t).map { _ in stream.nextSign() }
        }
        return Network(kernels: kernels, outputSigns: outputSigns, activation: activation,
                       patchCount: shape.patchCount)
    }

    /// The Q factor (rows × columns, orthonormal columns) of a Gaussian
    /// matrix, by LAPACK's Householder QR (dgeqrf + dorgqr).
    public static func orthonormalFactor(rows: Int, columns: Int, stream: inout RandomStream) -> Matrix {
        precondition(rows >= columns)
        var a = stream.gaussians(rows * columns)
        var tau = [Double](repeating: 0, count: columns)
        let m = Int32(rows), n = Int32(columns)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, m, n, &a, m, &tau)
        precondition(info == 0, "dgeqrf failed (info \(info))")
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, m, n, n, &a, m, &tau)
        precondition(info == 0, "dorgqr failed (info \(info))")
        return Matrix(rows: rows, columns: columns, values: a)
    }
}
