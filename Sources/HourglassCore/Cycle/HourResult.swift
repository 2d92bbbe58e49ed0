/// What one hour's cycle returns: the next state, the events to append (in order, `HourClosed`
/// last) and the manifest (also inside `HourClosed`).
public struct HourResult: Sendable {
    /// The state at the close of the hour.
    public var state: EngineState
    /// Output events in emission order; the last is `HourClosed`.
    public var events: [DomainEvent]
    /// The hour's manifest.
    public var manifest: HourManifest
}
