import ScoringKit

/// The plugin types a run may use, by name.
///
/// The engine never imports a plugin module: the CLI builds the registry from
/// its one list of built-in plugins and hands it in.
public struct PluginRegistry: Sendable {
    /// The registered types, in the order given.
    public let types: [any ScoringPlugin.Type]

    /// Creates a registry.
    /// - Precondition: no two types share a name.
    public init(_ types: [any ScoringPlugin.Type]) {
        let names = types.map { $0.descriptor.name }
        precondition(Set(names).count == names.count, "plugin names must be unique: \(names)")
        self.types = types
    }

    /// The registered names, in registration order.
    public var names: [String] { types.map { $0.descriptor.name } }

    /// The type registered as `name`.
    public func type(named name: String) -> (any ScoringPlugin.Type)? {
        types.first { $0.descriptor.name == name }
    }

    /// The names registered for `role`.
    public func names(for role: PluginRole) -> [String] {
        types.filter { $0.descriptor.role == role }.map { $0.descriptor.name }
    }
}
