/// Where the fused pass adds up one chunk's gradient,
///
///     G ← G + Σ_l x_l s_lᵀ,   x_l ∈ R^k the l-th patch, s_l ∈ R^t its slopes,
///
/// one sample at a time, in sample order. Both layouts below give every
/// entry the same sequence G[a, j] ← fma(x_{l,a}, s_l[j], G[a, j]) over
/// l = 0, 1, … and over the samples, so they are bit-identical; they differ
/// only in how many instructions that takes.
protocol GradientAccumulator {
    /// The packed slopes s_l (t lanes).
    associatedtype Lanes: LaneVector
    /// G ← G + Σ_{l<r} x_l s_lᵀ for the patches of one sample.
    func add(k: Int, r: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<Lanes>)
}

/// G held as k rows g_a = (G[a, 0], …, G[a, t−1]) (SIMD over j): each x_{l,a}
/// is broadcast and multiplied into s_l. Used when the kernels do not fit
/// one SIMD4 or k is not a multiple of 4.
struct RowAccumulator<Lanes: LaneVector>: GradientAccumulator {
    let g: UnsafeMutablePointer<Lanes>

    /// Four rows at a time, g_a … g_{a+3} in registers for the whole sum
    /// over l, so the gradient is read and written k times per sample
    /// instead of k·r times.
    @inline(__always)
    func add(k: Int, r: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<Lanes>) {
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

/// G held as column blocks G[wb…wb+w−1, j] (SIMD over a, w = `Block`'s
/// width, 4 or 8), block (b, j) at index j·(k/w) + b, for t ≤ 4 and w | k
/// (`Lanes` is then SIMD4, of which all four lanes are used).
/// A block of x is then one vector load instead of w broadcasts: per patch
/// and pair of blocks, two loads of x and four broadcasts of s_l[j] feed
/// eight FMAs, where the row layout needs 2w broadcasts and two loads of
/// s_l. With w = 8 each FMA is one 512-bit instruction (AVX-512), half as
/// many instructions for the same arithmetic.
struct ColumnBlockAccumulator<Lanes: LaneVector, Block: LaneVector>: GradientAccumulator {
    let g: UnsafeMutablePointer<Block>

    @inline(__always)
    func add(k: Int, r: Int, _ row: UnsafePointer<Double>, _ s: UnsafePointer<Lanes>) {
        let width = Block.scalarCount, blocks = k / width
        // Pointers advance by a patch (k doubles) per l: no index arithmetic
        // (and no overflow checks) in the loops.
        let patchBytes = MemoryLayout<Double>.stride &* k
        var b = 0
        while b + 2 <= blocks {
            let g0 = g + b, g1 = g0 + blocks, g2 = g1 + blocks, g3 = g2 + blocks
            var a0 = g0[0], b0 = g0[1], a1 = g1[0], b1 = g1[1], a2 = g2[0], b2 = g2[1], a3 = g3[0], b3 = g3[1]
            var p = UnsafeRawPointer(row + width &* b)
            for l in 0..<r {
                let low = p.loadUnaligned(as: Block.self)
                let high = p.loadUnaligned(fromByteOffset: 8 * width, as: Block.self)
                p += patchBytes
                let sl = s[l]
                let s0 = Block(repeating: sl[0]), s1 = Block(repeating: sl[1])
                let s2 = Block(repeating: sl[2]), s3 = Block(repeating: sl[3])
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
            var p = UnsafeRawPointer(row + width &* b)
            for l in 0..<r {
                let block = p.loadUnaligned(as: Block.self)
                p += patchBytes
                let sl = s[l]
                a0 = a0.addingProduct(block, Block(repeating: sl[0]))
                a1 = a1.addingProduct(block, Block(repeating: sl[1]))
                a2 = a2.addingProduct(block, Block(repeating: sl[2]))
                a3 = a3.addingProduct(block, Block(repeating: sl[3]))
            }
            g0[0] = a0; g1[0] = a1; g2[0] = a2; g3[0] = a3
        }
    }

    /// The rows g_a = (G[a, 0], …, G[a, 3]) from the blocks, which occupy
    /// the same k·4 doubles: a transposition, no arithmetic.
    static func rows(k: Int, from storage: UnsafeRawPointer) -> [Lanes] {
        let width = Block.scalarCount, values = storage.assumingMemoryBound(to: Double.self)
        return (0..<k).map { a in
            var row = Lanes()
            for j in 0..<4 { row[j] = values[(j * (k / width) + a / width) * width + a % width] }
            return row
        }
    }
}
