import ArgumentParser
import BuiltinPlugins
import ScoringKit

/// `thidua plugins`: what each registered scoring plugin computes and takes.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the scoring plugins with their parameters.",
        discussion: """
            Each plugin is named in a config entry with `plugin: NAME`; its parameters sit \
            beside the core keys id, title, plugin and weight.

            Example:
              thidua plugins
            """
    )

    func run() throws {
        var lines: [String] = []
        for type in BuiltinPlugins.all {
            let descriptor = type.descriptor
            lines.append("\(descriptor.name) \(descriptor.version)  [\(descriptor.role.rawValue), under '\(descriptor.role.section)']")
            lines.append("  \(descriptor.summary)")
            for parameter in descriptor.parameters {
                let value = parameter.defaultValue.map { "default \($0)" } ?? "required"
                lines.append("  - \(parameter.name) (\(value)): \(parameter.meaning)")
            }
            lines.append("")
        }
        print(lines.joined(separator: "\n"), terminator: "")
    }
}
