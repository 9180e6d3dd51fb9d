import Foundation

/// Warns when this binary was built without FMA code generation on a CPU
/// that has FMA.
///
/// The fused pass does every multiply-add with `.addingProduct`. Built with
/// `-target-cpu haswell` (what `make` does when /proc/cpuinfo lists avx2,
/// fma, bmi2 and movbe) that is one instruction; built without it, a call
/// to libm's `fma`: the same bits, about 40 times slower
/// (Benchmarks/README.md). `make` also defines CONVREC_TARGET_HASWELL, so a
/// plain `swift build` of convrec can tell the user. Set
/// CONVREC_NO_BUILD_WARNING to silence it.
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
