import CLinearAlgebra

/// What the linked BLAS says about itself, for the provenance of a run.
public enum BLASInfo {
    /// The OpenBLAS kernel family in use (`Haswell`, `SkylakeX`, `Prescott`…):
    /// `openblas_get_corename()`. A generic `Prescott` on a modern CPU means
    /// OPENBLAS_CORETYPE was not set before the library loaded (PLATFORM.md).
    public static var coreName: String? {
        guard let name = openblas_get_corename() else { return nil }
        return String(cString: name)
    }
}
