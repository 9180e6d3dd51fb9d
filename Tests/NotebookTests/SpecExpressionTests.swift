import Foundation
import Notebook
import Testing

@Suite struct SpecExpressionTests {
    func value(_ text: String, _ names: [String: Double] = [:]) throws -> Double {
        try Expression.parse(text).evaluate { names[$0] }
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("2 ^ 3 ^ 2") == 512)  // right-associative
        #expect(try value("-2 ^ 2") == -4)
        #expect(try value("2 ^ -1") == 0.5)
        #expect(try value("8 / 4 / 2") == 1)
        #expect(try value("10 - 4 - 3") == 3)
        #expect(try value("--3") == 3)
        #expect(try value("1.5e3 + .5") == 1500.5)
    }

    @Test func functionsAndNames() throws {
        #expect(try value("max(1, k, 3)", ["k": 7]) == 7)
        #expect(try value("min(4, 2)") == 2)
        #expect(try value("log2(64) + sqrt(16) + abs(-1)") == 11)
        #expect(try value("ceil(2.1) + floor(2.9) + round(2.5)") == 8)
        #expect(try abs(value("exp(log(5))") - 5) < 1e-12)
        #expect(try Expression.parse("a * log(b) + c").variables == ["a", "b", "c"])
    }

    @Test(arguments: [
        ("1 +", 3, "ends"),
        ("2 * (3 + 4", 10, "expected ')'"),
        ("foo(2)", 0, "unknown function 'foo'"),
        ("max(1)", 0, "max takes at least two arguments"),
        ("log(1, 2)", 0, "log takes one argument"),
        ("3 $ 4", 2, "unexpected '$'"),
        ("a b", 2, "unexpected 'b'"),
    ])
    func parseErrorsCarryOffsets(text: String, offset: Int, message: String) {
        do {
            _ = try Expression.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.offset == offset)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func divisionByZeroIsAnError() throws {
        #expect(throws: Expression.Problem.self) { try value("1 / (k - 2)", ["k": 2]) }
    }

    @Test func descriptionRoundTrips() throws {
        let e = try Expression.parse("c*x^(-0.5)+min(a,2)")
        #expect(e.description == "(c * (x ^ (-0.5))) + min(a, 2)")
        #expect(try Expression.parse(e.description) == e || Expression.parse(e.description).description == e.description)
    }
}
