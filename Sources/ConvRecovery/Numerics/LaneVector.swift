import CLaneVector

/// A vector of doubles whose arithmetic is explicit vector instructions.
///
/// The standard library implements `+`, `*`, `addingProduct`… of a generic
/// `SIMD` type as a loop over its lanes and leaves it to LLVM's SLP
/// vectoriser to turn the lanes back into one instruction. In the fused
/// pass that stopped working once two patches shared a 512-bit vector: the
/// vectoriser split the activations into 256-bit halves, or fused the
/// forward sums of neighbouring patches into shuffles (Benchmarks/README.md,
/// "Explicit lane arithmetic"). The requirements below are implemented by
/// one-line Clang vector functions (Sources/CLaneVector), one LLVM vector
/// operation each, so the code generator always sees whole vectors. Generic
/// code over `V: LaneVector` picks these operators over `SIMD`'s.
///
/// Every operation is the same IEEE operation on every lane as the
/// standard library's, so results are bit-identical to the per-lane loops.
public protocol LaneVector: SIMD where Scalar == Double, MaskStorage: LaneBits {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    /// self + a·b with one rounding.
    func addingProduct(_ a: Self, _ b: Self) -> Self
    /// max(self, lower) lane by lane, a NaN in self passed through.
    func atLeast(_ lower: Self) -> Self
    /// min(self, upper) lane by lane, a NaN in self passed through.
    func atMost(_ upper: Self) -> Self
}

/// The 64-bit integer vectors holding a `LaneVector`'s bit patterns, with
/// the bit operations of LaneMasks.swift and VectorMath.swift as explicit
/// vector instructions (see `LaneVector`). `&-` wraps; `&>>` (arithmetic)
/// and `&<<` shift by the count mod 64, as the standard library's.
public protocol LaneBits: SIMD where Scalar == Int64 {
    static func & (a: Self, b: Self) -> Self
    static func | (a: Self, b: Self) -> Self
    static prefix func ~ (a: Self) -> Self
    static func &- (a: Self, b: Self) -> Self
    static func &>> (a: Self, b: Self) -> Self
    static func &<< (a: Self, b: Self) -> Self
}

/// Mixed vector–scalar forms and compound assignments, through the
/// explicit operations (the standard library's would take the lane loops).
extension LaneVector {
    @inlinable @inline(__always) public static func + (a: Self, b: Double) -> Self { a + Self(repeating: b) }
    @inlinable @inline(__always) public static func + (a: Double, b: Self) -> Self { Self(repeating: a) + b }
    @inlinable @inline(__always) public static func - (a: Self, b: Double) -> Self { a - Self(repeating: b) }
    @inlinable @inline(__always) public static func - (a: Double, b: Self) -> Self { Self(repeating: a) - b }
    @inlinable @inline(__always) public static func * (a: Self, b: Double) -> Self { a * Self(repeating: b) }
    @inlinable @inline(__always) public static func * (a: Double, b: Self) -> Self { Self(repeating: a) * b }
    @inlinable @inline(__always) public static func / (a: Double, b: Self) -> Self { Self(repeating: a) / b }
    @inlinable @inline(__always) public static func / (a: Self, b: Double) -> Self { a / Self(repeating: b) }
    @inlinable @inline(__always) public static func += (a: inout Self, b: Self) { a = a + b }
    @inlinable @inline(__always) public static func -= (a: inout Self, b: Self) { a = a - b }
    @inlinable @inline(__always) public static func *= (a: inout Self, b: Self) { a = a * b }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Double) -> Self {
        addingProduct(a, Self(repeating: b))
    }
    @inlinable @inline(__always) public func addingProduct(_ a: Double, _ b: Self) -> Self {
        addingProduct(Self(repeating: a), b)
    }
}

extension SIMD2: LaneVector where Scalar == Double {
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { cr_add_f64x2(a, b) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { cr_sub_f64x2(a, b) }
    @inlinable @inline(__always) public static func * (a: Self, b: Self) -> Self { cr_mul_f64x2(a, b) }
    @inlinable @inline(__always) public static func / (a: Self, b: Self) -> Self { cr_div_f64x2(a, b) }
    @inlinable @inline(__always) public static prefix func - (a: Self) -> Self { cr_neg_f64x2(a) }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Self) -> Self { cr_fma_f64x2(a, b, self) }
    @inlinable @inline(__always) public func atLeast(_ lower: Self) -> Self { cr_max_f64x2(self, lower) }
    @inlinable @inline(__always) public func atMost(_ upper: Self) -> Self { cr_min_f64x2(self, upper) }
}

extension SIMD2: LaneBits where Scalar == Int64 {
    @inlinable @inline(__always) public static func & (a: Self, b: Self) -> Self { cr_and_i64x2(a, b) }
    @inlinable @inline(__always) public static func | (a: Self, b: Self) -> Self { cr_or_i64x2(a, b) }
    @inlinable @inline(__always) public static prefix func ~ (a: Self) -> Self { cr_not_i64x2(a) }
    @inlinable @inline(__always) public static func &- (a: Self, b: Self) -> Self { cr_sub_i64x2(a, b) }
    @inlinable @inline(__always) public static func &>> (a: Self, b: Self) -> Self { cr_sra_i64x2(a, b) }
    @inlinable @inline(__always) public static func &<< (a: Self, b: Self) -> Self { cr_shl_i64x2(a, b) }
}

extension SIMD4: LaneVector where Scalar == Double {
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { cr_add_f64x4(a, b) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { cr_sub_f64x4(a, b) }
    @inlinable @inline(__always) public static func * (a: Self, b: Self) -> Self { cr_mul_f64x4(a, b) }
    @inlinable @inline(__always) public static func / (a: Self, b: Self) -> Self { cr_div_f64x4(a, b) }
    @inlinable @inline(__always) public static prefix func - (a: Self) -> Self { cr_neg_f64x4(a) }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Self) -> Self { cr_fma_f64x4(a, b, self) }
    @inlinable @inline(__always) public func atLeast(_ lower: Self) -> Self { cr_max_f64x4(self, lower) }
    @inlinable @inline(__always) public func atMost(_ upper: Self) -> Self { cr_min_f64x4(self, upper) }
}

extension SIMD4: LaneBits where Scalar == Int64 {
    @inlinable @inline(__always) public static func & (a: Self, b: Self) -> Self { cr_and_i64x4(a, b) }
    @inlinable @inline(__always) public static func | (a: Self, b: Self) -> Self { cr_or_i64x4(a, b) }
    @inlinable @inline(__always) public static prefix func ~ (a: Self) -> Self { cr_not_i64x4(a) }
    @inlinable @inline(__always) public static func &- (a: Self, b: Self) -> Self { cr_sub_i64x4(a, b) }
    @inlinable @inline(__always) public static func &>> (a: Self, b: Self) -> Self { cr_sra_i64x4(a, b) }
    @inlinable @inline(__always) public static func &<< (a: Self, b: Self) -> Self { cr_shl_i64x4(a, b) }
}

extension SIMD8: LaneVector where Scalar == Double {
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { cr_add_f64x8(a, b) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { cr_sub_f64x8(a, b) }
    @inlinable @inline(__always) public static func * (a: Self, b: Self) -> Self { cr_mul_f64x8(a, b) }
    @inlinable @inline(__always) public static func / (a: Self, b: Self) -> Self { cr_div_f64x8(a, b) }
    @inlinable @inline(__always) public static prefix func - (a: Self) -> Self { cr_neg_f64x8(a) }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Self) -> Self { cr_fma_f64x8(a, b, self) }
    @inlinable @inline(__always) public func atLeast(_ lower: Self) -> Self { cr_max_f64x8(self, lower) }
    @inlinable @inline(__always) public func atMost(_ upper: Self) -> Self { cr_min_f64x8(self, upper) }
}

extension SIMD8: LaneBits where Scalar == Int64 {
    @inlinable @inline(__always) public static func & (a: Self, b: Self) -> Self { cr_and_i64x8(a, b) }
    @inlinable @inline(__always) public static func | (a: Self, b: Self) -> Self { cr_or_i64x8(a, b) }
    @inlinable @inline(__always) public static prefix func ~ (a: Self) -> Self { cr_not_i64x8(a) }
    @inlinable @inline(__always) public static func &- (a: Self, b: Self) -> Self { cr_sub_i64x8(a, b) }
    @inlinable @inline(__always) public static func &>> (a: Self, b: Self) -> Self { cr_sra_i64x8(a, b) }
    @inlinable @inline(__always) public static func &<< (a: Self, b: Self) -> Self { cr_shl_i64x8(a, b) }
}

extension SIMD16: LaneVector where Scalar == Double {
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { cr_add_f64x16(a, b) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { cr_sub_f64x16(a, b) }
    @inlinable @inline(__always) public static func * (a: Self, b: Self) -> Self { cr_mul_f64x16(a, b) }
    @inlinable @inline(__always) public static func / (a: Self, b: Self) -> Self { cr_div_f64x16(a, b) }
    @inlinable @inline(__always) public static prefix func - (a: Self) -> Self { cr_neg_f64x16(a) }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Self) -> Self { cr_fma_f64x16(a, b, self) }
    @inlinable @inline(__always) public func atLeast(_ lower: Self) -> Self { cr_max_f64x16(self, lower) }
    @inlinable @inline(__always) public func atMost(_ upper: Self) -> Self { cr_min_f64x16(self, upper) }
}

extension SIMD16: LaneBits where Scalar == Int64 {
    @inlinable @inline(__always) public static func & (a: Self, b: Self) -> Self { cr_and_i64x16(a, b) }
    @inlinable @inline(__always) public static func | (a: Self, b: Self) -> Self { cr_or_i64x16(a, b) }
    @inlinable @inline(__always) public static prefix func ~ (a: Self) -> Self { cr_not_i64x16(a) }
    @inlinable @inline(__always) public static func &- (a: Self, b: Self) -> Self { cr_sub_i64x16(a, b) }
    @inlinable @inline(__always) public static func &>> (a: Self, b: Self) -> Self { cr_sra_i64x16(a, b) }
    @inlinable @inline(__always) public static func &<< (a: Self, b: Self) -> Self { cr_shl_i64x16(a, b) }
}

extension SIMD32: LaneVector where Scalar == Double {
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { cr_add_f64x32(a, b) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { cr_sub_f64x32(a, b) }
    @inlinable @inline(__always) public static func * (a: Self, b: Self) -> Self { cr_mul_f64x32(a, b) }
    @inlinable @inline(__always) public static func / (a: Self, b: Self) -> Self { cr_div_f64x32(a, b) }
    @inlinable @inline(__always) public static prefix func - (a: Self) -> Self { cr_neg_f64x32(a) }
    @inlinable @inline(__always) public func addingProduct(_ a: Self, _ b: Self) -> Self { cr_fma_f64x32(a, b, self) }
    @inlinable @inline(__always) public func atLeast(_ lower: Self) -> Self { cr_max_f64x32(self, lower) }
    @inlinable @inline(__always) public func atMost(_ upper: Self) -> Self { cr_min_f64x32(self, upper) }
}

extension SIMD32: LaneBits where Scalar == Int64 {
    @inlinable @inline(__always) public static func & (a: Self, b: Self) -> Self { cr_and_i64x32(a, b) }
    @inlinable @inline(__always) public static func | (a: Self, b: Self) -> Self { cr_or_i64x32(a, b) }
    @inlinable @inline(__always) public static prefix func ~ (a: Self) -> Self { cr_not_i64x32(a) }
    @inlinable @inline(__always) public static func &- (a: Self, b: Self) -> Self { cr_sub_i64x32(a, b) }
    @inlinable @inline(__always) public static func &>> (a: Self, b: Self) -> Self { cr_sra_i64x32(a, b) }
    @inlinable @inline(__always) public static func &<< (a: Self, b: Self) -> Self { cr_shl_i64x32(a, b) }
}
