/// The cache key of a stored trial: 32 hex digits of a 128-bit FNV-1a hash
/// over the solver's identity and the trial's inputs,
///
///     FNV-1a-128( solver_version ␟ experiment ␟ point key ␟ trial index ␟ seed )
///
/// (fields joined by the unit separator U+001F, numbers in decimal). The
/// point key (`PlanPoint.key`) names every value that differs from its
/// default, so two trials share a key exactly when the same solver would
/// compute the same numbers for them. Bumping `ConvRecoveryVersion.solver`
/// changes every key, which is how a new solver invalidates the cache.
///
/// FNV-1a is not cryptographic; it does not need to be: keys only have to
/// be distinct among the trials of one experiment folder (2⁻¹²⁸ per pair).
public enum TrialKey {
    public static func make(solverVersion: String, experiment: String, point: String, trial: Int, seed: UInt64) -> String {
        let text = [solverVersion, experiment, point, String(trial), String(seed)].joined(separator: "\u{1F}")
        let (high, low) = fnv1a128(Array(text.utf8))
        return hex(high) + hex(low)
    }

    /// FNV-1a with the 128-bit offset basis and prime 2⁸⁸ + 2⁸ + 0x3b,
    /// multiplication modulo 2¹²⁸ done on two 64-bit halves.
    static func fnv1a128(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var high: UInt64 = 0x6c62_272e_07bb_0142
        var low: UInt64 = 0x62b8_2175_6295_c58d
        let primeHigh: UInt64 = 1 << 24  // 2^88 = 2^64 · 2^24
        let primeLow: UInt64 = 0x13b
        for byte in bytes {
            low ^= UInt64(byte)
            let product = low.multipliedFullWidth(by: primeLow)
            let newHigh = product.high &+ high &* primeLow &+ low &* primeHigh
            low = product.low
            high = newHigh
        }
        return (high, low)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension PlannedTrial {
    /// The trial's cache key under the current solver (see `TrialKey`).
    public func key(experiment: String, solverVersion: String) -> String {
        TrialKey.make(solverVersion: solverVersion, experiment: experiment, point: point.key, trial: trial, seed: seed)
    }
}
