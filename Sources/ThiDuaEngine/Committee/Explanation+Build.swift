import ScoringKit

extension Explanation {
    /// Evaluates the round as `thidua run` does and reads one group's sheet.
    ///
    /// A quarter is scored (`Evaluator.score(periods:)`) and decided
    /// (`Evaluator.decide(_:config:)`) — the two steps of
    /// `Evaluator.evaluate(periods:)` — and the sheet reads the result;
    /// the year is `Evaluator.evaluateYear(quarters:)` of every quarter.
    /// - Parameters:
    ///   - group: The group's `group_id`.
    ///   - round: The round.
    ///   - selection: `.period(P)`, `.year`, or `.everyPeriod` for the
    ///     round's last period.
    ///   - jobs: Worker threads for scoring.
    /// - Returns: The sheet.
    /// - Throws: `DiagnosticError` for a group the data does not hold (with
    ///   a "did you mean"), a group with no row in the period, a period not
    ///   in the round, and evaluation errors.
    public static func explain(group: String, in round: Round, selection: EvaluationSelection,
                               jobs: Int) throws -> Explanation {
        try checkKnown(group, in: round)
        let evaluator = Evaluator(round: round, jobs: jobs)
        let period: String
        switch selection {
        case .year:
            let quarters = try evaluator.evaluate()
            let year = evaluator.evaluateYear(quarters: quarters)
            let row = try row(of: group, in: year, round: round)
            return yearSheet(row: row, of: year, quarters: quarters, config: round.config)
        case .period(let named): period = named
        case .everyPeriod: period = round.config.periods.last ?? ""
        }
        guard round.config.periods.contains(period) else {
            throw DiagnosticError(at: nil, "'\(period)' is not a period of the round",
                                  hint: "its periods are: \(round.config.periods.joined(separator: ", "))")
        }
        let scored = try evaluator.score(periods: [period])
        guard let quarter = scored.first else { throw DiagnosticError(at: nil, "the period '\(period)' has no data") }
        let result = try evaluator.decide(quarter)
        let row = try row(of: group, in: result, round: round)
        return quarterSheet(row: row, of: result, scored: quarter, config: round.config)
    }

    /// An unknown id is an error with the closest ids as a hint.
    private static func checkKnown(_ group: String, in round: Round) throws {
        guard !round.data.groupIDs.contains(group) else { return }
        let known = Set(round.data.groupIDs).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        throw DiagnosticError(
            at: nil, "unknown group '\(group)': the data '\(round.data.file)' has no such group_id",
            hint: Suggestions.didYouMean(group, in: known)
                ?? "group ids are written as in the data's group_id column, e.g. '\(known.first ?? "")'")
    }

    /// The group's row in `result`, or an error naming the periods it has rows in.
    private static func row(of group: String, in result: PeriodResult, round: Round) throws -> Int {
        if let row = result.groupIDs.firstIndex(of: group) { return row }
        let periods = Set(zip(round.data.groupIDs, round.data.periodOfRow).filter { $0.0 == group }
            .map { round.data.periodNames[Int($0.1)] })
        throw DiagnosticError(at: nil, "group '\(group)' has no row in \(result.period)",
                              hint: "it has rows in: \(round.config.periods.filter(periods.contains).joined(separator: ", "))")
    }

    /// The sheet of a quarter, from its result and the plugin results it was decided from.
    static func quarterSheet(row: Int, of result: PeriodResult, scored: ScoredPeriod, config: RoundConfig) -> Explanation {
        var sheet = common(row: row, of: result, config: config)
        var criterion = 0
        for (index, content) in config.contents.enumerated() {
            let weightSum = content.criteria.reduce(0) { $0 + $1.weight }
            sheet.contents[index].criteria = content.criteria.map { entry in
                let a = result.achievements[criterion][row]
                criterion += 1
                var line = entrySheet(entry, result: a, table: scored.table, row: row)
                (line.weight, line.weightSum) = (entry.weight, weightSum)
                line.points = content.points * entry.weight * a / weightSum
                return line
            }
        }
        var offset = config.criteria.count
        func sheets(_ entries: [EntryConfig]) -> [EntrySheet] {
            defer { offset += entries.count }
            return entries.enumerated().map { index, entry in
                entrySheet(entry, result: scored.results[offset + index][row], table: scored.table, row: row)
            }
        }
        sheet.bonuses = sheets(config.bonuses)
        sheet.deductions = sheets(config.deductions)
        sheet.gates = sheets(config.gates)
        return sheet
    }

    /// What a quarter and the year share: identity, contents, totals, tier, ranks, awards.
    static func common(row: Int, of result: PeriodResult, config: RoundConfig) -> Explanation {
        let total = result.total[row].isNaN ? nil : result.total[row]
        let tierIndex = Int(result.tierOfRow[row])
        let tier = config.tiers.indices.contains(tierIndex) ? config.tiers[tierIndex].name : nil
        var nextTier: (name: String, min: Double, missing: Double)?
        if let total, tierIndex > 0, tierIndex <= config.tiers.count {
            let up = config.tiers[tierIndex - 1]
            nextTier = (up.name, up.min, up.min - total)
        }
        let contents = config.contents.enumerated().map { index, content -> ContentSheet in
            let points = result.contentPoints[index][row]
            let floor = config.contentFloor.map { floor in
                (needed: floor * content.points, met: Tolerance.atLeast(points, floor * content.points))
            }
            return ContentSheet(id: content.id, title: content.title, maximum: content.points, points: points,
                                floor: points.isNaN ? nil : floor, criteria: [])
        }
        let ward = Int(result.wardOfRow[row])
        return Explanation(
            config: config.file, period: result.period, isYear: result.isYear, groupID: result.groupIDs[row],
            groupName: result.groupNames[row], ward: result.wardNames[ward], contents: contents, bonuses: [],
            bonusCap: config.bonusCap, bonus: result.bonus[row], deductions: [], deduction: result.deduction[row],
            gates: [], contentFloor: config.contentFloor, total: total, tier: tier, nextTier: nextTier,
            eligible: result.eligible[row], reasons: result.reasons[row],
            districtRank: result.districtRank[row] > 0 ? Int(result.districtRank[row]) : nil,
            wardRank: result.wardRank[row] > 0 ? Int(result.wardRank[row]) : nil,
            districtSize: result.districtRank.filter { $0 > 0 }.count,
            wardSize: result.order.filter { Int(result.wardOfRow[Int($0)]) == ward && result.districtRank[Int($0)] > 0 }.count,
            awards: AwardVerdict.verdicts(for: row, in: result), quarters: [])
    }
}

extension Explanation {
    /// The sheet of the year: the means of the quarters, each quarter's
    /// total, tier and eligibility, and the year's awards.
    static func yearSheet(row: Int, of year: PeriodResult, quarters: [PeriodResult], config: RoundConfig) -> Explanation {
        var sheet = common(row: row, of: year, config: config)
        sheet.quarters = quarters.map { quarter in
            guard let row = quarter.groupIDs.firstIndex(of: sheet.groupID) else {
                return QuarterLine(period: quarter.period, total: nil, tier: nil, eligible: nil, reasons: [],
                                   districtRank: nil)
            }
            let tier = Int(quarter.tierOfRow[row])
            return QuarterLine(
                period: quarter.period, total: quarter.total[row],
                tier: quarter.tierNames.indices.contains(tier) ? quarter.tierNames[tier] : nil,
                eligible: quarter.eligible[row], reasons: quarter.reasons[row],
                districtRank: quarter.districtRank[row] > 0 ? Int(quarter.districtRank[row]) : nil)
        }
        return sheet
    }
}

extension Explanation {
    /// The keys of an entry that belong to the core, or that the sheet
    /// shows on their own (`measure`).
    static let keysShownElsewhere: Set<String> = ["id", "title", "plugin", "weight", "measure"]

    /// One entry's line: its parameters as written, its measure's inputs
    /// and x for the row, and the plugin's result.
    /// - Parameters:
    ///   - entry: The config entry.
    ///   - result: The plugin's result for the row, as the evaluation used it.
    ///   - table: The period's table.
    ///   - row: The group's row in it.
    static func entrySheet(_ entry: EntryConfig, result: Double, table: PeriodTable, row: Int) -> EntrySheet {
        let parameters = (entry.node.mappingEntries ?? [])
            .filter { !keysShownElsewhere.contains($0.key) }
            .map { (key: $0.key, value: CommitteeText.flow($0.value)) }
        return EntrySheet(
            id: entry.id, title: entry.title, plugin: entry.pluginName, parameters: parameters,
            measure: entry.plugin.scoredMeasure.map { inputs(of: $0, table: table, row: row) },
            result: result, weight: nil, weightSum: nil, points: nil,
            failureReason: entry.plugin.failureReason)
    }

    /// The columns of `measure` with their numbers for `row`, and x
    /// computed by the measure bound to the table, as plugins compute it.
    static func inputs(of measure: Measure, table: PeriodTable, row: Int) -> MeasureInputs {
        func numbers(_ columns: [String]) -> [(column: String, number: Double)] {
            columns.map { name in (name, table.column(name).map { $0[row] } ?? .nan) }
        }
        let x: Result<Double, EvaluationError>
        do {
            let bound = try measure.bind(to: table)
            x = .success(try bound.value(at: row))
        } catch let error as EvaluationError {
            x = .failure(error)
        } catch {
            x = .failure(EvaluationError(row: row, message: "\(error)"))
        }
        var previousX: Double?
        if let previous = table.previous, row < table.previousRow.count, table.previousRow[row] >= 0 {
            previousX = try? measure.bind(to: previous).value(at: Int(table.previousRow[row]))
        }
        return MeasureInputs(value: numbers(measure.value), per: numbers(measure.per), scale: measure.scale,
                             ifPerZero: measure.ifPerZero, x: x, previousX: previousX)
    }
}

extension MeasureInputs {
    /// How x is made, e.g. `(poor_households 2 + near_poor_households 3) / households 180 × 100`.
    public var formula: String {
        func sum(_ parts: [(column: String, number: Double)]) -> String {
            let text = parts.map { "\($0.column) \(CommitteeText.number($0.number))" }.joined(separator: " + ")
            return parts.count > 1 ? "(\(text))" : text
        }
        guard !per.isEmpty else { return sum(value) }
        var text = sum(value) + " / " + sum(per)
        if scale != 1 { text += " × \(CommitteeText.number(scale))" }
        if let ifPerZero { text += " (\(CommitteeText.number(ifPerZero)) if the divisor is 0)" }
        return text
    }
}
