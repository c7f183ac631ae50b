import ScoringKit

/// Merges the tree of a variant onto the tree of the config it extends
/// (README "Config variants").
///
/// - Mappings merge key by key: the base's keys in the base's order, each
///   merged with the variant's value for it, then the variant's new keys.
/// - The lists of `keyedLists` merge by the text of one key (`id`, or
///   `name` for tiers): an entry whose key the base has overrides only the
///   keys it gives, recursively; a new one is appended (a tier goes in
///   before the first tier with a lower `min`); `remove: true` drops the
///   inherited entry.
/// - Any other value of the variant, a list included, replaces the base's;
///   so does a `quota`, whose `count` and `percent` exclude each other.
///
/// Nodes keep the location where they were written, and a merged mapping or
/// list takes the variant's, the last file that touched it, so later errors
/// point at the file and line of the offending value. A merge never copies a
/// node: the merged tree has at most as many nodes as the two trees together,
/// so the node budget each file was composed with bounds the whole chain.
struct ConfigMerge {
    /// How the entries of one list are matched.
    struct KeyedList {
        /// The key whose text identifies an entry.
        var key: String
        /// What one entry is called in messages.
        var noun: String
        /// Whether a new entry goes in by its `min` (tiers) rather than last.
        var placedByMin = false
    }

    /// The lists that merge entry by entry, by the mapping keys that lead
    /// to them from the top (list items add nothing to the path).
    static let keyedLists: [[String]: KeyedList] = [
        ["contents"]: KeyedList(key: "id", noun: "content"),
        ["contents", "criteria"]: KeyedList(key: "id", noun: "criterion"),
        ["bonuses"]: KeyedList(key: "id", noun: "bonus"),
        ["deductions"]: KeyedList(key: "id", noun: "deduction"),
        ["gates"]: KeyedList(key: "id", noun: "gate"),
        ["awards"]: KeyedList(key: "id", noun: "award"),
        ["year", "awards"]: KeyedList(key: "id", noun: "year award"),
        ["tiers"]: KeyedList(key: "name", noun: "tier", placedByMin: true),
    ]

    /// Mappings that are one value: the variant's replaces the base's.
    static let wholeValues: Set<[String]> = [["awards", "quota"], ["year", "awards", "quota"]]

    /// The errors found so far, in the order found.
    private(set) var problems: [Diagnostic] = []

    /// `overlay` merged onto `base`.
    ///
    /// - Parameters:
    ///   - base: The inherited value; `nil` when nothing is inherited, which
    ///     still checks the overlay's `remove` keys.
    ///   - overlay: The variant's value.
    ///   - path: The mapping keys that lead to the value from the top.
    /// - Returns: The merged value; problems are recorded in `problems`.
    mutating func merge(_ base: ConfigNode?, _ overlay: ConfigNode, path: [String] = []) -> ConfigNode {
        switch overlay.kind {
        case .mapping(let entries):
            if Self.wholeValues.contains(path) { return overlay }
            return mergeMapping(base?.mappingEntries ?? [], entries, at: overlay.location, path: path)
        case .sequence(let items):
            guard let list = Self.keyedLists[path] else { return overlay }
            return mergeList(base?.sequenceItems ?? [], items, list, at: overlay.location, path: path)
        case .scalar:
            return overlay
        }
    }

    private mutating func mergeMapping(_ base: [ConfigNode.Entry], _ overlay: [ConfigNode.Entry],
                                       at location: SourceLocation, path: [String]) -> ConfigNode {
        var merged = base
        for entry in overlay {
            let index = merged.firstIndex { $0.key == entry.key }
            let value = merge(index.map { merged[$0].value }, entry.value, path: path + [entry.key])
            let placed = ConfigNode.Entry(key: entry.key, keyLocation: entry.keyLocation, value: value)
            if let index { merged[index] = placed } else { merged.append(placed) }
        }
        return ConfigNode(.mapping(merged), at: location)
    }

    private mutating func mergeList(_ base: [ConfigNode], _ overlay: [ConfigNode], _ list: KeyedList,
                                    at location: SourceLocation, path: [String]) -> ConfigNode {
        var kept: [ConfigNode?] = base
        var added: [ConfigNode] = []
        var seen: [String: SourceLocation] = [:]
        for item in overlay {
            guard let idNode = item[list.key]?.value, let id = idNode.scalarText else {
                // Not an entry that can be matched; the parser says why.
                added.append(merge(nil, item, path: path))
                continue
            }
            guard let (remove, rest) = removal(item) else { continue }
            guard let index = base.firstIndex(where: { $0[list.key]?.value.scalarText == id }) else {
                if remove {
                    problems.append(.error(at: idNode.location,
                                           "cannot remove \(list.noun) '\(id)': no inherited \(list.noun) has this \(list.key)",
                                           hint: unknownIDHint(id, in: base, list: list)))
                } else {
                    // A new id; one given twice is the parser's duplicate.
                    added.append(merge(nil, rest, path: path))
                }
                continue
            }
            if let first = seen[id] {
                problems.append(.error(at: idNode.location, "\(list.noun) '\(id)' is listed twice in this variant",
                                       hint: "first at \(first); give each \(list.key) once, with all its changes"))
                continue
            }
            seen[id] = idNode.location
            if !remove {
                kept[index] = merge(kept[index], rest, path: path)
            } else {
                if let stray = rest.mappingEntries?.first(where: { $0.key != list.key }) {
                    problems.append(.error(at: stray.keyLocation,
                                           "\(list.noun) '\(id)': 'remove: true' drops the whole entry, so '\(stray.key)' has no effect",
                                           hint: "leave out the other keys, or drop 'remove: true' to change the entry"))
                }
                kept[index] = nil
            }
        }
        var merged = kept.compactMap { $0 }
        for entry in added {
            merged.insert(entry, at: list.placedByMin ? tierPosition(entry, in: merged) : merged.count)
        }
        return ConfigNode(.sequence(merged), at: location)
    }

    /// Whether `item` says `remove: true`, and `item` without its `remove`
    /// key; `nil` (with an error recorded) when `remove` is not a boolean.
    private mutating func removal(_ item: ConfigNode) -> (Bool, ConfigNode)? {
        guard let entries = item.mappingEntries, let entry = item["remove"] else { return (false, item) }
        let rest = ConfigNode(.mapping(entries.filter { $0.key != "remove" }), at: item.location)
        switch entry.value.scalarText {
        case "true", "True", "TRUE": return (true, rest)
        case "false", "False", "FALSE": return (false, rest)
        default:
            problems.append(.error(at: entry.value.location,
                                   "'remove' must be true or false, not \(entry.value.shapeDescription)",
                                   hint: "remove: true drops the inherited entry with this id"))
            return nil
        }
    }

    /// A new tier goes in before the first tier with a lower `min`, so that
    /// a variant can add a tier between two inherited ones.
    private func tierPosition(_ tier: ConfigNode, in merged: [ConfigNode]) -> Int {
        guard let minimum = tier["min"]?.value.scalarText.flatMap(ConfigNode.parseNumber) else { return merged.count }
        return merged.firstIndex { other in
            guard let otherMin = other["min"]?.value.scalarText.flatMap(ConfigNode.parseNumber) else { return false }
            return otherMin < minimum
        } ?? merged.count
    }

    private func unknownIDHint(_ id: String, in base: [ConfigNode], list: KeyedList) -> String {
        let inherited = base.compactMap { $0[list.key]?.value.scalarText }
        if inherited.isEmpty {
            return "'remove: true' drops an entry inherited through 'extends'; here none is inherited"
        }
        return Suggestions.didYouMean(id, in: inherited)
            ?? "the inherited \(list.key)s here are: \(inherited.joined(separator: ", "))"
    }
}
