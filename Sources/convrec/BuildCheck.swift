import Foundation

/// Warns when this binary was built without FMA code generation on a CPU
/// that has FMA.
///
/// The fused pass does every multiply-add with `.addingProduct`. Built with
/// `-target-cpu haswell` or `skylake-avx512` (what `make` chooses from
/// /proc/cpuinfo: AVX2, FMA, BMI2 and MOVBE, plus AVX-512 F/CD/BW/DQ/VL for
/// the latter) that is one instruction; built without it, a call to libm's
/// `fma`: the same bits, about 40 times slower (Benchmarks/README.md).
/// `make` also defines CONVREC_TARGET_HASWELL ("at least Haswell's
/// instruction set"), so a plain `swift build` of convrec can tell the user.
/// Set CONVREC_NO_BUILD_WARNING to silence it.
enum BuildCheck {
    static func warnIfSlowBuild() {
        #if arch(x86_64) && !CONVREC_TARGET_HASWELL
        guard ProcessInfo.processInfo.environment["CONVREC_NO_BUILD_WARNING"] == nil,
              let flags = OpenBLASLauncher.cpuFlags(), flags.contains("fma"), flags.contains("avx2") else { return }
        FileHandle.standardError.write(Data("""
            convrec: warning: this build has no FMA code generation although the CPU has it; the solver runs \
            about 40x slower (the results are the same bits). Build with `make build`, or swift build \
            -c release -Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DCONVREC_TARGET_HASWELL.

            """.utf8))
        #endif
    }
}
