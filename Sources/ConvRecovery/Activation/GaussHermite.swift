import CLinearAlgebra
import Foundation

/// Probabilists' Gauss–Hermite quadrature: E[f(z)], z ~ N(0, 1), as
/// Σ_i w_i f(z_i), exact for polynomials of degree < 2·N.
///
/// Nodes and weights come from the Golub–Welsch algorithm: the nodes are the
/// eigenvalues of the symmetric tridiagonal Jacobi matrix of the He_n
/// recurrence (zero diagonal, off-diagonal √i), and each weight is the
/// squared first component of the unit eigenvector (the weights of the
/// standard normal measure sum to 1). LAPACK's dstev does the work.
public struct GaussHermite: Sendable {
    public let nodes: [Double]
    public let weights: [Double]

    /// The rule used for the Gaussian constants of sigmoid and tanh.
    public static let standard = GaussHermite(order: 160)

    public init(order: Int) {
        precondition(order >= 1)
        var diagonal = [Double](repeating: 0, count: order)
        var offDiagonal = (1..<max(order, 2)).map { Double($0).squareRoot() }
        var vectors = [Double](repeating: 0, count: order * order)
        let info = LAPACKE_dstev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), Int32(order),
                                 &diagonal, &offDiagonal, &vectors, Int32(order))
        precondition(info == 0, "dstev failed (info \(info)) building Gauss–Hermite nodes")
        nodes = diagonal
        weights = (0..<order).map { vectors[$0 * order] * vectors[$0 * order] }
    }

    /// Σ_i w_i f(z_i) ≈ E[f(z)].
    public func expectation(_ f: (Double) -> Double) -> Double {
        var sum = 0.0
        for i in nodes.indices { sum += weights[i] * f(nodes[i]) }
        return sum
    }
}
