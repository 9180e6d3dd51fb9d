import Foundation
import Testing
import ConvRecovery

/// Gaussian constants of the activations (MATH.md §3) and φ, φ'.
@Suite struct ActivationTests {
    static let c = 1 / (2 * Double.pi).squareRoot()
    static let all: [Activation] = [.relu, .leakyRelu(slope: 0.01), .leakyRelu(slope: 0.1), .squaredRelu, .sigmoid, .tanh]

    /// E[f(z)] by composite Simpson's rule on [−14, 14], h = 10⁻³, with 0
    /// (the kink of the relu family) at a panel boundary: an algorithm
    /// independent of the Gauss–Hermite rule the implementation uses. On each
    /// smooth side the error is h⁴·max|(f·pdf)⁽⁴⁾|/180 ≲ 10⁻¹² for our
    /// integrands; the tails beyond 14 are < 10⁻⁴⁰.
    static func simpson(_ f: (Double) -> Double) -> Double {
        let n = 28_000, lower = -14.0, h = 28.0 / Double(n)   // n/2 even: 0 is a panel edge
        var sum = 0.0
        for i in 0...n {
            let z = lower + Double(i) * h
            let weight: Double = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2)
            sum += weight * f(z) * exp(-0.5 * z * z)
        }
        return sum * h / 3 * c
    }

    /// The closed forms of MATH.md §3, written out here.
    static func closedForm(_ activation: Activation, _ order: Int, _ s: Double) -> Double? {
        switch activation {
        case .relu: [s / 2, c * s, 0, -c * s][order - 1]
        case .leakyRelu(let a): [s * (1 + a) / 2, c * (1 - a) * s, 0, -c * (1 - a) * s][order - 1]
        case .squaredRelu: [2 * c * s * s, s * s, 2 * c * s * s, 0][order - 1]
        case .sigmoid, .tanh: nil
        }
    }

    static func he(_ order: Int, _ z: Double) -> Double {
        [z, z * z - 1, z * z * z - 3 * z, z * z * z * z - 6 * z * z + 3][order - 1]
    }

    @Test(arguments: [Activation.relu, .leakyRelu(slope: 0.01), .leakyRelu(slope: 0.1), .squaredRelu])
    func homogeneousMomentsMatchClosedFormsAndQuadrature(activation: Activation) {
        for sigma in [0.5, 1.0, 2.0] {
            for order in 1...4 {
                let value = activation.hermiteMoment(order, sigma: sigma)
                let closed = Self.closedForm(activation, order, sigma)!
                #expect(abs(value - closed) <= 1e-14 * max(1, abs(closed)), "\(activation) m\(order)(\(sigma))")
                // The table itself against a second algorithm (Simpson error ≤ 1e-12).
                let direct = Self.simpson { z in activation.value(sigma * z) * Self.he(order, z) }
                #expect(abs(direct - closed) <= 1e-10, "\(activation) m\(order)(\(sigma)): table \(closed), quadrature \(direct)")
            }
        }
    }

    /// m₁ of relu by Monte Carlo: E[relu(z) z] = ½, Var[relu(z) z] = E[z⁴ 1(z>0)] − ¼ = 1.25;
    /// 10⁶ draws give SE 1.1·10⁻³; bound 5 SE.
    @Test func reluFirstMomentByMonteCarlo() {
        var stream = RandomStream(seed: 5)
        let n = 1_000_000
        var sum = 0.0
        for _ in 0..<n { let z = stream.nextGaussian(); sum += Activation.relu.value(z) * z }
        #expect(abs(sum / Double(n) - Activation.relu.hermiteMoment(1, sigma: 1)) <= 5 * (1.25 / Double(n)).squareRoot())
    }

    /// MATH.md §3 sigmoid/tanh table (5 significant digits given, checked to 4:
    /// half a unit of the 5th digit plus quadrature rounding is < 1e-4 relative).
    @Test func sigmoidAndTanhMomentsMatchTable() {
        let table: [(Activation, Double, m1: Double, m3: Double)] = [
            (.sigmoid, 0.5, 0.11802, -0.01252), (.sigmoid, 1, 0.20662, -0.06240), (.sigmoid, 2, 0.30285, -0.18180),
            (.tanh, 0.5, 0.41324, -0.12479), (.tanh, 1, 0.60571, -0.36360), (.tanh, 2, 0.72948, -0.61398),
        ]
        for (activation, sigma, m1, m3) in table {
            let got1 = activation.hermiteMoment(1, sigma: sigma), got3 = activation.hermiteMoment(3, sigma: sigma)
            #expect(abs(got1 - m1) <= 1e-4 * abs(m1), "\(activation) m1(\(sigma)) = \(got1)")
            #expect(abs(got3 - m3) <= 1e-4 * abs(m3) + 5e-6, "\(activation) m3(\(sigma)) = \(got3)")
            #expect(activation.hermiteMoment(2, sigma: sigma) == 0)
            #expect(activation.hermiteMoment(4, sigma: sigma) == 0)
            // Against the independent Simpson rule (error ≲ 1e-12 here). The
            // 160-node Gauss–Hermite rule of the implementation converges
            // slowly for these integrands: tanh(σz) has poles at z = ±iπ/(2σ)
            // and the logistic at ±iπ/σ, close to the real axis for large σ.
            // Measured: 2.2e-8 for tanh m₃(2). Bound 1e-7: far below what the
            // 4-digit table or the magnitude step (sample error ~1e-2) needs,
            // and a wrong node/weight construction errs by ≫ 1e-3.
            for order in 1...4 {
                let direct = Self.simpson { z in activation.value(sigma * z) * Self.he(order, z) }
                #expect(abs(activation.hermiteMoment(order, sigma: sigma) - direct) <= 1e-7, "\(activation) m\(order)(\(sigma))")
            }
        }
    }

    /// ρ(σ): closed forms and the table of MATH.md §3 (given to 3 digits:
    /// within half a unit of the last digit shown).
    @Test func curvatureMatchesTable() {
        let base = 0.25 - 1 / (2 * Double.pi)
        #expect(abs(base - 0.090845) < 5e-7)
        #expect(abs(Activation.relu.curvature(sigma: 1.3) - base) < 1e-15)
        #expect(abs(Activation.leakyRelu(slope: 0.1).curvature(sigma: 1) - 0.81 * base) < 1e-15)
        for sigma in [0.5, 1.0, 2.0] {
            #expect(abs(Activation.squaredRelu.curvature(sigma: sigma) - 0.273240 * sigma * sigma) < 1e-6 * sigma * sigma)
        }
        let table: [(Activation, Double, Double, Double)] = [
            (.tanh, 0.5, 0.0343, 0.00005), (.tanh, 1, 0.0492, 0.00005), (.tanh, 2, 0.0154, 0.00005),
            (.sigmoid, 0.5, 3.2e-4, 0.05e-4), (.sigmoid, 1, 2.14e-3, 0.005e-3), (.sigmoid, 2, 3.07e-3, 0.005e-3),
        ]
        for (activation, sigma, expected, halfUnit) in table {
            let rho = activation.curvature(sigma: sigma)
            #expect(abs(rho - expected) <= halfUnit, "\(activation) ρ(\(sigma)) = \(rho)")
        }
    }

    /// The squared-relu ρ from its definition by independent quadrature.
    @Test func squaredReluCurvatureFromDefinition() {
        let sigma = 1.5, phi = Activation.squaredRelu
        func alpha(_ q: Double) -> Double { Self.simpson { phi.derivative(sigma * $0) * pow($0, q) } }
        func beta(_ q: Double) -> Double { Self.simpson { let d = phi.derivative(sigma * $0); return d * d * pow($0, q) } }
        let a0 = alpha(0), a1 = alpha(1), a2 = alpha(2), b0 = beta(0), b2 = beta(2)
        let rho = min(b0 - a0 * a0 - a1 * a1, b2 - a1 * a1 - a2 * a2, a0 * a2 - a1 * a1)
        #expect(abs(phi.curvature(sigma: sigma) - rho) < 1e-10)
    }

    @Test(arguments: ActivationTests.all)
    func inverseFirstMomentRoundTrip(activation: Activation) {
        for sigma in [0.05, 0.3, 1.0, 2.5, 3.9] {
            let (found, capped) = activation.inverseFirstMoment(activation.hermiteMoment(1, sigma: sigma))
            #expect(!capped)
            // Bisection to 1e-15 relative; m₁'(σ) is bounded below on [0, 4],
            // so quadrature rounding (~1e-16) moves σ by ≪ 1e-10.
            #expect(abs(found - sigma) <= 1e-10 * sigma, "\(activation): \(sigma) → \(found)")
        }
        if activation.homogeneousDegree == nil {
            let atCap = activation.hermiteMoment(1, sigma: 4)
            let beyond = activation.inverseFirstMoment(atCap * 1.0001)
            #expect(beyond.sigma == 4 && beyond.capped)
            let customCap = activation.inverseFirstMoment(activation.hermiteMoment(1, sigma: 2.5), cap: 2)
            #expect(customCap.sigma == 2 && customCap.capped)
            #expect(activation.inverseFirstMoment(0).sigma == 0)
        } else {
            // Homogeneous units are never capped: m₁(σ) = σ^h m₁(1) inverts in closed form.
            let large = activation.inverseFirstMoment(activation.hermiteMoment(1, sigma: 10))
            #expect(!large.capped && abs(large.sigma - 10) <= 1e-12 * 10)
        }
    }

    /// φ' against the central difference (φ(z+h) − φ(z−h))/(2h), h = 10⁻⁶:
    /// truncation h²|φ'''|/6 ≤ 10⁻¹², rounding ≈ 10⁻¹⁶|φ|/h ≤ 10⁻⁹ on
    /// |z| ≤ 6; the relu family is sampled away from its kink (|z| ≥ 10⁻³).
    @Test(arguments: ActivationTests.all)
    func derivativeMatchesCentralDifference(activation: Activation) {
        let h = 1e-6
        for i in 0...240 {
            let z = -6 + 0.05 * Double(i) + 0.00123
            if abs(z) < 1e-3 { continue }
            let fd = (activation.value(z + h) - activation.value(z - h)) / (2 * h)
            #expect(abs(activation.derivative(z) - fd) <= 1e-8 * max(1, abs(fd)), "\(activation) at \(z)")
        }
        // φ'(0) convention of MATH.md §2.
        switch activation {
        case .relu, .squaredRelu: #expect(activation.derivative(0) == 0)
        case .leakyRelu(let a): #expect(activation.derivative(0) == a)
        default: break
        }
    }

    @Test func sigmoidIsOverflowSafe() {
        for z in [1000.0, -1000, 710, -710, 745, -745, .greatestFiniteMagnitude, -.greatestFiniteMagnitude] {
            let value = Activation.sigmoid.value(z), slope = Activation.sigmoid.derivative(z)
            #expect(value.isFinite && slope.isFinite && value >= 0 && value <= 1 && slope >= 0, "at \(z)")
        }
        #expect(Activation.sigmoid.value(1000) == 1)
        #expect(Activation.sigmoid.value(-1000) == 0)
        #expect(Activation.sigmoid.derivative(-1000) == 0)
        // σ(−z) = 1 − σ(z); for z = −30 the value e^{−30}/(1+e^{−30}) must keep full relative accuracy.
        #expect(abs(Activation.sigmoid.value(-30) - exp(-30) / (1 + exp(-30))) <= 1e-15 * exp(-30))
        let lanes = SigmoidLanes().valueAndDerivative(SIMD4<Double>(1000, -1000, 0, -745))
        #expect(lanes.value[0] == 1 && lanes.value[1] == 0 && lanes.value[2] == 0.5)
        #expect(lanes.derivative[0] == 0 && lanes.derivative[1] == 0 && lanes.derivative[2] == 0.25)
        #expect(lanes.value[3].isFinite && lanes.derivative[3].isFinite)
    }
}
