import Foundation
import Testing
import ConvRecovery

/// The fused SIMD pass of `LossGradient` against a plain reference written
/// from MATH.md §2 with the scalar `Activation.value`/`derivative` (libm
/// tanh and exp), for every activation, every lane width (t = 1…16 packs
/// into 4, 8 or 16 lanes; t = 17 takes the scalar pass) and every patch
/// length specialisation (k = 8, 16, and k = 5, 12, 19 at run time; for
/// t ≤ 4 and k = 8, 12, 16 the gradient is summed by column blocks), with patch
/// counts r = 3, 4, 5, 7 so the four-patch forward blocks run with and
/// without a remainder, r = 4, 8 for the shapes with r a compile-time
/// constant (t ≤ 4, k = 8, 16), and rows of d ≥ 512 (backward sums added
/// right away instead of deferred). Then a
/// central finite difference of the loss, and thread-count determinism.
@Suite struct FusedPassAgreementTests {
    static let activations: [Activation] = [.relu, .leakyRelu(slope: 0.01), .squaredRelu, .sigmoid, .tanh]

    struct Case {
        let network: Network
        let data: Dataset
        let direction: Matrix
    }

    /// A random network (W of norm ~1 per column, mixed signs) and a sample
    /// with labels from a different network, so residuals are O(1).
    static func makeCase(k: Int, r: Int, t: Int, n: Int, activation: Activation, seed: UInt64) -> Case {
        var stream = RandomSource(seed: seed).child("case").stream
        let scale = 1 / Double(k).squareRoot()
        let w = Matrix(rows: k, columns: t, values: stream.gaussians(k * t).map { $0 * scale })
        let signs = (0..<t).map { _ in stream.nextSign() }
        let network = Network(kernels: w, outputSigns: signs, activation: activation, patchCount: r)
        let inputs = stream.gaussians(n * k * r)
        let labels = stream.gaussians(n)
        let direction = Matrix(rows: k, columns: t, values: stream.gaussians(k * t))
        return Case(network: network, data: Dataset(sampleCount: n, dimension: k * r, inputs: inputs, labels: labels),
                    direction: direction)
    }

    /// (loss, gradient, Gauss–Newton product) straight from the formulas.
    static func reference(_ c: Case) -> (loss: Double, gradient: [Double], gaussNewton: [Double]) {
        let net = c.network, k = net.kernels.rows, t = net.kernels.columns, r = net.patchCount, d = k * r
        let n = c.data.sampleCount
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: k * t), gaussNewton = gradient
        for i in 0..<n {
            let x = Array(c.data.inputs[(i * d)..<((i + 1) * d)])
            var output = 0.0, jd = 0.0
            var slopes = [Double](repeating: 0, count: r * t)
            for j in 0..<t {
                for l in 0..<r {
                    var h = 0.0, hd = 0.0
                    for a in 0..<k {
                        h += net.kernels[a, j] * x[l * k + a]
                        hd += c.direction[a, j] * x[l * k + a]
                    }
                    output += net.outputSigns[j] * net.activation.value(h)
                    slopes[l * t + j] = net.activation.derivative(h)
                    jd += net.outputSigns[j] * slopes[l * t + j] * hd
                }
            }
            let e = output - c.data.labels[i]
            loss += e * e
            for j in 0..<t {
                for l in 0..<r {
                    let common = net.outputSigns[j] * slopes[l * t + j]
                    for a in 0..<k {
                        gradient[a + j * k] += e * common * x[l * k + a]
                        gaussNewton[a + j * k] += jd * common * x[l * k + a]
                    }
                }
            }
        }
        return (loss / (2 * Double(n)), gradient.map { $0 / Double(n) }, gaussNewton.map { $0 / Double(n) })
    }

    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        var difference = 0.0, norm = 0.0
        for (x, y) in zip(a, b) {
            difference += (x - y) * (x - y)
            norm += y * y
        }
        return (difference / max(norm, .leastNormalMagnitude)).squareRoot()
    }

    @Test(arguments: activations)
    func fusedPassMatchesReference(activation: Activation) {
        // Every (k, t) with r cycling through the four-patch blocks alone, with
        // a remainder, and the remainder only; then the shapes whose chunk
        // body has r as a constant too (t ≤ 4, k = 8 or 16, r = 4 or 8), and
        // rows of d ≥ 512, whose backward sums are not deferred.
        let shapes = [8, 16, 5, 12, 19].flatMap { k in (1...17).map { t in (k, t, [3, 4, 5, 7][t % 4]) } }
            + [8, 16].flatMap { k in [(1, 8), (3, 8), (4, 8), (4, 4), (2, 4)].map { (k, $0.0, $0.1) } }
            + [(8, 3, 64), (16, 4, 33), (12, 2, 43), (16, 6, 32), (8, 17, 64)]
        for (k, t, r) in shapes {
            let c = Self.makeCase(k: k, r: r, t: t, n: 1100, activation: activation, seed: UInt64(100 * k + t))
            let expected = Self.reference(c)
            let evaluation = LossGradient.evaluate(c.network, on: c.data, gradient: true, threads: 1)
            let product = LossGradient.gaussNewtonProduct(c.network, direction: c.direction, on: c.data, threads: 1)
            let label = "\(activation) k=\(k) t=\(t) r=\(r)"
            #expect(abs(evaluation.loss - expected.loss) <= 1e-12 * abs(expected.loss), "\(label) loss")
            #expect(Self.relativeDifference(evaluation.gradient!.values, expected.gradient) <= 1e-12, "\(label) gradient")
            #expect(Self.relativeDifference(product.values, expected.gaussNewton) <= 1e-12, "\(label) Gauss-Newton")
            let lossOnly = LossGradient.evaluate(c.network, on: c.data, gradient: false, threads: 1)
            #expect(lossOnly.gradient == nil && lossOnly.loss == evaluation.loss, "\(label) loss without gradient")
        }
    }

    /// A central difference of the loss along each coordinate of W.
    @Test(arguments: activations)
    func gradientMatchesFiniteDifference(activation: Activation) {
        for (k, t) in [(16, 4), (8, 3), (5, 2)] {
            let c = Self.makeCase(k: k, r: 3, t: t, n: 400, activation: activation, seed: UInt64(7 * k + t))
            let gradient = LossGradient.evaluate(c.network, on: c.data, threads: 1).gradient!
            let step = 1e-5
            var numeric = [Double](repeating: 0, count: k * t)
            for index in 0..<(k * t) {
                var plus = c.network, minus = c.network
                plus.kernels.values[index] += step
                minus.kernels.values[index] -= step
                let fPlus = LossGradient.evaluate(plus, on: c.data, gradient: false).loss
                let fMinus = LossGradient.evaluate(minus, on: c.data, gradient: false).loss
                numeric[index] = (fPlus - fMinus) / (2 * step)
            }
            // relu-family kinks make a few samples non-smooth within ±step.
            let tolerance = activation.homogeneousDegree == 1 ? 5e-3 : 1e-7
            #expect(Self.relativeDifference(gradient.values, numeric) <= tolerance, "\(activation) k=\(k) t=\(t)")
        }
    }

    /// 1 and 2 threads: the same bits, for every lane width and k path
    /// (and the constant-r path: k = 16, t = 4, r = 8; and d = 512, where
    /// each backward sum is added right away).
    @Test(arguments: activations)
    func threadCountDoesNotChangeBits(activation: Activation) {
        for (k, t, r) in [(16, 4, 3), (16, 4, 8), (8, 3, 64), (12, 2, 3), (8, 8, 3), (16, 13, 3), (5, 3, 3), (19, 17, 3)] {
            let c = Self.makeCase(k: k, r: r, t: t, n: 5 * LossGradient.chunkSize + 77, activation: activation,
                                  seed: UInt64(31 * k + t))
            let one = LossGradient.evaluate(c.network, on: c.data, threads: 1)
            let two = LossGradient.evaluate(c.network, on: c.data, threads: 2)
            #expect(one.loss.bitPattern == two.loss.bitPattern, "\(activation) k=\(k) t=\(t) r=\(r) loss")
            #expect(one.gradient!.values.map(\.bitPattern) == two.gradient!.values.map(\.bitPattern),
                    "\(activation) k=\(k) t=\(t) gradient")
            let productOne = LossGradient.gaussNewtonProduct(c.network, direction: c.direction, on: c.data, threads: 1)
            let productTwo = LossGradient.gaussNewtonProduct(c.network, direction: c.direction, on: c.data, threads: 2)
            #expect(productOne.values.map(\.bitPattern) == productTwo.values.map(\.bitPattern),
                    "\(activation) k=\(k) t=\(t) Gauss-Newton")
        }
    }
}
