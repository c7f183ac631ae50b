/// Why a `results.json` cannot be read as a thidua result, in words:
/// `groups[3].total: expected a number, found a string`.
///
/// ``OutputSnapshot`` puts the file's path in front of it.
public struct ResultsFileProblem: Error, Sendable, CustomStringConvertible {
    /// What is wrong, starting with the place in the document when known.
    public var description: String

    /// Creates a problem from a message.
    /// - Parameter description: What is wrong.
    public init(_ description: String) {
        self.description = description
    }

    /// Translates a decoding error into the document's own terms: a JSON
    /// path (`groups[3].tier`) and the JSON type that was expected.
    /// - Parameter error: What `JSONDecoder` threw.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let place = Self.path(context.codingPath)
            description = place.isEmpty
                ? "the key '\(key.stringValue)' is missing at the top level"
                : "\(place): the key '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let context):
            description = "\(Self.place(context.codingPath)): expected \(Self.jsonType(type))"
        case .valueNotFound(let type, let context):
            description = "\(Self.place(context.codingPath)): expected \(Self.jsonType(type)), found null"
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            description = context.codingPath.isEmpty
                ? "not valid JSON\(detail)"
                : "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            description = "not a thidua results.json"
        }
    }

    /// `groups[3].total` for the coding path of a value.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// The path, or words for the whole document.
    private static func place(_ codingPath: [any CodingKey]) -> String {
        let text = path(codingPath)
        return text.isEmpty ? "the document" : text
    }

    /// The JSON name of the type the reader wanted.
    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type, is Bool?.Type: "true or false"
        case is Int.Type, is Int?.Type: "an integer"
        case is Double.Type, is Double?.Type: "a number"
        case is String.Type, is String?.Type: "a string"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
