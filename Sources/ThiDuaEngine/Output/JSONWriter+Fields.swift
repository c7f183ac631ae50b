/// `"key": value` in one call, for the hand-written JSON of the manifest and
/// the reports (diff, compare, explain, sensitivity), whose keys come in a
/// fixed order.
extension JSONWriter {
    /// `"key": "text"`.
    mutating func field(_ key: String, _ text: String) {
        self.key(key)
        string(text)
    }

    /// `"key": "text"`, or `null`.
    mutating func field(_ key: String, _ text: String?) {
        self.key(key)
        if let text { string(text) } else { null() }
    }

    /// `"key": number` at full precision (`null` when not finite).
    mutating func field(_ key: String, _ value: Double) {
        self.key(key)
        number(value)
    }

    /// `"key": number`, or `null`.
    mutating func field(_ key: String, _ value: Double?) {
        self.key(key)
        if let value { number(value) } else { null() }
    }

    /// `"key": integer`.
    mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        integer(value)
    }

    /// `"key": integer`, or `null`.
    mutating func field(_ key: String, _ value: Int?) {
        self.key(key)
        if let value { integer(value) } else { null() }
    }

    /// `"key": true` or `false`.
    mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// `"key": true` or `false`, or `null`.
    mutating func field(_ key: String, _ value: Bool?) {
        self.key(key)
        if let value { bool(value) } else { null() }
    }

    /// `"key": ["text", …]`.
    mutating func field(_ key: String, _ texts: [String]) {
        self.key(key)
        strings(texts)
    }
}
