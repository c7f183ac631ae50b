import BandsPlugin
import BonusPlugin
import DeductionPlugin
import GatePlugin
import ImprovementPlugin
import LinearPlugin
import MinMaxPlugin
import ScoringKit

/// The scoring plugins that ship with `thidua`.
///
/// Swift has no self-registration, so this list is the one place a built-in
/// plugin is wired in: the CLI hands it to the engine, which never imports a
/// plugin module. To add a plugin, create its target under `Plugins/`, add it
/// to `Package.swift` and append its type here.
public enum BuiltinPlugins {
    /// Every built-in plugin type: linear, bands, minmax, improvement, bonus,
    /// deduction, gate. Names are unique; the order is the one `thidua
    /// plugins` lists them in.
    public static let all: [any ScoringPlugin.Type] = [
        LinearPlugin.self,
        BandsPlugin.self,
        MinMaxPlugin.self,
        ImprovementPlugin.self,
        BonusPlugin.self,
        DeductionPlugin.self,
        GatePlugin.self,
    ]
}
