import Notebook
import Testing

typealias TestLocation = Testing.SourceLocation

/// Parses `yaml`, expecting failure, and returns the errors.
func specErrors(
    _ yaml: String, file: String = "test.yaml", profile: String? = nil, overrides: [String] = [],
    sourceLocation: TestLocation = #_sourceLocation
) -> [SpecError] {
    do {
        let spec = try ExperimentSpec.parse(yaml: yaml, file: file, profile: profile, overrides: overrides)
        Issue.record("expected errors, got a spec named \(spec.name)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.errors
    }
}

/// The single error whose text contains `fragment` (records an issue otherwise).
func error(
    containing fragment: String, in errors: [SpecError], sourceLocation: TestLocation = #_sourceLocation
) -> SpecError? {
    let matches = errors.filter { $0.description.contains(fragment) }
    if matches.count != 1 {
        Issue.record("expected one error containing '\(fragment)', found \(matches.count) in:\n\(SpecErrors(errors))",
                     sourceLocation: sourceLocation)
    }
    return matches.first
}

/// Builds a spec from `yaml` (records the errors if it fails).
func spec(
    _ yaml: String, profile: String? = nil, overrides: [String] = [], profileOptional: Bool = false,
    sourceLocation: TestLocation = #_sourceLocation
) throws -> ExperimentSpec {
    do {
        return try ExperimentSpec.parse(yaml: yaml, file: "test.yaml", profile: profile, overrides: overrides,
                                        profileOptional: profileOptional)
    } catch {
        Issue.record("unexpected errors:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The parameter catalogue is the single source of defaults and names.
@Suite struct SpecCatalogueTests {
    @Test func defaultsMatchTheFormat() throws {
        let defaults = Dictionary(uniqueKeysWithValues: ParameterDefinition.catalogue.compactMap { p in
            p.defaultValue.map { (p.name, $0) }
        })
        #expect(defaults["patch_size"] == .integer(8))
        #expect(defaults["samples"] == .integer(20000))
        #expect(defaults["activation"] == .string("squared-relu"))
        #expect(defaults["tolerance"] == .real(1e-9))
        #expect(defaults["step_size"] == .string("auto"))
        #expect(defaults["test_samples"] == .integer(10000))
        #expect(defaults["history"] == .bool(true))
        #expect(ParameterDefinition.named("gradient_tolerance")?.name == "tolerance")
    }

    @Test func canonicalTexts() {
        #expect(ParameterValue.integer(20000).canonical == "20000")
        #expect(ParameterValue.real(2).canonical == "2.0")
        #expect(ParameterValue.real(-0.0).canonical == "0.0")
        #expect(ParameterValue.real(1e-10).canonical == "1e-10")
        #expect(ParameterValue.string("say \"hi\"").canonical == #""say \"hi\"""#)
        #expect(ParameterValue.bool(false).canonical == "false")
    }
}
