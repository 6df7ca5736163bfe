/// Collects the cases of a `select { … }` block. Besides plain cases it accepts `if`, `if let`,
/// `switch` and `for` loops, so a block can add cases conditionally or one per channel.
@resultBuilder
public enum SelectBuilder {
    @inlinable
    public static func buildExpression<Result>(_ selectCase: SelectCase<Result>) -> [SelectCase<Result>] {
        [selectCase]
    }

    @inlinable
    public static func buildExpression<Result>(_ cases: [SelectCase<Result>]) -> [SelectCase<Result>] {
        cases
    }

    /// An empty block is Go's `select {}`: it waits until the task is cancelled.
    @inlinable
    public static func buildBlock() -> [SelectCase<Void>] {
        []
    }

    @inlinable
    public static func buildBlock<Result>(_ parts: [SelectCase<Result>]...) -> [SelectCase<Result>] {
        parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    }

    @inlinable
    public static func buildOptional<Result>(_ part: [SelectCase<Result>]?) -> [SelectCase<Result>] {
        part ?? []
    }

    @inlinable
    public static func buildEither<Result>(first part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }

    @inlinable
    public static func buildEither<Result>(second part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }

    @inlinable
    public static func buildArray<Result>(_ parts: [[SelectCase<Result>]]) -> [SelectCase<Result>] {
        parts.flatMap { $0 }
    }

    @inlinable
    public static func buildLimitedAvailability<Result>(_ part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }
}
