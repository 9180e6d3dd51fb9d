import Foundation
import Testing
import ConvRecovery

/// The sample loss at large n against the population loss in closed form
/// (MATH.md §8), for relu and squared-relu with r ≥ 2 so that the
/// cross-patch term r(r−1)μ(a)μ(b) matters.
@Suite struct PopulationLossTests {
    static let c = 1 / (2 * Double.pi).squareRoot()

    static func kernel(_ activation: Activation, _ a: [Double], _ b: [Double]) -> Double {
        let na = a.euclideanNorm, nb = b.euclideanNorm
        let cosine = max(-1, min(1, a.dot(b) / (na * nb)))
        let theta = acos(cosine)
        switch activation {
        case .relu:
            return na * nb * (sin(theta) + (Double.pi - theta) * cosine) / (2 * Double.pi)
        case .squaredRelu:
            return na * na * nb * nb * (3 * sin(theta) * cosine + (Double.pi - theta) * (1 + 2 * cosine * cosine)) / (2 * Double.pi)
        default: fatalError("closed form only for relu and squared-relu")
        }
    }

    static func mean(_ activation: Activation, _ a: [Double]) -> Double {
        activation == .relu ? a.euclideanNorm * c : 0.5 * a.dot(a)
    }

    /// C(A, B) = Σ_{j,j'} v_j v'_{j'} [r K(a_j, b_{j'}) + r(r−1) μ(a_j) μ(b_{j'})].
    static func crossMoment(_ x: Network, _ y: Network, crossPatch: Bool = true) -> Double {
        let r = Double(x.patchCount)
        var sum = 0.0
        for j in 0..<x.kernels.columns {
            for jj in 0..<y.kernels.columns {
                let a = x.kernels.column(j), b = y.kernels.column(jj)
                let term = r * kernel(x.activation, a, b) + (crossPatch ? r * (r - 1) * mean(x.activation, a) * mean(x.activation, b) : 0)
                sum += x.outputSigns[j] * y.outputSigns[jj] * term
            }
        }
        return sum
    }

    static func populationLoss(_ w: Network, _ truth: Network, crossPatch: Bool = true) -> Double {
        0.5 * (crossMoment(w, w, crossPatch: crossPatch) - 2 * crossMoment(w, truth, crossPatch: crossPatch)
               + crossMoment(truth, truth, crossPatch: crossPatch))
    }

    /// 40 batches of 5000 samples: the batch losses are i.i.d., so their mean
    /// has standard error sd/√40 (estimated from the batches). Assert the
    /// closed form is within 5 SE, that the SE is small (≤ 3% of f_D, so the
    /// check has power), and that dropping the cross-patch term moves the
    /// closed form by more than 10 SE (so this test would catch its loss).
    @Test(arguments: [Activation.relu, .squaredRelu], [(2, UInt64(1)), (4, UInt64(2))])
    func sampleLossConvergesToClosedForm(activation: Activation, config: (r: Int, seed: UInt64)) {
        let shape = NetworkShape(patchSize: 5, patchCount: config.r, kernelCount: 3)
        var truthStream = RandomSource(seed: config.seed).child("truth").stream
        let truth = GroundTruth.draw(shape: shape, conditionNumber: 2, signs: .random, activation: activation,
                                     stream: &truthStream)
        var stream = RandomSource(seed: config.seed).child("w").stream
        var w = truth
        let perturbation = Matrix(rows: 5, columns: 3, values: stream.gaussians(15))
        w.kernels = truth.kernels + (0.5 * truth.kernels.frobeniusNorm / perturbation.frobeniusNorm) * perturbation
        w.outputSigns = truth.outputSigns.enumerated().map { $0.offset == 0 ? -$0.element : $0.element }

        let batches = 40, batchSize = 5000
        let data = DataGenerator.draw(truth: truth, sampleCount: batches * batchSize, source: RandomSource(seed: config.seed).child("data"), threads: 2)
        let losses = (0..<batches).map { b in
            LossGradient.evaluate(w, on: data.samples((b * batchSize)..<((b + 1) * batchSize)), gradient: false).loss
        }
        let mean = losses.reduce(0, +) / Double(batches)
        let variance = losses.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches - 1)
        let se = (variance / Double(batches)).squareRoot()
        let closed = Self.populationLoss(w, truth)
        let withoutCross = Self.populationLoss(w, truth, crossPatch: false)
        #expect(abs(mean - closed) <= 5 * se, "\(activation) r=\(config.r): sample \(mean) ± \(se), closed form \(closed)")
        #expect(se <= 0.03 * closed, "standard error \(se) too large for \(closed)")
        #expect(abs(withoutCross - closed) > 10 * se, "cross-patch term not detectable")
        // And at W = W* the population loss is exactly 0.
        #expect(abs(Self.populationLoss(truth, truth)) <= 1e-12 * Self.crossMoment(truth, truth))
    }
}
