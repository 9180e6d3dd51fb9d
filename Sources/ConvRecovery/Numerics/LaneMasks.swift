/// Lane masks from the sign and magnitude bits, with no per-lane select.
///
/// A lane-wise ternary (`h[i] > 0 ? … : …`) in generic SIMD code was
/// compiled into a compare, a byte extract and a branch per lane, and the
/// scalarised lanes then spread back into the fused pass's registers;
/// integer operations on the bit patterns stay in vector registers. Used by
/// the lane activations. A mask is a
/// `MaskStorage` vector with all bits set (−1) or clear (0) in each lane.
extension LaneVector {
    /// All ones in the lanes where the value is > 0, zero elsewhere: for a
    /// bit pattern b (as Int64) the sign bit of (−b) ∧ ¬b is set exactly
    /// when b > 0, i.e. the value is positive and not ±0. (A NaN with a clear
    /// sign bit counts as positive; the solver never evaluates NaN.)
    @inlinable @inline(__always)
    var positiveLanes: MaskStorage {
        let bits = unsafeBitCast(self, to: MaskStorage.self)
        return ((MaskStorage() &- bits) & ~bits) &>> MaskStorage(repeating: 63)
    }

    /// All ones in the lanes whose sign bit is set (negative values and −0).
    @inlinable @inline(__always)
    var signLanes: MaskStorage {
        unsafeBitCast(self, to: MaskStorage.self) &>> MaskStorage(repeating: 63)
    }

    /// −|x| lane by lane (the sign bit set).
    @inlinable @inline(__always)
    var negatedMagnitude: Self {
        unsafeBitCast(unsafeBitCast(self, to: MaskStorage.self) | MaskStorage(repeating: .min), to: Self.self)
    }

    /// `mask ? a : b` lane by lane, by bits.
    @inlinable @inline(__always)
    static func select(_ mask: MaskStorage, _ a: Self, _ b: Self) -> Self {
        let a = unsafeBitCast(a, to: MaskStorage.self), b = unsafeBitCast(b, to: MaskStorage.self)
        return unsafeBitCast((a & mask) | (b & ~mask), to: Self.self)
    }

    /// `mask ? self : 0` lane by lane (+0 where the mask is clear).
    @inlinable @inline(__always)
    func masked(_ mask: MaskStorage) -> Self {
        unsafeBitCast(unsafeBitCast(self, to: MaskStorage.self) & mask, to: Self.self)
    }
}
