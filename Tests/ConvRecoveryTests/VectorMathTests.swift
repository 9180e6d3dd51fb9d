import Foundation
import Testing
import ConvRecovery

/// The vectorised exp/expm1 and the lane activations against libm.
///
/// Tolerance: relative 10⁻¹⁴ (≈ 45 ulp; the method of VectorMath promises a
/// few ulp). Where the result is subnormal its relative precision is lost by
/// any implementation, so there the bound is absolute: 2 subnormal ulps
/// (2·4.9·10⁻³²⁴), the double rounding of an accurate value.
@Suite struct VectorMathTests {
    static let relative = 1e-14
    static let subnormalSlack = 2 * Double.leastNonzeroMagnitude

    /// A dense grid over [−746, 710] (step ≈ 0.0073, offset so that it hits
    /// non-representable points) plus edge and tiny arguments.
    static let grid: [Double] = {
        var points = (0...200_000).map { -746 + Double($0) * (1456.0 / 200_000) + 1.1e-7 }
        points += [0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 1e-17, -1e-17,
                   0.34657359, -0.34657359, 0.5 * log(2.0), -0.5 * log(2.0), 1, -1,
                   709.78, 709.782712893384, 709.79, 710, -708.39, -708.4, -744.44, -745, -745.13, -745.2, -746, -800]
        return points
    }()

    static func close(_ got: Double, _ expected: Double) -> Bool {
        if got == expected { return true }
        if expected.isInfinite || got.isInfinite || got.isNaN { return false }
        return abs(got - expected) <= relative * abs(expected) + subnormalSlack
    }

    /// Applies a SIMD8 function to the grid lane by lane.
    static func map8(_ xs: [Double], _ f: (SIMD8<Double>) -> SIMD8<Double>) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(xs.count + 8)
        var i = 0
        while i < xs.count {
            var v = SIMD8<Double>(repeating: 0)
            for l in 0..<8 where i + l < xs.count { v[l] = xs[i + l] }
            let r = f(v)
            for l in 0..<8 where i + l < xs.count { out.append(r[l]) }
            i += 8
        }
        return out
    }

    @Test func expMatchesLibm() {
        let got = Self.map8(Self.grid) { VectorMath.exp($0) }
        var failures: [String] = []
        for (x, g) in zip(Self.grid, got) where !Self.close(g, Foundation.exp(x)) {
            failures.append("exp(\(x)) = \(g), libm \(Foundation.exp(x))")
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        // Other widths use the same code path.
        let four = VectorMath.exp(SIMD4<Double>(1e-300, -745, 700, 1))
        #expect(Self.close(four[0], 1) && Self.close(four[1], Foundation.exp(-745)) && Self.close(four[2], Foundation.exp(700)))
    }

    /// Below ln(2^1024)·(1 − 1/2048) ≈ 709.436 (see the known issue below for the top).
    @Test func expm1MatchesLibm() {
        let grid = Self.grid.filter { $0 < 709.43 || $0 > 709.79 }
        let got = Self.map8(grid) { VectorMath.expm1($0) }
        var failures: [String] = []
        for (x, g) in zip(grid, got) where !Self.close(g, Foundation.expm1(x)) {
            failures.append("expm1(\(x)) = \(g), libm \(Foundation.expm1(x))")
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(VectorMath.expm1(SIMD2<Double>(1e-300, -1e-10)) == SIMD2(1e-300, Foundation.expm1(-1e-10)))
    }

    /// expm1 for x ∈ [1023.5·ln 2, 709.7827] ≈ [709.436, 709.783], where
    /// k = round(x/ln 2) = 1024 and 2^k alone overflows although e^x − 1 is
    /// finite (it was NaN = −inf + inf before the fix).
    @Test func expm1NearOverflow() {
        for x in [709.44, 709.5, 709.7, 709.78, 709.782712893384] {
            let got = VectorMath.expm1(SIMD2<Double>(x, 0))[0]
            #expect(Self.close(got, Foundation.expm1(x)), "expm1(\(x)) = \(got), libm \(Foundation.expm1(x))")
        }
    }

    /// σ and σ' against the libm forms 1/(1+e^{−z}) (exp(z)/(1+exp(z)) for
    /// z < 0, where 1/(1+e^{−z}) would overflow) and σ(1 − σ) computed as
    /// e^{−|z|}/(1+e^{−|z|})² (free of cancellation).
    @Test func sigmoidLanesMatchLibm() {
        let grid = Self.grid.filter { abs($0) <= 746 }
        var failures: [String] = []
        for chunk in stride(from: 0, to: grid.count, by: 8) {
            var v = SIMD8<Double>(repeating: 0)
            for l in 0..<8 where chunk + l < grid.count { v[l] = grid[chunk + l] }
            let (value, derivative) = SigmoidLanes().valueAndDerivative(v)
            for l in 0..<8 where chunk + l < grid.count {
                let z = v[l]
                let reference = z >= 0 ? 1 / (1 + Foundation.exp(-z)) : Foundation.exp(z) / (1 + Foundation.exp(z))
                let u = Foundation.exp(-abs(z))
                let slope = u / ((1 + u) * (1 + u))
                if !Self.close(value[l], reference) { failures.append("σ(\(z)) = \(value[l]), libm \(reference)") }
                if !Self.close(derivative[l], slope) { failures.append("σ'(\(z)) = \(derivative[l]), libm \(slope)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func tanhLanesValueMatchesLibm() {
        let grid = Self.grid.filter { abs($0) <= 400 }
        let got = Self.map8(grid) { TanhLanes().valueAndDerivative($0).value }
        var failures: [String] = []
        for (z, g) in zip(grid, got) where !Self.close(g, Foundation.tanh(z)) {
            failures.append("tanh(\(z)) = \(g), libm \(Foundation.tanh(z))")
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    /// 1 − tanh² z = 4u/(1+u)² with u = e^{−2|z|} from libm exp (no
    /// cancellation). In absolute terms any formula through tanh or expm1
    /// carries an error of about ulp(1)·4 ≈ 10⁻¹⁵, which the first check
    /// allows; this is what the solver needs.
    @Test func tanhLanesDerivativeAbsoluteAccuracy() {
        let grid = Self.grid.filter { abs($0) <= 400 }
        let got = Self.map8(grid) { TanhLanes().valueAndDerivative($0).derivative }
        var failures: [String] = []
        for (z, g) in zip(grid, got) {
            let u = Foundation.exp(-2 * abs(z))
            let exact = 4 * u / ((1 + u) * (1 + u))
            if abs(g - exact) > Self.relative * exact + 1e-15 { failures.append("tanh'(\(z)) = \(g), exact \(exact)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    /// The tanh derivative keeps its relative accuracy in the tails: it is
    /// 4u/(1+u)² with u = e^{−2|z|} taken from the exponential itself, not
    /// 4(m+1)/(m+2)² with m = expm1(−2|z|), where m + 1 cancels (relative
    /// error ~5·10⁻⁸ at |z| = 10, and 0 instead of 4e^{−40} at |z| = 20).
    @Test func tanhLanesDerivativeRelativeAccuracyInTails() {
        for z in [3.0, 5.0, 10.0, 20.0, -10.0] {
            let d = TanhLanes().valueAndDerivative(SIMD2<Double>(z, 0)).derivative[0]
            let u = Foundation.exp(-2 * abs(z))
            let exact = 4 * u / ((1 + u) * (1 + u))
            #expect(abs(d - exact) <= Self.relative * exact, "tanh'(\(z)) = \(d), exact \(exact)")
        }
    }

    /// Beyond |z| = 354 the lanes clamp −2|z| at −708: tanh is ±1 exactly
    /// (as libm), the derivative stays at its value there, 4e^{−708}, and
    /// NaN stays NaN.
    @Test func tanhLanesBeyondTheClamp() {
        let z = SIMD8<Double>(354, 400, -1e6, .infinity, -.infinity, .nan, 353, -0.0)
        let (value, derivative) = TanhLanes().valueAndDerivative(z)
        for l in 0..<5 {
            #expect(value[l] == Foundation.tanh(z[l]), "tanh(\(z[l]))")
            #expect(Self.close(derivative[l], 4 * Foundation.exp(-708.0)), "tanh'(\(z[l])) = \(derivative[l])")
        }
        #expect(value[5].isNaN && derivative[5].isNaN)
        #expect(Self.close(derivative[6], 4 * Foundation.exp(-706.0)))
        #expect(value[7] == 0 && value[7].sign == .minus && derivative[7] == 1)
    }

    /// The piecewise units lane by lane against Activation's scalar forms.
    @Test func piecewiseLanesMatchScalarForms() {
        let zs = SIMD8<Double>(-3, -1e-300, -0.0, 0, 1e-300, 0.5, 2, 1e6)
        let cases: [(any LaneActivation, Activation)] = [
            (ReluLanes(), .relu), (LeakyReluLanes(slope: 0.1), .leakyRelu(slope: 0.1)), (SquaredReluLanes(), .squaredRelu),
        ]
        for (lanes, activation) in cases {
            let (value, derivative) = lanes.valueAndDerivative(zs)
            for l in 0..<8 {
                // Bit for bit (the lanes select by masks on the bit patterns).
                #expect(value[l].bitPattern == activation.value(zs[l]).bitPattern, "\(activation) φ(\(zs[l]))")
                #expect(derivative[l].bitPattern == activation.derivative(zs[l]).bitPattern,
                        "\(activation) φ'(\(zs[l]))")
            }
        }
    }

    /// Non-finite and out-of-range inputs: the clamp works on bit patterns
    /// and must still give e^−∞ = 0, e^∞ = ∞, and pass NaN through.
    @Test func expOfNonFiniteInputs() {
        let e = VectorMath.exp(SIMD8<Double>(-.infinity, .infinity, .nan, -800, 800, -745.5, 709.5, -.nan))
        #expect(e[0] == 0)
        #expect(e[1] == .infinity)
        #expect(e[2].isNaN)
        #expect(e[3] == 0)
        #expect(e[4] == .infinity)
        #expect(e[5] == Foundation.exp(-745.5))
        #expect(Self.close(e[6], Foundation.exp(709.5)))
        #expect(e[7].isNaN)
    }

    /// σ at ±0 and the sign select: σ(−0) = σ(0) = 1/2, σ(−z) = 1 − σ(z).
    @Test func sigmoidLanesAtZeroAndSymmetry() {
        let (value, derivative) = SigmoidLanes().valueAndDerivative(SIMD4<Double>(-0.0, 0, -3, 3))
        #expect(value[0] == 0.5 && value[1] == 0.5)
        #expect(derivative[0] == 0.25 && derivative[1] == 0.25)
        #expect(abs(value[2] + value[3] - 1) < 1e-15)
    }
}
