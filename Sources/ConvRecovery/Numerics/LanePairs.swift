/// Two lane vectors side by side in one vector of twice the width.
///
/// The fused pass packs the t ≤ 4 kernels of one patch into a SIMD4; two
/// patches then fill a SIMD8, one 512-bit register with AVX-512. The lane
/// activations are evaluated on such pairs: every lane sees exactly the same
/// operations as in a SIMD4 (IEEE arithmetic is lane-wise), so the values are
/// bit-identical, but each instruction covers two patches. For the long
/// exp/division chains of sigmoid and tanh this halves the instructions in
/// flight per patch and lets twice as many patches overlap in the
/// out-of-order window (Benchmarks/README.md, "What limits it").
/// SIMD8 and SIMD16 conform so that every lane width of the pass can carry
/// the constraint; the pass pairs only SIMD4s.
///
/// `pair` and `halves` are the standard library's concatenation and
/// `lowHalf`/`highHalf`, which lower to one shuffle each; as protocol
/// requirements they stay free of casts in the generic pass.
public protocol PairableLanes: LaneVector {
    associatedtype Pair: LaneVector
    static func pair(_ low: Self, _ high: Self) -> Pair
    static func halves(_ pair: Pair) -> (low: Self, high: Self)
}

extension SIMD4: PairableLanes where Scalar == Double {
    @inlinable @inline(__always)
    public static func pair(_ low: Self, _ high: Self) -> SIMD8<Double> { SIMD8(lowHalf: low, highHalf: high) }
    @inlinable @inline(__always)
    public static func halves(_ pair: SIMD8<Double>) -> (low: Self, high: Self) { (pair.lowHalf, pair.highHalf) }
}

extension SIMD8: PairableLanes where Scalar == Double {
    @inlinable @inline(__always)
    public static func pair(_ low: Self, _ high: Self) -> SIMD16<Double> { SIMD16(lowHalf: low, highHalf: high) }
    @inlinable @inline(__always)
    public static func halves(_ pair: SIMD16<Double>) -> (low: Self, high: Self) { (pair.lowHalf, pair.highHalf) }
}

extension SIMD16: PairableLanes where Scalar == Double {
    @inlinable @inline(__always)
    public static func pair(_ low: Self, _ high: Self) -> SIMD32<Double> { SIMD32(lowHalf: low, highHalf: high) }
    @inlinable @inline(__always)
    public static func halves(_ pair: SIMD32<Double>) -> (low: Self, high: Self) { (pair.lowHalf, pair.highHalf) }
}
