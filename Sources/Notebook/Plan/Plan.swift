import ConvRecovery

/// An experiment expanded into points and trials: what the runner executes.
///
/// Every trial carries its own seed, derived from its content (master
/// seed, the point's parameter values by name, trial index), never from
/// where it sits in the plan. So adding points or trials, reordering a
/// sweep list, or running with another number of jobs leaves the seed, and
/// therefore the result, of every existing trial unchanged.
public struct Plan: Hashable, Sendable {
    /// The experiment's name.
    public let experiment: String
    public let masterSeed: UInt64
    public let trialsPerPoint: Int
    /// Points in sweep order (first sweep key outermost).
    public let points: [PlanPoint]
    /// The parameters whose value differs between points, in catalogue
    /// order followed by free sweep variables: the interesting columns of
    /// a summary table.
    public let varying: [String]

    /// `points.count × trialsPerPoint`.
    public var trialCount: Int { points.count * trialsPerPoint }

    /// The distinct values `name` takes, in plan order (for `convrec check`'s summary).
    public func values(of name: String) -> [ParameterValue] {
        var seen: [ParameterValue] = []
        for point in points { if let v = point.values[name], !seen.contains(v) { seen.append(v) } }
        return seen
    }

    /// `6 points × 10 trials = 60 trials; varying: activation (relu, squared-relu), patches (2, 4, 8)`:
    /// the first lines of `convrec check`. Long value lists are elided.
    public var summary: String {
        var text = "\(points.count) point\(points.count == 1 ? "" : "s") × \(trialsPerPoint) trial\(trialsPerPoint == 1 ? "" : "s") = \(trialCount) trials"
        if !varying.isEmpty {
            let parts = varying.map { name -> String in
                let values = values(of: name).map(\.description)
                let shown = values.count <= 6 ? values : Array(values.prefix(3)) + ["…"] + Array(values.suffix(2))
                return "\(name) (\(shown.joined(separator: ", ")))"
            }
            text += "; varying: " + parts.joined(separator: ", ")
        }
        return text
    }

    /// Every trial, point by point.
    public var trials: [PlannedTrial] { points.flatMap(trials(for:)) }

    /// The trials of one point.
    public func trials(for point: PlanPoint) -> [PlannedTrial] {
        (0..<trialsPerPoint).map {
            PlannedTrial(point: point, trial: $0, seed: Plan.trialSeed(masterSeed: masterSeed, point: point, trial: $0))
        }
    }

    /// The seed of trial `trial` at `point`:
    /// `RandomSource(seed: master, path: ["trial", name₁, value₁, …, "index", trial]).stream.next()`
    /// with the point's identifying values sorted by name (see `PlanPoint.identity`).
    public static func trialSeed(masterSeed: UInt64, point: PlanPoint, trial: Int) -> UInt64 {
        var path: [StreamKey] = ["trial"]
        for (name, value) in point.identity {
            path.append(.string(name))
            path.append(value.streamKey)
        }
        path.append("index")
        path.append(.integer(Int64(trial)))
        var stream = RandomSource(seed: masterSeed, path: path).stream
        return stream.next()
    }
}

/// One assignment of every parameter: the fixed ones, the defaults, the
/// swept ones at this step and the derived ones computed from them.
public struct PlanPoint: Hashable, Sendable {
    /// Position in the plan (for display only: never part of a seed or key).
    public let index: Int
    /// Every catalogue parameter by canonical name (model, solver and
    /// `dimension`), plus the free sweep variables of the file.
    public let values: [String: ParameterValue]

    public init(index: Int, values: [String: ParameterValue]) {
        self.index = index
        self.values = values
    }

    public subscript(name: String) -> ParameterValue? { values[name] }

    /// The values that identify the point, sorted by name: every value that
    /// differs from its default (for `learn_signs`, from `signs == random`),
    /// plus `dimension` (so the key is never empty) and free sweep variables.
    /// Leaving defaults out means a future parameter whose default keeps
    /// the old behaviour changes no existing seed or cache key.
    public var identity: [(name: String, value: ParameterValue)] {
        values.filter { name, value in
            if name == "learn_signs" { return value != .bool(values["signs"] == .string("random")) }
            return ParameterDefinition.named(name)?.defaultValue.map { $0 != value } ?? true
        }
        .sorted { $0.key < $1.key }
        .map { (name: $0.key, value: $0.value) }
    }

    /// A canonical text naming the point, usable in cache keys:
    /// `name=value` pairs of `identity` joined by `,`, values canonical
    /// (`activation="relu",dimension=32,samples=1000`).
    public var key: String {
        identity.map { "\($0.name)=\($0.value.canonical)" }.joined(separator: ",")
    }

    /// `samples=1000, activation=relu` for the given names (for messages and labels).
    public func label(_ names: [String]) -> String {
        names.compactMap { name in values[name].map { "\(name)=\($0)" } }.joined(separator: ", ")
    }

    /// Typed accessors; they trap if the parameter is missing or of another
    /// type, which validation rules out for catalogue parameters.
    public func integer(_ name: String) -> Int { values[name]!.integer! }
    public func real(_ name: String) -> Double { values[name]!.number! }
    public func string(_ name: String) -> String { values[name]!.string! }
    public func bool(_ name: String) -> Bool { values[name]!.bool! }

    public static func == (a: PlanPoint, b: PlanPoint) -> Bool { a.values == b.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

/// One run of the solver: a point, which repetition it is, and its seed.
public struct PlannedTrial: Hashable, Sendable {
    public let point: PlanPoint
    /// 0-based repetition index at this point.
    public let trial: Int
    /// The trial's master seed; the runner derives every stream from
    /// `RandomSource(seed: seed)`.
    public let seed: UInt64

    /// `<point key>#<trial>`: a stable identifier for caching results.
    public var id: String { "\(point.key)#\(trial)" }
}
