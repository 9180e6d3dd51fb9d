/// Everything one recovery trial measured (MATH.md §6). Encodes to the JSON
/// of `convrec solve --json` and to the `metrics` of a stored trial; the
/// coding keys are a contract other tools read.
public struct TrialResult: Sendable, Codable {
    public enum Status: String, Sendable, Codable { case ok, failed }

    public struct Timings: Sendable, Codable, Hashable {
        /// Seconds spent drawing W*, the sample and the test sample.
        public var data = 0.0
        public var initialisation = 0.0
        public var descent = 0.0
        public var total = 0.0

        public init(data: Double = 0, initialisation: Double = 0, descent: Double = 0, total: Double = 0) {
            self.data = data
            self.initialisation = initialisation
            self.descent = descent
            self.total = total
        }

        enum CodingKeys: String, CodingKey {
            case data, initialisation = "init", descent, total
        }
    }

    /// W*, W⁰ and the final W, column-major (with `--include-parameters`).
    public struct Parameters: Sendable, Codable {
        public var rows: Int
        public var columns: Int
        public var truth: [Double]
        public var initial: [Double]
        public var final: [Double]
        public var trueSigns: [Double]
        public var initialSigns: [Double]
        public var finalSigns: [Double]

        enum CodingKeys: String, CodingKey {
            case rows, columns, truth = "w_star", initial = "w_init", final = "w_final"
            case trueSigns = "v_star", initialSigns = "v_init", finalSigns = "v_final"
        }
    }

    public var status: Status = .ok
    public var reason: String?
    public var error: Double
    public var maxColumnError: Double
    public var success: Bool
    public var initError: Double
    public var initMaxColumnError: Double
    public var initSuccess: Bool
    /// Whether learned signs equal the true ones under the matching (only
    /// when signs are learned).
    public var signsRecovered: Bool?
    public var initSignsRecovered: Bool?
    public var iterations: Int
    public var initialLoss: Double
    public var finalLoss: Double
    /// Noise-free loss on fresh samples; nil when test_samples is 0.
    public var testLoss: Double?
    /// The step size in force at the end of descent.
    public var stepSize: Double
    public var initialStepSize: Double
    public var stepHalvings: Int
    public var stopReason: GradientDescent.StopReason
    public var timings = Timings()
    public var warnings: [String] = []
    public var history: [GradientDescent.HistoryPoint] = []
    public var parameters: Parameters?

    enum CodingKeys: String, CodingKey {
        case status, reason, error
        case maxColumnError = "max_column_error"
        case success
        case initError = "init_error"
        case initMaxColumnError = "init_max_column_error"
        case initSuccess = "init_success"
        case signsRecovered = "signs_recovered"
        case initSignsRecovered = "init_signs_recovered"
        case iterations
        case initialLoss = "initial_loss"
        case finalLoss = "final_loss"
        case testLoss = "test_loss"
        case stepSize = "step_size"
        case initialStepSize = "initial_step_size"
        case stepHalvings = "step_halvings"
        case stopReason = "stop_reason"
        case timings, warnings, history, parameters
    }
}
