/// A named place in the tree of random streams: a master seed and a path.
///
/// A trial owns one `RandomSource`; each component asks for its own child
/// (`source.child("truth")`, `source.child("data", chunk)`) and builds a
/// stream from it. Because a child depends only on the path, a component's
/// numbers never depend on how many numbers other components drew, nor on
/// the order or thread they ran in.
public struct RandomSource: Hashable, Sendable {
    public let seed: UInt64
    public let path: [StreamKey]

    public init(seed: UInt64, path: [StreamKey] = []) {
        self.seed = seed
        self.path = path
    }

    /// The source one level down.
    public func child(_ keys: StreamKey...) -> RandomSource {
        RandomSource(seed: seed, path: path + keys)
    }

    /// A fresh stream at this place (the same stream every time).
    public var stream: RandomStream { RandomStream(seed: seed, path: path) }
}
