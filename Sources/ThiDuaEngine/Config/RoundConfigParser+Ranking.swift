import ScoringKit

extension RoundConfigParser {
    // MARK: tiers

    func readTiers(_ top: MappingReader) -> [TierConfig] {
        guard let items = top.list("tiers") else {
            if top.value("tiers") == nil {
                sink.error(top.node.location, "the config is missing 'tiers'",
                           hint: "list tiers best first, e.g. - { name: \"Tốt\", min: 90 }, ending with min: 0")
            }
            return []
        }
        var tiers: [TierConfig] = []
        var names = IDRegistry(sink: sink, kind: "tier")
        var previous: (min: Double, location: SourceLocation)?
        var lastLocation = top.value("tiers")?.location
        for item in items {
            guard let reader = MappingReader(item, context: "a tier", allowed: ["name", "min"], sink: sink) else { continue }
            let name = reader.requiredText("name")
            let minimum = reader.requiredNumber("min")
            if let name { names.claim(name, at: reader.value("name")?.location ?? item.location) }
            guard let name, let minimum else { continue }
            let at = reader.value("min")?.location ?? item.location
            if let previous, minimum >= previous.min {
                sink.error(at, "tier '\(name)': 'min' \(formatNumber(minimum)) must be below the tier above it (\(formatNumber(previous.min)))",
                           hint: "list tiers best first, with strictly descending minimums")
            }
            previous = (minimum, at)
            lastLocation = at
            tiers.append(TierConfig(name: name, min: minimum))
        }
        if items.isEmpty, let at = top.value("tiers") {
            sink.error(at.location, "'tiers' must list at least one tier")
        } else if let last = tiers.last, last.min != 0 {
            sink.error(lastLocation, "the last tier '\(last.name)' must have 'min: 0', not \(formatNumber(last.min))",
                       hint: "every total must fall into some tier")
        }
        return tiers
    }

    // MARK: ranking

    func readRanking(_ top: MappingReader, contents: [ContentConfig]) -> [Int] {
        guard let node = top.value("ranking"),
              let ranking = MappingReader(node, context: "ranking", allowed: ["tie_break"], sink: sink),
              let items = ranking.list("tie_break") else { return [] }
        var result: [Int] = []
        for item in items {
            guard let id = sink.attempt({ try item.text("a tie-break content") }) else { continue }
            if let index = contents.firstIndex(where: { $0.id == id }) {
                if result.contains(index) {
                    sink.error(item.location, "content '\(id)' is listed twice in 'tie_break'")
                }
                result.append(index)
            } else if !contents.isEmpty {
                let ids = contents.map(\.id)
                sink.error(item.location, "'tie_break' names '\(id)', which is not a content",
                           hint: Suggestions.didYouMean(id, in: ids) ?? "contents: \(ids.joined(separator: ", "))")
            }
        }
        return result
    }

    // MARK: awards

    // MARK: year

    func readYear(_ node: ConfigNode, tiers: [TierConfig]) -> YearConfig? {
        guard let year = MappingReader(node, context: "year", allowed: ["min_tier_every_period", "awards"],
                                       sink: sink) else { return nil }
        var minTier: Int?
        if let tierNode = year.value("min_tier_every_period") {
            guard let index = tierIndex(tierNode, key: "min_tier_every_period", tiers: tiers) else { return nil }
            minTier = index
        }
        let awards = year.value("awards") == nil ? nil : readAwards(year, tiers: tiers)
        return YearConfig(minTierEveryPeriod: minTier, awards: awards, location: node.location)
    }

    func readAwards(_ top: MappingReader, tiers: [TierConfig]) -> [AwardConfig] {
        guard let items = top.list("awards") else { return [] }
        var ids = IDRegistry(sink: sink, kind: "award")
        var awards: [AwardConfig] = []
        let allowed = ["id", "title", "scope", "min_tier", "quota", "ties_at_cutoff"]
        for item in items {
            guard let reader = MappingReader(item, context: "an award", allowed: allowed, sink: sink) else { continue }
            let id = reader.requiredText("id")
            if let id { ids.claim(id, at: reader.value("id")?.location ?? item.location) }
            let scope = reader.choice("scope", of: AwardScope.self)
            if reader.value("scope") == nil {
                sink.error(item.location, "award '\(id ?? "?")' is missing 'scope'", hint: "scope: district or scope: ward")
            }
            let policy = reader.choice("ties_at_cutoff", of: AwardConfig.TiePolicy.self)
            let minTier = readMinTier(reader, tiers: tiers)
            let quota = reader.required("quota", hint: "quota: { count: 3 } or quota: { percent: 15 }")
                .flatMap(readQuota)
            guard let id, let scope, let minTier, let quota else { continue }
            awards.append(AwardConfig(id: id, title: reader.text("title") ?? id, scope: scope, minTier: minTier,
                                      quota: quota, tiesAtCutoff: policy ?? .exclude, location: item.location))
        }
        return awards
    }

    private func readMinTier(_ reader: MappingReader, tiers: [TierConfig]) -> Int? {
        guard let node = reader.value("min_tier") else {
            // Without `min_tier` every tier qualifies, eligibility still applies.
            return tiers.isEmpty ? nil : tiers.count - 1
        }
        return tierIndex(node, key: "min_tier", tiers: tiers)
    }

    /// The index of the tier named by `node`; records an error otherwise.
    private func tierIndex(_ node: ConfigNode, key: String, tiers: [TierConfig]) -> Int? {
        guard let name = sink.attempt({ try node.text("'\(key)'") }) else { return nil }
        if let index = tiers.firstIndex(where: { $0.name == name }) { return index }
        if !tiers.isEmpty {
            let names = tiers.map(\.name)
            sink.error(node.location, "'\(key)' names '\(name)', which is not a tier",
                       hint: Suggestions.didYouMean(name, in: names) ?? "tiers: \(names.joined(separator: ", "))")
        }
        return nil
    }

    private func readQuota(_ node: ConfigNode) -> AwardConfig.Quota? {
        guard let reader = MappingReader(node, context: "quota", allowed: ["count", "percent"], sink: sink) else { return nil }
        let count = reader.value("count"), percent = reader.value("percent")
        switch (count, percent) {
        case (let count?, nil):
            guard let value = sink.attempt({ try count.number("'count'") }) else { return nil }
            guard value >= 0, value == value.rounded(), value < 1e9 else {
                sink.error(count.location, "'count' must be a whole number ≥ 0, not \(formatNumber(value))")
                return nil
            }
            return .count(Int(value))
        case (nil, let percent?):
            guard let value = sink.attempt({ try percent.number("'percent'") }) else { return nil }
            guard (0...100).contains(value) else {
                sink.error(percent.location, "'percent' must be between 0 and 100, not \(formatNumber(value))")
                return nil
            }
            return .percent(value)
        case (.some, .some):
            sink.error(node.location, "a quota takes 'count' or 'percent', not both")
            return nil
        case (nil, nil):
            sink.error(node.location, "a quota needs 'count' or 'percent'", hint: "quota: { count: 3 } or quota: { percent: 15 }")
            return nil
        }
    }
}
