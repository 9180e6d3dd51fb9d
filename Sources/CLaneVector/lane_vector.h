/* Explicit vector arithmetic for the lane types of ConvRecovery's hot loop.
 *
 * Swift's SIMD operators are per-lane loops that LLVM's SLP vectoriser has to
 * re-assemble into vector instructions. In a small loop it does; in the
 * fused pass with two patches per 512-bit vector it split or scattered them
 * (Benchmarks/README.md, "Explicit lane arithmetic"). These functions are
 * Clang vector-extension one-liners: each is one LLVM vector operation, so
 * what reaches the code generator no longer depends on the vectoriser. They
 * are `static inline` and always inlined; they compile to the same IEEE
 * operations for any target (an fma without FMA hardware becomes a call to
 * libm's correctly rounded fma), so results do not depend on the build.
 *
 * CR_LANE_OPERATIONS(N) declares, for vectors of N doubles and of N 64-bit
 * integers (their bit patterns), cr_<op>_f64xN / cr_<op>_i64xN:
 *   add, sub, mul, div, neg      IEEE arithmetic
 *   fma(a, b, c)                 a·b + c with one rounding
 *   max(a, b), min(a, b)         a compare and a blend; a NaN in a passes through
 *   and, or, not                 bitwise
 *   sub (integers)               wrapping (in unsigned arithmetic, defined on overflow)
 *   sra, shl                     shifts by b mod 64, as Swift's &>> and &<<;
 *                                the right shift is arithmetic
 * for the widths Numerics/LaneVector.swift uses: 2, 4, 8, 16, 32.
 */
#ifndef CONVRECOVERY_LANE_VECTOR_H
#define CONVRECOVERY_LANE_VECTOR_H

#define CR_INLINE static inline __attribute__((always_inline))

#define CR_LANE_OPERATIONS(N) \
typedef double cr_f64x##N __attribute__((ext_vector_type(N))); \
typedef long long cr_i64x##N __attribute__((ext_vector_type(N))); \
typedef unsigned long long cr_u64x##N __attribute__((ext_vector_type(N))); \
CR_INLINE cr_f64x##N cr_add_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a + b; } \
CR_INLINE cr_f64x##N cr_sub_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a - b; } \
CR_INLINE cr_f64x##N cr_mul_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a * b; } \
CR_INLINE cr_f64x##N cr_div_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a / b; } \
CR_INLINE cr_f64x##N cr_neg_f64x##N(cr_f64x##N a) { return -a; } \
CR_INLINE cr_f64x##N cr_fma_f64x##N(cr_f64x##N a, cr_f64x##N b, cr_f64x##N c) { \
    return __builtin_elementwise_fma(a, b, c); \
} \
CR_INLINE cr_f64x##N cr_max_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a < b ? b : a; } \
CR_INLINE cr_f64x##N cr_min_f64x##N(cr_f64x##N a, cr_f64x##N b) { return a > b ? b : a; } \
CR_INLINE cr_i64x##N cr_and_i64x##N(cr_i64x##N a, cr_i64x##N b) { return a & b; } \
CR_INLINE cr_i64x##N cr_or_i64x##N(cr_i64x##N a, cr_i64x##N b) { return a | b; } \
CR_INLINE cr_i64x##N cr_not_i64x##N(cr_i64x##N a) { return ~a; } \
CR_INLINE cr_i64x##N cr_sub_i64x##N(cr_i64x##N a, cr_i64x##N b) { \
    return (cr_i64x##N)((cr_u64x##N)a - (cr_u64x##N)b); \
} \
CR_INLINE cr_i64x##N cr_sra_i64x##N(cr_i64x##N a, cr_i64x##N b) { return a >> (b & 63); } \
CR_INLINE cr_i64x##N cr_shl_i64x##N(cr_i64x##N a, cr_i64x##N b) { \
    return (cr_i64x##N)((cr_u64x##N)a << (cr_u64x##N)(b & 63)); \
}

CR_LANE_OPERATIONS(2)
CR_LANE_OPERATIONS(4)
CR_LANE_OPERATIONS(8)
CR_LANE_OPERATIONS(16)
CR_LANE_OPERATIONS(32)

#endif
