import ConvRecovery

/// A point's values as the solver's types, named as in the paper, so the
/// runner does not repeat the parameter names and conversions.
extension PlanPoint {
    /// k, r, t.
    public var shape: NetworkShape {
        NetworkShape(patchSize: integer("patch_size"), patchCount: integer("patches"), kernelCount: integer("kernels"))
    }

    /// φ, with the leaky-relu slope applied.
    public var activation: Activation {
        Activation(name: string("activation"), leakySlope: real("leaky_slope"))!
    }

    /// How v* is drawn.
    public var signs: GroundTruth.Signs { GroundTruth.Signs(rawValue: string("signs"))! }

    /// κ of W*.
    public var conditionNumber: Double { real("kappa") }

    /// n.
    public var sampleCount: Int { integer("samples") }

    /// Size of the fresh test sample.
    public var testSampleCount: Int { integer("test_samples") }

    /// Standard deviation of the label noise.
    public var noise: Double { real("noise") }

    /// η, or nil for `auto`.
    public var stepSize: Double? { values["step_size"]?.number }
}
