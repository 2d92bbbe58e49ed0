/// What one hour's cycle returns: the next state, the events to append (in order, `HourClosed`
/// last) and the manifest (also inside `HourClosed`).
public struct HourResult: Sendable {
    /// The state at the close of the hour.
    public var state: EngineState
    /// Output events in emission order; the last is `HourClosed`.
    public var events: [DomainEvent]
    /// The hour's manifest.
    public var manifest: HourManifest
    /// The canonical bytes of `events` before `HourClosed`, index for index: encoded once for the
    /// manifest's output digest and kept, so replay compares them with the log without encoding
    /// the events again.
    public var outputEventBytes: [[UInt8]]
}
