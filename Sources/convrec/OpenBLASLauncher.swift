import Foundation

/// Debian's OpenBLAS 0.3.21 does not recognise recent CPUs and falls back to
/// generic kernels 7–10x slower, and it reads OPENBLAS_CORETYPE only when
/// the library loads — `setenv` in `main` is too late (PLATFORM.md). So when
/// the variable is unset, convrec re-executes itself once with it set
/// (SkylakeX only with avx512f, or it would die with SIGILL) and with one
/// BLAS thread, since convrec parallelises itself.
enum OpenBLASLauncher {
    static func ensureCoreType() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["CONVREC_NO_REEXEC"] == nil else { return }
        guard let coreType = chosenCoreType() else { return }
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        if environment["OPENBLAS_NUM_THREADS"] == nil { setenv("OPENBLAS_NUM_THREADS", "1", 1) }
        setenv("CONVREC_NO_REEXEC", "1", 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        // On success execv does not return; on failure carry on unchanged.
        execv("/proc/self/exe", &cArguments)
    }

    /// The CPU feature flags of /proc/cpuinfo, nil where there is none.
    static func cpuFlags() -> Set<String>? {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        return Set(flagsLine.split(separator: " ").map(String.init))
    }

    static func chosenCoreType() -> String? {
        guard let flags = cpuFlags() else { return nil }
        if flags.contains("avx512f") { return "SKYLAKEX" }
        if flags.contains("avx2") { return "HASWELL" }
        return nil
    }
}
