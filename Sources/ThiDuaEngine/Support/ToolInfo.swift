/// Facts about this build of thidua.
public enum ToolInfo {
    /// The version printed by `thidua --version` and written to `manifest.json`.
    public static let version = "0.1.0"
}
