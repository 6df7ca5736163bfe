/// Collects the cases of a `select { … }` block. Besides plain cases it accepts `if`, `if let`,
/// `switch` and `for` loops, so a block can add cases conditionally or one per channel.
/// Go: the list of `case` clauses of a `select` statement (Go has no loops there; use
/// `reflect.Select` for that, which `select(cases:)` also mirrors).
///
/// The builder is generic over the select's result, so the result type flows from the context
/// into every case: in `let v: Int? = try await select { receive(from: c) { $0 }; otherwise { nil } }`
/// both handlers are checked against `Int?`. Without a context, the first case that settles the
/// type settles it for the others.
@resultBuilder
public enum SelectBuilder<Result> {
    // The cases are gathered into one array, made once with room for a few cases. A single case
    // (a written case, or one loop iteration's) travels as a `SelectCaseList` holding it
    // inline, so that neither a four-case select nor a loop over four channels allocates an
    // array per case.

    /// One case written in the block.
    @inlinable
    public static func buildExpression(_ selectCase: SelectCase<Result>) -> SelectCaseList<Result> {
        SelectCaseList(.one(selectCase))
    }

    /// An array of cases written in the block, for example built with `map`.
    @inlinable
    public static func buildExpression(_ cases: [SelectCase<Result>]) -> SelectCaseList<Result> {
        SelectCaseList(.many(cases))
    }

    /// An empty block is Go's `select {}`: it waits until the task is cancelled.
    @inlinable
    public static func buildBlock() -> SelectCaseList<Result> {
        SelectCaseList(.none)
    }

    /// The first cases of a block.
    @inlinable
    public static func buildPartialBlock(first: SelectCaseList<Result>) -> SelectCaseList<Result> {
        first
    }

    /// More cases of a block.
    @inlinable
    public static func buildPartialBlock(
        accumulated: consuming SelectCaseList<Result>, next: SelectCaseList<Result>
    ) -> SelectCaseList<Result> {
        // `consume`: the parameter would otherwise keep its array alive, and the append below
        // would copy it.
        var cases = consume accumulated
        cases.append(next)
        return cases
    }

    /// The cases of an `if` without `else`, or none.
    @inlinable
    public static func buildOptional(_ part: SelectCaseList<Result>?) -> SelectCaseList<Result> {
        part ?? SelectCaseList(.none)
    }

    /// The cases of the first branch of an `if`/`else` or `switch`.
    @inlinable
    public static func buildEither(first part: SelectCaseList<Result>) -> SelectCaseList<Result> {
        part
    }

    /// The cases of the second branch of an `if`/`else` or `switch`.
    @inlinable
    public static func buildEither(second part: SelectCaseList<Result>) -> SelectCaseList<Result> {
        part
    }

    /// The cases of every iteration of a `for` loop.
    @inlinable
    public static func buildArray(_ parts: [SelectCaseList<Result>]) -> SelectCaseList<Result> {
        var cases = SelectCaseList<Result>(.none)
        cases.reserve(parts.count)
        for part in parts { cases.append(part) }
        return cases
    }

    /// The cases inside an `if #available` block.
    @inlinable
    public static func buildLimitedAvailability(_ part: SelectCaseList<Result>) -> SelectCaseList<Result> {
        part
    }

    /// The block's cases, as `select` takes them.
    @inlinable
    public static func buildFinalResult(_ cases: SelectCaseList<Result>) -> [SelectCase<Result>] {
        cases.array
    }
}

/// The cases of part of a `select { … }` block, as `SelectBuilder` gathers them: none, one
/// held inline, or an array. Write cases, not this type.
public struct SelectCaseList<Result> {
    @usableFromInline
    enum Storage {
        case none
        case one(SelectCase<Result>)
        case many([SelectCase<Result>])
    }

    @usableFromInline var storage: Storage

    @inlinable
    init(_ storage: Storage) { self.storage = storage }

    /// Makes room for `count` more cases (an estimate).
    @inlinable
    mutating func reserve(_ count: Int) {
        switch storage {
        case .none:
            var cases: [SelectCase<Result>] = []
            cases.reserveCapacity(Swift.max(count, 4))
            storage = .many(cases)
        case .one(let first):
            var cases: [SelectCase<Result>] = []
            cases.reserveCapacity(Swift.max(count + 1, 4))
            cases.append(first)
            storage = .many(cases)
        case .many:
            break
        }
    }

    @inlinable
    mutating func append(_ other: SelectCaseList<Result>) {
        if case .none = other.storage { return }
        var cases: [SelectCase<Result>]
        switch storage {
        case .none:
            storage = other.storage
            return
        case .one(let first):
            cases = []
            cases.reserveCapacity(4)
            cases.append(first)
        case .many(let existing):
            cases = existing
        }
        storage = .none  // leave `cases` the array's only reference while it grows
        switch other.storage {
        case .one(let next): cases.append(next)
        case .many(let next): cases.append(contentsOf: next)
        case .none: break
        }
        storage = .many(cases)
    }

    @inlinable
    var array: [SelectCase<Result>] {
        switch storage {
        case .none: []
        case .one(let only): [only]
        case .many(let cases): cases
        }
    }
}
