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
/// - activations of the four patches, two patches per vector when t ≤ 4
///   (`PairableLanes`: one 512-bit register per pair, same bits);
/// - residual e_i, then the slopes s_l = e_i v ⊙ φ'(h_l) scaled in place;
/// - backward (`GradientAccumulator`): G += Σ_l x_l s_lᵀ, by column blocks
///   of 8 or 4 rows when t ≤ 4, else by rows, with the accumulators in
///   registers for the whole sum over l. For rows under 4 KB it is issued
///   while the next sample is evaluated, else right after the residual
///   (`defersBackward`, `lossGradientChunk`).
/// The patch length k is a compile-time constant for k = 8 and 16, and with
/// 8-row gradient blocks the patch count r too for r = 4 and 8 (the chunk
/// body is inlined into a switch on (k, r)), which unrolls the loops; any
/// other shape runs the same body with k and r at run time.
///
/// All lane arithmetic goes through `LaneVector` (explicit vector
/// instructions, Sources/CLaneVector), not the standard library's per-lane
/// SIMD loops, so the generated code does not depend on LLVM re-vectorising
/// them. Every multiply-add is fused (one rounding). With FMA enabled at
/// compile time (`make` builds for the CPU's AVX-512 or AVX2 + FMA) that is
/// one vfmadd instruction; without, it is a call to libm's `fma`, which is
/// correctly rounded too: the same bits, ~40x slower (Benchmarks/README.md;
/// convrec warns about such a build). So results do not depend on the build
/// flags, and the same binary gives the same bits for any thread count
/// (fixed chunks, chunk-order reduction).
struct FusedPass<V: PairableLanes & Sendable, A: LaneActivation>: Sendable {
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
    ///
    /// The gradient's layout (`GradientAccumulator`) is chosen here, once
    /// per chunk, so that each layout is its own specialised loop: column
    /// blocks of 8 rows when t ≤ 4 and 8 | k, of 4 when 4 | k, else rows.
    /// Blocks live in the same k·4 doubles as the rows.
    ///
    /// Common shapes get their own copy of the chunk body with the sizes as
    /// compile-time constants: k ∈ {8, 16}, and with 8-row blocks also
    /// r ∈ {4, 8} (the experiments' k = 8, r = 4 and the benchmark's k = 16,
    /// r = 8). Constant k unrolls the a-loops; constant r unrolls the
    /// backward sum over the patches and the slope scaling, worth ~4% of the
    /// tanh pass (Benchmarks/README.md). Every copy runs the same operations
    /// in the same order, so the bits do not depend on which one runs.
    func chunk(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ range: Range<Int>,
               _ wantGradient: Bool) -> (Double, [V]) {
        let blockWidth = V.scalarCount == 4 ? (k % 8 == 0 ? 8 : k % 4 == 0 ? 4 : 0) : 0
        let (k, r) = (self.k, self.r)
        // The partial gradient and the two slots of slopes, on 64-byte
        // boundaries so that no 512-bit load or store of them splits a cache
        // line (an Array's elements start 16 or 48 bytes past one).
        let stride = MemoryLayout<V>.stride, slopesOffset = (k * stride + 63) & ~63
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: slopesOffset + 2 * r * stride, alignment: 64)
        defer { scratch.deallocate() }
        let gRows = scratch.initializeMemory(as: V.self, repeating: V(), count: k)
        let s = (scratch + slopesOffset).initializeMemory(as: V.self, repeating: V(), count: 2 * r)
        func run() -> Double {
            switch blockWidth {
            case 8:
                let g = ColumnBlockAccumulator<V, SIMD8<Double>>(g: scratch.assumingMemoryBound(to: SIMD8<Double>.self))
                switch (k, r) {
                case (16, 8): return chunk(k: 16, r: 8, x, y, range, wantGradient, s, g)
                case (16, 4): return chunk(k: 16, r: 4, x, y, range, wantGradient, s, g)
                case (8, 8): return chunk(k: 8, r: 8, x, y, range, wantGradient, s, g)
                case (8, 4): return chunk(k: 8, r: 4, x, y, range, wantGradient, s, g)
                case (16, _): return chunk(k: 16, r: r, x, y, range, wantGradient, s, g)
                case (8, _): return chunk(k: 8, r: r, x, y, range, wantGradient, s, g)
                default: return chunk(k: k, r: r, x, y, range, wantGradient, s, g)
                }
            case 4:
                let g = ColumnBlockAccumulator<V, SIMD4<Double>>(g: scratch.assumingMemoryBound(to: SIMD4<Double>.self))
                return chunk(k: k, r: r, x, y, range, wantGradient, s, g)
            default:
                let g = RowAccumulator(g: gRows)
                if V.scalarCount == 4 { return chunk(k: k, r: r, x, y, range, wantGradient, s, g) }
                switch k {
                case 16: return chunk(k: 16, r: r, x, y, range, wantGradient, s, g)
                case 8: return chunk(k: 8, r: r, x, y, range, wantGradient, s, g)
                default: return chunk(k: k, r: r, x, y, range, wantGradient, s, g)
                }
            }
        }
        let loss = run()
        switch blockWidth {
        case 8: return (loss, ColumnBlockAccumulator<V, SIMD8<Double>>.rows(k: k, from: scratch))
        case 4: return (loss, ColumnBlockAccumulator<V, SIMD4<Double>>.rows(k: k, from: scratch))
        default: return (loss, Array(UnsafeBufferPointer(start: gRows, count: k)))
        }
    }

    /// The chunk body for one layout G, with k and r as the caller passes
    /// them (constants in the specialised copies, see above).
    @inline(__always)
    func chunk<G: GradientAccumulator>(k: Int, r: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                                        _ range: Range<Int>, _ wantGradient: Bool, _ s: UnsafeMutablePointer<V>,
                                        _ g: G) -> Double where G.Lanes == V {
        kernelRows.withUnsafeBufferPointer { w in
            let w = w.baseAddress!
            if let directionRows {
                directionRows.withUnsafeBufferPointer { direction in
                    gaussNewtonChunk(k: k, r: r, x, range, w, direction.baseAddress!, g, s)
                }
                return 0
            }
            return lossGradientChunk(k: k, r: r, x, y, range, wantGradient, w, g, s)
        }
    }

    /// The activations of four patches, two patches per vector
    /// (`PairableLanes`) while a pair fits one 512-bit register (t ≤ 4),
    /// else one patch per vector. The same lane operations either way, so
    /// the same bits; pairs take half the instructions.
    @inline(__always)
    func activations4(_ h0: V, _ h1: V, _ h2: V, _ h3: V) -> (values: (V, V, V, V), derivatives: (V, V, V, V)) {
        if V.scalarCount <= 4 {
            let (value01, derivative01) = activation.valueAndDerivative(V.pair(h0, h1))
            let (value23, derivative23) = activation.valueAndDerivative(V.pair(h2, h3))
            let (value0, value1) = V.halves(value01), (value2, value3) = V.halves(value23)
            let (derivative0, derivative1) = V.halves(derivative01), (derivative2, derivative3) = V.halves(derivative23)
            return ((value0, value1, value2, value3), (derivative0, derivative1, derivative2, derivative3))
        }
        let (value0, derivative0) = activation.valueAndDerivative(h0)
        let (value1, derivative1) = activation.valueAndDerivative(h1)
        let (value2, derivative2) = activation.valueAndDerivative(h2)
        let (value3, derivative3) = activation.valueAndDerivative(h3)
        return ((value0, value1, value2, value3), (derivative0, derivative1, derivative2, derivative3))
    }

    /// s[0] … s[3] = d.0 … d.3, as two 512-bit stores of pairs when t ≤ 4.
    /// The pairs are the halves `activations4` split, so the optimiser
    /// stores the activation's registers whole instead of a store and an
    /// extract-and-store per pair.
    @inline(__always)
    func store4(_ d: (V, V, V, V), _ s: UnsafeMutablePointer<V>) {
        if V.scalarCount <= 4 {
            let raw = UnsafeMutableRawPointer(s)
            raw.storeBytes(of: V.pair(d.0, d.1), as: V.Pair.self)
            raw.storeBytes(of: V.pair(d.2, d.3), toByteOffset: 2 * MemoryLayout<V>.stride, as: V.Pair.self)
        } else {
            s[0] = d.0
            s[1] = d.1
            s[2] = d.2
            s[3] = d.3
        }
    }

    /// Whether a sample's backward sum waits for the next sample's
    /// activations (below). That overlap pays while the row is short; from
    /// 4 KB rows on (d ≥ 512) the row has left L1 by the time the next
    /// sample is done, and re-reading it cost more than the overlap gained:
    /// k = 8, t = 3, relu, 51 MB of X in a C replica, deferred / right away:
    /// r = 8: 2.4 / 3.6 ms, r = 32: 2.4 / 2.5, r = 64: 4.5 / 2.4,
    /// r = 128: 4.8 / 2.5 (Benchmarks/README.md). Either order adds the
    /// samples to g in sample order: the same bits.
    @inline(__always)
    static func defersBackward(dimension d: Int) -> Bool { d < 512 }

    /// Σ e_i² over the chunk, adding Σ e_i X_iᵀ(φ'(H_i) diag v) to g.
    @inline(__always)
    func lossGradientChunk<G: GradientAccumulator>(
        k: Int, r: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ range: Range<Int>, _ wantGradient: Bool,
        _ w: UnsafePointer<V>, _ g: G, _ s: UnsafeMutablePointer<V>
    ) -> Double where G.Lanes == V {
        let d = k * r, signs = self.signs, deferred = Self.defersBackward(dimension: d)
        var loss = 0.0
        // Slopes in two slots of r: sample i's backward sum is added while
        // sample i + 1 is evaluated (see below), for rows under 4 KB.
        var previous: (row: UnsafePointer<Double>, slopes: UnsafeMutablePointer<V>)?
        for i in range {
            let row = x + i &* d
            let s = s + ((i &- range.lowerBound) & 1) &* r
            var output = V()
            var l = 0
            while l + 4 <= r {
                let (h0, h1, h2, h3) = preActivations4(k: k, row + l &* k, w)
                let ((value0, value1, value2, value3), (derivative0, derivative1, derivative2, derivative3))
                    = activations4(h0, h1, h2, h3)
                output += (value0 + value1) + (value2 + value3)
                store4((derivative0, derivative1, derivative2, derivative3), s + l)
                l += 4
            }
            while l < r {
                let (value0, derivative0) = activation.valueAndDerivative(preActivation(k: k, row + l &* k, w))
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
            if let (previousRow, previousSlopes) = previous { g.add(k: k, r: r, previousRow, previousSlopes) }
            let residual = (output * signs).sum() - y[i]
            loss += residual * residual
            guard wantGradient else { continue }
            let weight = residual * signs
            for l in 0..<r { s[l] *= weight }
            if deferred { previous = (row, s) } else { g.add(k: k, r: r, row, s) }
        }
        if let (previousRow, previousSlopes) = previous { g.add(k: k, r: r, previousRow, previousSlopes) }
        return loss
    }

    /// Adds Σ (J D)_i ∂F_i/∂W over the chunk to g.
    @inline(__always)
    func gaussNewtonChunk<G: GradientAccumulator>(
        k: Int, r: Int, _ x: UnsafePointer<Double>, _ range: Range<Int>, _ w: UnsafePointer<V>, _ direction: UnsafePointer<V>,
        _ g: G, _ s: UnsafeMutablePointer<V>
    ) where G.Lanes == V {
        let d = k * r, signs = self.signs, deferred = Self.defersBackward(dimension: d)
        // As in `lossGradientChunk`: each sample's sum is added while the
        // next one is evaluated (rows under 4 KB), else right away.
        var previous: (row: UnsafePointer<Double>, slopes: UnsafeMutablePointer<V>)?
        for i in range {
            let row = x + i &* d
            let s = s + ((i &- range.lowerBound) & 1) &* r
            var jd = V()
            var l = 0
            while l + 4 <= r {
                let p0 = row + l &* k, p1 = p0 + k, p2 = p1 + k, p3 = p2 + k
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
                let (_, (derivative0, derivative1, derivative2, derivative3)) = activations4(h0, h1, h2, h3)
                let product01: V = derivative0 * e0 + derivative1 * e1
                let product23: V = derivative2 * e2 + derivative3 * e3
                jd += product01 + product23
                store4((derivative0, derivative1, derivative2, derivative3), s + l)
                l += 4
            }
            while l < r {
                let p0 = row + l &* k
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
            if let (previousRow, previousSlopes) = previous { g.add(k: k, r: r, previousRow, previousSlopes) }
            let weight = (jd * signs).sum() * signs
            for l in 0..<r { s[l] *= weight }
            if deferred { previous = (row, s) } else { g.add(k: k, r: r, row, s) }
        }
        if let (previousRow, previousSlopes) = previous { g.add(k: k, r: r, previousRow, previousSlopes) }
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
