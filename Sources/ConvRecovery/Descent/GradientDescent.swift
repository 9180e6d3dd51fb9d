import Foundation

/// Gradient descent on the squared loss with the output signs fixed
/// (MATH.md §5):  W ← W − η ∇f_S(W).
///
/// Step size `auto`: η = 1/λ̂ with λ̂ the top eigenvalue of the Gauss–Newton
/// matrix JᵀJ/n at W⁰, from `powerIterations` power iterations (matrix-free,
/// one pass over X each). The Hessian's top eigenvalue grows like r², so a
/// constant borrowed from the fully connected case diverges for large r.
/// Safeguard for both modes: if a step raises the loss, η is halved and the
/// step retried (at most `maxHalvings` times in a row).
///
/// Full batch by default: the loss and gradient at the accepted point are
/// reused for the next step, so an iteration costs one pass over X. With
/// `resample`, step s uses part s mod P of a split sample (a fresh part each
/// step until they run out), and costs two passes.
///
/// Stops at `maxIterations`, when ‖∇f‖_F/‖W‖_F < `gradientTolerance`, or
/// when f_S < `lossTolerance` (0 = off).
public struct GradientDescent: Sendable {
    public enum StepSize: Sendable, Hashable, CustomStringConvertible {
        case auto
        case fixed(Double)

        public var description: String {
            switch self {
            case .auto: "auto"
            case .fixed(let value): "\(value)"
            }
        }
    }

    public enum StopReason: String, Sendable, Codable {
        case maxIterations = "max_iterations"
        case gradientTolerance = "gradient_tolerance"
        case lossTolerance = "loss_tolerance"
        /// The loss rose even after `maxHalvings` halvings of η.
        case stalled
        /// The loss or the parameters became NaN or infinite.
        case diverged
    }

    /// One entry of the convergence record.
    public struct HistoryPoint: Sendable, Hashable, Codable {
        public var iteration: Int
        public var loss: Double
        /// Relative parameter error after matching, when the truth is known.
        public var error: Double?

        public init(iteration: Int, loss: Double, error: Double?) {
            self.iteration = iteration
            self.loss = loss
            self.error = error
        }
    }

    public struct Result: Sendable {
        public var kernels: Matrix
        public var outputSigns: [Double]
        public var iterations: Int
        public var initialLoss: Double
        public var finalLoss: Double
        /// The step size in force at the end (after any halvings).
        public var stepSize: Double
        /// The step size chosen at the start (1/λ̂ for `auto`).
        public var initialStepSize: Double
        public var halvings: Int
        public var stopReason: StopReason
        public var history: [HistoryPoint]
    }

    public var stepSize: StepSize = .auto
    public var maxIterations = 2000
    public var gradientTolerance = 1e-9
    public var lossTolerance = 0.0
    public var powerIterations = 20
    public var maxHalvings = 60
    /// Record history at about this many iterations per decade (log-spaced).
    public var historyPerDecade = 10
    public var recordHistory = true
    public var threads = 1
    /// Baseline (II) of [ZSJ+17] Fig. 1(c): after each W step also update
    /// v ← sign(v − η ∇_v f), with ∇_v computed before the W update.
    public var updateSigns = false

    public init() {}

    /// Runs descent from `start` on `parts` (one part without resampling).
    /// `error` maps kernels to the relative error against the truth, for the
    /// history; `source` seeds the power iteration's start vector.
    public func run(from start: Network, parts: [Dataset], source: RandomSource,
                    error: ((Matrix) -> Double)? = nil) -> Result {
        precondition(!parts.isEmpty)
        var network = start
        let schedule = HistorySchedule(perDecade: historyPerDecade)
        var history: [HistoryPoint] = []
        func record(_ iteration: Int, _ loss: Double) {
            guard recordHistory else { return }
            history.append(HistoryPoint(iteration: iteration, loss: loss, error: error?(network.kernels)))
        }

        var eta: Double
        switch stepSize {
        case .fixed(let value): eta = value
        case .auto:
            let lambda = PowerIteration.gaussNewtonTopEigenvalue(network, on: parts[0], iterations: powerIterations,
                                                                 source: source, threads: threads)
            eta = lambda > 0 && lambda.isFinite ? 1 / lambda : 1
        }
        let initialStepSize = eta

        var current = LossGradient.evaluate(network, on: parts[0], threads: threads)
        let initialLoss = current.loss
        record(0, initialLoss)
        var iteration = 0
        var halvings = 0
        var stopReason = StopReason.maxIterations

        func stopCheck(_ evaluation: LossGradient.Evaluation) -> StopReason? {
            if !evaluation.loss.isFinite || !network.kernels.values.allSatisfy(\.isFinite) { return .diverged }
            if lossTolerance > 0 && evaluation.loss < lossTolerance { return .lossTolerance }
            let norm = network.kernels.frobeniusNorm
            if let g = evaluation.gradient, norm > 0, g.frobeniusNorm / norm < gradientTolerance { return .gradientTolerance }
            return nil
        }

        if let reason = stopCheck(current) {
            stopReason = reason
        } else {
            while iteration < maxIterations {
                let part = parts[iteration % parts.count]
                if parts.count > 1 && iteration > 0 {
                    current = LossGradient.evaluate(network, on: part, threads: threads)
                }
                let gradient = current.gradient!
                let signGradient = updateSigns ? SignGradient.compute(network, on: part) : nil
                var halvingsThisStep = 0
                var accepted: (Network, LossGradient.Evaluation)?
                while halvingsThisStep <= maxHalvings {
                    var candidate = network
                    candidate.kernels = network.kernels - eta * gradient
                    if let signGradient {
                        candidate.outputSigns = zip(network.outputSigns, signGradient).map { v, g in
                            let updated = v - eta * g
                            return updated >= 0 ? 1 : -1
                        }
                    }
                    let evaluation = LossGradient.evaluate(candidate, on: part, threads: threads)
                    // Baseline (II) follows the paper's update rule without
                    // a safeguard: a sign flip may raise the loss.
                    if evaluation.loss <= current.loss || updateSigns {
                        accepted = (candidate, evaluation)
                        break
                    }
                    eta /= 2
                    halvings += 1
                    halvingsThisStep += 1
                }
                iteration += 1
                guard let (next, evaluation) = accepted else {
                    stopReason = .stalled
                    break
                }
                network = next
                current = evaluation
                if schedule.contains(iteration) { record(iteration, current.loss) }
                if let reason = stopCheck(current) {
                    stopReason = reason
                    break
                }
            }
        }
        if history.last?.iteration != iteration { record(iteration, current.loss) }
        return Result(kernels: network.kernels, outputSigns: network.outputSigns, iterations: iteration,
                      initialLoss: initialLoss, finalLoss: current.loss, stepSize: eta,
                      initialStepSize: initialStepSize, halvings: halvings, stopReason: stopReason, history: history)
    }
}

/// Log-spaced iterations at which the convergence history is recorded:
/// every iteration up to `perDecade`, then round(10^(j/perDecade)).
public struct HistorySchedule: Sendable {
    public let perDecade: Int

    public init(perDecade: Int) { self.perDecade = max(1, perDecade) }

    public func contains(_ iteration: Int) -> Bool {
        if iteration <= perDecade { return true }
        // The j whose 10^(j/perDecade) rounds nearest to `iteration`.
        let j = (log10(Double(iteration)) * Double(perDecade)).rounded()
        for candidate in [j - 1, j, j + 1] where (pow(10, candidate / Double(perDecade))).rounded() == Double(iteration) {
            return true
        }
        return false
    }
}
