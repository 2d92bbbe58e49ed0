import HourglassCore

/// When the shell retrains, and which samples each retraining may see.
///
/// Retrain hours are `firstRetrainHourTs + n × retrainEveryHours` up to `endHourTs`. A model trained at R
/// uses only samples whose label is known by R (`availableHourTs ≤ R`: the purge, so no label window
/// reaches into the test period) and whose entry is more than `embargoHours` before R (the embargo,
/// against features that overlap the test period's first hours). It predicts the entries in [R, next R).
public struct WalkForwardSchedule: Sendable, Hashable {
    /// The default: retrain every 30 days.
    public static let retrainEveryHoursDefault: Int64 = 30 * 24
    /// The default embargo: one day.
    public static let embargoHoursDefault: Int64 = 24

    /// The first retrain hour.
    public var firstRetrainHourTs: UTCTimestamp
    /// The end of the run (exclusive): the last fold's test period stops here.
    public var endHourTs: UTCTimestamp
    public var retrainEveryHours: Int64
    public var embargoHours: Int64

    /// A schedule; traps on a non-positive period, a negative embargo or an empty run.
    public init(
        firstRetrainHourTs: UTCTimestamp, endHourTs: UTCTimestamp,
        retrainEveryHours: Int64 = retrainEveryHoursDefault, embargoHours: Int64 = embargoHoursDefault
    ) {
        precondition(retrainEveryHours > 0 && embargoHours >= 0, "retrain period > 0, embargo ≥ 0")
        precondition(firstRetrainHourTs < endHourTs && firstRetrainHourTs.isOnHour, "the run must start on an hour")
        self.firstRetrainHourTs = firstRetrainHourTs
        self.endHourTs = endHourTs
        self.retrainEveryHours = retrainEveryHours
        self.embargoHours = embargoHours
    }

    /// Every retrain hour, ascending.
    public var retrainHours: [UTCTimestamp] {
        var hours: [UTCTimestamp] = []
        var hour = firstRetrainHourTs
        while hour < endHourTs {
            hours.append(hour)
            hour = hour.adding(hours: retrainEveryHours)
        }
        return hours
    }

    /// Whether a sample may train the model of retrain hour `retrainHourTs`.
    public func mayTrain(_ sample: SampleSpan, retrainHourTs: UTCTimestamp) -> Bool {
        sample.availableHourTs <= retrainHourTs && sample.entryHourTs < retrainHourTs.adding(hours: -embargoHours)
    }

    /// The folds over `samples` (any order; indices refer to it). A fold is listed even when it has no test samples.
    public func folds(_ samples: [SampleSpan]) -> [WalkForwardFold] {
        retrainHours.map { retrain in
            let next = min(retrain.adding(hours: retrainEveryHours), endHourTs)
            let train = samples.indices.filter { mayTrain(samples[$0], retrainHourTs: retrain) }
            let test = samples.indices.filter { samples[$0].entryHourTs >= retrain && samples[$0].entryHourTs < next }
            return WalkForwardFold(
                retrainHourTs: retrain, nextRetrainHourTs: next, trainIndices: train,
                testIndices: test)
        }
    }
}
