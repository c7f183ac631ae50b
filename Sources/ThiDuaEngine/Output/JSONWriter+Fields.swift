/// `"key": value` in one call, for the hand-written JSON of the manifest and
/// the reports (diff, compare, explain, sensitivity), whose keys come in a
/// fixed order.
extension JSONWriter {
    /// `"key": value`, or `"key": null` for no value: a string, a number at
    /// full precision (`null` when not finite), an integer, `true`/`false`
    /// or an array of strings (see `JSONFieldValue`).
    mutating func field<Value: JSONFieldValue>(_ key: String, _ value: Value?) {
        self.key(key)
        if let value { value.write(to: &self) } else { null() }
    }
}

/// A value `JSONWriter.field(_:_:)` writes, each with the writer's own call.
protocol JSONFieldValue {
    /// Writes the value where the writer stands.
    func write(to writer: inout JSONWriter)
}

extension String: JSONFieldValue {
    func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Double: JSONFieldValue {
    func write(to writer: inout JSONWriter) { writer.number(self) }
}

extension Int: JSONFieldValue {
    func write(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Bool: JSONFieldValue {
    func write(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Array: JSONFieldValue where Element == String {
    func write(to writer: inout JSONWriter) { writer.strings(self) }
}
