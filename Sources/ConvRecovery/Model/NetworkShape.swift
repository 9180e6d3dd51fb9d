/// The shape of a non-overlapping convolutional network (MATH.md §1).
///
/// An input x ∈ R^d with d = r·k is cut into r consecutive patches
/// x_(1), …, x_(r) ∈ R^k; each of the t kernels w_j ∈ R^k is applied to every
/// patch. With r = 1 this is the fully connected one-hidden-layer network of
/// [ZSJ+17] with t hidden units.
public struct NetworkShape: Hashable, Sendable, Codable {
    /// k: the length of one patch and of one kernel.
    public var patchSize: Int
    /// r: the number of non-overlapping patches.
    public var patchCount: Int
    /// t: the number of kernels, 1 ≤ t ≤ k.
    public var kernelCount: Int

    public init(patchSize: Int, patchCount: Int, kernelCount: Int) {
        self.patchSize = patchSize
        self.patchCount = patchCount
        self.kernelCount = kernelCount
    }

    /// d = r·k, the input dimension.
    public var dimension: Int { patchSize * patchCount }

    /// Problems with the shape, each a readable sentence; empty when valid.
    public var problems: [String] {
        var problems: [String] = []
        if patchSize < 1 { problems.append("patch size k must be a positive integer (got \(patchSize))") }
        if patchCount < 1 { problems.append("patch count r must be a positive integer (got \(patchCount))") }
        if kernelCount < 1 { problems.append("kernel count t must be a positive integer (got \(kernelCount))") }
        if patchSize >= 1 && kernelCount > patchSize {
            problems.append("kernel count t = \(kernelCount) exceeds patch size k = \(patchSize); recovery needs 1 ≤ t ≤ k")
        }
        return problems
    }
}
