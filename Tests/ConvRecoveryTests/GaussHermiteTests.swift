import Testing
import ConvRecovery
@Test func gaussHermiteWeightsSumToOne() { #expect(abs(GaussHermite.standard.weights.reduce(0,+) - 1) < 1e-12) }
