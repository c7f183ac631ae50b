/// A place in a user's file: the file path as the user gave it, a 1-based
/// line and a 1-based column counted in Unicode scalars.
///
/// Every error about user input carries one so that it can be printed as
/// `file:line:column: error: …`, the form editors and CI logs link to.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    /// Line number, starting from 1.
    public var line: Int
    /// Column number, starting from 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
