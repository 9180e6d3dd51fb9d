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
 * Widths 2 to 32 doubles (and the 64-bit integer vectors of the same widths,
 * for bit manipulation), as used by Numerics/LaneVector.swift.
 */
#ifndef CONVRECOVERY_LANE_VECTOR_H
#define CONVRECOVERY_LANE_VECTOR_H

#define CR_INLINE static inline __attribute__((always_inline))

typedef double cr_f64x2 __attribute__((ext_vector_type(2)));
typedef long long cr_i64x2 __attribute__((ext_vector_type(2)));
typedef unsigned long long cr_u64x2 __attribute__((ext_vector_type(2)));
CR_INLINE cr_f64x2 cr_add_f64x2(cr_f64x2 a, cr_f64x2 b) { return a + b; }
CR_INLINE cr_f64x2 cr_sub_f64x2(cr_f64x2 a, cr_f64x2 b) { return a - b; }
CR_INLINE cr_f64x2 cr_mul_f64x2(cr_f64x2 a, cr_f64x2 b) { return a * b; }
CR_INLINE cr_f64x2 cr_div_f64x2(cr_f64x2 a, cr_f64x2 b) { return a / b; }
CR_INLINE cr_f64x2 cr_neg_f64x2(cr_f64x2 a) { return -a; }
/* a·b + c with one rounding. */
CR_INLINE cr_f64x2 cr_fma_f64x2(cr_f64x2 a, cr_f64x2 b, cr_f64x2 c) { return __builtin_elementwise_fma(a, b, c); }
/* max(a, b) and min(a, b) with a NaN in a passed through (a compare and a blend). */
CR_INLINE cr_f64x2 cr_max_f64x2(cr_f64x2 a, cr_f64x2 b) { return a < b ? b : a; }
CR_INLINE cr_f64x2 cr_min_f64x2(cr_f64x2 a, cr_f64x2 b) { return a > b ? b : a; }
CR_INLINE cr_i64x2 cr_and_i64x2(cr_i64x2 a, cr_i64x2 b) { return a & b; }
CR_INLINE cr_i64x2 cr_or_i64x2(cr_i64x2 a, cr_i64x2 b) { return a | b; }
CR_INLINE cr_i64x2 cr_not_i64x2(cr_i64x2 a) { return ~a; }
/* Wrapping subtraction (in unsigned arithmetic, which is defined on overflow). */
CR_INLINE cr_i64x2 cr_sub_i64x2(cr_i64x2 a, cr_i64x2 b) { return (cr_i64x2)((cr_u64x2)a - (cr_u64x2)b); }
/* Shifts by b mod 64, as Swift's &>> and &<<; right shifts are arithmetic. */
CR_INLINE cr_i64x2 cr_sra_i64x2(cr_i64x2 a, cr_i64x2 b) { return a >> (b & 63); }
CR_INLINE cr_i64x2 cr_shl_i64x2(cr_i64x2 a, cr_i64x2 b) { return (cr_i64x2)((cr_u64x2)a << (cr_u64x2)(b & 63)); }

typedef double cr_f64x4 __attribute__((ext_vector_type(4)));
typedef long long cr_i64x4 __attribute__((ext_vector_type(4)));
typedef unsigned long long cr_u64x4 __attribute__((ext_vector_type(4)));
CR_INLINE cr_f64x4 cr_add_f64x4(cr_f64x4 a, cr_f64x4 b) { return a + b; }
CR_INLINE cr_f64x4 cr_sub_f64x4(cr_f64x4 a, cr_f64x4 b) { return a - b; }
CR_INLINE cr_f64x4 cr_mul_f64x4(cr_f64x4 a, cr_f64x4 b) { return a * b; }
CR_INLINE cr_f64x4 cr_div_f64x4(cr_f64x4 a, cr_f64x4 b) { return a / b; }
CR_INLINE cr_f64x4 cr_neg_f64x4(cr_f64x4 a) { return -a; }
/* a·b + c with one rounding. */
CR_INLINE cr_f64x4 cr_fma_f64x4(cr_f64x4 a, cr_f64x4 b, cr_f64x4 c) { return __builtin_elementwise_fma(a, b, c); }
/* max(a, b) and min(a, b) with a NaN in a passed through (a compare and a blend). */
CR_INLINE cr_f64x4 cr_max_f64x4(cr_f64x4 a, cr_f64x4 b) { return a < b ? b : a; }
CR_INLINE cr_f64x4 cr_min_f64x4(cr_f64x4 a, cr_f64x4 b) { return a > b ? b : a; }
CR_INLINE cr_i64x4 cr_and_i64x4(cr_i64x4 a, cr_i64x4 b) { return a & b; }
CR_INLINE cr_i64x4 cr_or_i64x4(cr_i64x4 a, cr_i64x4 b) { return a | b; }
CR_INLINE cr_i64x4 cr_not_i64x4(cr_i64x4 a) { return ~a; }
/* Wrapping subtraction (in unsigned arithmetic, which is defined on overflow). */
CR_INLINE cr_i64x4 cr_sub_i64x4(cr_i64x4 a, cr_i64x4 b) { return (cr_i64x4)((cr_u64x4)a - (cr_u64x4)b); }
/* Shifts by b mod 64, as Swift's &>> and &<<; right shifts are arithmetic. */
CR_INLINE cr_i64x4 cr_sra_i64x4(cr_i64x4 a, cr_i64x4 b) { return a >> (b & 63); }
CR_INLINE cr_i64x4 cr_shl_i64x4(cr_i64x4 a, cr_i64x4 b) { return (cr_i64x4)((cr_u64x4)a << (cr_u64x4)(b & 63)); }

typedef double cr_f64x8 __attribute__((ext_vector_type(8)));
typedef long long cr_i64x8 __attribute__((ext_vector_type(8)));
typedef unsigned long long cr_u64x8 __attribute__((ext_vector_type(8)));
CR_INLINE cr_f64x8 cr_add_f64x8(cr_f64x8 a, cr_f64x8 b) { return a + b; }
CR_INLINE cr_f64x8 cr_sub_f64x8(cr_f64x8 a, cr_f64x8 b) { return a - b; }
CR_INLINE cr_f64x8 cr_mul_f64x8(cr_f64x8 a, cr_f64x8 b) { return a * b; }
CR_INLINE cr_f64x8 cr_div_f64x8(cr_f64x8 a, cr_f64x8 b) { return a / b; }
CR_INLINE cr_f64x8 cr_neg_f64x8(cr_f64x8 a) { return -a; }
/* a·b + c with one rounding. */
CR_INLINE cr_f64x8 cr_fma_f64x8(cr_f64x8 a, cr_f64x8 b, cr_f64x8 c) { return __builtin_elementwise_fma(a, b, c); }
/* max(a, b) and min(a, b) with a NaN in a passed through (a compare and a blend). */
CR_INLINE cr_f64x8 cr_max_f64x8(cr_f64x8 a, cr_f64x8 b) { return a < b ? b : a; }
CR_INLINE cr_f64x8 cr_min_f64x8(cr_f64x8 a, cr_f64x8 b) { return a > b ? b : a; }
CR_INLINE cr_i64x8 cr_and_i64x8(cr_i64x8 a, cr_i64x8 b) { return a & b; }
CR_INLINE cr_i64x8 cr_or_i64x8(cr_i64x8 a, cr_i64x8 b) { return a | b; }
CR_INLINE cr_i64x8 cr_not_i64x8(cr_i64x8 a) { return ~a; }
/* Wrapping subtraction (in unsigned arithmetic, which is defined on overflow). */
CR_INLINE cr_i64x8 cr_sub_i64x8(cr_i64x8 a, cr_i64x8 b) { return (cr_i64x8)((cr_u64x8)a - (cr_u64x8)b); }
/* Shifts by b mod 64, as Swift's &>> and &<<; right shifts are arithmetic. */
CR_INLINE cr_i64x8 cr_sra_i64x8(cr_i64x8 a, cr_i64x8 b) { return a >> (b & 63); }
CR_INLINE cr_i64x8 cr_shl_i64x8(cr_i64x8 a, cr_i64x8 b) { return (cr_i64x8)((cr_u64x8)a << (cr_u64x8)(b & 63)); }

typedef double cr_f64x16 __attribute__((ext_vector_type(16)));
typedef long long cr_i64x16 __attribute__((ext_vector_type(16)));
typedef unsigned long long cr_u64x16 __attribute__((ext_vector_type(16)));
CR_INLINE cr_f64x16 cr_add_f64x16(cr_f64x16 a, cr_f64x16 b) { return a + b; }
CR_INLINE cr_f64x16 cr_sub_f64x16(cr_f64x16 a, cr_f64x16 b) { return a - b; }
CR_INLINE cr_f64x16 cr_mul_f64x16(cr_f64x16 a, cr_f64x16 b) { return a * b; }
CR_INLINE cr_f64x16 cr_div_f64x16(cr_f64x16 a, cr_f64x16 b) { return a / b; }
CR_INLINE cr_f64x16 cr_neg_f64x16(cr_f64x16 a) { return -a; }
/* a·b + c with one rounding. */
CR_INLINE cr_f64x16 cr_fma_f64x16(cr_f64x16 a, cr_f64x16 b, cr_f64x16 c) { return __builtin_elementwise_fma(a, b, c); }
/* max(a, b) and min(a, b) with a NaN in a passed through (a compare and a blend). */
CR_INLINE cr_f64x16 cr_max_f64x16(cr_f64x16 a, cr_f64x16 b) { return a < b ? b : a; }
CR_INLINE cr_f64x16 cr_min_f64x16(cr_f64x16 a, cr_f64x16 b) { return a > b ? b : a; }
CR_INLINE cr_i64x16 cr_and_i64x16(cr_i64x16 a, cr_i64x16 b) { return a & b; }
CR_INLINE cr_i64x16 cr_or_i64x16(cr_i64x16 a, cr_i64x16 b) { return a | b; }
CR_INLINE cr_i64x16 cr_not_i64x16(cr_i64x16 a) { return ~a; }
/* Wrapping subtraction (in unsigned arithmetic, which is defined on overflow). */
CR_INLINE cr_i64x16 cr_sub_i64x16(cr_i64x16 a, cr_i64x16 b) { return (cr_i64x16)((cr_u64x16)a - (cr_u64x16)b); }
/* Shifts by b mod 64, as Swift's &>> and &<<; right shifts are arithmetic. */
CR_INLINE cr_i64x16 cr_sra_i64x16(cr_i64x16 a, cr_i64x16 b) { return a >> (b & 63); }
CR_INLINE cr_i64x16 cr_shl_i64x16(cr_i64x16 a, cr_i64x16 b) { return (cr_i64x16)((cr_u64x16)a << (cr_u64x16)(b & 63)); }

typedef double cr_f64x32 __attribute__((ext_vector_type(32)));
typedef long long cr_i64x32 __attribute__((ext_vector_type(32)));
typedef unsigned long long cr_u64x32 __attribute__((ext_vector_type(32)));
CR_INLINE cr_f64x32 cr_add_f64x32(cr_f64x32 a, cr_f64x32 b) { return a + b; }
CR_INLINE cr_f64x32 cr_sub_f64x32(cr_f64x32 a, cr_f64x32 b) { return a - b; }
CR_INLINE cr_f64x32 cr_mul_f64x32(cr_f64x32 a, cr_f64x32 b) { return a * b; }
CR_INLINE cr_f64x32 cr_div_f64x32(cr_f64x32 a, cr_f64x32 b) { return a / b; }
CR_INLINE cr_f64x32 cr_neg_f64x32(cr_f64x32 a) { return -a; }
/* a·b + c with one rounding. */
CR_INLINE cr_f64x32 cr_fma_f64x32(cr_f64x32 a, cr_f64x32 b, cr_f64x32 c) { return __builtin_elementwise_fma(a, b, c); }
/* max(a, b) and min(a, b) with a NaN in a passed through (a compare and a blend). */
CR_INLINE cr_f64x32 cr_max_f64x32(cr_f64x32 a, cr_f64x32 b) { return a < b ? b : a; }
CR_INLINE cr_f64x32 cr_min_f64x32(cr_f64x32 a, cr_f64x32 b) { return a > b ? b : a; }
CR_INLINE cr_i64x32 cr_and_i64x32(cr_i64x32 a, cr_i64x32 b) { return a & b; }
CR_INLINE cr_i64x32 cr_or_i64x32(cr_i64x32 a, cr_i64x32 b) { return a | b; }
CR_INLINE cr_i64x32 cr_not_i64x32(cr_i64x32 a) { return ~a; }
/* Wrapping subtraction (in unsigned arithmetic, which is defined on overflow). */
CR_INLINE cr_i64x32 cr_sub_i64x32(cr_i64x32 a, cr_i64x32 b) { return (cr_i64x32)((cr_u64x32)a - (cr_u64x32)b); }
/* Shifts by b mod 64, as Swift's &>> and &<<; right shifts are arithmetic. */
CR_INLINE cr_i64x32 cr_sra_i64x32(cr_i64x32 a, cr_i64x32 b) { return a >> (b & 63); }
CR_INLINE cr_i64x32 cr_shl_i64x32(cr_i64x32 a, cr_i64x32 b) { return (cr_i64x32)((cr_u64x32)a << (cr_u64x32)(b & 63)); }

#endif
