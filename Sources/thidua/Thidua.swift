import ArgumentParser
import ThiDuaEngine

/// `thidua`: runs emulation award rounds (thi đua khen thưởng) for the
/// residential groups of a district.
@main
struct Thidua: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Score, rank and award the residential groups of a district, quarter by quarter.",
        discussion: """
            A round config (YAML) names the data (CSV), the scoring plugins and their \
            parameters, the tiers and the awards. `thidua run` writes the ranked lists.

            Exit status: 0 success; 1 the config, the data or the output folder has a \
            problem (each printed as file:line:column: error: …); 64 a command-line usage error. \
            `thidua diff` has its own: 0 no differences, 1 differences, 2 an error.
            """,
        version: ToolInfo.version,
        subcommands: [RunCommand.self, ValidateCommand.self, DiffCommand.self, CompareCommand.self, ExplainCommand.self, SensitivityCommand.self, PluginsCommand.self, GenerateCommand.self]
    )
}
