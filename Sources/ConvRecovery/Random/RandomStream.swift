/// A seeded stream of random numbers: xoshiro256** seeded through SplitMix64.
///
/// Every random draw in ConvRecovery comes from a `RandomStream`, so a run is
/// a pure function of its seeds. The conversions to `Double` are written out
/// here (the standard library does not promise stable algorithms for
/// `Double.random(in:using:)` across Swift versions), and golden-value tests
/// pin the first outputs of fixed seeds.
///
/// Streams are derived, never shared: `RandomStream(seed:path:)` hashes a
/// master seed with a path of integers and strings (for example
/// `[.string("data"), .integer(chunk)]`) into an independent stream, so the
/// numbers a component sees do not depend on the order in which other
/// components drew theirs.
///
/// - xoshiro256**: Blackman & Vigna, "Scrambled linear pseudorandom number
///   generators", ACM TOMS 2021. Period 2²⁵⁶ − 1.
/// - SplitMix64: Steele, Lea & Flood, "Fast splittable pseudorandom number
///   generators", OOPSLA 2014.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A stream whose state is four successive SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // xoshiro's all-zero state is a fixed point; SplitMix64 cannot emit
        // four zeros in a row, but keep the guarantee explicit.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// An independent stream for `path` under the master `seed`.
    ///
    /// The derivation hashes the seed and each component (with its kind and
    /// length, so `["ab", "c"]` and `["a", "bc"]` differ) through SplitMix64's
    /// finaliser. It depends only on the values, never on call order.
    public init(seed: UInt64, path: [StreamKey]) {
        self.init(seed: StreamKey.hash(seed: seed, path: path))
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits times 2⁻⁵³.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func nextOpenUniform() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire's nearly divisionless method).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A standard normal draw (128-block ziggurat, see `Ziggurat`).
    @inlinable @inline(__always)
    public mutating func nextGaussian() -> Double {
        Ziggurat.draw(&self)
    }

    /// Fills `buffer` with independent standard normal draws.
    @inlinable
    public mutating func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = Ziggurat.draw(&self) }
    }

    /// `count` independent standard normal draws.
    public mutating func gaussians(_ count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
            fillGaussian(buffer)
            initialised = count
        }
    }

    /// A uniformly random sign, ±1.
    @inlinable
    public mutating func nextSign() -> Double {
        (next() >> 63) == 0 ? 1.0 : -1.0
    }
}

/// One component of a stream-derivation path.
public enum StreamKey: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case integer(Int64)
    case string(String)
    case real(Double)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// Hash of (seed, path): every component absorbed with its kind tag and,
    /// for strings, its UTF-8 length and bytes in 8-byte words.
    static func hash(seed: UInt64, path: [StreamKey]) -> UInt64 {
        var h = SplitMix64.mix(seed ^ 0x5851_F42D_4C95_7F2D)
        func absorb(_ word: UInt64) { h = SplitMix64.mix(h ^ SplitMix64.mix(word &+ 0x9E37_79B9_7F4A_7C15)) }
        for key in path {
            switch key {
            case .integer(let value):
                absorb(1)
                absorb(UInt64(bitPattern: value))
            case .real(let value):
                absorb(3)
                // +0 and -0 name the same parameter value.
                absorb(value == 0 ? 0 : value.bitPattern)
            case .string(let value):
                let bytes = Array(value.utf8)
                absorb(2)
                absorb(UInt64(bytes.count))
                var word: UInt64 = 0
                for (i, byte) in bytes.enumerated() {
                    word |= UInt64(byte) << (8 * UInt64(i % 8))
                    if i % 8 == 7 { absorb(word); word = 0 }
                }
                if bytes.count % 8 != 0 { absorb(word) }
            }
        }
        return h
    }
}

/// SplitMix64: seeds xoshiro and mixes hashes.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// SplitMix64's finaliser: a bijection of UInt64 with full avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
