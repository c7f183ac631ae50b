import ScoringKit

extension RoundConfigParser {
    // MARK: contents

    func readContents(_ top: MappingReader, entryIDs: inout IDRegistry) -> [ContentConfig] {
        guard let items = top.list("contents") else {
            if top.value("contents") == nil {
                sink.error(top.node.location, "the config is missing 'contents'",
                           hint: "list the campaign's contents, each with id, points and criteria")
            }
            return []
        }
        if items.isEmpty, let at = top.value("contents") {
            sink.error(at.location, "'contents' must list at least one content")
        }
        var contentIDs = IDRegistry(sink: sink, kind: "content")
        var contents: [ContentConfig] = []
        for item in items {
            guard let reader = MappingReader(item, context: "a content", allowed: ["id", "title", "points", "criteria"],
                                             sink: sink) else { continue }
            let id = reader.requiredText("id")
            if let id { contentIDs.claim(id, at: reader.value("id")?.location ?? item.location) }
            let points = reader.requiredNumber("points", hint: "the content's share of the 100-point table")
            if let points, points < 0, let at = reader.value("points") {
                sink.error(at.location, "'points' must not be negative")
            }
            let criteria = readEntries(reader, section: "criteria", role: .criterion, ids: &entryIDs)
            if reader.value("criteria") == nil {
                sink.error(item.location, "content '\(id ?? "?")' has no 'criteria'",
                           hint: "each content needs at least one criterion")
            } else if let at = reader.value("criteria"), at.sequenceItems?.isEmpty == true {
                sink.error(at.location, "content '\(id ?? "?")' must list at least one criterion")
            }
            guard let id, let points else { continue }
            contents.append(ContentConfig(id: id, title: reader.text("title") ?? id, points: points,
                                          criteria: criteria, location: item.location))
        }
        if !contents.isEmpty, !sink.hasErrors {
            let sum = contents.reduce(0) { $0 + $1.points }
            if !Tolerance.equal(sum, 100), let at = top.value("contents") {
                sink.warning(at.location, "the points of all contents sum to \(formatNumber(sum)), not 100",
                             hint: "the scoring table is meant to be out of 100 points")
            }
        }
        return contents
    }

    // MARK: plugin entries

    /// Reads the plugin entries of `section` (criteria, bonuses, deductions, gates).
    func readEntries(_ parent: MappingReader, section: String, role: PluginRole,
                     ids: inout IDRegistry) -> [EntryConfig] {
        guard let items = parent.list(section) else { return [] }
        var entries: [EntryConfig] = []
        for item in items {
            if let entry = readEntry(item, section: section, role: role, ids: &ids) { entries.append(entry) }
        }
        return entries
    }

    private func readEntry(_ item: ConfigNode, section: String, role: PluginRole,
                           ids: inout IDRegistry) -> EntryConfig? {
        guard let reader = MappingReader(item, context: "an entry of '\(section)'", allowed: Self.coreEntryKeys,
                                         sink: sink, passThrough: true) else { return nil }
        let id = reader.requiredText("id")
        if let id { ids.claim(id, at: reader.value("id")?.location ?? item.location) }
        let name = id ?? "?"
        var weight = 1.0
        if let given = reader.number("weight"), let at = reader.value("weight") {
            if given <= 0 {
                sink.error(at.location, "\(name): 'weight' must be greater than 0, not \(formatNumber(given))",
                           hint: "to switch a criterion off, remove it (or remove it in a variant)")
            } else if role != .criterion {
                sink.warning(at.location, "\(name): 'weight' has no effect outside 'criteria'")
            }
            weight = given
        }
        guard let pluginNode = reader.required("plugin", hint: pluginHint(role)),
              let pluginName = sink.attempt({ try pluginNode.text("'plugin'") }) else { return nil }
        guard let type = registry.type(named: pluginName) else {
            let close = Suggestions.didYouMean(pluginName, in: registry.names)
            sink.error(pluginNode.location, "unknown plugin '\(pluginName)'",
                       hint: (close.map { $0 + " " } ?? "") + "known plugins: \(registry.names.joined(separator: ", "))")
            return nil
        }
        let pluginRole = type.descriptor.role
        guard pluginRole == role else {
            sink.error(pluginNode.location,
                       "plugin '\(pluginName)' is a \(pluginRole.rawValue) plugin and belongs under '\(pluginRole.section)', not '\(section)'",
                       hint: pluginHint(role))
            return nil
        }
        let parameterEntries = reader.entries.filter { !Self.coreEntryKeys.contains($0.key) }
        let parameters = PluginParameters(entryID: name, location: item.location, entries: parameterEntries)
        let plugin = sink.attempt { try type.init(parameters: parameters) }
        // A plugin that failed early has not read every key: only keys it
        // does not declare at all are sure to be strays then.
        let declared = type.descriptor.parameters.map(\.name)
        let known = Self.coreEntryKeys + declared
        for stray in parameters.unreadEntries where plugin != nil || !declared.contains(stray.key) {
            sink.error(stray.keyLocation, "\(name): unknown key '\(stray.key)' for plugin '\(pluginName)'",
                       hint: Suggestions.didYouMean(stray.key, in: known)
                           ?? "plugin '\(pluginName)' takes: \(type.descriptor.parameters.map(\.name).joined(separator: ", "))")
        }
        guard let id, let plugin else { return nil }
        return EntryConfig(id: id, title: reader.text("title") ?? id, pluginName: pluginName, weight: weight,
                           plugin: plugin, location: item.location, node: item)
    }

    private func pluginHint(_ role: PluginRole) -> String {
        "plugins for '\(role.section)': \(registry.names(for: role).joined(separator: ", "))"
    }
}

/// A number as a person writes it: `95`, `0.5`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
