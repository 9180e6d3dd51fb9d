import Foundation
import Testing
import ConvRecovery

/// Shared helpers: random networks and samples for the pass tests.
enum PassFixture {
    /// A network with Gaussian kernels of column norm ≈ `scale` and random
    /// signs, and a sample whose labels come from a *different* network plus
    /// noise (so residuals are O(1) and every term of the gradient matters).
    static func make(k: Int, t: Int, r: Int, n: Int, activation: Activation, seed: UInt64,
                     scale: Double = 1) -> (network: Network, data: Dataset) {
        var stream = RandomSource(seed: seed).child("fixture").stream
        func kernels() -> Matrix {
            Matrix(rows: k, columns: t, values: stream.gaussians(k * t).map { $0 * scale / Double(k).squareRoot() })
        }
        let signs = (0..<t).map { _ in stream.nextSign() }
        let network = Network(kernels: kernels(), outputSigns: signs, activation: activation, patchCount: r)
        let teacher = Network(kernels: kernels(), outputSigns: signs, activation: activation, patchCount: r)
        let data = DataGenerator.draw(truth: teacher, sampleCount: n, noise: 0.3, source: RandomSource(seed: seed).child("data"))
        return (network, data)
    }

    /// The smallest |w_jᵀ x_(l)| over the sample (distance to the relu kink).
    static func smallestPreactivation(_ network: Network, _ data: Dataset) -> Double {
        let k = network.kernels.rows, r = network.patchCount, d = k * r
        var smallest = Double.infinity
        for i in 0..<data.sampleCount {
            for l in 0..<r {
                for j in 0..<network.kernels.columns {
                    var h = 0.0
                    for a in 0..<k { h += network.kernels[a, j] * data.inputs[i * d + l * k + a] }
                    smallest = min(smallest, abs(h))
                }
            }
        }
        return smallest
    }

    /// A fixture whose pre-activations all stay ≥ 10⁻⁴ from 0 (redrawing
    /// the seed otherwise), so that finite differences with steps ≤ 10⁻⁶
    /// never cross a kink of the relu family (|Δh| ≤ 10⁻⁶·|x_a| < 10⁻⁵).
    static func awayFromKinks(k: Int, t: Int, r: Int, n: Int, activation: Activation, seed: UInt64)
        -> (network: Network, data: Dataset) {
        for attempt in 0..<50 {
            let fixture = make(k: k, t: t, r: r, n: n, activation: activation, seed: seed &+ 1000 &* UInt64(attempt))
            if activation.homogeneousDegree == nil || smallestPreactivation(fixture.network, fixture.data) >= 1e-4 {
                return fixture
            }
        }
        fatalError("no kink-free draw in 50 attempts")
    }

    /// f_S(W) straight from the definition with Network.output.
    static func directLoss(_ network: Network, _ data: Dataset) -> Double {
        var sum = 0.0
        for i in 0..<data.sampleCount {
            let row = data.inputs[(i * data.dimension)..<((i + 1) * data.dimension)]
            let e = network.output(row) - data.labels[i]
            sum += e * e
        }
        return sum / (2 * Double(data.sampleCount))
    }
}

/// The fused loss/gradient pass against the definition of f_S and its
/// central finite differences, on every SIMD specialisation (t ≤ 4, ≤ 8,
/// ≤ 16) and the scalar fallback (t > 16).
@Suite struct LossGradientTests {
    /// (k, t, r): t = 1, 3, 4 → SIMD4; 5, 8 → SIMD8; 9, 16 → SIMD16; 17 → scalar.
    static let shapes: [(k: Int, t: Int, r: Int)] = [
        (3, 1, 1), (3, 3, 3), (7, 4, 1), (7, 5, 3), (16, 8, 1), (16, 9, 3), (20, 16, 3), (20, 17, 1), (20, 17, 3),
    ]
    static let activations: [Activation] = [.relu, .leakyRelu(slope: 0.1), .squaredRelu, .sigmoid, .tanh]

    @Test(arguments: LossGradientTests.activations)
    func lossMatchesDirectComputation(activation: Activation) {
        for (index, shape) in Self.shapes.enumerated() {
            let (network, data) = PassFixture.make(k: shape.k, t: shape.t, r: shape.r, n: 1500,
                                                   activation: activation, seed: UInt64(10 + index))
            let fused = LossGradient.evaluate(network, on: data, gradient: false).loss
            let direct = PassFixture.directLoss(network, data)
            // Two summation orders of 1500 O(1) terms: rounding ≲ 1500·ε relative.
            #expect(abs(fused - direct) <= 1e-12 * direct, "\(activation) \(shape): \(fused) vs \(direct)")
            // The gradient flag does not change the loss.
            #expect(LossGradient.evaluate(network, on: data, gradient: true).loss == fused)
        }
    }

    /// ∂f/∂W_{aj} ≈ (f(W + hE_{aj}) − f(W − hE_{aj}))/(2h).
    /// relu family (piecewise linear/quadratic, no kink within reach): the
    /// difference is exact up to rounding, ≈ ε·f/h ≈ 10⁻¹⁰ with h = 10⁻⁶.
    /// smooth units: h = 10⁻⁵, truncation h²·|f'''|/6 ≲ 10⁻⁹ for these O(1)
    /// scales, rounding ε·f/h ≈ 10⁻¹¹. Bound 10⁻⁷·max(1, ‖∇f‖_∞): a wrong
    /// sign, lane, factor or missing patch is an O(1) relative error.
    @Test(arguments: LossGradientTests.activations)
    func gradientMatchesCentralDifferences(activation: Activation) {
        let h = activation.homogeneousDegree == nil ? 1e-5 : 1e-6
        for (index, shape) in Self.shapes.enumerated() {
            let (network, data) = PassFixture.awayFromKinks(k: shape.k, t: shape.t, r: shape.r, n: 40,
                                                            activation: activation, seed: UInt64(100 + index))
            let gradient = LossGradient.evaluate(network, on: data).gradient!
            let scale = max(1, gradient.values.map(abs).max()!)
            var worst = 0.0
            for j in 0..<shape.t {
                for a in 0..<shape.k {
                    var plus = network, minus = network
                    plus.kernels[a, j] += h
                    minus.kernels[a, j] -= h
                    let fd = (LossGradient.evaluate(plus, on: data, gradient: false).loss
                        - LossGradient.evaluate(minus, on: data, gradient: false).loss) / (2 * h)
                    worst = max(worst, abs(gradient[a, j] - fd))
                }
            }
            #expect(worst <= 1e-7 * scale, "\(activation) \(shape): worst |g − fd| = \(worst), scale \(scale)")
            #expect(gradient.frobeniusNorm > 1e-3, "fixture gradient should not vanish")
        }
    }

    /// The same check with the loss computed by Network.output rather than the
    /// pass itself, on one shape per path: guards against a pass whose loss
    /// and gradient are consistently wrong together.
    @Test(arguments: [Activation.leakyRelu(slope: 0.1), .tanh])
    func gradientMatchesDifferencesOfDirectLoss(activation: Activation) {
        let h = activation.homogeneousDegree == nil ? 1e-5 : 1e-6
        for (index, shape) in [(5, 3, 3), (9, 6, 2), (10, 10, 2), (18, 17, 2)].enumerated() {
            let (network, data) = PassFixture.awayFromKinks(k: shape.0, t: shape.1, r: shape.2, n: 30,
                                                            activation: activation, seed: UInt64(300 + index))
            let gradient = LossGradient.evaluate(network, on: data).gradient!
            let scale = max(1, gradient.values.map(abs).max()!)
            var worst = 0.0
            for j in 0..<shape.1 {
                for a in 0..<shape.0 {
                    var plus = network, minus = network
                    plus.kernels[a, j] += h
                    minus.kernels[a, j] -= h
                    let fd = (PassFixture.directLoss(plus, data) - PassFixture.directLoss(minus, data)) / (2 * h)
                    worst = max(worst, abs(gradient[a, j] - fd))
                }
            }
            #expect(worst <= 1e-7 * scale, "\(activation) \(shape): worst |g − fd| = \(worst), scale \(scale)")
        }
    }

    /// (1/n) JᵀJ D with J built explicitly: row i of J is ∂F(x_i)/∂W by
    /// central differences of Network.output (smooth units: truncation
    /// h²|F'''| ≈ 10⁻¹⁰; relu family away from kinks: exact up to rounding).
    @Test(arguments: LossGradientTests.activations)
    func gaussNewtonProductMatchesExplicitJacobian(activation: Activation) {
        let h = activation.homogeneousDegree == nil ? 1e-5 : 1e-6
        for (index, shape) in [(3, 1, 3), (6, 4, 2), (7, 5, 3), (12, 10, 1), (18, 17, 2)].enumerated() {
            let (k, t, r) = shape
            let n = 25
            let (network, data) = PassFixture.awayFromKinks(k: k, t: t, r: r, n: n, activation: activation,
                                                            seed: UInt64(500 + index))
            var stream = RandomStream(seed: UInt64(77 + index))
            let direction = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
            var expected = [Double](repeating: 0, count: k * t)
            let d = k * r
            for i in 0..<n {
                let row = data.inputs[(i * d)..<((i + 1) * d)]
                var jacobian = [Double](repeating: 0, count: k * t)
                for p in 0..<(k * t) {
                    var plus = network, minus = network
                    plus.kernels.values[p] += h
                    minus.kernels.values[p] -= h
                    jacobian[p] = (plus.output(row) - minus.output(row)) / (2 * h)
                }
                let jd = jacobian.dot(direction.values)
                for p in 0..<(k * t) { expected[p] += jacobian[p] * jd / Double(n) }
            }
            let product = LossGradient.gaussNewtonProduct(network, direction: direction, on: data)
            let scale = max(1, expected.map(abs).max()!)
            let worst = zip(product.values, expected).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-6 * scale, "\(activation) \(shape): worst \(worst), scale \(scale)")
        }
    }
}
