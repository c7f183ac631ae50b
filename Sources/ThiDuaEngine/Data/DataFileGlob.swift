#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ScoringKit

/// Turns the data files a round names into the files to read: a plain path
/// as it is, a glob pattern (`data/2020-Q*.csv`) into the files it matches.
///
/// Patterns are POSIX `glob(3)`: `*`, `?` and `[…]` match within one path
/// component, in any component; a backslash makes the next character
/// literal. Matches are sorted by the bytes of their paths (as
/// `LC_ALL=C ls` sorts), not by the locale, so every machine reads the
/// files in the same order; folders a pattern matches are skipped. A name
/// with pattern characters that matches nothing but is itself an existing
/// file (`Báo cáo [2020]/data.csv`) is read as that file.
enum DataFileGlob {
    /// The characters that make a name a pattern.
    private static let metacharacters: Set<Character> = ["*", "?", "["]

    /// Whether `name` is a pattern rather than a plain path.
    ///
    /// - Parameter name: A data file as the user wrote it.
    /// - Returns: `true` when it holds `*`, `?` or `[`.
    static func isPattern(_ name: String) -> Bool {
        name.contains { metacharacters.contains($0) }
    }

    /// `text` with every pattern character and backslash escaped, so that
    /// a folder such as `[draft]` in front of a pattern matches itself.
    ///
    /// - Parameter text: A literal path.
    /// - Returns: A pattern that matches exactly `text`.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if metacharacters.contains(character) || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Expands every pattern among `references`, in order, and drops a file
    /// named a second time (a list and a pattern may both name it).
    ///
    /// - Parameter references: The data files of the round or of `--data`.
    /// - Returns: Plain files, each once, in the order named; a pattern's
    ///   matches sorted, each with the pattern's config location.
    /// - Throws: `DiagnosticError` with one error per pattern that matches
    ///   no file, at the pattern's place in the config when it has one.
    static func expand(_ references: [DataFileReference]) throws -> [DataFileReference] {
        var files: [DataFileReference] = []
        var seen: Set<String> = []
        var problems: [Diagnostic] = []
        for reference in references {
            let found: [DataFileReference]
            if reference.isPattern {
                let paths: [String]
                do throws(DataFileError) {
                    paths = try matches(of: reference.path)
                } catch {
                    problems.append(.error(at: reference.location,
                                           "cannot expand the pattern '\(reference.displayPath)': \(error.reason)"))
                    continue
                }
                if paths.isEmpty && isRegularFile(reference.displayPath) {
                    // A folder like "Báo cáo [2020]" is a name, not a pattern.
                    found = [DataFileReference(path: reference.displayPath, displayPath: reference.displayPath,
                                               location: reference.location)]
                } else if paths.isEmpty {
                    problems.append(noMatch(reference))
                    continue
                } else {
                    found = paths.map { DataFileReference(path: $0, displayPath: $0, location: reference.location) }
                }
            } else {
                found = [reference]
            }
            for file in found where seen.insert(file.path).inserted {
                files.append(file)
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return files
    }

    /// The error for a pattern that matched nothing.
    private static func noMatch(_ reference: DataFileReference) -> Diagnostic {
        let pattern = reference.displayPath
        if reference.location == nil {
            return .error(at: nil, "--data '\(pattern)': no file matches the pattern",
                          hint: "a pattern given with --data is relative to the current folder")
        }
        return .error(at: reference.location, "no data file matches the pattern '\(pattern)'",
                      hint: "a pattern in 'data' is relative to the config's folder; "
                          + "'*', '?' and '[…]' match within one path component")
    }

    /// Whether `path` names an existing regular file (following links).
    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The paths `pattern` matches, byte-sorted, folders left out; empty
    /// when nothing matches.
    private static func matches(of pattern: String) throws(DataFileError) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        // GLOB_MARK appends "/" to folders so they can be told apart without
        // another stat; GLOB_NOSORT because glob's own order follows the
        // locale's collation.
        let status = glob(pattern, GLOB_MARK | GLOB_NOSORT, nil, &result)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw DataFileError(errorNumber: status == GLOB_NOSPACE ? ENOMEM : EIO) }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let path = result.gl_pathv[index] else { continue }
            let text = String(cString: path)
            if !text.hasSuffix("/") { paths.append(text) }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
