import Testing
@testable import ScoringKit

/// SCORING.md 3.1: reading and computing a measure.
@Suite struct MeasureTests {
    func table(_ columns: KeyValuePairs<String, [Double]>) -> PeriodTable {
        let count = columns.first?.value.count ?? 0
        return PeriodTable(period: "2020-Q1", columnNames: columns.map(\.key), columns: columns.map(\.value),
                           wardOfRow: [Int32](repeating: 0, count: count), wardNames: ["W"])
    }

    @Test func ratioSumsValueAndPerColumnsAndScales() throws {
        let measure = try Measure(node: .map(["value": .list([.str("a"), .str("b")]), "per": .str("c"), "scale": .num(100)]))
        let bound = try measure.bind(to: table(["a": [1, 0], "b": [2, 0], "c": [4, 5]]))
        #expect(try bound.value(at: 0) == 3.0 / 4.0 * 100)
        #expect(try bound.value(at: 1) == 0)
        #expect(measure.columns == ["a", "b", "c"])
    }

    @Test func withoutPerTheMeasureIsThePlainSum() throws {
        let measure = try Measure(node: .map(["value": .list([.str("a"), .str("b")])]))
        #expect(try measure.bind(to: table(["a": [1.5], "b": [2]])).value(at: 0) == 3.5)
    }

    @Test func zeroPerUsesIfPerZeroOrFailsNamingTheRow() throws {
        let lenient = try Measure(node: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(1)]))
        #expect(try lenient.bind(to: table(["a": [0], "b": [0]])).value(at: 0) == 1)
        let strict = try Measure(node: .map(["value": .str("a"), "per": .str("b")]))
        let bound = try strict.bind(to: table(["a": [3, 0], "b": [1, 0]]))
        #expect(throws: EvaluationError(row: 1, period: "2020-Q1", message: "per (b) is 0",
                                        hint: "add 'if_per_zero: X' to the measure to give x a value in this case, or correct the data")) {
            try bound.value(at: 1)
        }
    }

    @Test func scaleOrIfPerZeroWithoutPerIsAnError() {
        let node = ConfigNode.map(["value": .str("a"), "scale": .num(100)]).laidOut()
        #expect {
            try Measure(node: node)
        } throws: { error in
            "\(error)" == "test.yaml:2:1: error: 'scale' needs 'per' in the same measure\n  hint: without 'per' the measure is a plain sum of its 'value' columns"
        }
    }

    @Test func unknownKeySuggestsTheCloseOne() {
        let node = ConfigNode.map(["value": .str("a"), "pr": .str("b")]).laidOut()
        #expect {
            try Measure(node: node)
        } throws: { error in
            "\(error)" == "test.yaml:2:1: error: unknown key 'pr' in 'measure'\n  hint: did you mean 'per'?"
        }
    }

    @Test func missingValueAndWrongShapesAreErrors() {
        #expect(throws: DiagnosticError.self) { try Measure(node: .map(["per": .str("b")])) }
        #expect(throws: DiagnosticError.self) { try Measure(node: .str("households")) }
        #expect(throws: DiagnosticError.self) { try Measure(node: .map(["value": .list([])])) }
        #expect(throws: DiagnosticError.self) { try Measure(node: .map(["value": .str("a"), "per": .str("b"), "scale": .str("x")])) }
    }
}

@Suite struct DiagnosticsTests {
    @Test func diagnosticPrintsFileLineColumnSeverityMessageAndHint() {
        let diagnostic = Diagnostic.error(at: SourceLocation(file: "r.yaml", line: 3, column: 7), "bad", hint: "fix it")
        #expect(diagnostic.description == "r.yaml:3:7: error: bad\n  hint: fix it")
        #expect(Diagnostic.warning(at: nil, "odd").description == "warning: odd")
    }

    @Test func suggestionsFindCloseNamesOnly() {
        #expect(Suggestions.didYouMean("wieght", in: ["weight", "title"]) == "did you mean 'weight'?")
        #expect(Suggestions.didYouMean("houshold", in: ["households", "residents"]) == "did you mean 'households'?")
        #expect(Suggestions.didYouMean("zzz", in: ["weight", "title"]) == nil)
        #expect(Suggestions.closeMatches(for: "c3", in: ["c1", "c2", "x"]) == ["c1", "c2"])
    }

    @Test func numbersAreDecimalAndFinite() {
        #expect(ConfigNode.parseNumber("0.5") == 0.5)
        #expect(ConfigNode.parseNumber("-3") == -3)
        #expect(ConfigNode.parseNumber("1e3") == 1000)
        #expect(ConfigNode.parseNumber(".nan") == nil)
        #expect(ConfigNode.parseNumber("inf") == nil)
        #expect(ConfigNode.parseNumber("abc") == nil)
        #expect(ConfigNode.parseNumber("") == nil)
    }

    @Test func toleranceTreatsValuesWithin1eMinus9AsEqual() {
        #expect(Tolerance.atLeast(84.99999999999999, 85))
        #expect(!Tolerance.atLeast(84.999, 85))
        #expect(Tolerance.atMost(0.1 + 0.2, 0.3))
        #expect(Tolerance.equal(1, 1 + 5e-10) && !Tolerance.equal(1, 1 + 2e-9))
    }
}
