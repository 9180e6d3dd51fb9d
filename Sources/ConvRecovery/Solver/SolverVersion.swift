/// Version identities recorded with every result.
public enum ConvRecoveryVersion {
    /// The release of the tool (semantic versioning).
    public static let tool = "0.5.0"
    /// The identity of the numerical solver. Stored results are keyed by it:
    /// bump it whenever a change can alter any trial's numbers (a new
    /// random stream, a changed algorithm or default), so cached trials of
    /// the old solver are recomputed rather than mixed with new ones.
    public static let solver = "solver-5"
}
