import HourglassCore

/// How often one governance rule passed, modified or blocked proposed orders on one UTC day.
public struct ReportRuleDay: Sendable, Equatable {
    /// Midnight UTC of the day.
    public var dayTs: UTCTimestamp
    /// The rule's id (e.g. `total_exposure`).
    public var ruleId: String
    /// Orders the rule passed.
    public var passCount: Int
    /// Orders the rule reduced.
    public var modifyCount: Int
    /// Orders the rule blocked.
    public var blockCount: Int

    /// Creates a day's count for one rule.
    public init(dayTs: UTCTimestamp, ruleId: String, passCount: Int, modifyCount: Int, blockCount: Int) {
        self.dayTs = dayTs
        self.ruleId = ruleId
        self.passCount = passCount
        self.modifyCount = modifyCount
        self.blockCount = blockCount
    }

    /// Every judgement the rule made that day.
    public var totalCount: Int { passCount + modifyCount + blockCount }
}
