import Notebook
import Testing

/// Damaged files must give errors, never a crash: every line of the worked
/// example is removed or has its value replaced by something of the wrong shape.
@Suite struct SpecRobustnessTests {
    static let replacements = ["", "[]", "{}", "x", "-1", "0", "[1, 2]", "{ a: 1 }", "null", "1e999"]

    @Test func mutatedFilesNeverCrash() {
        let lines = workedExample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var variants: [String] = []
        for i in lines.indices {
            var removed = lines
            removed.remove(at: i)
            variants.append(removed.joined(separator: "\n"))
            guard let colon = lines[i].firstIndex(of: ":") else { continue }
            for replacement in Self.replacements {
                var changed = lines
                changed[i] = lines[i][...colon] + " " + replacement
                variants.append(changed.joined(separator: "\n"))
            }
        }
        var failures = 0
        for yaml in variants {
            for overrides in [[], ["model.kernels=9"], ["sweep.zip.patches=[1]"]] {
                do {
                    _ = try ExperimentSpec.parse(yaml: yaml, overrides: overrides)
                } catch {
                    failures += 1
                    #expect(!error.errors.isEmpty)
                }
            }
        }
        #expect(failures > 0)
    }
}
