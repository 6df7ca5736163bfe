/// Collects the cases of a `select { … }` block. Besides plain cases it accepts `if`, `if let`,
/// `switch` and `for` loops, so a block can add cases conditionally or one per channel.
/// Go: the list of `case` clauses of a `select` statement (Go has no loops there; use
/// `reflect.Select` for that, which `select(cases:)` also mirrors).
@resultBuilder
public enum SelectBuilder {
    // Cases are gathered case by case into one array, made once with room for a few cases, so
    // that a select of up to four cases builds its list with a single allocation.

    /// One case written in the block.
    @inlinable
    public static func buildExpression<Result>(_ selectCase: SelectCase<Result>) -> SelectCase<Result> {
        selectCase
    }

    /// An array of cases written in the block, for example built with `map`.
    @inlinable
    public static func buildExpression<Result>(_ cases: [SelectCase<Result>]) -> [SelectCase<Result>] {
        cases
    }

    /// An empty block is Go's `select {}`: it waits until the task is cancelled.
    @inlinable
    public static func buildBlock() -> [SelectCase<Void>] {
        []
    }

    /// The first case of a block.
    @inlinable
    public static func buildPartialBlock<Result>(first: SelectCase<Result>) -> [SelectCase<Result>] {
        var cases: [SelectCase<Result>] = []
        cases.reserveCapacity(4)
        cases.append(first)
        return cases
    }

    /// The first cases of a block: an array, or the cases of an `if`, `switch` or `for`.
    @inlinable
    public static func buildPartialBlock<Result>(first: [SelectCase<Result>]) -> [SelectCase<Result>] {
        first
    }

    /// One more case of a block.
    @inlinable
    public static func buildPartialBlock<Result>(
        accumulated: consuming [SelectCase<Result>], next: SelectCase<Result>
    ) -> [SelectCase<Result>] {
        var cases = accumulated
        cases.append(next)
        return cases
    }

    /// More cases of a block: an array, or the cases of an `if`, `switch` or `for`.
    @inlinable
    public static func buildPartialBlock<Result>(
        accumulated: consuming [SelectCase<Result>], next: [SelectCase<Result>]
    ) -> [SelectCase<Result>] {
        var cases = accumulated
        cases.append(contentsOf: next)
        return cases
    }

    /// The cases of an `if` without `else`, or none.
    @inlinable
    public static func buildOptional<Result>(_ part: [SelectCase<Result>]?) -> [SelectCase<Result>] {
        part ?? []
    }

    /// The cases of the first branch of an `if`/`else` or `switch`.
    @inlinable
    public static func buildEither<Result>(first part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }

    /// The cases of the second branch of an `if`/`else` or `switch`.
    @inlinable
    public static func buildEither<Result>(second part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }

    /// The cases of every iteration of a `for` loop.
    @inlinable
    public static func buildArray<Result>(_ parts: [[SelectCase<Result>]]) -> [SelectCase<Result>] {
        parts.flatMap { $0 }
    }

    /// The cases inside an `if #available` block.
    @inlinable
    public static func buildLimitedAvailability<Result>(_ part: [SelectCase<Result>]) -> [SelectCase<Result>] {
        part
    }
}
