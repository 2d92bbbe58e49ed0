/// When and on what the shell retrains the ensemble (`retrain`): at the run's first hour and every
/// `everyHours` after it, on the `trainingWindowHours` hours strictly before the retrain hour.
///
/// Written into the configuration's bytes only when the strategy names ensemble models, so a rule-model
/// configuration keeps its hash.
public struct RetrainSettings: Sendable, Hashable {
    /// Hours between retrainings (720 = 30 days).
    public var everyHours: Int
    /// Hours of bars the samples are built from, ending the hour before the retrain hour.
    public var trainingWindowHours: Int
    /// Purged groups of the out-of-fold predictions the meta-learner fits on.
    public var outOfFoldGroups: Int
    /// Seed of every model's training (trees, sequence models, subsets).
    public var seed: UInt32

    /// Creates settings.
    public init(everyHours: Int, trainingWindowHours: Int, outOfFoldGroups: Int, seed: UInt32) {
        self.everyHours = everyHours
        self.trainingWindowHours = trainingWindowHours
        self.outOfFoldGroups = outOfFoldGroups
        self.seed = seed
    }

    /// Every 30 days on the last 180 days.
    public static let `default` = RetrainSettings(
        everyHours: 720, trainingWindowHours: 4320, outOfFoldGroups: 4, seed: 20_260_101)

    /// True when `hourTs` is a retrain hour of a run starting at `startHourTs`.
    public func isRetrainHour(_ hourTs: UTCTimestamp, startHourTs: UTCTimestamp) -> Bool {
        let hours = (hourTs.secondsSinceEpoch - startHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
        return hours >= 0 && hours % Int64(everyHours) == 0
    }

    /// The latest retrain hour at or before `hourTs` (nil before the run starts).
    public func retrainHour(atOrBefore hourTs: UTCTimestamp, startHourTs: UTCTimestamp) -> UTCTimestamp? {
        let hours = (hourTs.secondsSinceEpoch - startHourTs.secondsSinceEpoch) / UTCTimestamp.secondsPerHour
        guard hours >= 0 else { return nil }
        return startHourTs.adding(hours: hours - hours % Int64(everyHours))
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(int: everyHours)
        writer.write(int: trainingWindowHours)
        writer.write(int: outOfFoldGroups)
        writer.write(unsigned: UInt64(seed))
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> RetrainSettings {
        let every = try reader.readInt()
        let window = try reader.readInt()
        let groups = try reader.readInt()
        let seed = try reader.readUnsigned()
        guard every > 0, window > 0, groups >= 2, seed <= UInt64(UInt32.max) else {
            throw .invalidValue("RetrainSettings out of range")
        }
        return RetrainSettings(
            everyHours: every, trainingWindowHours: window, outOfFoldGroups: groups,
            seed: UInt32(seed))
    }

    var json: JSONValue {
        .object([
            "every_hours": .int(Int64(everyHours)), "training_window_hours": .int(Int64(trainingWindowHours)),
            "out_of_fold_groups": .int(Int64(outOfFoldGroups)), "seed": .int(Int64(seed)),
        ])
    }

    func overlaid(with object: ConfigObject) throws(EngineConfigError) -> RetrainSettings {
        try object.check(allowed: ["every_hours", "training_window_hours", "out_of_fold_groups", "seed"])
        let seed = try object.int("seed", Int(self.seed), range: 0...Int(UInt32.max))
        return RetrainSettings(
            everyHours: try object.int("every_hours", everyHours, range: 1...87_600),
            trainingWindowHours: try object.int("training_window_hours", trainingWindowHours, range: 48...87_600),
            outOfFoldGroups: try object.int("out_of_fold_groups", outOfFoldGroups, range: 2...16),
            seed: UInt32(seed))
    }
}
