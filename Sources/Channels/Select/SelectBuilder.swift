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
    // The cases are gathered into a `SelectCaseList`, which holds up to four of them inline: a
    // select of up to four cases (a written one, or a loop over up to four channels) makes no
    // array.

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
    public static func buildFinalResult(_ cases: SelectCaseList<Result>) -> SelectCaseList<Result> {
        cases
    }
}

/// The cases of a `select { … }` block, or of part of one, as `SelectBuilder` gathers them: up
/// to four held inline, more in an array. Write cases, not this type.
public struct SelectCaseList<Result>: RandomAccessCollection {
    @usableFromInline
    enum Storage {
        case none
        case one(SelectCase<Result>)
        case two(SelectCase<Result>, SelectCase<Result>)
        case three(SelectCase<Result>, SelectCase<Result>, SelectCase<Result>)
        case four(SelectCase<Result>, SelectCase<Result>, SelectCase<Result>, SelectCase<Result>)
        case many([SelectCase<Result>])
    }

    @usableFromInline var storage: Storage

    @inlinable
    init(_ storage: Storage) { self.storage = storage }

    @inlinable
    init(_ cases: some Collection<SelectCase<Result>>) {
        var iterator = cases.makeIterator()
        switch cases.count {
        case 0: storage = .none
        case 1: storage = .one(iterator.next()!)
        case 2: storage = .two(iterator.next()!, iterator.next()!)
        case 3: storage = .three(iterator.next()!, iterator.next()!, iterator.next()!)
        case 4: storage = .four(iterator.next()!, iterator.next()!, iterator.next()!, iterator.next()!)
        default: storage = .many(Array(cases))
        }
    }

    @inlinable public var startIndex: Int { 0 }

    @inlinable
    public var endIndex: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .two: 2
        case .three: 3
        case .four: 4
        case .many(let cases): cases.count
        }
    }

    @inlinable
    public subscript(position: Int) -> SelectCase<Result> {
        switch (storage, position) {
        case (.one(let a), 0), (.two(let a, _), 0), (.three(let a, _, _), 0), (.four(let a, _, _, _), 0): a
        case (.two(_, let b), 1), (.three(_, let b, _), 1), (.four(_, let b, _, _), 1): b
        case (.three(_, _, let c), 2), (.four(_, _, let c, _), 2): c
        case (.four(_, _, _, let d), 3): d
        case (.many(let cases), _): cases[position]
        default: preconditionFailure("select case index out of range")
        }
    }

    /// Appends `other`'s cases, inline while there are at most four.
    @inlinable
    mutating func append(_ other: SelectCaseList<Result>) {
        switch (storage, other.storage) {
        case (_, .none): return
        case (.none, _): storage = other.storage
        case (.one(let a), .one(let b)): storage = .two(a, b)
        case (.one(let a), .two(let b, let c)): storage = .three(a, b, c)
        case (.two(let a, let b), .one(let c)): storage = .three(a, b, c)
        case (.one(let a), .three(let b, let c, let d)): storage = .four(a, b, c, d)
        case (.two(let a, let b), .two(let c, let d)): storage = .four(a, b, c, d)
        case (.three(let a, let b, let c), .one(let d)): storage = .four(a, b, c, d)
        default:
            var cases = Array(self)
            cases.append(contentsOf: other)
            storage = .many(cases)
        }
    }
}
