import Foundation

/// The elementwise activation φ of the network (MATH.md §3).
///
/// | activation   | φ(z)                  | φ'(z)            | degree h |
/// |--------------|-----------------------|------------------|----------|
/// | relu         | max(z, 0)             | 1[z > 0]         | 1        |
/// | leaky-relu   | max(z, a·z)           | 1 if z > 0 else a| 1        |
/// | squared-relu | max(z, 0)²            | 2·max(z, 0)      | 2        |
/// | sigmoid      | 1/(1 + e^{−z})        | φ(1 − φ)         | none     |
/// | tanh         | tanh z                | 1 − tanh² z      | none     |
///
/// φ'(0) = 0 for relu and squared-relu and a for leaky-relu.
public enum Activation: Hashable, Sendable, CustomStringConvertible {
    case relu
    case leakyRelu(slope: Double)
    case squaredRelu
    case sigmoid
    case tanh

    /// The default leaky-relu slope a.
    public static let defaultLeakySlope = 0.01

    /// The names accepted on the command line and in experiment files.
    public static let names = ["relu", "leaky-relu", "squared-relu", "sigmoid", "tanh"]

    /// Parses a name of `names`; `leakySlope` is used by leaky-relu only.
    public init?(name: String, leakySlope: Double = Activation.defaultLeakySlope) {
        switch name {
        case "relu": self = .relu
        case "leaky-relu", "leaky_relu", "leakyrelu": self = .leakyRelu(slope: leakySlope)
        case "squared-relu", "squared_relu", "relu2": self = .squaredRelu
        case "sigmoid": self = .sigmoid
        case "tanh": self = .tanh
        default: return nil
        }
    }

    /// The canonical name (one of `names`).
    public var name: String {
        switch self {
        case .relu: "relu"
        case .leakyRelu: "leaky-relu"
        case .squaredRelu: "squared-relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        }
    }

    public var description: String {
        if case .leakyRelu(let slope) = self { return "leaky-relu(\(slope))" }
        return name
    }

    /// h with φ(σz) = σ^h φ(z) for σ > 0, or nil when φ is not homogeneous.
    public var homogeneousDegree: Int? {
        switch self {
        case .relu, .leakyRelu: 1
        case .squaredRelu: 2
        case .sigmoid, .tanh: nil
        }
    }

    /// Whether the output signs v can be learned from the moments: only when
    /// m₂ ≠ 0 (MATH.md §4.3). For tanh (v, w) and (−v, −w) are the same
    /// network; for sigmoid they differ by a constant no moment sees.
    public var canLearnSigns: Bool { homogeneousDegree != nil }

    /// φ(z).
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .leakyRelu(let a): return z > 0 ? z : a * z
        case .squaredRelu: return z > 0 ? z * z : 0
        case .sigmoid: return Activation.sigmoid(z)
        case .tanh: return Foundation.tanh(z)
        }
    }

    /// φ'(z).
    @inlinable
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu(let a): return z > 0 ? 1 : a
        case .squaredRelu: return z > 0 ? 2 * z : 0
        case .sigmoid:
            let s = Activation.sigmoid(z)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(z)
            return 1 - t * t
        }
    }

    /// The logistic function in a form that never overflows: e^{−|z|} ≤ 1.
    @inlinable
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}
