import ConvRecovery
import Foundation
import Notebook

/// What `convrec solve` prints.
enum SolveReport {
    static func json(problem: Problem, options: SolverOptions, seed: UInt64, result: TrialResult) -> String {
        TrialFields.solveJSON(problem: problem, options: options, seed: seed, threads: options.threads,
                              result: result).prettyText
    }

    static func summary(problem: Problem, options: SolverOptions, seed: UInt64, result: TrialResult) -> String {
        let s = problem.shape
        func e(_ x: Double) -> String { String(format: "%.3e", x) }
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = [
            "ConvRecovery \(ConvRecoveryVersion.tool) — \(problem.activation.description), k=\(s.patchSize) r=\(s.patchCount) t=\(s.kernelCount) (d=\(s.dimension)), n=\(problem.sampleCount), κ=\(problem.conditionNumber), signs \(problem.signs.rawValue), seed \(seed)",
            "",
            "                      relative error   max column error   success",
            "  \("start (\(options.initialisation.rawValue))".padding(toLength: 20, withPad: " ", startingAt: 0))  \(e(result.initError))        \(e(result.initMaxColumnError))          \(result.initSuccess ? "yes" : "no")",
            "  after descent         \(e(result.error))        \(e(result.maxColumnError))          \(result.success ? "yes" : "no")",
            "",
            "  descent: \(result.iterations) iterations, stopped on \(result.stopReason.rawValue), step size \(e(result.initialStepSize))\(result.stepHalvings > 0 ? " halved \(result.stepHalvings)× to \(e(result.stepSize))" : "")",
            "  loss: \(e(result.initialLoss)) → \(e(result.finalLoss))" + (result.testLoss.map { ", test loss \(e($0))" } ?? ""),
        ]
        if let recovered = result.signsRecovered { lines.append("  output signs recovered: \(recovered ? "yes" : "no")") }
        lines.append("  time: data \(f(result.timings.data)) s, init \(f(result.timings.initialisation)) s, descent \(f(result.timings.descent)) s, total \(f(result.timings.total)) s (\(options.threads) threads)")
        for warning in result.warnings { lines.append("  warning: \(warning)") }
        if let reason = result.reason { lines.append("  FAILED: \(reason)") }
        return lines.joined(separator: "\n")
    }
}
