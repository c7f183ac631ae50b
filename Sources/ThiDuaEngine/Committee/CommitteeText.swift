import Foundation
import ScoringKit

/// Number and table formatting shared by the committee reports (`compare`,
/// `explain`): points with two decimals as in the CSV files, signed changes
/// with a true minus sign, Markdown tables with escaped cells.
enum CommitteeText {
    /// Points with two decimals (C's `printf("%.2f")` rounding); `—` for none.
    static func points(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return TwoDecimals.string(x)
    }

    /// A change with its sign, `+0.37` or `−0.09`, two decimals; `0.00` for none.
    static func signed(_ x: Double) -> String {
        let text = TwoDecimals.string(abs(x))
        if text == "0.00" { return text }
        return (x < 0 ? "−" : "+") + text
    }

    /// An integer change with its sign: `+7`, `−3`, `0`.
    static func signed(_ x: Int) -> String {
        x > 0 ? "+\(x)" : (x < 0 ? "−\(-x)" : "0")
    }

    /// A value read from the data or a config: the shortest exact form
    /// (`3`, `0.95`, `1e-05`).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x < 0 ? "−∞" : "∞") }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// A measure's x or an achievement: up to 4 decimals (or `decimals`),
    /// trailing zeros cut.
    static func short(_ x: Double, decimals: Int = 4) -> String {
        guard x.isFinite else { return number(x) }
        var text = String(format: "%.\(decimals)f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A correlation with 4 decimals, or `n/a` when undefined.
    static func correlation(_ x: Double?) -> String {
        guard let x else { return "n/a" }
        return String(format: "%.4f", x)
    }

    /// `old → new`, `—` standing for none.
    static func arrow<T>(_ change: ValueChange<T>, _ show: (T) -> String) -> String {
        (change.old.map(show) ?? "—") + " → " + (change.new.map(show) ?? "—")
    }

    /// `1 group`, `2 groups`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A Markdown table: the header, the separator, one line per row; cells
    /// escaped for a table (`|`, line breaks).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(ReportMarkdown.cell).joined(separator: " | ") + " |\n"
        }
        return line(header) + "|" + String(repeating: "---|", count: header.count) + "\n"
            + rows.map(line).joined()
    }

    /// A parameter value as written in YAML, on one line: scalars as they
    /// are (quoted ones in quotes), lists `[a, b]`, mappings `{k: v}`.
    static func flow(_ node: ConfigNode) -> String {
        switch node.kind {
        case .scalar(let text, let quoted): return quoted ? "\"\(text)\"" : text
        case .sequence(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\($0.key): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
