import ArgumentParser

/// `--account-id`, shared by every command that acts on an account.
struct AccountOptions: ParsableArguments {
    /// Longest account id the log accepts.
    static let accountIdLengthMax = 64

    @Option(help: "The account (1 to 64 characters).")
    var accountId: String

    func validate() throws {
        if accountId.isEmpty || accountId.count > Self.accountIdLengthMax {
            throw ValidationError("Please specify an --account-id of 1 to \(Self.accountIdLengthMax) characters.")
        }
    }
}
