/// One part of a plan split across cluster tasks (`convrec run --shard I/N`).
///
/// Every task computes the same split from the same plan, so no task needs
/// to talk to another: trials are sorted by estimated cost (then by key, so
/// ties are stable) and dealt greedily to the least-loaded shard (the LPT
/// rule), which balances wall time within 4/3 of the best split. Each shard
/// writes its own results file, `results.shard-I-of-N.jsonl`, and its own
/// provenance file, `runs.shard-I-of-N.jsonl`, so shards never share a file
/// or need a lock; readers take every `results*.jsonl` of the folder as one
/// store, and a trial stored twice (a retried task) counts once.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// I, counted from 0.
    public let index: Int
    /// N.
    public let count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "I/N" with 0 ≤ I < N; nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The results file of this shard.
    public var resultsFileName: String { "results.shard-\(index)-of-\(count).jsonl" }
    /// The provenance file of this shard.
    public var runsFileName: String { "runs.shard-\(index)-of-\(count).jsonl" }

    /// The indices (into `keys`) of the trials that belong to this shard.
    /// `costs[i]` is trial i's estimated cost; `keys[i]` its trial key.
    public func select(keys: [String], costs: [Double]) -> [Int] {
        precondition(keys.count == costs.count)
        let order = keys.indices.sorted { a, b in costs[a] != costs[b] ? costs[a] > costs[b] : keys[a] < keys[b] }
        var load = [Double](repeating: 0, count: count)
        var mine: [Int] = []
        for i in order {
            // Least-loaded shard; the lowest index on ties.
            var target = 0
            for s in 1..<count where load[s] < load[target] { target = s }
            load[target] += costs[i]
            if target == index { mine.append(i) }
        }
        return mine.sorted()
    }
}
