import ArgumentParser
import Foundation
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

    /// Parses the command line and runs the command, as ArgumentParser's
    /// own `main()` does, but a `ValidationError` thrown while the command
    /// runs — an option found not to fit the round once it is read, such as
    /// a `--period` or `--award` it does not have — is a usage error of that
    /// subcommand: printed with its usage line (not the bare `thidua
    /// <subcommand>`), exit status 64. And a command whose standard output
    /// could not be written ends with status 1, not 0.
    static func main() {
        MemoryPolicy.keepFreedMemory()
        Console.bufferStandardOutput()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
            Console.flushStandardOutput()
        } catch let error as ValidationError {
            let subcommand = type(of: command)
            let name = subcommand.configuration.commandName.map { " " + $0 } ?? ""
            FileHandle.standardError.write(Data("""
                Error: \(error.message)
                Usage: \(usageString(for: subcommand))
                  See 'thidua\(name) --help' for more information.

                """.utf8))
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }
}
