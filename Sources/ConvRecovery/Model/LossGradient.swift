/// The squared loss and its gradient in one pass over the sample (MATH.md §2):
///
///     f_S(W)      = (1/(2n)) Σ_i e_i²,   e_i = F_W(x_i) − y_i
///     ∇_{w_j} f_S = (1/n) Σ_i e_i v_j Σ_l φ'(w_jᵀ x_{i,(l)}) x_{i,(l)}
///
/// Sample i needs only its own row of X: the pass computes the r·t
/// pre-activations H_i = X_i W, the residual e_i, and then adds
/// e_i X_iᵀ(φ'(H_i) diag(v)) to the gradient while the row is still in L1.
/// X is read once; working memory is O(k·t) per thread.
///
/// Specialisation: the t kernels are packed into SIMD lanes (4, 8 or 16
/// lanes, the padding lanes carrying v = 0 so they add nothing), and the
/// activation is a generic parameter, so each (lanes, activation) pair is
/// its own loop with no branches on the activation. Shapes with t > 16 use
/// the generic scalar loop.
///
/// Determinism: samples are split into chunks of `chunkSize` (independent of
/// the thread count); each chunk's partial sums are reduced in chunk order.
/// Any number of threads gives bit-identical results.
public enum LossGradient {
    /// Samples per chunk of the parallel reduction.
    public static let chunkSize = 1024

    /// f_S(W), and ∇f_S(W) when asked for.
    public struct Evaluation: Sendable {
        public var loss: Double
        public var gradient: Matrix?
    }

    /// The loss (and gradient) of `network` on `data`.
    public static func evaluate(_ network: Network, on data: Dataset, gradient wantGradient: Bool = true,
                                threads: Int = 1) -> Evaluation {
        let (sum, partials) = run(network, data: data, direction: nil, wantGradient: wantGradient, threads: threads)
        let n = Double(data.sampleCount)
        return Evaluation(loss: sum / (2 * n), gradient: wantGradient ? (1 / n) * partials : nil)
    }

    /// The Gauss–Newton matrix applied to a direction D ∈ R^{k×t}:
    ///
    ///     (1/n) Jᵀ J D,   (J D)_i = Σ_j v_j Σ_l φ'(w_jᵀ x_{i,(l)}) x_{i,(l)}ᵀ d_j
    ///
    /// matrix-free, one pass over X. Its top eigenvalue (by power iteration)
    /// sets the `auto` step size of gradient descent.
    public static func gaussNewtonProduct(_ network: Network, direction: Matrix, on data: Dataset,
                                          threads: Int = 1) -> Matrix {
        let (_, partials) = run(network, data: data, direction: direction, wantGradient: true, threads: threads)
        return (1 / Double(data.sampleCount)) * partials
    }

    // MARK: - Dispatch

    static func run(_ network: Network, data: Dataset, direction: Matrix?, wantGradient: Bool,
                    threads: Int) -> (Double, Matrix) {
        let t = network.kernels.columns
        precondition(data.dimension == network.shape.dimension, "data dimension does not match the network")
        switch network.activation {
        case .relu: return run(lanesFor: t, network, data, direction, wantGradient, threads, ReluLanes())
        case .leakyRelu(let a): return run(lanesFor: t, network, data, direction, wantGradient, threads, LeakyReluLanes(slope: a))
        case .squaredRelu: return run(lanesFor: t, network, data, direction, wantGradient, threads, SquaredReluLanes())
        case .sigmoid: return run(lanesFor: t, network, data, direction, wantGradient, threads, SigmoidLanes())
        case .tanh: return run(lanesFor: t, network, data, direction, wantGradient, threads, TanhLanes())
        }
    }

    static func run<A: LaneActivation>(lanesFor t: Int, _ network: Network, _ data: Dataset, _ direction: Matrix?,
                                       _ wantGradient: Bool, _ threads: Int, _ activation: A) -> (Double, Matrix) {
        if t <= 4 { return FusedPass<SIMD4<Double>, A>(network, direction, activation).run(data, wantGradient, threads) }
        if t <= 8 { return FusedPass<SIMD8<Double>, A>(network, direction, activation).run(data, wantGradient, threads) }
        if t <= 16 { return FusedPass<SIMD16<Double>, A>(network, direction, activation).run(data, wantGradient, threads) }
        return ScalarPass(network, direction).run(data, wantGradient, threads)
    }
}

/// The SIMD pass for t ≤ lane count: kernels packed as rows of Wᵀ.
///
/// Loop order per sample (x_i read once, while it is in L1):
/// - forward, four patches at a time: h_l = Σ_a x_{l,a} w_a (a broadcast of
///   x_{l,a} times the packed row w_a), so each row w_a is loaded once per
///   four patches, each sum split in two chains (even and odd a);
/// - residual e_i, then the slopes s_l = e_i v ⊙ φ'(h_l) scaled in place;
/// - backward, four rows at a time: g_a += Σ_l x_{l,a} s_l with g_a … g_{a+3}
///   in registers for the whole sum over l, so the gradient is read and
///   written k times per sample instead of k·r times.
/// The patch length k is a compile-time constant for k = 8 and 16 (the
/// chunk body is inlined into a switch on k), which unrolls the a-loops; any
/// other k runs the same body with k at run time. The four-patch block
/// (eight accumulators) is sized for AVX's sixteen 256-bit registers.
///
/// Every multiply-add is a fused `.addingProduct` (one rounding). With FMA
/// enabled at compile time (`make` builds with -target-cpu haswell when the
/// CPU has AVX2 and FMA) that is one vfmadd instruction; without, it is a
/// call to libm's `fma`, which is correctly rounded too: the same bits,
/// ~40x slower (Benchmarks/README.md; convrec warns about such a build).
/// So results do not depend on the build flags, and the same binary gives
/// the same bits for any thread count (fixed chunks, chunk-order reduction).
struct FusedPass<V: SIMD & Sendable, A: LaneActivation>: Sendable where V.Scalar == Double {
    let k: Int, r: Int, t: Int
    /// kernelRows[a] = (W[a, 0], …, W[a, t−1], 0, …).
    let kernelRows: [V]
    /// (v_1, …, v_t, 0, …): zero on padding lanes.
    let signs: V
    /// Rows of the Gauss–Newton direction D, when computing J ᵀJ D.
    let directionRows: [V]?
    let activation: A

    init(_ network: Network, _ direction: Matrix?, _ activation: A) {
        k = network.kernels.rows
        r = network.patchCount
        t = network.kernels.columns
        func pack(_ m: Matrix) -> [V] {
            (0..<m.rows).map { a in
                var row = V()
                for j in 0..<m.columns { row[j] = m[a, j] }
                return row
            }
        }
        kernelRows = pack(network.kernels)
        var s = V()
        for j in 0..<t { s[j] = network.outputSigns[j] }
        signs = s
        directionRows = direction.map(pack)
        self.activation = activation
    }

    func run(_ data: Dataset, _ wantGradient: Bool, _ threads: Int) -> (Double, Matrix) {
        let n = data.sampleCount
        let chunkCount = (n + LossGradient.chunkSize - 1) / LossGradient.chunkSize
        let partials: [(Double, [V])] = data.inputs.withUnsafeBufferPointer { xBuffer in
            data.labels.withUnsafeBufferPointer { yBuffer in
                let x = SendableConstPointer(xBuffer.baseAddress!), y = SendableConstPointer(yBuffer.baseAddress!)
                return ChunkedParallel.map(chunkCount: chunkCount, threads: threads) { chunk in
                    let start = chunk * LossGradient.chunkSize
                    let range = start..<min(n, start + LossGradient.chunkSize)
                    return self.chunk(x.base, y.base, range, wantGradient)
                }
            }
        }
        var loss = 0.0
        var total = [V](repeating: V(), count: k)
        for (chunkLoss, chunkGradient) in partials {
            loss += chunkLoss
            for a in 0..<k { total[a] += chunkGradient[a] }
        }
        var gradient = Matrix(rows: k, columns: t)
        for a in 0..<k { for j in 0..<t { gradient[a, j] = total[a][j] } }
        return (loss, gradient)
    }

    /// One chunk: (Σ e_i², Σ e_i X_iᵀ(φ'(H_i) diag v)) or (0, Σ (J D)_i ∂F_i/∂W).
    func chunk(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ range: Range<Int>,
               _ wantGradient: Bool) -> (Double, [V]) {
        var gradient = [V](repeating: V(), count: k)
        var slopes = [V](repeating: V(), count: 2 * r)
        let loss: Double = kernelRows.withUnsafeBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { g in
                slopes.withUnsafeMutableBufferPointer { s in
                    let w = w.baseAddress!, s = s.baseAddress!
                    // Column blocks use the same k·4 doubles as the k rows
                    // (V is SIMD4<Double> whenever `columnBlocked`).
                    let g: Accumulator = columnBlocked
                        ? .columnBlocks(UnsafeMutableRawPointer(g.baseAddress!).assumingMemoryBound(to: SIMD4<Double>.self))
                        : .rows(g.baseAddress!)
                    if let directionRows {
                        return directionRows.withUnsafeBufferPointer { direction in
                            let direction = direction.baseAddress!
                            switch k {
                            case 16: gaussNewtonChunk(k: 16, x, range, w, direction, g, s)
                            case 8: gaussNewtonChunk(k: 8, x, range, w, direction, g, s)
                            default: gaussNewtonChunk(k: k, x, range, w, direction, g, s)
                            }
                            return 0
                        }
                    }
                    switch k {
                    case 16: return lossGradientChunk(k: 16, x, y, range, wantGradient, w, g, s)
                    case 8: return lossGradientChunk(k: 8, x, y, range, wantGradient, w, g, s)
                    default: return lossGradientChunk(k: k, x, y, range, wantGradient, w, g, s)
                    }
                }
            }
        }
        if columnBlocked { gradient = Self.rows(fromColumnBlocks: gradient, k: k) }
        return (loss, gradient)
    }

    /// Σ e_i² over the chunk, adding Σ e_i X_iᵀ(φ'(H_i) diag v) to g.
    @inline(__always)
    func lossGradientChunk(k: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ range: Range<Int>,
                           _ wantGradient: Bool, _ w: UnsafePointer<V>, _ g: Accumulator,
                           _ s: UnsafeMutablePointer<V>) -> Double {
        let r = self.r, d = k * r, signs = self.signs
        var loss = 0.0
        // Slopes in two slots of r: sample i's backward sum is added while
        // sample i + 1 is evaluated (see below).
        var previous: (row: UnsafePointer<Double>, slopes: UnsafeMutablePointer<V>)?
        for i in range {
            let row = x + i * d
            let s = s + ((i - range.lowerBound) & 1) * r
            var output = V()
            var l = 0
            while l + 4 <= r {
                let (h0, h1, h2, h3) = preActivations4(k: k, row + l * k, w)
                let (value0, derivative0) = activation.valueAndDerivative(h0)
                let (value1, derivative1) = activation.valueAndDerivative(h1)
                let (value2, derivative2) = activation.valueAndDerivative(h2)
                let (value3, derivative3) = activation.valueAndDerivative(h3)
                output += (value0 + value1) + (value2 + value3)
                s[l] = derivative0
                s[l + 1] = derivative1
                s[l + 2] = derivative2
                s[l + 3] = derivative3
                l += 4
            }
            while l < r {
                let (value0, derivative0) = activation.valueAndDerivative(preActivation(k: k, row + l * k, w))
                output += value0
                s[l] = derivative0
                l += 1
            }
            // The previous sample's backward sum goes here, between this
            // sample's activations and its residual: it does not depend on
            // them, so its FMAs fill the pipes while the activations' long
            // dependency chains (exp, division) complete, instead of waiting
            // for them. Samples still reach g in order, so the bits are the
            // same as adding each sample's sum right after its residual.
            if let (previousRow, previousSlopes) = previous { g.add(k: k, previousRow, previousSlopes, self) }
            let residual = (output * signs).sum() - y[i]
            loss += residual * residual
            guard wantGradient else { continue }
            let weight = residual * signs
            for l in 0..<r { s[l] *= weight }
            previous = (row, s)
        }
        if let (previousRow, previousSlopes) = previous { g.add(k: k, previousRow, previousSlopes, self) }
        return loss
    }

    /// Adds Σ (J D)_i ∂F_i/∂W over the chunk to g.
    @inline(__always)
    func gaussNewtonChunk(k: Int, _ x: UnsafePointer<Double>, _ range: Range<Int>, _ w: UnsafePointer<V>,
                          _ direction: UnsafePointer<V>, _ g: Accumulator, _ s: UnsafeMutablePointer<V>) {
        let r = self.r, d = k * r, signs = self.signs
        // As in `lossGradientChunk`: each sample's sum is added while the
        // next one is evaluated.
        var previous: (row: UnsafePointer<Double>, slopes: UnsafeMutablePointer<V>)?
        for i in range {
            let row = x + i * d
            let s = s + ((i - range.lowerBound) & 1) * r
            var jd = V()
            var l = 0
            while l + 4 <= r {
                let p0 = row + l * k, p1 = p0 + k, p2 = p1 + k, p3 = p2 + k
                var h0 = V(), h1 = V(), h2 = V(), h3 = V(), e0 = V(), e1 = V(), e2 = V(), e3 = V()
                for a in 0..<k {
                    let wa = w[a], da = direction[a]
                    let x0 = p0[a], x1 = p1[a], x2 = p2[a], x3 = p3[a]
                    h0 = h0.addingProduct(x0, wa)
                    h1 = h1.addingProduct(x1, wa)
                    h2 = h2.addingProduct(x2, wa)
                    h3 = h3.addingProduct(x3, wa)
                    e0 = e0.addingProduct(x0, da)
                    e1 = e1.addingProduct(x1, da)
                    e2 = e2.addingProduct(x2, da)
                    e3 = e3.addingProduct(x3, da)
                }
                let derivative0 = activation.valueAndDerivative(h0).derivative
                let derivative1 = activation.valueAndDerivative(h1).derivative
                let derivative2 = activation.valueAndDerivative(h2).derivative
                let derivative3 = activation.valueAndDerivative(h3).derivative
                jd += (derivative0 * e0 + derivative1 * e1) + (derivative2 * e2 + derivative3 * e3)
                s[l] = derivative0
                s[l + 1] = derivative1
                s[l + 2] = derivative2
                s[l + 3] = derivative3
                l += 4
            }
            while l < r {
                let p0 = row + l * k
                var h0 = V(), e0 = V()
                for a in 0..<k {
                    h0 = h0.addingProduct(p0[a], w[a])
                    e0 = e0.addingProduct(p0[a], direction[a])
                }
                let derivative0 = activation.valueAndDerivative(h0).derivative
                jd += derivative0 * e0
                s[l] = derivative0
                l += 1
            }
            if let (previousRow, previousSlopes) = previous { g.add(k: k, previousRow, previousSlopes, self) }
            let weight = (jd * signs).sum() * signs
            for l in 0..<r { s[l] *= weight }
            previous = (row, s)
        }
        if let (previousRow, previousSlopes) = previous { g.add(k: k, previousRow, previousSlopes, self) }
    }

    /// h_l for four consecutive patches starting at p0: each row w_a is
    /// loaded once for the four, and each sum runs as two chains (even and
    /// odd a) so the adds' latency does not serialise the loop.
    @inline(__always)
    func preActivations4(k: Int, _ p0: UnsafePointer<Double>, _ w: UnsafePointer<V>) -> (V, V, V, V) {
        let p1 = p0 + k, p2 = p1 + k, p3 = p2 + k
        var h0 = V(), h1 = V(), h2 = V(), h3 = V(), q0 = V(), q1 = V(), q2 = V(), q3 = V()
        var a = 0
        while a + 2 <= k {
            let wa = w[a], wb = w[a + 1]
            h0 = h0.addingProduct(p0[a], wa)
            h1 = h1.addingProduct(p1[a], wa)
            h2 = h2.addingProduct(p2[a], wa)
            h3 = h3.addingProduct(p3[a], wa)
            q0 = q0.addingProduct(p0[a + 1], wb)
            q1 = q1.addingProduct(p1[a + 1], wb)
            q2 = q2.addingProduct(p2[a + 1], wb)
            q3 = q3.addingProduct(p3[a + 1], wb)
            a += 2
        }
        if a < k {
            let wa = w[a]
            h0 = h0.addingProduct(p0[a], wa)
            h1 = h1.addingProduct(p1[a], wa)
            h2 = h2.addingProduct(p2[a], wa)
            h3 = h3.addingProduct(p3[a], wa)
        }
        return (h0 + q0, h1 + q1, h2 + q2, h3 + q3)
    }

    /// h_l for one patch, in the same two chains.
    @inline(__always)
    func preActivation(k: Int, _ p0: UnsafePointer<Double>, _ w: UnsafePointer<V>) -> V {
        var h0 = V(), q0 = V()
        var a = 0
        while a + 2 <= k {
            h0 = h0.addingProduct(p0[a], w[a])
            q0 = q0.addingProduct(p0[a + 1], w[a + 1])
            a += 2
        }
        if a < k { h0 = h0.addingProduct(p0[a], w[a]) }
        return h0 + q0
    }

    /// Where a chunk adds up its gradient: as k rows g_a (t lanes each), or,
    /// for t ≤ 4 and k a multiple of 4, as column blocks (see
    /// `accumulateColumnBlocks`).
    enum Accumulator {
        case rows(UnsafeMutablePointer<V>)
        case columnBlocks(UnsafeMutablePointer<SIMD4<Double>>)

        @inline(__always)
        func add(k: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<V>, _ pass: FusedPass) {
            switch self {
            case .rows(let g): pass.accumulate(k: k, row, s, g)
            case .columnBlocks(let g): pass.accumulateColumnBlocks(k: k, row, s, g)
            }
        }
    }

    /// Whether the backward sum runs by column blocks: the kernels fit one
    /// SIMD4 (so four broadcasts cover them) and k splits into blocks of
    /// four rows (taken in pairs, and a last single block when k/4 is odd).
    var columnBlocked: Bool { V.scalarCount == 4 && k % 4 == 0 }

    /// The gradient rows g_a = (G[a, 0], …, G[a, 3]) from column blocks
    /// (G[4b…4b+3, j] at index j·(k/4) + b, stored in the same k vectors):
    /// a transposition, no arithmetic.
    static func rows(fromColumnBlocks storage: [V], k: Int) -> [V] {
        storage.withUnsafeBytes { bytes in
            let blocks = bytes.assumingMemoryBound(to: SIMD4<Double>.self)
            return (0..<k).map { a in
                var row = V()
                for j in 0..<4 { row[j] = blocks[j * (k / 4) + a / 4][a % 4] }
                return row
            }
        }
    }

    /// g_a += Σ_l x_{l,a} s_l like `accumulate`, with the gradient held as
    /// column blocks G[4b…4b+3, j] (SIMD4 over a) instead of rows (SIMD over
    /// j). A block of x is then one vector load instead of four broadcasts:
    /// per patch and pair of blocks, two loads of x and four broadcasts of
    /// s_l[j] feed eight FMAs, where the row layout needs eight broadcasts
    /// and two loads of s_l. Each entry still receives
    /// G[a, j] ← fma(x_{l,a}, s_l[j], G[a, j]) for l = 0, 1, … in order, so
    /// the bits are the same as `accumulate`'s.
    @inline(__always)
    func accumulateColumnBlocks(k: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<V>,
                                _ g: UnsafeMutablePointer<SIMD4<Double>>) {
        let r = self.r, blocks = k / 4
        let x = UnsafeRawPointer(row)
        var b = 0
        while b + 2 <= blocks {
            let g0 = g + b, g1 = g0 + blocks, g2 = g1 + blocks, g3 = g2 + blocks
            var a0 = g0[0], b0 = g0[1], a1 = g1[0], b1 = g1[1], a2 = g2[0], b2 = g2[1], a3 = g3[0], b3 = g3[1]
            for l in 0..<r {
                let p = x + 8 * (l * k + 4 * b)
                let low = p.loadUnaligned(as: SIMD4<Double>.self)
                let high = p.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
                let sl = s[l]
                let s0 = SIMD4<Double>(repeating: sl[0]), s1 = SIMD4<Double>(repeating: sl[1])
                let s2 = SIMD4<Double>(repeating: sl[2]), s3 = SIMD4<Double>(repeating: sl[3])
                a0 = a0.addingProduct(low, s0)
                b0 = b0.addingProduct(high, s0)
                a1 = a1.addingProduct(low, s1)
                b1 = b1.addingProduct(high, s1)
                a2 = a2.addingProduct(low, s2)
                b2 = b2.addingProduct(high, s2)
                a3 = a3.addingProduct(low, s3)
                b3 = b3.addingProduct(high, s3)
            }
            g0[0] = a0; g0[1] = b0; g1[0] = a1; g1[1] = b1
            g2[0] = a2; g2[1] = b2; g3[0] = a3; g3[1] = b3
            b += 2
        }
        if b < blocks {
            let g0 = g + b, g1 = g0 + blocks, g2 = g1 + blocks, g3 = g2 + blocks
            var a0 = g0[0], a1 = g1[0], a2 = g2[0], a3 = g3[0]
            for l in 0..<r {
                let block = (x + 8 * (l * k + 4 * b)).loadUnaligned(as: SIMD4<Double>.self)
                let sl = s[l]
                a0 = a0.addingProduct(block, SIMD4(repeating: sl[0]))
                a1 = a1.addingProduct(block, SIMD4(repeating: sl[1]))
                a2 = a2.addingProduct(block, SIMD4(repeating: sl[2]))
                a3 = a3.addingProduct(block, SIMD4(repeating: sl[3]))
            }
            g0[0] = a0; g1[0] = a1; g2[0] = a2; g3[0] = a3
        }
    }

    /// g_a += Σ_l x_{l,a} s_l for a in 0..<k, four rows of g at a time.
    @inline(__always)
    func accumulate(k: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<V>, _ g: UnsafeMutablePointer<V>) {
        let r = self.r
        var a = 0
        while a + 4 <= k {
            var g0 = g[a], g1 = g[a + 1], g2 = g[a + 2], g3 = g[a + 3]
            for l in 0..<r {
                let sl = s[l], p = row + l * k + a
                g0 = g0.addingProduct(p[0], sl)
                g1 = g1.addingProduct(p[1], sl)
                g2 = g2.addingProduct(p[2], sl)
                g3 = g3.addingProduct(p[3], sl)
            }
            g[a] = g0
            g[a + 1] = g1
            g[a + 2] = g2
            g[a + 3] = g3
            a += 4
        }
        while a < k {
            var ga = g[a]
            for l in 0..<r { ga = ga.addingProduct(row[l * k + a], s[l]) }
            g[a] = ga
            a += 1
        }
    }
}

/// The generic scalar pass, for any t (used when t > 16).
struct ScalarPass: Sendable {
    let network: Network
    let direction: Matrix?

    init(_ network: Network, _ direction: Matrix?) {
        self.network = network
        self.direction = direction
    }

    func run(_ data: Dataset, _ wantGradient: Bool, _ threads: Int) -> (Double, Matrix) {
        let k = network.kernels.rows, r = network.patchCount, t = network.kernels.columns, d = k * r
        let n = data.sampleCount
        let chunkCount = (n + LossGradient.chunkSize - 1) / LossGradient.chunkSize
        let w = network.kernels.values, v = network.outputSigns, activation = network.activation
        let partials: [(Double, [Double])] = data.inputs.withUnsafeBufferPointer { xBuffer in
            let x = SendableConstPointer(xBuffer.baseAddress!)
            return ChunkedParallel.map(chunkCount: chunkCount, threads: threads) { chunk in
                let start = chunk * LossGradient.chunkSize
                var loss = 0.0
                var gradient = [Double](repeating: 0, count: k * t)
                var slope = [Double](repeating: 0, count: r * t)
                for i in start..<min(n, start + LossGradient.chunkSize) {
                    let row = x.base + i * d
                    var weight = 0.0
                    for l in 0..<r {
                        for j in 0..<t {
                            var h = 0.0, hd = 0.0
                            for a in 0..<k {
                                h = h.addingProduct(w[a + j * k], row[l * k + a])
                                if let direction { hd = hd.addingProduct(direction.values[a + j * k], row[l * k + a]) }
                            }
                            slope[l * t + j] = activation.derivative(h)
                            weight += v[j] * (direction == nil ? activation.value(h) : slope[l * t + j] * hd)
                        }
                    }
                    if direction == nil {
                        weight -= data.labels[i]
                        loss += weight * weight
                        guard wantGradient else { continue }
                    }
                    for l in 0..<r {
                        for j in 0..<t {
                            let scaled = weight * v[j] * slope[l * t + j]
                            for a in 0..<k { gradient[a + j * k] = gradient[a + j * k].addingProduct(scaled, row[l * k + a]) }
                        }
                    }
                }
                return (loss, gradient)
            }
        }
        var loss = 0.0
        var total = [Double](repeating: 0, count: k * t)
        for (chunkLoss, chunkGradient) in partials {
            loss += chunkLoss
            for index in total.indices { total[index] += chunkGradient[index] }
        }
        return (loss, Matrix(rows: k, columns: t, values: total))
    }
}

/// A read-only pointer handed to worker threads.
struct SendableConstPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
}
