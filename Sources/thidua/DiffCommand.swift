import ArgumentParser
import Foundation
import ScoringKit
import ThiDuaEngine

/// `thidua diff`: what changed between two output folders, in committee terms.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two output folders and list the groups whose results changed.",
        usage: "thidua diff <old-dir> <new-dir> [--tolerance <points>] [--json <file>]",
        discussion: """
            Reads <period>/results.json in both folders (the quarters and the year) and \
            reports, per period: totals that moved by more than the tolerance, district \
            and ward rank changes, tier and eligibility changes, awards gained, lost or \
            changed, groups added or removed, and periods found in one folder only. \
            Periods come in order (a year after its quarters), groups by id; the last \
            line sums up. When nothing differs it prints one line, "no differences".

            Use it to check a new run against a trusted one, e.g. in CI:
              thidua run round.yaml --out new && thidua diff trusted new

            Exit status: 0 nothing differs; 1 something differs; 2 an error: a folder \
            missing or not a thidua output, a results.json unreadable or invalid (its \
            path named), or a command-line usage error (2 here, not the 64 of the other \
            commands, so that a script can tell "differs" from "could not compare").

            Examples:
              thidua diff trusted out
              thidua diff trusted out --tolerance 0.01 --json diff.json
            """
    )

    @Argument(help: ArgumentHelp("The trusted output folder (written by `thidua run --out`).", valueName: "old-dir"))
    var oldDir: String?

    @Argument(help: ArgumentHelp("The output folder to check.", valueName: "new-dir"))
    var newDir: String?

    // Both options take "" when given without a value (`defaultAsFlag`),
    // instead of letting ArgumentParser fail with its usage status 64.
    @Option(defaultAsFlag: "", parsing: .next, help: ArgumentHelp(
        "Report a total only when it moved by more than this many points (≥ 0; default 0.005).",
        valueName: "points"))
    var tolerance: String?

    @Option(name: .customLong("json"), defaultAsFlag: "", parsing: .next, help: ArgumentHelp(
        "Also write the differences as JSON to this file (replaced atomically).", valueName: "file"))
    var jsonFile: String?

    /// Anything the options above do not take: reported by `run()`, so that a
    /// usage error exits with 2 rather than ArgumentParser's 64.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    /// The tolerance in points, when `--tolerance` is absent or valid.
    var points: Double? {
        guard let tolerance else { return 0.005 }
        guard let value = Double(tolerance), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// What is wrong with the command line, or `nil`.
    var usageProblem: String? {
        if tolerance == "" {
            // `--tolerance -1`: ArgumentParser takes "-1" for an option.
            let next = unrecognized.first.flatMap { Double($0) == nil ? nil : $0 }
            return "--tolerance needs a number of points ≥ 0" + (next.map { ", not '\($0)'" } ?? "")
        }
        if jsonFile == "" { return "--json needs a file name" }
        if let first = unrecognized.first {
            return first.hasPrefix("-") && first.count > 1
                ? "unknown option '\(first)'" : "unexpected argument '\(first)': give two folders"
        }
        if oldDir == nil { return "missing <old-dir> and <new-dir>: give two output folders" }
        if newDir == nil { return "missing <new-dir>: give two output folders" }
        if points == nil { return "--tolerance needs a number of points ≥ 0, not '\(tolerance ?? "")'" }
        return nil
    }

    // The command line is checked here rather than in `validate()`:
    // ArgumentParser calls `validate()` before it looks for `--help`, and
    // only an error it throws itself is silenced when help was asked for.
    func run() throws {
        guard usageProblem == nil, let oldDir, let newDir, let points else {
            Console.error("error: \(usageProblem ?? "invalid arguments")\n"
                          + "usage: \(Self.configuration.usage ?? "")\n"
                          + "  see 'thidua diff --help' for more information")
            throw ExitCode(2)
        }
        let diff: ResultsDiff
        do {
            // Refused before anything is read: a report inside either folder
            // would replace a file of the results it compares.
            if let jsonFile { try AtomicReportFile.checkPath(jsonFile, apartFrom: [], outside: [oldDir, newDir]) }
            diff = try Self.compare(oldDir, newDir, tolerance: points)
            if let jsonFile { try DiffReport.writeJSON(for: diff, to: jsonFile) }
        } catch let error as DiagnosticError {
            Console.report(error.diagnostics)
            throw ExitCode(2)
        }
        print(DiffReport.text(for: diff), terminator: "")
        // Before the status that says "differences", which skips the check
        // every command gets on success.
        Console.flushStandardOutput(failingWith: 2)
        if diff.differs { throw ExitCode(1) }
    }

    /// Reads both folders, reporting the problems of both at once.
    static func compare(_ oldDir: String, _ newDir: String, tolerance: Double) throws -> ResultsDiff {
        var problems: [Diagnostic] = []
        var snapshots: [OutputSnapshot] = []
        for folder in [oldDir, newDir] {
            do {
                snapshots.append(try OutputSnapshot.read(folder: folder))
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        return ResultsDiff.compare(snapshots[0], snapshots[1], tolerance: tolerance)
    }
}
