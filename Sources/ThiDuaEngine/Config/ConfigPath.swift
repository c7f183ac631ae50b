#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Path arithmetic for configs that name other files (`extends`,
/// `round.data`), on `/`-separated paths as the user wrote them.
enum ConfigPath {
    /// The folder part of `path`: `Configs` for `Configs/x.yaml`, `""` for
    /// `x.yaml`, `/` for `/x.yaml`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `name` seen from `directory`: as it is when absolute or when the
    /// folder is the current one, otherwise `directory/name`.
    static func join(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") || directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `path` with `.` components dropped and each `folder/..` folded away,
    /// by text alone; `"."` for a path that folds to nothing.
    static func folded(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute, parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The file's real absolute path (symbolic links and `..` resolved by
    /// the file system), to tell whether two paths name the same file, and
    /// where a report written to `path` lands. For a file that does not
    /// exist (yet: a report about to be written): the same for the file a
    /// symbolic link there names, or else its folder's real path and its
    /// name; the folded absolute path when the folder does not exist
    /// either.
    static func canonical(_ path: String) -> String {
        canonical(path, linksFollowed: 0)
    }

    private static func canonical(_ path: String, linksFollowed: Int) -> String {
        if let resolved = realPath(path) { return resolved }
        let absolute = join(FileManager.default.currentDirectoryPath, path)
        // A link to a file not made yet: the file it names (as many links
        // as `realpath` itself follows, so a loop of links ends).
        if linksFollowed < 40, let target = linkTarget(absolute) {
            return canonical(join(directory(of: absolute), target), linksFollowed: linksFollowed + 1)
        }
        // The folder as the file system finds it: `link/..` is the link's
        // target's parent, not the folder the link is in.
        let name = absolute.split(separator: "/").last.map(String.init) ?? ""
        if !name.isEmpty, name != ".", name != "..", let folder = realPath(directory(of: absolute)) {
            return join(folder, name)
        }
        return folded(absolute)
    }

    /// What the symbolic link at `path` holds, or `nil` when `path` is not
    /// one.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `realpath(3)` of `path`, or `nil` when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path that leads from folder `from` to folder `to`, e.g. `..` from
    /// `Configs/variants` to `Configs`; `""` when they are the same folder.
    ///
    /// Both are folded first; when `from` climbs above where `to` branches
    /// off (`..` left over), `to` is returned absolute.
    static func relative(from: String, to: String) -> String {
        var source = folded(from), target = folded(to)
        if source.hasPrefix("/") != target.hasPrefix("/") {
            let current = FileManager.default.currentDirectoryPath
            source = folded(join(current, source))
            target = folded(join(current, target))
        }
        let sourceParts = source.split(separator: "/").filter { $0 != "." }
        let targetParts = target.split(separator: "/").filter { $0 != "." }
        var common = 0
        while common < sourceParts.count, common < targetParts.count, sourceParts[common] == targetParts[common] {
            common += 1
        }
        let climb = sourceParts[common...]
        if climb.contains("..") {
            return folded(join(FileManager.default.currentDirectoryPath, target))
        }
        let parts = Array(repeating: "..", count: climb.count) + targetParts[common...].map(String.init)
        return parts.joined(separator: "/")
    }
}
